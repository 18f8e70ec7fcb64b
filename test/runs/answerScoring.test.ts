/** Load-time answer scoring (src/runs/answerScoring.ts), and the free-text LLMDrift log it was built for. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXTRACT_RULES, extractAnswer, foldAnswer, scoreAnswer, yesNoAnywhere } from "../../src/runs/answerScoring.js";
import { CsvParser } from "../../src/runs/csvParser.js";
import { loadRuns, loadRunsReport, type RunRecord } from "../../src/runs/index.js";
import { loadFixture } from "../helpers/close.js";
import { projectRoot } from "./paths.js";

const LLMDRIFT = join(projectRoot, "../shared/external-logs/llmdrift-prime/PRIME_FULL_EVAL.csv");
const LLMDRIFT_COLUMNS = { condition: "model", target: "ref_answer" };

/** The published accuracies (Chen, Zaharia & Zou 2023; the gpt-4 pair is in the repository's README). */
const PUBLISHED: Record<string, number> = {
  "openaichat/gpt-3.5-turbo-0301": 0.496,
  "openaichat/gpt-3.5-turbo-0613": 0.762,
  "openaichat/gpt-4-0314": 0.84,
  "openaichat/gpt-4-0613": 0.511,
};

function accuracyByCondition(records: readonly RunRecord[]): Record<string, number> {
  const sums: Record<string, [number, number]> = {};
  for (const r of records) {
    const s = (sums[r.condition] ??= [0, 0]);
    s[0] += r.score;
    s[1]++;
  }
  return Object.fromEntries(Object.entries(sums).map(([c, [right, n]]) => [c, right / n]));
}

describe("foldAnswer and the extraction rules", () => {
  it("the doc examples", () => {
    expect(foldAnswer("  So  the answer is\nYes ")).toBe("so the answer is yes");
    expect(yesNoAnywhere("[No]\n\nStep 1: if yes, it is not prime.")).toBe("yes");
    expect(yesNoAnywhere("No, 91 = 7 × 13.")).toBe("no");
    expect(yesNoAnywhere("It depends")).toBeNull();
    expect(extractAnswer("Since (0, 0) is (0, 0). So the answer is Yes.", /So the answer is (.+?)\.?$/)).toBe("Yes");
    expect(extractAnswer("Let me think. Answer: (C)", "letter", 4)).toBe("C");
    expect(extractAnswer("She pays $1,250.00 in total.", "number")).toBe("1250");
    expect(scoreAnswer("[No] 17077 is not prime.", "yes", { extract: "yes-no" })).toEqual({ score: 0, answer: "no", target: "yes", targetRead: true });
    expect(scoreAnswer("So the answer is Yes.", "Yes", { extract: /So the answer is (.+?)\.?$/ }).score).toBe(1);
  });

  it("LLMDrift's rule reads whole words only, split as Python splits, with commas and full stops as spaces", () => {
    // Each: text, verdict.
    const cases: [string, "yes" | "no" | null][] = [
      ["Yes.", "yes"],
      ["YES,it is", "yes"],
      ["[Yes]", "yes"], // "[[yes]]" holds "[yes]"
      ["yes:", null], // "[yes:]" does not
      ["(yes)", null],
      ["not known", null], // "no" inside words is not the word no
      ["no\u2003way", "no"], // an em space separates words for Python's str.split
      ["No\x1cyes", "yes"], // so does the file separator, which JavaScript's \s does not match
      ["Nope. no", "no"],
    ];
    for (const [text, want] of cases) expect(yesNoAnywhere(text), JSON.stringify(text)).toBe(want);
  });

  it("a pattern gives its first capture group of its first match; no group: the whole match; a g flag keeps no state", () => {
    const g = /answer is (\w+)/g;
    expect(extractAnswer("the answer is A. Later: the answer is B", g)).toBe("A");
    expect(extractAnswer("the answer is C", g)).toBe("C"); // lastIndex would have skipped it
    expect(extractAnswer("value 42", /\d+/)).toBe("42");
    expect(extractAnswer("nothing here", /answer: (\w+)/)).toBeNull();
    expect(extractAnswer("answer:", /answer:(\s*)/)).toBeNull(); // a blank capture is no answer
    expect(extractAnswer("x", /(a)?x/)).toBeNull(); // the group did not take part
  });

  it("letter: the option among the first `choices` letters, all 26 when unknown; number: the last one", () => {
    expect(extractAnswer("The answer is (F).", "letter", 4)).toBeNull();
    expect(extractAnswer("The answer is (F).", "letter")).toBe("F");
    expect(extractAnswer("Step 1: 3 + 4 = 7. Step 2: 7 × 2 = 14.", "number")).toBe("14");
    expect(extractAnswer("It was -0.50 degrees", "number")).toBe("-0.5");
    expect(extractAnswer("no digits", "number")).toBeNull();
  });

  it("targets are read by the same rule, so labels compare in one form; a pattern leaves the target as written", () => {
    expect(scoreAnswer("Answer: b", "(B)", { extract: "letter" }, 4)).toEqual({ score: 1, answer: "b", target: "b", targetRead: true });
    expect(scoreAnswer("Answer: B", "(B)", { extract: "letter", fold: false }, 4)).toEqual({ score: 1, answer: "B", target: "B", targetRead: true });
    expect(scoreAnswer("It is 1,000.", "1000", { extract: "number" }).score).toBe(1);
    expect(scoreAnswer("Yes", "maybe", { extract: "yes-no" })).toEqual({ score: 0, answer: "yes", target: "maybe", targetRead: false });
    // Folding is what makes "So the answer is  yes" equal "Yes"; without it case counts.
    expect(scoreAnswer("So the answer is  yes.", "Yes", { extract: /answer is\s+(\w+)/ }).score).toBe(1);
    expect(scoreAnswer("So the answer is  yes.", "Yes", { extract: /answer is\s+(\w+)/, fold: false }).score).toBe(0);
    // No extraction: the whole response, folded, against the target.
    expect(scoreAnswer("  Paris ", "paris", {}).score).toBe(1);
    expect(scoreAnswer("nothing", "x", { extract: /answer: (\w+)/ })).toEqual({ score: 0, answer: null, target: "x", targetRead: true });
  });

  it("the rule names are the ones --extract lists", () => {
    expect(EXTRACT_RULES).toEqual(["yes-no", "yes-no-anywhere", "letter", "number"]);
  });

  it("a misspelled rule, a bad fold or scorer, an empty item key: refused before any file is opened", async () => {
    const file = "/nonexistent/runs.csv";
    const bad: [object, string][] = [
      [{ scoring: { extract: "yesno" } }, 'scoring.extract must be a RegExp or one of "yes-no", "yes-no-anywhere", "letter", "number" (value: "yesno")'],
      [{ scoring: { fold: "no" } }, 'scoring.fold must be true or false (value: "no")'],
      [{ scoring: { scorer: "contains" } }, "scoring.scorer must be a function (value: contains)"],
      [{ itemKey: " " }, 'itemKey must name a column or a dotted path (value: " ")'],
      [{ clusterKey: 3 }, "clusterKey must name a column or a dotted path (value: 3)"],
    ];
    for (const [options, message] of bad) await expect(loadRunsReport(file, options)).rejects.toThrow(message);
  });
});

describe("LLMDrift's prime-number answers (free text, no score column)", () => {
  const reference = loadFixture<{ models: Record<string, { verdicts: string; rows: number; accuracy: number }> }>("llmdrift-yesno.json").models;

  it("yesNoAnywhere gives Python's verdict on each of the 4,000 answers (test/fixtures/py/llmdrift_yesno.py)", () => {
    const rows: string[][] = [];
    const parser = new CsvParser(",");
    parser.push(readFileSync(LLMDRIFT, "utf8"), (row) => void rows.push(row));
    parser.end((row) => void rows.push(row));
    const header = rows[0];
    const [model, answer] = [header.indexOf("model"), header.indexOf("answer")];
    const ours: Record<string, string> = {};
    for (const row of rows.slice(1)) ours[row[model]] = (ours[row[model]] ?? "") + (yesNoAnywhere(row[answer])?.[0] ?? "u");
    expect(Object.keys(ours).sort()).toEqual(Object.keys(reference).sort());
    for (const [name, ref] of Object.entries(reference)) expect(ours[name], name).toBe(ref.verdicts);
  });

  it("--extract yes-no-anywhere reproduces all four published accuracies: 49.6, 76.2, 84.0, 51.1", async () => {
    const notes: string[] = [];
    const records = await loadRuns(LLMDRIFT, { columns: LLMDRIFT_COLUMNS, itemKey: "id", scoring: { extract: "yes-no-anywhere" }, onNote: (n) => notes.push(n) });
    expect(records).toHaveLength(4000);
    const accuracy = accuracyByCondition(records);
    for (const [model, published] of Object.entries(PUBLISHED)) {
      expect(accuracy[model], model).toBeCloseTo(published, 12);
      expect(accuracy[model], model).toBeCloseTo(reference[model].accuracy, 12);
    }
    expect(notes).toContain(`${LLMDRIFT}: items keyed by column "id"`);
    expect(notes).toContain(`${LLMDRIFT}: 50 answers had no extractable yes/no; scored 0`);
  });

  it("--extract yes-no (the last explicit answer, as evalgap run reads it) gives the two README numbers, 84.0 and 51.1", async () => {
    const report = await loadRunsReport(LLMDRIFT, { columns: LLMDRIFT_COLUMNS, itemKey: "id", scoring: { extract: "yes-no" } });
    const accuracy = accuracyByCondition(report.records);
    expect(accuracy["openaichat/gpt-4-0314"]).toBeCloseTo(0.84, 12);
    expect(accuracy["openaichat/gpt-4-0613"]).toBeCloseTo(0.511, 12);
    // Stricter on GPT-3.5 March, whose answers say "[No]" and then "If yes, …" in their reasoning.
    expect(accuracy["openaichat/gpt-3.5-turbo-0301"]).toBeCloseTo(0.528, 12);
    expect(report.notes).toContain(`${LLMDRIFT}: 52 answers had no extractable yes/no; scored 0`);
  });

  it("records keep clean labels (so majority and marginal chance see yes/no) and the free text in meta.rawAnswer", async () => {
    const records = await loadRuns(LLMDRIFT, { columns: LLMDRIFT_COLUMNS, itemKey: "id", scoring: { extract: "yes-no" }, onNote: () => {} });
    expect(new Set(records.map((r) => r.answer))).toEqual(new Set(["yes", "no", undefined]));
    expect(new Set(records.map((r) => r.target))).toEqual(new Set(["yes", "no"]));
    const first = records[0];
    expect(first).toMatchObject({ item: "0", condition: "openaichat/gpt-3.5-turbo-0301", answer: "no", target: "yes", score: 0 });
    expect(String(first.meta?.rawAnswer)).toMatch(/^\[No\] \n\nExplanation:/);
    // An answer with nothing to extract keeps no answer, and still its text.
    const blank = records.find((r) => r.answer === undefined)!;
    expect(blank.score).toBe(0);
    expect(typeof blank.meta?.rawAnswer).toBe("string");
  });

  it("without scoring, the missing score names the way to score; scoring without a target column names what is missing", async () => {
    await expect(loadRuns(LLMDRIFT, { columns: { condition: "model" }, itemKey: "id" })).rejects.toThrow(
      /missing required column "score" \(for score\);.*"ref_answer".*; to score the answers, give scoring \(--extract or --scorer\)$/,
    );
    await expect(loadRuns(LLMDRIFT, { columns: { condition: "model" }, itemKey: "id", scoring: { extract: "yes-no" } })).rejects.toThrow(
      /scoring answers needs an answer column and a target column, and this file has no "target" column; columns present: .*"ref_answer".*; name them with columns \(--columns answer=…,target=…\)$/,
    );
  });
});
