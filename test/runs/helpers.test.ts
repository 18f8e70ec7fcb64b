import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { closestName, editDistance, resolveColumns } from "../../src/runs/columnMap.js";
import { detectFormat } from "../../src/runs/detectFormat.js";
import { lmevalNames } from "../../src/runs/loadLmeval.js";
import { describeProblem } from "../../src/runs/problems.js";
import { toDataFrame } from "../../src/runs/index.js";
import { projectRoot } from "./paths.js";

describe("column names", () => {
  it("edit distance by hand: kitten → sitting is 3 (the textbook case), equal strings 0", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("score", "score")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
  });
  it("closest header ignores case", () => {
    expect(closestName("problem_id", ["Problem ID", "Source", "Score"])).toBe("Problem ID");
  });
  it("fields default to a header of the same name in any case; asked names forgive case and spaces", () => {
    const { found, missing } = resolveColumns(["Item", "SCORE", " Arm "], { condition: "arm", cluster: "Src" });
    expect(found).toEqual({ item: "Item", score: "SCORE", condition: " Arm " });
    expect(missing).toEqual([{ field: "cluster", name: "Src" }]);
  });
});

describe("format detection from content", () => {
  const detect = (s: string | Buffer) => detectFormat(Buffer.isBuffer(s) ? s : Buffer.from(s));
  it("tells JSONL, lm-eval samples, JSON arrays, pretty and one-line Inspect logs, CSV and TSV apart", () => {
    expect(detect('{"item":"1","condition":"a","score":1}\n')).toEqual({ format: "jsonl" });
    expect(detect('{"doc_id": 3, "filter": "none", "metrics": ["acc"], "acc": 1}\n')).toEqual({ format: "lm-eval" });
    expect(detect('  [{"item": 1}]')).toEqual({ format: "json" });
    expect(detect('{\n  "version": 2,\n  "eval": {}\n}')).toEqual({ format: "inspect-json" });
    expect(detect('{"version": 2, "eval": {}, "samples": []}')).toEqual({ format: "inspect-json" });
    expect(detect("\uFEFFitem,score\n1,1\n")).toEqual({ format: "csv" });
    expect(detect("item\tscore\tnote, with comma\n")).toEqual({ format: "tsv" });
    expect(detect(Buffer.from([0x50, 0x4b, 3, 4, 0, 0]))).toEqual({ format: "inspect-eval" });
  });
  it("refuses gzip, binary and blank content with a reason", () => {
    expect(detect(Buffer.from([0x1f, 0x8b, 8, 0]))).toMatchObject({ problem: expect.stringMatching(/gzip/) });
    expect(detect(Buffer.from([0xc3, 0x28, 0x41, 0x42, 0x43, 0x44, 0x45]))).toMatchObject({ problem: expect.stringMatching(/binary/) });
    expect(detect(" \n\t")).toEqual({ problem: "file is empty" });
  });
});

describe("small pieces", () => {
  it("lm-eval file names give task, date and the results file", () => {
    expect(lmevalNames("samples_mmlu_high_school_2025-09-09T13-31-53.431753.jsonl")).toEqual({
      task: "mmlu_high_school", date: "2025-09-09T13-31-53.431753", results: "results_2025-09-09T13-31-53.431753.json",
    });
    expect(lmevalNames("run.jsonl")).toBeUndefined();
  });
  it("problems print file, place and value", () => {
    expect(describeProblem({ file: "a.csv", line: 12, message: "empty item id", value: "" })).toBe('a.csv, line 12: empty item id (value: "")');
    expect(describeProblem({ file: "x.eval", entry: "samples/1_epoch_1.json", message: "m" })).toBe("x.eval, entry samples/1_epoch_1.json: m");
  });
  it("toDataFrame's doc example: one record → shape [1, 3]", async () => {
    expect((await toDataFrame([{ item: "1", condition: "a", score: 1 }])).shape).toEqual([1, 3]);
  });
  it("no file in src/runs imports danfojs-node at module load (only `import type` and `await import`)", () => {
    const dir = join(projectRoot, "src/runs");
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), "utf8");
      expect(text, f).not.toMatch(/^import (?!type )[^;]*from "danfojs-node"/m);
      expect(text, f).not.toMatch(/require\("danfojs-node"\)/);
    }
  });
});
