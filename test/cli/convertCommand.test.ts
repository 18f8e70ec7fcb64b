/** `evalgap convert`: a log cached as Parquet (records or the item table) analyses as the log itself. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { itemTableFromRecords } from "../../src/analysis/itemTable.js";
import { loadItemTable } from "../../src/runs/loadItemTable.js";
import { loadRuns } from "../../src/runs/loadRuns.js";
import { expectSame } from "../helpers/same.js";
import { inProcess, realFiles, realFlags, root } from "./helpers.js";

const SIMULATED = resolve(root, "data/simulated/ablations-simulated.jsonl");
const POPULARITY = resolve(root, "../shared/fixtures/inspect-eval-popularity/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval");

const out = (name: string) => join(mkdtempSync(join(tmpdir(), "evalgap-convert-")), name);

/** The same analyses, as JSON, on the original files and on the Parquet file. */
async function expectSameAnalyses(original: string[], flags: string[], parquet: string): Promise<void> {
  const summary = await inProcess(["summarize", ...original, ...flags, "--json"]);
  expect(summary.code, summary.err).toBe(0);
  const groups = (JSON.parse(summary.out) as { group: string }[]).map((r) => r.group);
  const commands = [["summarize"], ["chance", "--condition", groups[0]], ...(groups.length > 1 ? [["compare", "--baseline", groups[0]]] : [])];
  for (const args of commands) {
    const a = await inProcess([args[0], ...original, ...flags, ...args.slice(1), "--json"]);
    const b = await inProcess([args[0], parquet, ...args.slice(1), "--json"]);
    expect(b.code, `${args.join(" ")}: ${b.err}`).toBe(0);
    expectSame(JSON.parse(b.out), JSON.parse(a.out), args.join(" "));
  }
}

describe("evalgap convert", () => {
  it("records → Parquet → summarize, chance and compare equal the same on the original (JSONL, and the real CSVs with wide repeats)", async () => {
    const parquet = out("runs.parquet");
    const r = await inProcess(["convert", SIMULATED, "--out", parquet]);
    expect(r).toMatchObject({ code: 0, out: `wrote ${parquet}: ${(await loadRuns(SIMULATED, { onNote: () => {} })).length.toLocaleString("en-US")} records\n` });
    await expectSameAnalyses([SIMULATED], [], parquet);
    const real = out("real.parquet");
    expect((await inProcess(["convert", ...realFiles, ...realFlags, "--out", real])).code).toBe(0);
    await expectSameAnalyses(realFiles, realFlags, real);
  });

  it("an Inspect log converts too (any format evalgap reads); meta is left out, and said so", async () => {
    const parquet = out("inspect.parquet");
    const r = await inProcess(["convert", POPULARITY, "--out", parquet]);
    expect(r).toMatchObject({ code: 0, out: `wrote ${parquet}: 10 records\n` });
    await expectSameAnalyses([POPULARITY], [], parquet);
    const csv = out("runs.csv");
    writeFileSync(csv, "item,condition,score,tokens\nq1,A,1,12\nq2,A,0,30\nq3,A,1,\n");
    const withMeta = out("meta.parquet");
    expect(await inProcess(["convert", csv, "--meta", "tokens", "--out", withMeta])).toMatchObject({ code: 0, out: `wrote ${withMeta}: 3 records; meta left out (3 records had it)\n` });
  });

  it("--items writes the item table, which reads back to the identical table (and analyses alike)", async () => {
    const items = out("items.parquet");
    const r = await inProcess(["convert", ...realFiles, ...realFlags, "--out", items, "--items"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^wrote .*items\.parquet: 200 \(condition, item\) rows, 2 conditions\n$/);
    const records = await loadRuns(realFiles, {
      columns: { item: "Problem ID", cluster: "Source", error: "Error" },
      conditionPattern: /temp-([\d.]+)\.csv$/,
      repeats: { answers: /^Answer \d+$/, key: "Correct Answer" },
      onNote: () => {},
    });
    expectSame({ ...(await loadItemTable(items)) }, { ...itemTableFromRecords(records) }, "table");
    await expectSameAnalyses(realFiles, realFlags, items);
    // With DuckDB making the table (--engine duckdb), the same file.
    const viaDuckdb = out("items-duckdb.parquet");
    expect((await inProcess(["convert", SIMULATED, "--out", viaDuckdb, "--items", "--engine", "duckdb"])).code).toBe(0);
    expectSame({ ...(await loadItemTable(viaDuckdb)) }, { ...itemTableFromRecords(await loadRuns(SIMULATED, { onNote: () => {} })) }, "duckdb table");
  });

  it.each([
    [["convert", SIMULATED], "--out is required"],
    [["convert", SIMULATED, "--out", "runs.csv"], '--out must name a .parquet file, got "runs.csv"'],
    [["convert", SIMULATED, "--out", SIMULATED.replace(/\.jsonl$/, ".parquet"), "--engine", "duckdb"], "--engine chooses how the item table is made; records are always read by the JS loaders (give --items, or drop --engine)"],
    [["convert", "--out", "x.parquet"], "no input files: give one or more run files"],
  ])("%j is a one-line error (exit 2)", async (args, message) => {
    expect(await inProcess(args)).toMatchObject({ code: 2, err: `evalgap convert: ${message}\n` });
  });

  it("refuses to write over an input", async () => {
    const parquet = out("runs.parquet");
    await inProcess(["convert", SIMULATED, "--out", parquet]);
    expect(await inProcess(["convert", parquet, "--out", parquet, "--items"])).toMatchObject({ code: 2, err: `evalgap convert: --out ${parquet} is also an input; write elsewhere\n` });
  });
});
