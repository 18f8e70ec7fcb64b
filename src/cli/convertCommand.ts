/** `evalgap convert <files…> --out runs.parquet [--items]`: cache a log as Parquet, records or the item table. */
import { resolve } from "node:path";
import { itemTableFromRecords } from "../analysis/itemTable.js";
import { formatCount } from "../analysis/format.js";
import { isItemTable } from "../runs/itemTable.js";
import { UsageError, parseCommand, requiredString } from "./args.js";
import type { Io } from "./io.js";
import { readRecords } from "./readRecords.js";
import { INPUT_FLAGS, INPUT_HELP, readInput } from "./readInput.js";

export const CONVERT_HELP = `evalgap convert — read a log once (any format evalgap reads) and write it as Parquet

Usage: evalgap convert <files…> --out runs.parquet            (the records)
       evalgap convert <files…> --out items.parquet --items    (the item table)

  --out FILE.parquet   where to write
  --items              write the item table instead of the records: one row per (condition,
                       item) with condition, item, cluster, choices, target, answered, sum,
                       sum_squares, refused, errors, and answers, a list of {answer, status, n}
                       (status 0 answered, 1 refused, 2 error): all any analysis needs, read back
                       by evalgap summarize|chance|compare items.parquet
Records are written with the RunRecord fields as columns (item, condition, score, sample, cluster,
model, answer, target, choices, refused, error); meta, free-form, is left out.

${INPUT_HELP}`;

export async function convertCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(argv, { ...INPUT_FLAGS, out: { type: "string" }, items: { type: "boolean" } });
  if (values.help) {
    io.out(CONVERT_HELP);
    return 0;
  }
  const out = requiredString(values, "out");
  if (!/\.parquet$/i.test(out)) throw new UsageError(`--out must name a .parquet file, got ${JSON.stringify(out)}`);
  if (positionals.some((f) => resolve(f) === resolve(out))) throw new UsageError(`--out ${out} is also an input; write elsewhere`);
  const { writeItemTableParquet, writeRecordsParquet } = await import("../runs/writeParquet.js");
  if (values.items === true) {
    const input = await readInput(positionals, values, io);
    const table = isItemTable(input) ? input : itemTableFromRecords(input);
    await writeItemTableParquet(table, out);
    io.out(`wrote ${out}: ${formatCount(table.condition.length)} (condition, item) rows, ${formatCount(table.conditions.length)} conditions`);
    return 0;
  }
  if (values.engine !== undefined) throw new UsageError("--engine chooses how the item table is made; records are always read by the JS loaders (give --items, or drop --engine)");
  const records = await readRecords(positionals, values, io);
  const withMeta = await writeRecordsParquet(records, out);
  const meta = withMeta > 0 ? `; meta left out (${formatCount(withMeta)} records had it)` : "";
  io.out(`wrote ${out}: ${formatCount(records.length)} records${meta}`);
  return 0;
}
