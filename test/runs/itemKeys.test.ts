/** Item and cluster keys for tables without an item column (src/runs/itemKeys.ts, through loadRuns). */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sharedAffixes } from "../../src/runs/itemKeys.js";
import { loadRuns, loadRunsReport, type RunRecord } from "../../src/runs/index.js";
import { projectRoot, writeTemp } from "./paths.js";

const BBH = join(projectRoot, "../shared/external-logs/bbh-navigate");
const bbhFile = (prompting: "direct" | "cot"): string => join(BBH, `code-davinci-002-${prompting}`, "navigate_few_shot_template_0-255000.jsonl");
/** One pattern reads both files: the chain-of-thought ends "So the answer is No.", the direct answer is "No". */
const BBH_ANSWER = /(?:So the answer is )?(\w+)\.?$/;

function accuracy(records: readonly RunRecord[], condition: string): number {
  const mine = records.filter((r) => r.condition === condition);
  return mine.reduce((sum, r) => sum + r.score, 0) / mine.length;
}

describe("sharedAffixes", () => {
  it("the doc example: the prompt before and the answer cue after the question", () => {
    expect(sharedAffixes(["Q: 1+1?\nA:", "Q: 2+3?\nA:"])).toEqual({ prefix: 3, suffix: 3 });
  });

  it("cuts back to whitespace, so no key loses part of a word: 12 and 13, not 2 and 3", () => {
    const texts = ["Q: 12 apples, 5 pears.", "Q: 13 apples, 15 pears."];
    const { prefix, suffix } = sharedAffixes(texts);
    expect(texts.map((t) => t.slice(prefix, t.length - suffix))).toEqual(["12 apples, 5", "13 apples, 15"]);
  });

  it("nothing is shared by one text, and identical texts leave an empty key (reported as an empty item)", () => {
    expect(sharedAffixes(["only one"])).toEqual({ prefix: 0, suffix: 0 });
    expect(sharedAffixes([])).toEqual({ prefix: 0, suffix: 0 });
    const same = sharedAffixes(["a b", "a b"]);
    expect(same.prefix + same.suffix).toBe(3);
  });
});

describe("BIG-Bench Hard navigate, code-davinci-002: answer-only vs chain of thought", () => {
  // The condition is given per file here, so this test does not depend on the default taken from
  // the folders (test/cli/compareCommand.test.ts reads them with the default).
  const options = {
    columns: { answer: "prediction" },
    itemKey: "input",
    scoring: { extract: BBH_ANSWER },
    condition: (file: string) => (file.includes("-cot/") ? "cot" : "direct"),
  };

  it("reproduces the repository's eval_metrics (50.4 and 96.4), paired on all 250 questions", async () => {
    const report = await loadRunsReport([bbhFile("direct"), bbhFile("cot")], options);
    expect(report.problems).toEqual([]);
    expect(accuracy(report.records, "direct")).toBeCloseTo(0.504, 12);
    expect(accuracy(report.records, "cot")).toBeCloseTo(0.964, 12);
    const direct = new Set(report.records.filter((r) => r.condition === "direct").map((r) => r.item));
    const cot = new Set(report.records.filter((r) => r.condition === "cot").map((r) => r.item));
    expect(direct.size).toBe(250);
    expect([...cot].filter((item) => direct.has(item))).toHaveLength(250);
    // The key is the question itself: the few-shot prompts (750 and 2,222 characters) are cut off.
    expect(report.records[0].item).toBe("Always face forward. Take 1 step backward. Take 9 steps left. Take 2 steps backward. Take 6 steps forward. Take 4 steps forward. Take 4 steps backward. Take 3 steps right.");
    expect(report.notes).toContain(`${bbhFile("direct")}: item key is the input without the 750-character prefix and 23-character suffix all 250 rows share`);
    expect(report.notes).toContain(`${bbhFile("cot")}: item key is the input without the 2,222-character prefix and 49-character suffix all 250 rows share`);
  });

  it("keyed by row number the two files pair as well (same order), and the note says so", async () => {
    const report = await loadRunsReport([bbhFile("direct"), bbhFile("cot")], { ...options, itemKey: "row" });
    expect(report.records.filter((r) => r.condition === "cot").map((r) => r.item).slice(0, 3)).toEqual(["1", "2", "3"]);
    expect(report.notes).toContain(`${bbhFile("cot")}: items keyed by the row number (1 for the first row)`);
    expect(accuracy(report.records, "cot")).toBeCloseTo(0.964, 12);
  });

  it("without an item key the error suggests --item input or --item row", async () => {
    await expect(loadRuns(bbhFile("direct"), { ...options, itemKey: undefined })).rejects.toThrow(
      /line 1: no item key: no key is named "item" and none was given; keys present: "input", "prediction", "target"; name it with --item COLUMN \(option itemKey, or columns\.item\), or key items by --item input \(the "input" text without the prompt all rows share\) or --item row \(the row number\)$/,
    );
  });
});

describe("item and cluster keys from columns and dotted paths", () => {
  it("a dotted path into JSON rows; a row without it is a problem that lists the keys there", async () => {
    const file = writeTemp("runs.jsonl", [
      '{"doc":{"id":"q1","subject":"law"},"condition":"a","score":1}',
      '{"doc":{"id":"q2","subject":"art"},"condition":"a","score":0}',
      '{"doc":{"qid":"q3","subject":"art"},"condition":"a","score":0}',
    ].join("\n"));
    const report = await loadRunsReport(file, { itemKey: "doc.id", clusterKey: "doc.subject" });
    expect(report.records.map((r) => [r.item, r.cluster])).toEqual([["q1", "law"], ["q2", "art"]]);
    expect(report.problems).toEqual([{ file, line: 3, message: 'itemKey "doc.id" is not in this row; keys there: doc.qid, doc.subject; closest: doc.qid' }]);
    expect(report.notes).toContain(`${file}: items keyed by path "doc.id"`);
  });

  it("itemKey names a column (any case) and wins over a column named item; a missing one names the closest", async () => {
    const file = writeTemp("runs.csv", "item,Problem,condition,score\n1,p1,a,1\n2,p2,a,0\n");
    expect((await loadRuns(file, { itemKey: "problem", onNote: () => {} })).map((r) => r.item)).toEqual(["p1", "p2"]);
    await expect(loadRuns(file, { itemKey: "Problme" })).rejects.toThrow(
      'line 1: itemKey "Problme" is not a column of this file; columns present: "item", "Problem", "condition", "score"; closest: "Problem"',
    );
    await expect(loadRuns(file, { itemKey: "input" })).rejects.toThrow('itemKey "input" keys items by the input text, and this file has no "input" column');
  });

  it("a CSV without an item or input column suggests only --item row; clusterKey names a column", async () => {
    const file = writeTemp("runs.csv", "question,condition,score,Source\nq1,a,1,x\nq2,a,0,y\n");
    await expect(loadRuns(file)).rejects.toThrow(/or key items by --item row \(the row number\)$/);
    const records = await loadRuns(file, { itemKey: "question", clusterKey: "Source", onNote: () => {} });
    expect(records.map((r) => r.cluster)).toEqual(["x", "y"]);
    await expect(loadRuns(file, { itemKey: "question", clusterKey: "metadata.subject" })).rejects.toThrow('clusterKey "metadata.subject" is not a column of this file');
  });

  it("the input key of a one-row file is its whole input; the note says nothing was shared", async () => {
    const file = writeTemp("one.jsonl", '{"input":"Q: 2+2?\\nA:","condition":"a","score":1}\n');
    const report = await loadRunsReport(file, { itemKey: "input" });
    expect(report.records[0].item).toBe("Q: 2+2?\nA:");
    expect(report.notes).toContain(`${file}: item key is one row, nothing shared: the whole input`);
  });
});
