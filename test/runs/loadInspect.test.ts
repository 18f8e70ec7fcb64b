// Inspect logs as they come: the real MMLU log of vhong-aisi/inspect_demo (gpt-4, 285 four-option
// questions, metadata.subject), the two vitals logs (C/P/I with partial credit), and synthetic logs
// for a scicode-like scorer whose value is a dict of several values. Expected values are read from
// the logs themselves (their own results) or listed by hand.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { beatsChance } from "../../src/analysis/beatsChance.js";
import { loadRuns, loadRunsReport } from "../../src/runs/index.js";
import { expectClose } from "../helpers/close.js";
import { POPULARITY, projectRoot, writeTemp } from "./paths.js";
import { makeZip } from "./zipWriter.js";

const externalLogs = resolve(projectRoot, "../shared/external-logs");
const MMLU = join(externalLogs, "inspect-mmlu-gpt4/2025-07-30T18-42-38+00-00_mmlu_ZYEnfbu3nstBuwzjiAGzuG.eval");
const VITALS = ["2025-04-29T14-36-27-05-00_An-R-Eval_e4763d5da8fe03a6cf4a90.json", "2025-04-29T14-37-06-05-00_An-R-Eval_e4763d5da8fe03a6cf4a90.json"].map((f) => join(externalLogs, "vitals-are", f));

describe("the Inspect MMLU log (openai/gpt-4, 285 questions, scorer choice)", () => {
  it("loads every sample with choices 4 and the log's own accuracy (0.7824561403508772 = 223/285)", async () => {
    const records = await loadRuns(MMLU);
    expect(records).toHaveLength(285);
    expect(records.every((r) => r.choices === 4 && r.condition === "mmlu/openai/gpt-4")).toBe(true);
    expect(records.filter((r) => r.score === 1)).toHaveLength(223);
    expectClose(records.reduce((s, r) => s + r.score, 0) / 285, 0.7824561403508772, "accuracy in header.json results");
    expect(records.find((r) => r.item === "100")).toMatchObject({ target: "A", answer: "A", score: 1 });
  });

  it("clusterKey metadata.subject: 57 subjects of 5 questions each", async () => {
    const records = await loadRuns(MMLU, { clusterKey: "metadata.subject" });
    const sizes = new Map<string, number>();
    for (const r of records) sizes.set(r.cluster!, (sizes.get(r.cluster!) ?? 0) + 1);
    expect(sizes.size).toBe(57);
    expect(new Set(sizes.values())).toEqual(new Set([5]));
    expect(records.find((r) => r.item === "100")?.cluster).toBe("professional_psychology");
  });

  it("a misspelled clusterKey or itemKey names the entry and the keys near the path", async () => {
    await expect(loadRuns(MMLU, { clusterKey: "metadata.subjet" })).rejects.toThrow(
      `${MMLU}, entry samples/1_epoch_1.json: clusterKey "metadata.subjet" is not in the sample; keys near it: metadata.subject; closest: metadata.subject`,
    );
    await expect(loadRuns(MMLU, { itemKey: "uuid.x" })).rejects.toThrow(/entry samples\/1_epoch_1\.json: itemKey "uuid\.x" is not in the sample \(value/);
    await expect(loadRuns(MMLU, { itemKey: "metadata" })).rejects.toThrow(/itemKey "metadata" is not a non-empty string or number/);
  });

  it("beatsChance: chance is 1/4 from the options, the exact binomial test at 25% (issue 11); the majority key (78 of 285 keyed D) is listed, not taken", async () => {
    const records = await loadRuns(MMLU);
    const auto = beatsChance(records);
    expect(auto).toMatchObject({ chance: 0.25, chanceKind: "uniform", chanceClause: "uniform over 4 options", method: "exact-binomial", successes: 223, items: 285 });
    expect(auto.chanceReasons[0]).toMatchObject({ kind: "uniform", value: 0.25, applies: true, why: "every item names its options (4)" });
    // The keys are A 67, B 69, C 71, D 78: a guesser always answering D would score 78/285.
    expect(auto.chanceReasons[1]).toMatchObject({ kind: "majority", applies: false });
    expectClose(auto.baselines.majority!, 78 / 285, "majority chance");
    const majority = beatsChance(records, { chance: "majority" });
    expect(majority).toMatchObject({ chanceKind: "majority", chanceEstimated: true, method: "mcnemar-exact vs majority guesser" });
  });
});

describe("the vitals logs: model-graded C/P/I with partial credit", () => {
  it("C, P, I score 1, 0.5, 0; each log's mean equals its own results accuracy (59.6154 and 48.0769 percent)", async () => {
    for (const file of VITALS) {
      const log = JSON.parse(readFileSync(file, "utf8"));
      const records = await loadRuns(file);
      expect(records).toHaveLength(26);
      const labels = log.samples.map((s: { scores: Record<string, { value: string }> }) => Object.values(s.scores)[0].value);
      expect(records.map((r) => r.score)).toEqual(labels.map((l: string) => ({ C: 1, P: 0.5, I: 0 })[l]));
      const mean = records.reduce((s, r) => s + r.score, 0) / records.length;
      expect(Math.round(mean * 1e6) / 1e4).toBe(log.results.scores[0].metrics.accuracy.value);
      expect(records.every((r) => r.choices === undefined && r.condition === `An-R-Eval/${log.eval.model}`)).toBe(true);
    }
  });

  it("the two models answered the same 26 questions: they pair by item", async () => {
    const [claude, gpt] = await Promise.all(VITALS.map((f) => loadRuns(f)));
    expect(claude.map((r) => r.item).sort()).toEqual(gpt.map((r) => r.item).sort());
  });
});

/** A scicode-like log: one scorer whose value is a dict of two values; results list one entry per key. */
function scicodeLog(values: Record<string, unknown>[], extra: Record<string, unknown>[] = values.map(() => ({}))) {
  return {
    version: 2,
    status: "success",
    eval: { task: "scicode", model: "openai/o4-mini", scorers: [{ name: "scicode_scorer" }] },
    results: {
      scores: [
        { name: "Problem Correctness", scorer: "scicode_scorer", metrics: {} },
        { name: "Step Correctness", scorer: "scicode_scorer", metrics: {} },
      ],
    },
    samples: values.map((value, i) => ({ id: `p${i + 1}`, epoch: 1, input: "...", target: "", scores: { scicode_scorer: { value } }, ...extra[i] })),
  };
}
const SCICODE_VALUES = [
  { "Problem Correctness": 0, "Step Correctness": 0.25 },
  { "Problem Correctness": 1, "Step Correctness": 1 },
  { "Problem Correctness": 0, "Step Correctness": 0 },
];

describe("a score whose value is a dict of several values (scicode)", () => {
  const json = writeTemp("scicode.json", JSON.stringify(scicodeLog(SCICODE_VALUES)));

  it("without scoreKey: a problem listing the keys present and asking for scoreKey", async () => {
    await expect(loadRuns(json)).rejects.toThrow(
      `${json}, entry samples[0]: score value is a dict of several values (Problem Correctness, Step Correctness); pass scoreKey (value: {"Problem Correctness":0,"Step Correctness":0.25})`,
    );
  });

  it("scoreKey picks one value; the scorer is named once (not once per key), so there is no scorers note", async () => {
    const step = await loadRunsReport(json, { scoreKey: "Step Correctness" });
    expect(step.records.map((r) => [r.item, r.score])).toEqual([["p1", 0.25], ["p2", 1], ["p3", 0]]);
    expect(step.notes).toEqual([]);
    const problem = await loadRuns(json, { scoreKey: "Problem Correctness" });
    expect(problem.map((r) => r.score)).toEqual([0, 1, 0]);
    expect(problem[0]).toMatchObject({ condition: "scicode/openai/o4-mini", sample: 1 });
  });

  it("a scoreKey missing from a sample lists the keys with the closest", async () => {
    await expect(loadRuns(json, { scoreKey: "Step correctnes" })).rejects.toThrow(
      `${json}, entry samples[0]: score value has no key "Step correctnes"; keys present: Problem Correctness, Step Correctness; closest: Step Correctness`,
    );
  });

  it("a picked value that is not a score is refused with its key", async () => {
    const bad = writeTemp("scicode.json", JSON.stringify(scicodeLog([{ "Problem Correctness": "maybe", "Step Correctness": 0 }])));
    await expect(loadRuns(bad, { scoreKey: "Problem Correctness" })).rejects.toThrow(/samples\[0\]: Problem Correctness: score is not a number in \[0, 1\]/);
  });

  it("a dict of one value is that value; an empty dict is refused", async () => {
    const one = writeTemp("one.json", JSON.stringify(scicodeLog([{ accuracy: 1 }, { accuracy: 0 }])));
    expect((await loadRuns(one)).map((r) => r.score)).toEqual([1, 0]);
    const empty = writeTemp("empty.json", JSON.stringify(scicodeLog([{}])));
    await expect(loadRuns(empty)).rejects.toThrow(/samples\[0\]: score value is an empty dict/);
  });

  it("the same in a .eval zip: scoreKey, itemKey and clusterKey as paths into the sample", async () => {
    const log = scicodeLog(SCICODE_VALUES, [
      { metadata: { problem_id: "13", domain: "physics" } },
      { metadata: { problem_id: "27", domain: "chemistry" } },
      { metadata: { problem_id: "41", domain: "physics" } },
    ]);
    const entries: Record<string, string> = { "header.json": JSON.stringify({ ...log, samples: undefined }) };
    log.samples.forEach((s) => (entries[`samples/${s.id}_epoch_1.json`] = JSON.stringify(s)));
    const file = writeTemp("scicode.eval", makeZip(entries, 8));
    const records = await loadRuns(file, { scoreKey: "Step Correctness", itemKey: "metadata.problem_id", clusterKey: "metadata.domain" });
    expect(records.map((r) => [r.item, r.cluster, r.score])).toEqual([["13", "physics", 0.25], ["27", "chemistry", 1], ["41", "physics", 0]]);
  });

  it("scoreKey on a log whose scores are single values is noted, not silently dropped", async () => {
    const report = await loadRunsReport(POPULARITY, { scoreKey: "Step Correctness" });
    expect(report.records).toHaveLength(10);
    expect(report.notes).toEqual([`${POPULARITY}: scoreKey "Step Correctness" not used for 10 samples whose score is a single value`]);
  });
});
