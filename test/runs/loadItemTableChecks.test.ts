/**
 * The DuckDB path keeps the loaders' promises (issue 13): a row the JS loaders refuse is refused in
 * the same words at the same line, and nothing they would refuse is counted silently. Each case is
 * a file read both ways, the records path (`loadRuns`, `loadRunsReport`) being the reference.
 */
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { itemTableFromRecords } from "../../src/analysis/itemTable.js";
import { loadItemTable, loadItemTableReport } from "../../src/runs/loadItemTable.js";
import { loadRuns, loadRunsReport } from "../../src/runs/loadRuns.js";
import { expectSame } from "../helpers/same.js";
import { scratch } from "./paths.js";

/** The first error of each engine, strict. */
async function firstError(load: () => Promise<unknown>): Promise<string> {
  try {
    await load();
  } catch (error) {
    return (error as Error).message;
  }
  return "no error";
}

/** Both engines refuse the files with the same message, and collecting, leave out the same rows and build the same table. */
async function expectSameRefusal(files: string[], expected: RegExp | string): Promise<void> {
  const js = await firstError(() => loadRuns(files, { onNote: () => {} }));
  const duckdb = await firstError(() => loadItemTable(files, { onNote: () => {} }));
  if (typeof expected === "string") expect(js).toContain(expected);
  else expect(js).toMatch(expected);
  expect(duckdb).toBe(js);
  const records = await loadRunsReport(files, { onNote: () => {} });
  const table = await loadItemTableReport(files, { onNote: () => {} });
  expect(table.skipped).toBe(records.skipped);
  // DuckDB reports the first 10.
  expect(table.problems).toEqual(records.problems.slice(0, 10).map(({ file, line, message, value }) => ({ file, line, message, value })));
  expectSame({ ...table.table }, { ...itemTableFromRecords(records.records) }, "the table of the answers kept");
}

function csv(name: string, lines: string[]): string {
  const file = join(scratch(), name);
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

describe("loadItemTable refuses what the loaders refuse, in their words", () => {
  it("an (item, condition) repeated without a sample column is a duplicate, at the line of the repeat", async () => {
    await expectSameRefusal([csv("no-sample.csv", ["item,condition,score", "q1,A,1", "q2,A,0", "q1,A,0", "q2,B,1"])], 'line 4: duplicate (item, condition, sample): this answer was already loaded (value: {"item":"q1","condition":"A"})');
  });

  it("a repeated (item, condition, sample) is a duplicate; the same item under other samples is a repeat", async () => {
    const file = csv("samples.csv", ["item,condition,sample,score", "q1,A,0,1", "q1,A,1,0", "q1,A,2,1", "q2,A,0,1", "q1,A,1,1", "q2,A,1,0"]);
    await expectSameRefusal([file], 'line 6: duplicate (item, condition, sample): this answer was already loaded (value: {"item":"q1","condition":"A","sample":1})');
  });

  it("a log read twice is refused, naming the other file", async () => {
    const lines = ["item,condition,sample,score", ...Array.from({ length: 12 }, (_, i) => `q${i % 4},A,${Math.floor(i / 4)},${i % 3 === 0 ? 1 : 0}`)];
    const first = csv("run.csv", lines);
    const second = join(scratch(), "run-again.csv");
    writeFileSync(second, lines.join("\n") + "\n");
    await expectSameRefusal([first, second], `${second}, line 2: duplicate (item, condition, sample): this answer was already loaded, from ${first} too: both files land in condition "A"`);
  });

  it("samples with gaps are checked exactly: {0, 2, 2} is a duplicate, {0, 2, 5} is not", async () => {
    await expectSameRefusal([csv("gaps.csv", ["item,condition,sample,score", "q1,A,0,1", "q1,A,2,0", "q2,A,5,1", "q1,A,2,1"])], "line 5: duplicate");
    // Sample ids spread over all of BIGINT (random ids) are gaps too.
    const fine = csv("gaps-fine.csv", ["item,condition,sample,score", "q1,A,0,1", "q1,A,2,0", "q1,A,5,1", "q2,A,7,1", "q3,A,0,1", "q3,A,9223372036854775807,0"]);
    expectSame({ ...(await loadItemTable(fine)) }, { ...itemTableFromRecords(await loadRuns(fine)) }, "gapped samples, all distinct");
  });

  it("a repeat whose samples span exactly their count is caught although sum and sum of squares match the whole range", async () => {
    // {1, 3, 3, 4, 4, 5, 8, 8, 9} has the count, least, greatest, sum (45) and sum of squares (285)
    // of 1..9 (a Prouhet–Tarry–Escott pair: {2, 6, 7} and {3, 4, 8}); only a check of the values themselves tells.
    const samples = [1, 3, 3, 4, 4, 5, 8, 8, 9];
    expect(samples.reduce((a, b) => a + b, 0)).toBe(45);
    expect(samples.reduce((a, b) => a + b * b, 0)).toBe(285);
    await expectSameRefusal([csv("pte.csv", ["item,condition,sample,score", ...samples.map((s, i) => `q1,A,${s},${i % 2}`)])], 'line 4: duplicate (item, condition, sample): this answer was already loaded (value: {"item":"q1","condition":"A","sample":3})');
  });

  it.each([
    ["a sample that is not a whole number", ["item,condition,sample,score", "q1,A,0,1", "q1,A,1.5,0", "q1,A,-1,1", "q1,A,two,1"], "line 3: sample is not a whole number"],
    ["an option count that is not a whole number of at least 2", ["item,condition,score,choices", "q1,A,1,4", "q2,A,0,four", "q3,A,1,1"], "line 3: choices is not a whole number of at least 2"],
    ["a refusal flag that is not true or false", ["item,condition,score,refused", "q1,A,1,false", "q2,A,0,maybe", "q3,A,1,yes"], "line 3: refused is not true/false"],
    ["a score that is not a number, on a row with an error", ["item,condition,score,error", "q1,A,1,", "q2,A,N/A,timeout", "q3,A,,timeout"], "line 3: score is not a number in [0, 1]"],
  ])("%s", async (_label, lines, expected) => {
    await expectSameRefusal([csv("checks.csv", lines)], expected);
  });

  it("typed JSON values are read as the loaders read them: whole numbers as 2 or 2.0, flags as booleans", async () => {
    const rows = [
      { item: "q1", condition: "A", sample: 0, score: 1, choices: 4, refused: false },
      { item: "q1", condition: "A", sample: 1.0, score: 0.5, choices: 4.0, refused: true },
      { item: "q2", condition: "A", sample: 2, score: true, choices: 4, refused: false },
    ];
    const file = join(scratch(), "typed.jsonl");
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
    expectSame({ ...(await loadItemTable(file)) }, { ...itemTableFromRecords(await loadRuns(file)) }, "typed JSON");
    const fraction = join(scratch(), "fraction.jsonl");
    writeFileSync(fraction, [...rows, { item: "q3", condition: "A", sample: 1.5, score: 1 }].map((r) => JSON.stringify(r)).join("\n") + "\n");
    await expectSameRefusal([fraction], "line 4: sample is not a whole number (value: 1.5)");
    const negative = join(scratch(), "negative.jsonl");
    writeFileSync(negative, [...rows, { item: "q3", condition: "A", sample: -1, score: 1 }].map((r) => JSON.stringify(r)).join("\n") + "\n");
    await expect(loadItemTable(negative)).rejects.toThrow(`${negative}, line 4: sample is not a whole number`);
    await expect(loadRuns(negative)).rejects.toThrow(`${negative}, line 4: sample is not a whole number`);
  });

  it("a JSON column of mixed kinds (DuckDB types it JSON) is read as the loaders read it: \"2\" as 2, \"0\" as 0, not with its quotes", async () => {
    const rows = [
      { item: "q1", condition: "A", sample: 1, score: 1, cluster: 7, answer: "B", target: "B" },
      { item: "q1", condition: "A", sample: "2", score: "0", cluster: 7, answer: 3, target: "B" },
      { item: "q1", condition: "A", sample: " 3 ", score: true, cluster: 7, answer: "B", target: "B" },
      { item: 2, condition: "A", sample: null, score: 0.5, cluster: "7", answer: "C", target: "C", choices: "4" },
      { item: "q3", condition: 5, sample: 0, score: "C", cluster: "8", answer: "C", target: "C", choices: 4 },
    ];
    const file = join(scratch(), "mixed.jsonl");
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
    expectSame({ ...(await loadItemTable(file)) }, { ...itemTableFromRecords(await loadRuns(file)) }, "mixed JSON");
    const bad = join(scratch(), "mixed-bad.jsonl");
    writeFileSync(bad, [...rows, { item: "q4", condition: "A", sample: "2.5", score: 1 }].map((r) => JSON.stringify(r)).join("\n") + "\n");
    await expectSameRefusal([bad], 'line 6: sample is not a whole number (value: "2.5")');
  });

  it("a key that first appears after the first line (\"error\" only on the rows that failed) is read by both engines", async () => {
    const rows = [
      { item: "q1", condition: "A", sample: 0, score: 1 },
      { item: "q1", condition: "A", sample: 1, score: 0, error: "rate limit" },
      { item: "q2", condition: "A", sample: 0, score: 1, refused: true },
      { item: "q2", condition: "A", sample: 1, score: 0, choices: 4 },
    ];
    const file = join(scratch(), "late-keys.jsonl");
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const records = await loadRuns(file);
    expect(records.map((r) => [r.error, r.refused, r.choices])).toEqual([[undefined, undefined, undefined], ["rate limit", undefined, undefined], [undefined, true, undefined], [undefined, undefined, 4]]);
    const table = await loadItemTable(file);
    expectSame({ ...table }, { ...itemTableFromRecords(records) }, "late keys");
    expect([...table.errors]).toEqual([1, 0]);
    expect([...table.refused]).toEqual([0, 1]);
  });

  it("an error with no score is a failed answer, kept and counted, on both engines", async () => {
    const file = csv("errors.csv", ["item,condition,sample,score,error,refused", "q1,A,0,1,,", "q1,A,1,,rate limit,", "q1,A,2,0,,true", "q2,A,0, 1 ,,no"]);
    const table = await loadItemTable(file);
    expectSame({ ...table }, { ...itemTableFromRecords(await loadRuns(file)) }, "errors and refusals");
    expect([table.errors[0], table.refused[0], table.answered[0]]).toEqual([1, 1, 1]);
  });

  it("with groupBy, repeats are checked within each file's own condition, not within the group", async () => {
    // Two conditions of one model answer the same item and sample: a repeat of the model, not a duplicate.
    const file = csv("by-model.csv", ["item,condition,model,sample,score", "q1,t0,m1,0,1", "q1,t1,m1,0,0", "q1,t0,m1,1,1", "q1,t0,m1,1,0"]);
    await expect(loadItemTable(file, { groupBy: "model" })).rejects.toThrow(`${file}, line 5: duplicate (item, condition, sample): this answer was already loaded (value: {"item":"q1","condition":"t0","sample":1})`);
    const fine = csv("by-model-fine.csv", ["item,condition,model,sample,score", "q1,t0,m1,0,1", "q1,t1,m1,0,0", "q1,t0,m1,1,1"]);
    const table = await loadItemTable(fine, { groupBy: "model" });
    expect([table.conditions, [...table.answered]]).toEqual([["m1"], [3]]);
  });
});
