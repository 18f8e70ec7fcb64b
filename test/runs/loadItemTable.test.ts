import { describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beatsChance } from "../../src/analysis/beatsChance.js";
import { compareConditions } from "../../src/analysis/compareConditions.js";
import { summarize } from "../../src/analysis/summarize.js";
import { itemTableFromRecords } from "../../src/analysis/itemTable.js";
import { loadItemTable, loadItemTableReport } from "../../src/runs/loadItemTable.js";
import { loadRuns, loadRunsReport } from "../../src/runs/loadRuns.js";
import type { RunRecord } from "../../src/runs/record.js";
import { expectSame } from "../helpers/same.js";
import { projectRoot, scratch, writeTemp } from "./paths.js";

const simulated = (name: string) => resolve(projectRoot, "data/simulated", name);

/** The table DuckDB aggregates equals the table built from the records, and so do the analyses. */
async function expectDuckdbAgrees(files: string[], records: RunRecord[]): Promise<void> {
  const table = await loadItemTable(files, { onNote: () => {} });
  expectSame({ ...table }, { ...itemTableFromRecords(records) }, "table");
  expectSame(summarize(table), summarize(records), "summarize");
  const conditions = [...new Set(records.map((r) => r.condition))];
  expectSame(beatsChance(table, { condition: conditions[0] }), beatsChance(records, { condition: conditions[0] }), "beatsChance");
  if (conditions.length > 1) {
    expectSame(compareConditions(table, { baseline: conditions[0], treatment: conditions[1] }), compareConditions(records, { baseline: conditions[0], treatment: conditions[1] }), "compareConditions");
  }
}

/** A small CSV writer for records (the fields as columns, text quoted). */
function toCsv(records: RunRecord[]): string {
  const fields = ["item", "condition", "score", "sample", "cluster", "answer", "target", "choices", "refused", "error"] as const;
  const cell = (v: unknown) => (v === undefined ? "" : `"${String(v).replace(/"/g, '""')}"`);
  return [fields.join(","), ...records.map((r) => fields.map((f) => cell(r[f])).join(","))].join("\n") + "\n";
}

describe("loadItemTable: DuckDB aggregates files to the item table", () => {
  it("gives the same table and analyses as loadRuns on the simulated JSON lines", async () => {
    for (const name of ["research-vs-production-simulated.jsonl", "k-samples-simulated.jsonl", "ablations-simulated.jsonl"]) {
      await expectDuckdbAgrees([simulated(name)], await loadRuns(simulated(name), { onNote: () => {} }));
    }
  });

  it("reads CSV (text ids kept as text), gzip, Parquet and several files at once", async () => {
    const dir = scratch();
    const records: RunRecord[] = [];
    for (let i = 0; i < 30; i++) {
      for (const condition of ["A", "B"]) {
        for (let k = 0; k < 2; k++) {
          const r: RunRecord = { item: `00${i}`, condition, score: (i + k + (condition === "B" ? 1 : 0)) % 3 === 0 ? 0 : 1, sample: k, cluster: `c${i % 5}`, target: "x", answer: (i + k) % 3 ? "x" : "y" };
          if ((i + k) % 7 === 0) r.refused = true;
          if ((i + k) % 9 === 0) r.error = "timeout";
          records.push(r);
        }
      }
    }
    const csv = join(dir, "runs.csv");
    writeFileSync(csv, toCsv(records));
    await expectDuckdbAgrees([csv], await loadRuns(csv, { onNote: () => {} }));
    const gz = join(dir, "more.csv.gz");
    writeFileSync(gz, gzipSync(readFileSync(csv)));
    const table = await loadItemTable(gz);
    expect(table.itemIds[0]).toBe("000");
    // Parquet written by DuckDB itself from the CSV.
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    const parquet = join(dir, "runs.parquet");
    await con.run(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    await expectDuckdbAgrees([parquet], await loadRuns(csv, { onNote: () => {} }));
    // Two files: A in one, B in the other.
    const a = join(dir, "a.jsonl");
    const b = join(dir, "b.jsonl");
    writeFileSync(a, records.filter((r) => r.condition === "A").map((r) => JSON.stringify(r)).join("\n") + "\n");
    writeFileSync(b, records.filter((r) => r.condition === "B").map((r) => JSON.stringify(r)).join("\n") + "\n");
    await expectDuckdbAgrees([a, b], await loadRuns([a, b], { onNote: () => {} }));
  });

  it("names the file and line of a bad score, and refuses a missing column or two clusters for one item", async () => {
    const dir = scratch();
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "item,condition,score\nq1,A,1\nq2,A,maybe\nq3,A,0\n");
    await expect(loadItemTable(bad)).rejects.toThrow(`${bad}, line 3: score is not a number in [0, 1] or a known label (C, I, P, N, true, false) (value: "maybe")`);
    const high = join(dir, "high.jsonl");
    writeFileSync(high, '{"item":"q1","condition":"A","score":1}\n{"item":"q2","condition":"A","score":1.5}\n');
    await expect(loadItemTable(high)).rejects.toThrow(`${high}, line 2: score is not a number in [0, 1] or a known label (C, I, P, N, true, false) (value: 1.5)`);
    const noScore = join(dir, "noscore.csv");
    writeFileSync(noScore, "item,condition,points\nq1,A,1\n");
    await expect(loadItemTable(noScore)).rejects.toThrow(`${noScore}: no score column; columns: item, condition, points (name it with columns.score)`);
    await expect(loadItemTable(noScore, { columns: { score: "points" } })).resolves.toMatchObject({ kind: "item-table" });
    const twoClusters = join(dir, "clusters.csv");
    writeFileSync(twoClusters, "item,condition,sample,score,cluster\nq1,A,1,1,x\nq1,A,2,0,y\n");
    await expect(loadItemTable(twoClusters)).rejects.toThrow(/item "q1" in condition "A" \(.*clusters\.csv, line 2\) has two clusters: "x" and "y"/);
    await expect(loadItemTable(join(dir, "runs.xlsx"))).rejects.toThrow(/cannot tell the format from the name/);
  });

  it("collecting, leaves out unusable answers, counts them and names the first with file and line, as loadRunsReport does (same words)", async () => {
    const dir = scratch();
    const bad = join(dir, "collect.csv");
    const good = join(dir, "collect-good.csv");
    const lines = ["q1,A,1", "q2,A,maybe", "q3,A,0", ",A,1", "q1,B,0", "q2,B,1.5", "q3,B,1"];
    const usable = [0, 2, 4, 6];
    writeFileSync(bad, ["item,condition,score", ...lines].join("\n") + "\n");
    writeFileSync(good, ["item,condition,score", ...usable.map((i) => lines[i])].join("\n") + "\n");
    const report = await loadItemTableReport(bad);
    expect(report.skipped).toBe(3);
    expect(report.problems).toEqual([
      { file: bad, line: 3, message: "score is not a number in [0, 1] or a known label (C, I, P, N, true, false)", value: "maybe" },
      { file: bad, line: 5, message: "empty item id", value: "" },
      { file: bad, line: 7, message: "score is not a number in [0, 1] or a known label (C, I, P, N, true, false)", value: "1.5" },
    ]);
    expectSame(report.table, await loadItemTable(good));
    // The same rows are left out of the records, at the same lines.
    const records = await loadRunsReport(bad, { onNote: () => {} });
    expect(records.skipped).toBe(3);
    expect(records.problems.map((p) => p.line)).toEqual([3, 5, 7]);
    // In the same words, so the CLI's note reads alike on either engine.
    expect(records.problems.map(({ file, line, message, value }) => ({ file, line, message, value }))).toEqual(report.problems);
    const notes: string[] = [];
    expectSame(await loadItemTable(bad, { onProblem: "collect", onNote: (note) => notes.push(note) }), report.table);
    expect(notes).toEqual([`3 answers left out; the first: ${bad}, line 3: score is not a number in [0, 1] or a known label (C, I, P, N, true, false) (value: "maybe"); ${bad}, line 5: empty item id (value: ""); ${bad}, line 7: score is not a number in [0, 1] or a known label (C, I, P, N, true, false) (value: "1.5")`]);
    await expect(loadItemTableReport(bad, { onProblem: "throw" })).rejects.toThrow(`${bad}, line 3: score is not a number in [0, 1] or a known label (C, I, P, N, true, false) (value: "maybe")`);
  });

  it("under a tight memory limit (DuckDB's floor for this query is between 64 and 128 MB) the table is the same", async () => {
    // 60,000 answers: 6,000 items × 2 conditions × 5 samples, answers among 4 letters: 48,000 groups.
    const records: RunRecord[] = [];
    for (let i = 0; i < 6000; i++) {
      for (const condition of ["first condition with a long name", "second condition with a long name"]) {
        for (let k = 0; k < 5; k++) {
          const answer = "ABCD"[(i * 7 + k * 3 + condition.length) % 4];
          records.push({ item: `item number ${String(i).padStart(6, "0")}`, condition, sample: k, score: answer === "ABCD"[i % 4] ? 1 : 0, cluster: `cluster ${i % 40}`, answer, target: "ABCD"[i % 4] });
        }
      }
    }
    const file = writeTemp("spill.jsonl", records.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const roomy = await loadItemTable(file);
    const tight = await loadItemTable(file, { memoryLimit: "128MB" });
    expectSame({ ...tight }, { ...roomy }, "128MB limit vs default");
    expectSame({ ...roomy }, { ...itemTableFromRecords(records) }, "DuckDB vs records");
    await expect(loadItemTable(file, { memoryLimit: "lots" })).rejects.toThrow('memoryLimit (or EVALGAP_DUCKDB_MEMORY) must be a size such as "512MB" or "2GB" (value: "lots")');
  });

  it("numbers Parquet rows by their place in the file (read in parallel): a bad score names its row", async () => {
    const dir = scratch();
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    const parquet = join(dir, "bad.parquet");
    await con.run(`COPY (SELECT 'q' || range AS item, 'A' AS condition, CASE WHEN range = 4 THEN 2.0 ELSE 1.0 END AS score FROM range(6)) TO '${parquet}' (FORMAT parquet)`);
    await expect(loadItemTable(parquet)).rejects.toThrow(`${parquet}, row 5: score is not a number in [0, 1] or a known label (C, I, P, N, true, false) (value: 2)`);
    const report = await loadItemTableReport(parquet);
    expect(report.problems).toEqual([{ file: parquet, entry: "row 5", message: "score is not a number in [0, 1] or a known label (C, I, P, N, true, false)", value: 2 }]);
    expect(report.table.itemIds).toEqual(["q0", "q1", "q2", "q3", "q5"]);
  });

  it("reads scores as loadRuns does: Inspect's labels C/I/P/N and true/false/yes/no as well as numbers", async () => {
    const csv = writeTemp("labels.csv", "item,condition,score\nq1,A,C\nq2,A,I\nq3,A,P\nq4,A,true\nq5,A,no\nq6,A,0.25\nq7,A, 1 \nq8,A,correct\n");
    await expectDuckdbAgrees([csv], await loadRuns(csv, { onNote: () => {} }));
    expect([...(await loadItemTable(csv)).sum]).toEqual([1, 0, 0.5, 1, 0, 0.25, 1, 1]);
  });

  it("a file without a condition column takes its name, as loadRuns does, and says so; the condition option wins over a column", async () => {
    const dir = scratch();
    const files = ["gpt-4o.csv", "claude.csv"].map((name, f) => {
      const path = join(dir, name);
      writeFileSync(path, "item,score\n" + Array.from({ length: 12 }, (_, i) => `q${i},${(i + f) % 3 === 0 ? 0 : 1}`).join("\n") + "\n");
      return path;
    });
    const notes: string[] = [];
    const table = await loadItemTable(files, { onNote: (n) => notes.push(n) });
    expect(table.conditions).toEqual(["gpt-4o", "claude"]);
    expect(notes[0]).toBe(`${files[0]}: no condition column or option; condition taken from the file name: "gpt-4o"`);
    await expectDuckdbAgrees(files, await loadRuns(files, { onNote: () => {} }));
    // Same names in two folders: the folders tell them apart, as in loadRuns.
    const [a, b] = ["direct", "cot"].map((folder) => {
      mkdirSync(join(dir, folder));
      const path = join(dir, folder, "run.csv");
      writeFileSync(path, "item,score\nq1,1\nq2,0\n");
      return path;
    });
    expect((await loadItemTable([a, b], { onNote: () => {} })).conditions).toEqual(["direct", "cot"]);
    const named = await loadItemTable([a, b], { condition: (file) => (file.includes("cot") ? "chain" : undefined), onNote: () => {} });
    expect(named.conditions).toEqual(["direct", "chain"]);
    const withColumn = writeTemp("runs.csv", "item,condition,score\nq1,A,1\n");
    expect((await loadItemTable(withColumn, { condition: "B" })).conditions).toEqual(["B"]);
  });

  it("refuses an item file mixed with answer files, naming both", async () => {
    const answers = writeTemp("answers.csv", "item,condition,score\nq1,A,1\n");
    const items = writeTemp("items.csv", 'condition,item,answered,sum,sum_squares,refused,errors,answers\nA,q1,1,1,1,0,0,"[{""answer"":"""",""status"":0,""n"":1}]"\n');
    await expect(loadItemTable([items, answers])).rejects.toThrow(`${items} is an item file (the table itself) and ${answers} holds answers`);
  });
});
