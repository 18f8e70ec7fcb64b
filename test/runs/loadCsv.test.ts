import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { loadRuns, loadRunsReport } from "../../src/runs/index.js";
import { loadFixture } from "../helpers/close.js";
import { localFixtures, temperatureDir, writeTemp } from "./paths.js";

interface TemperatureRef { file: string; rows: number; records: number; correct: number; emptyWrong: number; emptyError: number; clusters: number }
const ref = loadFixture<{ temperature: TemperatureRef[] }>("runs.json").temperature;

const TEMPERATURE = {
  columns: { item: "Problem ID", cluster: "Source", model: "Model Name" },
  repeats: { answers: /^Answer \d+$/, key: "Correct Answer" },
  conditionPattern: /temp-([\d.]+)\.csv$/,
};

describe("the temperature CSVs (wide repeats), against R's read.csv", () => {
  it("all 39 files: one record per answer, correct answers, empty answers and errors as R counts them", async () => {
    const files = readdirSync(temperatureDir).filter((f) => f.endsWith(".csv")).sort();
    expect(files).toHaveLength(ref.length);
    for (const r of ref) {
      const report = await loadRunsReport(join(temperatureDir, r.file), TEMPERATURE);
      const recs = report.records;
      expect(report.problems, r.file).toEqual([]);
      expect(recs.length, r.file).toBe(r.records);
      expect(recs.filter((x) => x.score === 1).length, r.file).toBe(r.correct);
      expect(recs.filter((x) => x.error === undefined && x.answer === undefined).length, r.file).toBe(r.emptyWrong);
      expect(recs.filter((x) => x.error !== undefined).length, r.file).toBe(r.emptyError);
      expect(new Set(recs.map((x) => x.cluster)).size, r.file).toBe(r.clusters);
      expect(new Set(recs.map((x) => x.item)).size, r.file).toBe(r.rows);
    }
  });

  it("one model's sweep loads in one call, condition from the file name, samples 1..10", async () => {
    const files = readdirSync(temperatureDir).filter((f) => f.startsWith("gpt-4 ")).map((f) => join(temperatureDir, f));
    const notes: string[] = [];
    const records = await loadRuns(files, { ...TEMPERATURE, onNote: (n) => notes.push(n) });
    expect(records).toHaveLength(11 * 1000);
    expect([...new Set(records.map((r) => r.condition))].sort()).toEqual(["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"]);
    expect([...new Set(records.map((r) => r.sample))].sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(records[0]).toMatchObject({ item: "1", model: "gpt-4", cluster: "agi-eval/aqua-rat", target: "C" });
    const gpt4at0 = ref.find((r) => r.file.startsWith("gpt-4 ") && r.file.endsWith("temp-0.0.csv"))!;
    expect(records.filter((r) => r.condition === "0.0" && r.score === 1)).toHaveLength(gpt4at0.correct);
    expect(notes.some((n) => n.includes(`${gpt4at0.emptyWrong} empty answers counted as wrong`))).toBe(true);
  });

  it("the same condition for every file is caught as duplicates", async () => {
    const files = readdirSync(temperatureDir).filter((f) => f.startsWith("gpt-4 ")).slice(0, 2).map((f) => join(temperatureDir, f));
    await expect(loadRuns(files, { ...TEMPERATURE, conditionPattern: undefined, condition: "gpt-4" })).rejects.toThrow(
      /temp-0\.1\.csv, line 2: duplicate \(item, condition, sample\)/,
    );
  });
});

describe("the delimiter: sniffed from the first lines unless the options fix it", () => {
  it("a semicolon-separated file (a European spreadsheet's CSV) is read by its delimiter, quoted commas and semicolons intact", async () => {
    const file = writeTemp("runs.csv", 'item;condition;score;note\r\n1;a;1;"x, y; z"\r\n2;a;0.5;plain, text\r\n3;b;0;""\r\n');
    const report = await loadRunsReport(file, { meta: ["note"] });
    expect(report.problems).toEqual([]);
    expect(report.records.map((r) => [r.item, r.condition, r.score, r.meta?.note])).toEqual([
      ["1", "a", 1, "x, y; z"],
      ["2", "a", 0.5, "plain, text"],
      ["3", "b", 0, ""],
    ]);
    expect(report.notes).toContain(`${file}: fields separated by semicolons (read from the first lines)`);
  });

  it("pipes too; a comma file with semicolons in its text stays a comma file, with no note", async () => {
    const piped = await loadRunsReport(writeTemp("p.csv", "item|condition|score\n1|a|1\n"));
    expect(piped.records).toEqual([{ item: "1", condition: "a", score: 1 }]);
    expect(piped.notes).toEqual([`${piped.files[0].file}: fields separated by pipes (read from the first lines)`]);
    const report = await loadRunsReport(writeTemp("c.csv", "item,condition,score,note\n1,a,1,x;y\n2,a,0,z\n"), { meta: ["note"] });
    expect(report.records.map((r) => r.meta?.note)).toEqual(["x;y", "z"]);
    expect(report.notes).toEqual([]);
  });

  it("the delimiter option wins over the sniff, and a forced TSV format means tabs", async () => {
    const file = writeTemp("runs.csv", "item;x,condition,score\n1;y,a,1\n");
    // Sniffed, the semicolon and the comma both split evenly; the comma (first on a tie) wins.
    expect(await loadRuns(file, { columns: { item: "item;x" } })).toEqual([{ item: "1;y", condition: "a", score: 1 }]);
    await expect(loadRuns(file, { delimiter: ";" })).rejects.toThrow(/missing required column "score" \(for score\); columns present: "item", "x,condition,score"/);
    const tsv = writeTemp("runs.txt", "item\tcondition\tscore,x\n1\ta\t1,2\n");
    await expect(loadRuns(tsv, { format: "tsv" })).rejects.toThrow(/columns present: "item", "condition", "score,x"/);
  });
});

describe("long tables: CSV, TSV, JSONL, JSON arrays", () => {
  it("reads the RFC 4180 fixture (BOM, CRLF, quoted commas and newlines) with a constant condition", async () => {
    const records = await loadRuns(join(localFixtures, "tricky.csv"), { condition: "base", meta: ["note"] });
    expect(records.map((r) => [r.item, r.score])).toEqual([["q,1", 1], ["q2", 0], ["q3", 0.5], ["q4", 1], ["q5", 0]]);
    expect(records[1].meta).toEqual({ note: "two\r\nlines, and a comma" });
  });

  it("maps columns by name; fields named like RunRecord fields need no mapping (any case)", async () => {
    const file = writeTemp("run.tsv", "Question\tArm\tCorrect\tSample\tChoices\n7\tA\tTrue\t1\t4\n7\tA\tfalse\t2\t4\n");
    const records = await loadRuns(file, { columns: { item: "Question", condition: "Arm", score: "Correct" } });
    expect(records).toEqual([
      { item: "7", condition: "A", score: 1, sample: 1, choices: 4 },
      { item: "7", condition: "A", score: 0, sample: 2, choices: 4 },
    ]);
  });

  it("JSON lines and JSON arrays map keys the same way; numbers and booleans are kept", async () => {
    const lines = '{"id": 1, "arm": "x", "ok": true, "refused": false}\n{"id": 2, "arm": "x", "ok": 0.5}\n';
    const a = await loadRuns(writeTemp("a.jsonl", lines), { columns: { item: "id", condition: "arm", score: "ok" } });
    const b = await loadRuns(writeTemp("b.json", `[${lines.trim().split("\n").join(",")}]`), { columns: { item: "id", condition: "arm", score: "ok" } });
    expect(a).toEqual([{ item: "1", condition: "x", score: 1, refused: false }, { item: "2", condition: "x", score: 0.5 }]);
    expect(b).toEqual(a);
  });

  it("without a condition column or option, the file name is the condition, and a note says so", async () => {
    const report = await loadRunsReport(writeTemp("model-a.csv", "item,score\n1,1\n"));
    expect(report.records).toEqual([{ item: "1", condition: "model-a", score: 1 }]);
    expect(report.notes[0]).toMatch(/condition taken from the file name: "model-a"/);
  });

  it("detects the format from content, not the name", async () => {
    const report = await loadRunsReport(writeTemp("run.txt", '{"item":"1","condition":"a","score":1}\n'));
    expect(report.files[0].format).toBe("jsonl");
    expect(report.records).toHaveLength(1);
  });
});
