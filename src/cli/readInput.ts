/**
 * Files → what summarize, chance and compare analyse: records from the pure-JS loaders, or the item
 * table that DuckDB aggregates (Parquet, compressed files, item files, and tables too big for
 * records to be the quicker way). Both give the same numbers (test/runs/loadItemTable.test.ts);
 * the engine changes only time and memory, and flags that need records refuse DuckDB by name.
 */
import { stat } from "node:fs/promises";
import { OptionalPackageError } from "../optional.js";
import type { RunRecord } from "../runs/record.js";
import type { ItemTable } from "../runs/itemTable.js";
import { isItemTable } from "../runs/itemTable.js";
import { detectFormat, readHead } from "../runs/detectFormat.js";
import { expandPaths } from "../runs/expandPaths.js";
import { fieldsFromPath } from "../runs/options.js";
import { duckdbReadable, isCompressed, isParquet } from "../runs/duckdb.js";
import { isItemFile } from "../runs/itemFile.js";
import type { LoadItemTableOptions } from "../runs/loadItemTable.js";
import { resolveColumns } from "../runs/columnMap.js";
import { NO_GROUP } from "../analysis/summarize.js";
import { UsageError, choiceFlag, type Options } from "./args.js";
import type { Io } from "./io.js";
import { RECORD_FLAGS, RECORD_HELP, inFlagTerms, loadOptionsFromFlags, readRecords, skippedRowsNote } from "./readRecords.js";

type Values = Record<string, string | boolean | undefined>;

export const ENGINES = ["auto", "duckdb", "js"] as const;
export type Engine = (typeof ENGINES)[number];

/**
 * Above this many bytes of a table format, `--engine auto` aggregates with DuckDB instead of loading
 * records (several files: when the sum of size / threshold passes 1). Measured with
 * `EVALGAP_BENCH_CROSSOVER=1 EVALGAP_BENCH_ROWS=100000 npm run bench itemTable`
 * (bench/itemTable.bench.ts): `evalgap summarize` end to end, median of 5, on the project machine
 * (2 cores, quiet), with the loaders' checks on the DuckDB path. DuckDB's fixed cost is its import
 * (the native library, 0.15–0.2 s); past it, it is faster per byte.
 *   CSV:   js 0.39 / duckdb 0.40 s at 7.6 MB, 0.48 / 0.45 s at 11.4 MB, 0.61 / 0.50 s at 15.2 MB
 *   JSONL: js 0.44 / duckdb 0.46 s at 22 MB, 0.58 / 0.50 s at 33 MB, 0.67 / 0.53 s at 44 MB
 * The thresholds sit just past the crossings (on a machine busy with another job, an earlier
 * measurement put them at 16 and 64 MB); below them the two are within noise of each other anyway.
 */
export const DUCKDB_MIN_BYTES: Readonly<Record<"csv" | "tsv" | "jsonl" | "json", number>> = {
  csv: 16 * 2 ** 20,
  tsv: 16 * 2 ** 20,
  jsonl: 32 * 2 ** 20,
  json: 32 * 2 ** 20,
};

/** The reading flags, and --engine. */
export const INPUT_FLAGS: Options = { ...RECORD_FLAGS, engine: { type: "string" } };

export const INPUT_HELP = `${RECORD_HELP}
Big logs:
  --engine auto|duckdb|js      auto (default): DuckDB aggregates Parquet, .gz/.zst files, item
                               files (evalgap convert --items), CSV/TSV over ${DUCKDB_MIN_BYTES.csv / 2 ** 20} MB and JSONL/JSON
                               over ${DUCKDB_MIN_BYTES.jsonl / 2 ** 20} MB to the item table (faster there); the JS loaders
                               read everything else as records. With DuckDB, --by COLUMN groups
                               the table by a top-level column (a dotted path needs --engine js)`;

/**
 * Flags that act on records one by one (scoring, wide repeats, log formats): DuckDB's item table has
 * no records, so with it they would do nothing.
 */
const RECORD_ONLY: readonly [flags: readonly string[], why: string][] = [
  [["extract", "scorer", "no-fold"], "scores free-text answers record by record"],
  [["answers", "key"], "reads wide repeats row by row"],
  [["meta"], "keeps columns in each record (for --by)"],
  [["format"], "picks a loader of the records path (DuckDB reads the format from the file name)"],
  [["metric", "filter", "split", "inspect-scorer", "score-key"], "reads Inspect, lm-eval and HELM logs, which DuckDB does not"],
];

/** What an input file is, for choosing the engine. */
export interface Classified {
  file: string;
  size: number;
  /** CSV/TSV/JSONL/JSON: the table format, for its threshold. */
  format?: keyof typeof DUCKDB_MIN_BYTES;
  /** Only DuckDB reads it (Parquet, compressed, an item file). */
  duckdbOnly: boolean;
  /** DuckDB reads it; undefined, or why not (an Inspect log, an lm-eval file, a name without a known suffix). */
  notForDuckdb?: string;
}

/** The first line's column names of a CSV/TSV or keys of a JSON line, to tell an item file by its columns. */
function headColumns(head: string, format: string): string[] {
  const first = head.split("\n", 1)[0].replace(/^\ufeff/, "");
  if (format === "csv" || format === "tsv") return first.split(format === "tsv" ? "\t" : /[,;]/).map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
  try {
    const row = JSON.parse(first) as unknown;
    return row !== null && typeof row === "object" ? Object.keys(row) : [];
  } catch {
    return [];
  }
}

async function classify(file: string): Promise<Classified | undefined> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  if (isParquet(file) || isCompressed(file)) return { file, size: info.size, duckdbOnly: true };
  const detected = detectFormat(await readHead(file));
  if ("problem" in detected) return { file, size: info.size, duckdbOnly: false, notForDuckdb: detected.problem };
  const { format } = detected;
  if (format !== "csv" && format !== "tsv" && format !== "jsonl" && format !== "json") return { file, size: info.size, duckdbOnly: false, notForDuckdb: `it is ${format === "helm" ? "a HELM run" : format === "lm-eval" ? "an lm-eval samples file" : "an Inspect log"}` };
  if (!duckdbReadable(file)) return { file, size: info.size, duckdbOnly: false, notForDuckdb: "its name does not end in .csv, .tsv, .jsonl, .ndjson, .json or .parquet" };
  const item = format !== "json" && isItemFile(headColumns((await readHead(file, 8192)).toString("utf8"), format));
  return { file, size: info.size, format, duckdbOnly: item };
}

/** The flags given that need records, with the reason (the first one found). */
function recordOnlyFlag(values: Values, by: string | undefined): { flag: string; why: string } | undefined {
  for (const [flags, why] of RECORD_ONLY) {
    // --meta FIELD only keeps the column --by FIELD groups by, which DuckDB reads as the condition.
    const given = flags.find((f) => values[f] !== undefined && !(f === "meta" && by !== undefined && values.meta === by));
    if (given !== undefined) return { flag: `--${given}`, why };
  }
  const item = values.item;
  if (item === "row" || item === "input") return { flag: `--item ${item}`, why: "keys items by row or by input text, which the records path computes" };
  if (by !== undefined && !isPlainColumn(by)) return { flag: `--by ${by}`, why: `groups records by a path into each record; DuckDB groups the item table by a top-level column of the files, and ${JSON.stringify(by)} is not a column name` };
  return undefined;
}

/** A name DuckDB can group by: a top-level column, not a dotted path (meta.subject, doc.id) or an index. */
function isPlainColumn(by: string): boolean {
  return by.trim() !== "" && !/[.[\]]/.test(by);
}

/**
 * The column the item table takes as its condition for `--by FIELD`: the column mapped to the model
 * or cluster (--columns, --cluster), else a column named FIELD.
 */
function byColumn(by: string, values: Values, io: Io): string {
  const load = loadOptionsFromFlags(values, io);
  const column = by === "model" ? load.columns?.model ?? "model" : by === "cluster" ? load.columns?.cluster ?? load.clusterKey ?? "cluster" : by;
  if (!isPlainColumn(column)) {
    throw new UsageError(`--by ${by} reads ${JSON.stringify(column)}, a path into each record; DuckDB groups the item table by a top-level column of the files; use --engine js`);
  }
  return column;
}

/**
 * `compare --by FIELD` refuses, as the records path does (`regroupRecords`), an item of two
 * conditions that would fall in one group (it would pass for a repeat). The table grouped by FIELD
 * cannot show that, so one more scan of the files asks DuckDB for the first such item.
 */
async function checkGroupsApart(paths: readonly string[], options: LoadItemTableOptions, column: string, by: string): Promise<void> {
  const { withDuckdb, readerFor, describeFiles, sqlName } = await import("../runs/duckdb.js");
  const { answerSource } = await import("../runs/loadItemTable.js");
  const { sqlText } = await import("../runs/sqlValues.js");
  const { isItemFile } = await import("../runs/itemFile.js");
  const readers = paths.map((f) => readerFor(f, options.delimiter));
  await withDuckdb("checking the groups of --by with DuckDB", async (connection) => {
    const fileColumns = await describeFiles(connection, paths, readers);
    const itemFile = fileColumns.findIndex(isItemFile);
    if (itemFile >= 0) throw new UsageError(`--by ${by}: ${paths[itemFile]} is an item file, grouped by condition already; group the answers it came from`);
    const source = answerSource(paths, readers, fileColumns, { ...options, onNote: () => {} });
    const found = resolveColumns(source.columns, source.columnMap).found;
    const field = resolveColumns(source.columns, { condition: column }).found.condition;
    if (field === undefined || found.item === undefined) return; // loading names the missing column
    const text = (c: string) => `trim(${sqlText(sqlName(c))})`;
    const sample = found.sample === undefined ? "''" : `coalesce(${sqlText(sqlName(found.sample))}, '')`;
    // The first condition in file order, and the other, as the records path names them.
    const sql = `SELECT ${text(found.item)} AS item, ${text(field)} AS grp, arg_min(evalgap_condition, rn) AS first,
  CASE WHEN min(evalgap_condition) = arg_min(evalgap_condition, rn) THEN max(evalgap_condition) ELSE min(evalgap_condition) END AS second
FROM ${source.source} WHERE ${sqlName(field)} IS NOT NULL AND ${text(field)} <> ''
GROUP BY 1, 2, ${sample} HAVING count(DISTINCT evalgap_condition) > 1 ORDER BY min(rn) LIMIT 1`;
    const [merged] = (await connection.runAndReadAll(sql)).getRowObjectsJS();
    if (merged !== undefined) {
      const show = (v: unknown) => JSON.stringify(String(v));
      throw new UsageError(`--by ${by} puts item ${show(merged.item)} of conditions ${show(merged.first)} and ${show(merged.second)} in one group ${show(merged.grp)}, where it would count as a repeat; group by a field that tells them apart, or read one of them`);
    }
  });
}

/** The `loadItemTable` options the reading flags ask for. */
function tableOptions(values: Values, io: Io): LoadItemTableOptions {
  const load = loadOptionsFromFlags(values, io);
  const options: LoadItemTableOptions = { onNote: (note) => io.err(`evalgap: ${inFlagTerms(note)}`), onProblem: values["skip-bad"] === true ? "collect" : "throw" };
  const columns = { ...load.columns };
  if (load.itemKey !== undefined) columns.item = load.itemKey;
  if (load.clusterKey !== undefined) columns.cluster = load.clusterKey;
  if (Object.keys(columns).length) options.columns = columns;
  if (load.delimiter !== undefined) options.delimiter = load.delimiter;
  const pattern = load.conditionPattern;
  if (pattern !== undefined) {
    options.condition = (file) => {
      const fields = fieldsFromPath(pattern, file);
      if (!fields) throw new UsageError(`--condition-pattern ${pattern.source} does not match the path (value: ${JSON.stringify(file)})`);
      if (fields.cluster !== undefined) throw new UsageError("--condition-pattern's cluster group sets each record's cluster, which the records path does; use --engine js");
      return fields.condition;
    };
  }
  return options;
}

/**
 * Which engine reads these files. DuckDB when asked for, when a file only it reads is among them
 * (Parquet, compressed, an item file), or under `auto` when the tables together pass their
 * `DUCKDB_MIN_BYTES`, no flag needs records and every file is one DuckDB reads: never for a log
 * format it cannot read (Inspect, lm-eval, HELM), whatever its size. `required`: DuckDB was asked
 * for or is the only reader (else it stands in for the JS loaders and may hand back to them).
 * Throws a usage error when DuckDB is required and a file or a flag cannot go with it.
 *
 * @example
 * chooseEngine([{ file: "samples.jsonl", size: 5e9, duckdbOnly: false, notForDuckdb: "it is an lm-eval samples file" }], "auto", {}).engine // "js"
 */
export function chooseEngine(files: readonly Classified[], engine: Engine, values: Values, by?: string): { engine: "js" } | { engine: "duckdb"; required: boolean } {
  if (engine === "js") return { engine: "js" };
  const needs = files.find((c) => c.duckdbOnly);
  const refused = files.find((c) => c.notForDuckdb !== undefined);
  // Why DuckDB must read these files, said as what DuckDB does with them.
  const reason = engine === "duckdb" ? "--engine duckdb reads the files as an item table" : needs !== undefined ? `only DuckDB reads ${needs.file}, as an item table` : undefined;
  if (reason === undefined) {
    const load = files.reduce((acc, c) => acc + (c.format === undefined ? 0 : c.size / DUCKDB_MIN_BYTES[c.format]), 0);
    return refused !== undefined || load <= 1 || recordOnlyFlag(values, by) !== undefined ? { engine: "js" } : { engine: "duckdb", required: false };
  }
  if (refused !== undefined) throw new UsageError(`${reason}, and DuckDB cannot read ${refused.file}: ${refused.notForDuckdb}; convert that first (evalgap convert ${refused.file} --out runs.parquet)`);
  const flag = recordOnlyFlag(values, by);
  if (flag !== undefined) throw new UsageError(`${flag.flag} needs records (it ${flag.why}), and ${reason}; drop ${flag.flag}${engine === "duckdb" ? ", or use --engine js" : ""}`);
  return { engine: "duckdb", required: true };
}

/**
 * Load the files with the engine `--engine` asks for (auto: see `DUCKDB_MIN_BYTES`). `by` is the
 * command's --by, which only records can follow. A flag that needs records, with DuckDB, is a usage
 * error naming it; so is a file DuckDB cannot read when DuckDB was asked for or a Parquet file needs it.
 */
export async function readInput(files: string[], values: Values, io: Io, by?: string, byKeepsConditionsApart = false): Promise<RunRecord[] | ItemTable> {
  if (files.length === 0) throw new UsageError("no input files: give one or more run files");
  const engine: Engine = choiceFlag(values, "engine", ENGINES) ?? "auto";
  if (engine === "js") return readRecords(files, values, io);
  const expansion = await expandPaths(files);
  const classified: Classified[] = [];
  for (const { file } of expansion.files) {
    const c = await classify(file);
    if (c === undefined) {
      // A missing file: the records path reports it in its words; with DuckDB asked for, here.
      if (engine === "auto") return readRecords(files, values, io);
      throw new UsageError(`no such file: ${file}`);
    }
    classified.push(c);
  }
  const choice = chooseEngine(classified, engine, values, by);
  if (choice.engine === "js") return readRecords(files, values, io);
  const { required } = choice;
  for (const s of expansion.skipped) io.err(`evalgap: skipped ${s.file}: ${s.reason}`);
  const { loadItemTableReport } = await import("../runs/loadItemTable.js");
  // As the records path: the first bad row is an error, or with --skip-bad rows are left out and counted.
  const loadItemTable = async (paths: readonly string[], options: LoadItemTableOptions): Promise<ItemTable> => {
    const report = await loadItemTableReport(paths, options);
    if (report.skipped > 0) io.err(`evalgap: ${skippedRowsNote(report.skipped, report.problems)}`);
    return report.table;
  };
  const paths = classified.map((c) => c.file);
  const regroup = by !== undefined && by !== "condition" ? byColumn(by, values, io) : undefined;
  try {
    const options = tableOptions(values, io);
    if (regroup !== undefined && byKeepsConditionsApart) await checkGroupsApart(paths, options, regroup, by!);
    // Grouped by FIELD: the table's condition is that column; the files' own condition (or the
    // --condition-pattern) served the check above and is what repeats are checked within.
    const table = regroup === undefined ? await loadItemTable(paths, options) : await loadItemTable(paths, { ...options, groupBy: regroup, ...(by === "model" || by === "cluster" ? { missingCondition: NO_GROUP } : {}) });
    if (table.condition.length === 0) throw new UsageError(`no records in ${files.join(", ")}`);
    return table;
  } catch (error) {
    if (regroup !== undefined && error instanceof RangeError) {
      // The column is not there, or empty on some rows: the records path may still find the field (a meta path, a model given another way).
      const missing = /^(.*): column "(.*)" \(for groupBy\) is not in the file; columns: (.*)$/.exec(error.message);
      const what = missing ? `${missing[1]} has no column ${JSON.stringify(missing[2])} (columns: ${missing[3]})` : error.message.replace(/empty condition/, `empty ${JSON.stringify(regroup)}`);
      const byError = new UsageError(`--by ${by}: ${what}; DuckDB groups the item table by a top-level column of the files; use --engine js to group by a field of the records`);
      if (required) throw byError;
      io.err(`evalgap: ${byError.message}; reading them as records instead`);
      return readRecords(files, values, io);
    }
    // Chosen for size alone, DuckDB stands in for the records path: where it cannot read a table
    // the JS loaders read (a cell they parse and it does not), the records path answers instead.
    if (!required) {
      if (error instanceof OptionalPackageError) return readRecords(files, values, io);
      if (error instanceof RangeError) {
        io.err(`evalgap: DuckDB could not aggregate the files (${error.message.split("\n")[0]}); reading them as records instead`);
        return readRecords(files, values, io);
      }
    }
    if (error instanceof Error) error.message = inFlagTerms(error.message);
    throw error;
  }
}

/** The conditions of records or a table, in order of first appearance. */
export function inputConditions(input: readonly RunRecord[] | ItemTable): string[] {
  return isItemTable(input) ? [...input.conditions] : [...new Set(input.map((r) => r.condition))];
}
