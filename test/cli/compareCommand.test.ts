/** `evalgap compare` (src/cli/compareCommand.ts). */
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compareAll } from "../../src/analysis/compareAll.js";
import { rankConditions } from "../../src/analysis/rankings.js";
import type { RunRecord } from "../../src/runs/record.js";
import { loadFixture } from "../helpers/close.js";
import { inProcess, lastLine, realFiles, realFlags, root } from "./helpers.js";

const EXTERNAL = resolve(root, "../shared/external-logs");
const BBH = resolve(EXTERNAL, "bbh-navigate");
const LLMDRIFT = resolve(EXTERNAL, "llmdrift-prime/PRIME_FULL_EVAL.csv");
const VITALS = resolve(EXTERNAL, "vitals-are");
/** BIG-Bench Hard's answers: "So the answer is No." after a chain of thought, "No" alone without. */
const BBH_FLAGS = ["--columns", "answer=prediction", "--item", "input", "--extract", "(?:So the answer is )?(\\w+)\\.?$"];
const LLMDRIFT_FLAGS = ["--columns", "condition=model,target=ref_answer", "--item", "id", "--extract", "yes-no"];

describe("evalgap compare", () => {
  it("without --treatment compares every condition with the baseline, with the detectable gap at the power asked", async () => {
    const r = await inProcess(["compare", ...realFiles, ...realFlags, "--baseline", "0.0"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^treatment\s+items\s+accuracy\s+− 0\.0\s+95% CI\s+p\s+p \(holm\)\s+detectable \(80% power\)\s+method$/m);
    expect(r.out).toMatch(/^1\.0\s+99\s+76\.7%\s+−3\.4 pp/m);
    // --power used to change nothing in this table; now it sets the detectable column.
    const strong = await inProcess(["compare", ...realFiles, ...realFlags, "--baseline", "0.0", "--power", "0.95"]);
    expect(strong.out).toMatch(/detectable \(95% power\)/);
    const gap = (out: string) => Number(/(\d+\.\d) pp\s+paired/.exec(out)![1]);
    expect(gap(strong.out)).toBeGreaterThan(gap(r.out));
  });

  it("with --treatment the detectable line names the power it was computed for (it said 80% whatever --power was)", async () => {
    const r = await inProcess(["compare", ...realFiles, ...realFlags, "--baseline", "0.0", "--treatment", "1.0", "--power", "0.9"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^detectable\s+\d+\.\d pp at 90% power$/m);
    const json = JSON.parse((await inProcess(["compare", ...realFiles, ...realFlags, "--baseline", "0.0", "--treatment", "1.0", "--power", "0.9", "--json"])).out);
    expect(r.out).toContain(`${(100 * json.mde).toFixed(1)} pp at 90% power`);
  });

  it.each([
    ["no --baseline", [...realFiles, ...realFlags], "--baseline is required"],
    ["a treatment not in the records", [...realFiles, ...realFlags, "--baseline", "0.0", "--treatment", "2.0"], '--treatment "2.0" is not a condition of these records; they have "0.0", "1.0"'],
    // One comparison has nothing to correct for: --correction used to be dropped silently, exit 0.
    ["--treatment with --correction", [...realFiles, ...realFlags, "--baseline", "0.0", "--treatment", "1.0", "--correction", "holm"],
      "--correction adjusts the p-values of several comparisons; with --treatment there is one. Drop --correction, or --treatment to compare every condition with the baseline"],
    // Bad values name the flag as typed, not the option behind it.
    ["--pairing matched", [...realFiles, ...realFlags, "--baseline", "0.0", "--pairing", "matched"], '--pairing must be one of "auto", "paired", "independent", got "matched"'],
    ["--alternative bigger", [...realFiles, ...realFlags, "--baseline", "0.0", "--alternative", "bigger"], '--alternative must be one of "two-sided", "greater", "less", got "bigger"'],
    ["--correction fdr", [...realFiles, ...realFlags, "--baseline", "0.0", "--correction", "fdr"], '--correction must be one of "holm", "bonferroni", "hochberg", "hommel", "bh", "by", "none", got "fdr"'],
    ["--errors skip", [...realFiles, ...realFlags, "--baseline", "0.0", "--errors", "skip"], '--errors must be one of "exclude", "wrong", got "skip"'],
  ])("compare with %s exits 2 naming the problem", async (_label, args, message) => {
    const r = await inProcess(["compare", ...args]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(lastLine(r.err)).toBe(`evalgap compare: ${message}`);
  });

  it("BIG-Bench Hard navigate in one command: 50.4% answer-only, 96.4% chain of thought, paired on all 250 questions", async () => {
    // The conditions come from the folders that tell the two same-named files apart.
    const r = await inProcess(["compare", BBH, ...BBH_FLAGS, "--baseline", "code-davinci-002-direct", "--treatment", "code-davinci-002-cot", "--json"]);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    expect(c).toMatchObject({ baselineAccuracy: 0.504, treatmentAccuracy: 0.964, paired: true, items: 250, droppedItems: 0 });
    const text = await inProcess(["compare", BBH, ...BBH_FLAGS, "--baseline", "code-davinci-002-direct", "--treatment", "code-davinci-002-cot"]);
    expect(text.out).toMatch(/^design\s+paired on 250 items \(0 left out; correlation -0\.11\)$/m);
  });

  it("a misspelled or partial condition name is answered with the one meant", async () => {
    const bbh = await inProcess(["compare", BBH, ...BBH_FLAGS, "--baseline", "direct", "--treatment", "code-davinci-002-cot"]);
    expect(bbh.code).toBe(2);
    expect(lastLine(bbh.err)).toBe('evalgap compare: --baseline "direct" is not a condition of these records; did you mean "code-davinci-002-direct"? They have "code-davinci-002-cot", "code-davinci-002-direct"');
    const drift = await inProcess(["compare", LLMDRIFT, ...LLMDRIFT_FLAGS, "--baseline", "openaichat/gpt-4-0314", "--treatment", "openaichat/gpt4-0613"]);
    expect(lastLine(drift.err)).toMatch(/^evalgap compare: --treatment "openaichat\/gpt4-0613" is not a condition of these records; did you mean "openaichat\/gpt-4-0613"\? They have /);
  });

  it("LLMDrift in one command: 84.0% in March, 51.1% in June, paired on the 1,000 questions", async () => {
    const r = await inProcess(["compare", LLMDRIFT, ...LLMDRIFT_FLAGS, "--baseline", "openaichat/gpt-4-0314", "--treatment", "openaichat/gpt-4-0613", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ baselineAccuracy: 0.84, treatmentAccuracy: 0.511, paired: true, items: 1000 });
  });

  it("--by groups records into conditions by another field: the vitals logs by model", async () => {
    const r = await inProcess(["compare", VITALS, "--by", "model", "--baseline", "gpt-4o", "--treatment", "claude-3-7-sonnet-latest", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ baseline: "gpt-4o", treatment: "claude-3-7-sonnet-latest", paired: true, items: 26 });
    const none = await inProcess(["compare", VITALS, "--by", "temperature", "--baseline", "gpt-4o"]);
    expect(none.code).toBe(2);
    expect(lastLine(none.err)).toMatch(/^evalgap compare: --by temperature: 52 of 52 records have no "temperature" \(the first: item ".+" of ".+"\); fields present: model.*; a table column is kept for --by with --meta COLUMN$/);
  });

  it("--by that would merge two conditions' answers to one item into one group is refused (they would pass for repeats)", async () => {
    const withModel = realFlags.map((f) => (f.startsWith("item=") ? `${f},model=Model Name` : f));
    const r = await inProcess(["compare", ...realFiles, ...withModel, "--by", "model", "--baseline", "gpt-4"]);
    expect(r.code).toBe(2);
    expect(lastLine(r.err)).toBe('evalgap compare: --by model puts item "1" of conditions "0.0" and "1.0" in one group "gpt-4", where it would count as a repeat; group by a field that tells them apart, or read one of them');
  });
});

describe("evalgap compare --all-pairs", () => {
  /** test/fixtures/r/all-pairs.R's graded family (A and B ahead of C and D) as a JSONL file. */
  const { graded } = loadFixture<{ graded: { records: RunRecord[] } }>("all-pairs.json");
  const gradedFile = join(mkdtempSync(join(tmpdir(), "evalgap-cli-")), "graded.jsonl");
  writeFileSync(gradedFile, graded.records.map((r) => JSON.stringify(r)).join("\n"));
  const threeTemperatures = ["0.0", "0.5", "1.0"].map((t) => realFiles[0].replace("temp-0.0", `temp-${t}`));

  it("prints the conditions with their letters, every pair with its simultaneous interval and adjusted p, and the sentence; --json is the API's result", async () => {
    const r = await inProcess(["compare", gradedFile, "--all-pairs"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^condition\s+items\s+accuracy\s+letters\s+rank \(95%\)\s+P\(best\)$/m);
    expect(r.out).toMatch(/^A\s+120\s+59\.4%\s+a\s+1–2\s+82\.1%$/m);
    expect(r.out).toMatch(/^C\s+120\s+46\.7%\s+b\s+3–4\s+0%$/m);
    expect(r.out).toContain("A is best in 82.1% of resamples; its rank lies between 1 and 2 (95%). Over 120 shared items (2,000 paired bootstrap resamples), no rank is settled at 95%.");
    expect(r.out).toMatch(/^pair\s+design\s+gap\s+95% simultaneous CI \(Bonferroni\)\s+p\s+p \(holm\)\s+method$/m);
    expect(r.out).toMatch(/^A − B\s+paired, 120\s+\+1\.6 pp\s+−3\.1 to \+6\.3 pp\s+0\.36\s+0\.73\s+paired-t$/m);
    expect(r.out).toContain("A and B are ahead of D and C after Holm's adjustment (α = 0.05): every difference between the groups is significant; within each group the order is not decisive.");
    const json = await inProcess(["compare", gradedFile, "--all-pairs", "--correction", "hommel", "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual(JSON.parse(JSON.stringify({ ...compareAll(graded.records, { pairs: "all", correction: "hommel" }), ranking: rankConditions(graded.records) })));
    const bh = await inProcess(["compare", gradedFile, "--all-pairs", "--correction", "bh", "--level", "0.9"]);
    expect(bh.out).toMatch(/^pair\s+design\s+gap\s+90% simultaneous CI \(Bonferroni\)\s+p\s+p \(bh\)\s+method$/m);
  });

  it("three temperatures of the real gpt-4 runs: clustered paired gaps, none decisive", async () => {
    const r = await inProcess(["compare", ...threeTemperatures, ...realFlags, "--all-pairs"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^0\.0\s+99\s+80\.1%\s+a\s+1–2\s+95\.5%$/m);
    expect(r.out).toContain("All three pairwise differences among 0.0, 0.5 and 1.0 include zero (95% simultaneous intervals, Bonferroni; none significant after Holm's adjustment, α = 0.05) — the ranking is not decisive.");
    // Ten clusters: every pair warns that its ground is thin.
    expect(r.out).toContain("Warnings on 3 of 3 pairs (--json lists them).");
  });

  it.each([
    ["--baseline", [gradedFile, "--all-pairs", "--baseline", "A"], "--all-pairs compares every pair of conditions, so --baseline has no role; drop --baseline, or --all-pairs to compare with one baseline"],
    ["--treatment", [gradedFile, "--all-pairs", "--treatment", "A"], "--all-pairs compares every pair of conditions, so --treatment has no role; drop --treatment, or --all-pairs to compare with one baseline"],
    ["a misspelled correction", [gradedFile, "--all-pairs", "--correction", "holmes"], '--correction must be one of "holm", "bonferroni", "hochberg", "hommel", "bh", "by", "none", got "holmes"'],
    ["a one-sided alternative", [gradedFile, "--all-pairs", "--alternative", "greater"], "--all-pairs tests every pair two-sided (a family of pairs has no single direction), got --alternative greater"],
    ["a single condition", [realFiles[0], ...realFlags, "--all-pairs"], 'records hold only one condition ("0.0"); all pairs need at least two'],
  ])("--all-pairs with %s exits 2 naming the problem", async (_label, args, message) => {
    const r = await inProcess(["compare", ...args]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(lastLine(r.err)).toBe(`evalgap compare: ${message}`);
  });
});
