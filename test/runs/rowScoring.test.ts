/** Scoring a table's answers as it is read (src/runs/rowScoring.ts, through loadRuns): long rows, wide repeats, custom scorers. */
import { describe, expect, it } from "vitest";
import { loadRuns, loadRunsReport } from "../../src/runs/index.js";
import { writeTemp } from "./paths.js";

describe("long rows: answer and target columns, no score", () => {
  const csv = [
    "item,condition,answer,target,error",
    '1,a,"I think (B) fits. Answer: B",B,',
    '2,a,"Answer: c",(C),',
    '3,a,"It depends.",A,',
    "4,a,,D,",
    "5,a,,D,timeout",
  ].join("\n");

  it("extracts, folds and compares; counts what had no answer to extract, empty answers and errors in notes", async () => {
    const file = writeTemp("mc.csv", csv);
    const report = await loadRunsReport(file, { scoring: { extract: "letter" } });
    expect(report.problems).toEqual([]);
    expect(report.records.map((r) => [r.item, r.score, r.answer, r.target, r.error])).toEqual([
      ["1", 1, "b", "b", undefined],
      ["2", 1, "c", "c", undefined],
      ["3", 0, undefined, "a", undefined],
      ["4", 0, undefined, "D", undefined],
      ["5", 0, undefined, "D", "timeout"],
    ]);
    expect(report.records[0].meta).toEqual({ rawAnswer: "I think (B) fits. Answer: B" });
    expect(report.notes).toEqual([
      `${file}: 1 answers had no extractable option letter; scored 0`,
      `${file}: 1 empty answers counted as wrong (score 0)`,
      `${file}: 1 empty answers in rows with an error kept as errors`,
    ]);
  });

  it("the choices column limits the letters; a target the rule cannot read is compared as written, and said", async () => {
    const file = writeTemp("mc.csv", "item,condition,answer,target,choices\n1,a,Answer: E,E,4\n2,a,Answer: A,Paris,4\n");
    const report = await loadRunsReport(file, { scoring: { extract: "letter" } });
    expect(report.records.map((r) => r.score)).toEqual([0, 0]);
    expect(report.notes).toContain(`${file}: 1 answers had no extractable option letter; scored 0`);
    // Both targets: E is not among 4 options, Paris is not a letter.
    expect(report.notes).toContain(`${file}: 2 targets could not be read as option letter answers; compared as written`);
  });

  it("a file that has a score column keeps its scores, and a note says the answers were not scored again", async () => {
    const file = writeTemp("scored.csv", "item,condition,score,answer,target\n1,a,0,Answer: B,B\n");
    const report = await loadRunsReport(file, { scoring: { extract: "letter" } });
    expect(report.records[0].score).toBe(0);
    expect(report.notes).toEqual([`${file}: has a score column "score"; its scores are used and the answers are not scored again`]);
  });

  it("an empty target cannot be scored: a problem naming the row", async () => {
    const file = writeTemp("mc.csv", "item,condition,answer,target\n1,a,Answer: B,\n");
    await expect(loadRuns(file, { scoring: { extract: "letter" } })).rejects.toThrow(`${file}, line 2: empty target: the answer cannot be scored (value: "")`);
  });
});

describe("a custom scorer", () => {
  const file = (): string => writeTemp("free.jsonl", [
    '{"id":"q1","input":"Capital of France?","answer":"It is Paris.","target":"Paris","condition":"a"}',
    '{"id":"q2","input":"Capital of Peru?","answer":"Quito, I think","target":"Lima","condition":"a"}',
    '{"id":"q3","input":"Capital of Chad?","answer":"N\'Djamena","target":"N\'Djamena","condition":"a"}',
  ].join("\n"));

  it("its score wins, async or not, in file order; its answer is kept; it is shown the item, target and input", async () => {
    const seen: unknown[] = [];
    const records = await loadRuns(file(), {
      itemKey: "id",
      onNote: () => {},
      scoring: {
        // Slower for the first row: the records still come out in file order.
        scorer: async (response, task) => {
          seen.push(task);
          await new Promise((r) => setTimeout(r, task.id === "q1" ? 20 : 0));
          return response.includes(task.target) ? { score: 1, answer: task.target.toLowerCase() } : 0;
        },
      },
    });
    expect(records.map((r) => [r.item, r.score, r.answer])).toEqual([["q1", 1, "paris"], ["q2", 0, "Quito, I think"], ["q3", 1, "n'djamena"]]);
    expect(seen[0]).toEqual({ id: "q1", target: "Paris", prompt: "Capital of France?" });
  });

  it("with an extraction too, the scorer's score wins and the extracted answer is kept", async () => {
    const records = await loadRuns(file(), { itemKey: "id", onNote: () => {}, scoring: { extract: /^(\w+)/, scorer: () => 0.5 } });
    expect(records.map((r) => [r.score, r.answer, r.target])).toEqual([[0.5, "it", "paris"], [0.5, "quito", "lima"], [0.5, "n", "n'djamena"]]);
  });

  it("a score outside [0, 1] or a scorer that throws is a problem naming the row", async () => {
    const report = await loadRunsReport(file(), { itemKey: "id", scoring: { scorer: (response) => (response.startsWith("Q") ? 2 : response.startsWith("N") ? Promise.reject(new Error("no network")) : 1) } });
    expect(report.records.map((r) => r.item)).toEqual(["q1"]);
    expect(report.problems.map((p) => [p.line, p.message])).toEqual([
      [2, "scorer must return a number in [0, 1] (or { score, answer })"],
      [3, "scorer failed: no network"],
    ]);
  });
});

describe("wide repeats score with the same rules", () => {
  const csv = "id,Answer 1,Answer 2,Answer 3,Key,Error\nq1,Answer: B,The answer is (A).,,B,\nq2,I pick C,answer: d,,D,rate limit\n";

  it("scoring extracts from each answer column; empty answers and errors are counted as before", async () => {
    const file = writeTemp("wide.csv", csv);
    const report = await loadRunsReport(file, {
      columns: { item: "id", error: "Error" },
      condition: "t0",
      repeats: { answers: /^Answer \d$/, key: "Key" },
      scoring: { extract: "letter" },
    });
    expect(report.records.map((r) => [r.item, r.sample, r.score, r.answer, r.error])).toEqual([
      ["q1", 1, 1, "b", undefined],
      ["q1", 2, 0, "a", undefined],
      ["q1", 3, 0, undefined, undefined],
      ["q2", 1, 0, undefined, undefined],
      ["q2", 2, 1, "d", undefined],
      ["q2", 3, 0, undefined, "rate limit"],
    ]);
    expect(report.notes).toEqual([
      `${file}: 1 answers had no extractable option letter; scored 0`,
      `${file}: 1 empty answers counted as wrong (score 0)`,
      `${file}: 1 empty answers in rows with an error kept as errors`,
    ]);
  });

  it("repeats.score and scoring together are refused: one rule says how answers score", async () => {
    const file = writeTemp("wide.csv", csv);
    await expect(loadRuns(file, { columns: { item: "id" }, condition: "t0", repeats: { answers: /^Answer \d$/, key: "Key", score: () => 1 }, scoring: { extract: "letter" } })).rejects.toThrow(
      "repeats.score and scoring both say how to score the answers; give one",
    );
  });
});
