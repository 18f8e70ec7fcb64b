/** Writing records and the item table as Parquet (src/runs/writeParquet.ts), read back by loadItemTable. */
import { describe, expect, it } from "vitest";
import { join, resolve } from "node:path";
import { itemTableFromRecords } from "../../src/analysis/itemTable.js";
import { loadItemTable } from "../../src/runs/loadItemTable.js";
import { loadRuns } from "../../src/runs/loadRuns.js";
import type { RunRecord } from "../../src/runs/record.js";
import { RECORD_COLUMNS, writeItemTableParquet, writeRecordsParquet } from "../../src/runs/writeParquet.js";
import { expectSame } from "../helpers/same.js";
import { projectRoot, scratch, temperatureDir } from "./paths.js";

/** Records with every field and status: refusals, errors, graded scores, options, targets, no answer. */
function mixedRecords(): RunRecord[] {
  const records: RunRecord[] = [];
  for (let i = 0; i < 40; i++) {
    for (const condition of ["base", "new"]) {
      for (let k = 0; k < 3; k++) {
        const r: RunRecord = { item: `q${i}`, condition, score: (i * 7 + k + (condition === "new" ? 2 : 0)) % 5 === 0 ? 0 : (i % 4) / 3 > 0.5 ? 1 : 0.5, sample: k, cluster: `c${i % 6}`, target: "B", choices: 4 };
        if ((i + k) % 3) r.answer = ["A", "B", "C"][(i + k) % 3];
        if ((i + k) % 11 === 0) r.refused = true;
        if ((i + k) % 13 === 0) r.error = "timeout";
        if (i === 0) r.meta = { tokens: 12 };
        records.push(r);
      }
    }
  }
  return records;
}

describe("writeRecordsParquet / writeItemTableParquet", () => {
  it("records → Parquet: loadItemTable aggregates them to the table of the records; meta is counted, not written", async () => {
    const records = mixedRecords();
    const out = join(scratch(), "runs.parquet");
    expect(await writeRecordsParquet(records, out)).toBe(6);
    expectSame({ ...(await loadItemTable(out)) }, { ...itemTableFromRecords(records) }, "table");
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    const columns = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${out}')`)).getRowObjectsJS().map((r) => [r.column_name, r.column_type]);
    expect(columns).toEqual(RECORD_COLUMNS.map(([name, type]) => [name, type]));
    con.closeSync();
    db.closeSync();
  });

  it("the item table → a Parquet item file → the same table, on mixed records, the simulated data and the real temperature runs", async () => {
    const tables = [
      itemTableFromRecords(mixedRecords()),
      itemTableFromRecords(await loadRuns(resolve(projectRoot, "data/simulated/k-samples-simulated.jsonl"), { onNote: () => {} })),
      itemTableFromRecords(await loadRuns(["0.0", "1.0"].map((t) => resolve(temperatureDir, `gpt-4 - chain_of_thought - comprehensive-100 - temp-${t}.csv`)), {
        columns: { item: "Problem ID", cluster: "Source", error: "Error" },
        conditionPattern: /temp-([\d.]+)\.csv$/,
        repeats: { answers: /^Answer \d+$/, key: "Correct Answer" },
        onNote: () => {},
      })),
    ];
    for (const [i, table] of tables.entries()) {
      const out = join(scratch(), `items-${i}.parquet`);
      await writeItemTableParquet(table, out);
      expectSame({ ...(await loadItemTable(out)) }, { ...table }, `table ${i}`);
    }
  });

  it("refuses a file name that is not .parquet, naming it", async () => {
    await expect(writeRecordsParquet(mixedRecords(), "runs.csv")).rejects.toThrow('out must be a file name ending in .parquet (value: "runs.csv")');
    await expect(writeItemTableParquet(itemTableFromRecords(mixedRecords()), "/nonexistent/dir/items.parquet")).rejects.toThrow(/^\/nonexistent\/dir\/items\.parquet: cannot be written: /);
  });
});
