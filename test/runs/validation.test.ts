import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadRuns, loadRunsReport, RunLoadError } from "../../src/runs/index.js";
import { POPULARITY, localFixtures, writeTemp } from "./paths.js";
import { makeZip } from "./zipWriter.js";

const csv = (name: string, text: string) => writeTemp(name, text);

describe("strict mode: the first problem throws, naming file, line and value", () => {
  it("a missing required column lists the columns present and the closest name", async () => {
    const file = csv("run.csv", "Problem ID,Score,Arm\n1,1,a\n");
    const error = await loadRuns(file, { columns: { item: "ProblemID", condition: "Arm" } }).catch((e) => e);
    expect(error).toBeInstanceOf(RunLoadError);
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toBe(
      `${file}, line 1: missing required column "ProblemID" (for item); columns present: "Problem ID", "Score", "Arm"; closest: "Problem ID"`,
    );
  });

  it("a table with no score column says which column it looked for", async () => {
    const file = csv("run.csv", "item,condition,Scor\n1,a,1\n");
    await expect(loadRuns(file)).rejects.toThrow(/line 1: missing required column "score" \(for score\).*closest: "Scor"/);
  });

  it("a score that is not a number in [0, 1] or a known label", async () => {
    const file = csv("run.csv", "item,condition,score\n1,a,1\n2,a,maybe\n");
    await expect(loadRuns(file)).rejects.toThrow(`${file}, line 3: score is not a number in [0, 1] or a known label (C, I, P, N, true, false) (value: "maybe")`);
    await expect(loadRuns(csv("r.csv", "item,condition,score\n1,a,1.5\n"))).rejects.toThrow(/line 2: score is not.*"1.5"/);
  });

  it("an empty item id", async () => {
    await expect(loadRuns(csv("run.csv", "item,condition,score\n1,a,1\n  ,a,0\n"))).rejects.toThrow(/line 3: empty item id/);
  });

  it("a duplicate (item, condition, sample)", async () => {
    const file = csv("run.csv", "item,condition,score,sample\n1,a,1,1\n1,a,0,2\n1,a,0,1\n");
    const error = await loadRuns(file).catch((e) => e);
    expect(error.message).toMatch(/line 4: duplicate \(item, condition, sample\).*"item":"1","condition":"a","sample":1/);
    expect(error.problem).toMatchObject({ file, line: 4 });
  });

  it("an empty file, and one holding only whitespace", async () => {
    await expect(loadRuns(csv("empty.csv", ""))).rejects.toThrow(/empty\.csv: file is empty/);
    await expect(loadRuns(csv("blank.jsonl", " \n\n"))).rejects.toThrow(/blank\.jsonl: file is empty/);
  });

  it("a truncated last line: CSV short of fields, CSV inside a quote, JSONL cut mid-object", async () => {
    await expect(loadRuns(csv("a.csv", "item,condition,score\n1,a,1\n2,a"))).rejects.toThrow(/line 3: truncated last line: 2 of 3 fields/);
    await expect(loadRuns(csv("b.csv", 'item,condition,score\n1,a,1\n2,"a'))).rejects.toThrow(/line 3: truncated last line: a quoted field is not closed/);
    const jsonl = '{"item":"1","condition":"a","score":1}\n{"item":"2","condit';
    await expect(loadRuns(writeTemp("c.jsonl", jsonl))).rejects.toThrow(/c\.jsonl, line 2: truncated last line: not valid JSON/);
  });

  it("binary garbage", async () => {
    const garbage = Buffer.from([0x00, 0x13, 0xff, 0xfe, 0x42, 0x00, 0x99, 0x10, 0x00, 0x7f]);
    await expect(loadRuns(writeTemp("run.csv", garbage))).rejects.toThrow(/binary content.*\(value: "00 13 ff fe 42 00 99 10"\)/);
  });

  it("a zip that is not an Inspect log, and a truncated .eval", async () => {
    await expect(loadRuns(join(localFixtures, "not-inspect.zip"))).rejects.toThrow(
      /zip is not an Inspect log: no header\.json or _journal\/start\.json \(value: \["readme\.txt","data\/results\.json"\]\)/,
    );
    const half = readFileSync(POPULARITY).subarray(0, 8000);
    await expect(loadRuns(writeTemp("cut.eval", half))).rejects.toThrow(/cut\.eval: not a readable zip: no end-of-central-directory record/);
  });

  it("a file that does not exist", async () => {
    await expect(loadRuns("/nonexistent/run.csv")).rejects.toThrow("no such file: /nonexistent/run.csv");
  });
});

describe("collect mode: every problem with its place, rows skipped, good rows kept", () => {
  it("reports each bad row and keeps the rest", async () => {
    const file = csv("run.csv", "item,condition,score\n1,a,1\n2,a,x\n,a,1\n3,a,0\n1,a,0\n4,a\n");
    const report = await loadRunsReport(file);
    expect(report.records.map((r) => r.item)).toEqual(["1", "3"]);
    expect(report.skipped).toBe(4);
    expect(report.problems.map((p) => [p.line, p.message.slice(0, 20), p.value])).toEqual([
      [3, "score is not a numbe", "x"],
      [4, "empty item id", ""],
      [6, "duplicate (item, con", { item: "1", condition: "a" }],
      [7, "row has 2 fields, th", ["4", "a"]],
    ]);
  });

  it("loadRuns with onProblem collect passes problems to onNote instead of dropping them", async () => {
    const notes: string[] = [];
    const records = await loadRuns(csv("run.csv", "item,condition,score\n1,a,1\n2,a,7\n"), { onProblem: "collect", onNote: (n) => notes.push(n) });
    expect(records).toHaveLength(1);
    expect(notes).toEqual([expect.stringMatching(/line 3: score is not.*"7"/), "1 rows skipped because of the problems above"]);
  });
});

describe("Inspect logs that did not finish", () => {
  const start = JSON.stringify({ version: 2, eval: { task: "t", model: "m", scorers: [{ name: "s" }] } });
  const entries = {
    "_journal/start.json": start,
    "samples/1_epoch_1.json": '{"id": 1, "epoch": 1, "scores": {"s": {"value": "C"}}}',
    "samples/2_epoch_1.json": '{"id": 2, "epoch": 1, "scores": {"s": {"value": NaN}}}',
    "samples/10_epoch_1.json": '{"id": 10, "epoch": 1, "scores": {"s": {"value": "P"}}}',
  };

  it("a crashed run (only _journal/start.json) loads its samples and says so; bare NaN is a bad score, named", async () => {
    for (const method of [0, 8] as const) {
      const file = writeTemp("crashed.eval", makeZip(entries, method));
      const report = await loadRunsReport(file);
      expect(report.records.map((r) => [r.item, r.score, r.condition])).toEqual([["1", 1, "t/m"], ["10", 0.5, "t/m"]]);
      expect(report.problems).toEqual([{ file, entry: "samples/2_epoch_1.json", message: expect.stringMatching(/^score is not/), value: "NaN" }]);
      expect(report.notes).toEqual([
        `${file}: no header.json (the run did not finish); read _journal/start.json`,
        `${file}: log status started: 2 samples, none with errors`,
      ]);
    }
  });

  it("strict mode names the zip entry", async () => {
    const file = writeTemp("crashed.eval", makeZip(entries));
    await expect(loadRuns(file)).rejects.toThrow(`${file}, entry samples/2_epoch_1.json: score is not a number`);
  });
});

describe("bad arguments throw TypeError/RangeError naming the argument", () => {
  it("paths, format, onProblem, condition, repeats, delimiter", async () => {
    await expect(loadRuns([])).rejects.toThrow(TypeError);
    await expect(loadRuns([])).rejects.toThrow(/paths must be.*\[\]/);
    await expect(loadRuns(["a.csv", 3 as unknown as string])).rejects.toThrow(/paths must hold non-empty strings \(value: 3\)/);
    await expect(loadRuns("a.csv", { format: "xml" as never })).rejects.toThrow(/format must be one of .* got "xml"/);
    await expect(loadRuns("a.csv", { onProblem: "ignore" as never })).rejects.toThrow(/onProblem must be one of/);
    await expect(loadRuns("a.csv", { condition: " " })).rejects.toThrow(RangeError);
    await expect(loadRuns("a.csv", { repeats: { answers: [], key: "k" } })).rejects.toThrow(/repeats.answers/);
    await expect(loadRuns("a.csv", { delimiter: ";;" })).rejects.toThrow(/delimiter must be one character \(value: ";;"\)/);
  });

  it("a condition pattern that does not match the path", async () => {
    await expect(loadRuns(csv("run.csv", "item,score\n1,1\n"), { conditionPattern: /temp-(\d)/ })).rejects.toThrow(
      /conditionPattern .* does not match the path \(value: ".*\/run\.csv"\)/,
    );
  });
});
