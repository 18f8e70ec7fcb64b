// lm-evaluation-harness samples as they come: the real MMLU-Pro-Plus run of pyFade (3 subtasks × 2
// runs, 11–12 options a document), every_eval_ever's math run (all wrong), the gsm8k fixture, and
// small synthetic files for what those do not carry (loglikelihood requests, two filters, two metrics).
// Expected values are read from the files here with JSON.parse, independently of the loader.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { beatsChance } from "../../src/analysis/beatsChance.js";
import { loadRuns, loadRunsReport, type RunRecord } from "../../src/runs/index.js";
import { optionCount } from "../../src/runs/loadLmeval.js";
import { expectClose } from "../helpers/close.js";
import { projectRoot, scratch, sharedFixtures } from "./paths.js";

const externalLogs = resolve(projectRoot, "../shared/external-logs");
const PYFADE = join(externalLogs, "pyfade-mmlu-pro-plus");
const MATH = join(externalLogs, "eee-math-perturbed/samples_math_perturbed_full_2026-01-21T03-44-18.458309.jsonl");
const GSM8K = join(sharedFixtures, "lmeval-gsm8k");
const RUN_A = "2025-10-14T14-44-39.372006";
const RUN_B = "2025-10-14T15-11-56.507865";
const MODEL_A = "/workspace/gemma3_12b_u2"; // results_2025-10-14T14-44-39.372006.json, model_name
const MODEL_B = "/workspace/gemma-3-12b-it-base";

const samplesIn = (dir: string) => readdirSync(dir).filter((f) => f.startsWith("samples_")).sort().map((f) => join(dir, f));
const lines = (file: string) => readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
const taskOf = (file: string) => /samples_(.+)_\d{4}-/.exec(file)![1];

/** Write a samples file (and, when given, its results file) into a fresh folder. */
function writeRun(task: string, rows: object[], model?: string): string {
  const dir = scratch();
  const date = "2025-01-02T03-04-05.000006";
  writeFileSync(join(dir, `samples_${task}_${date}.jsonl`), rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  if (model) writeFileSync(join(dir, `results_${date}.json`), JSON.stringify({ model_name: model, results: {}, configs: {} }));
  return join(dir, `samples_${task}_${date}.jsonl`);
}

describe("pyFade MMLU-Pro-Plus: 3 subtasks × 2 runs", () => {
  const files = samplesIn(PYFADE);

  it("every subtask file of both runs loads: task/doc_id items, one condition per run (its model), paired by item", async () => {
    const records = await loadRuns(files);
    const expected = files.flatMap((f) => lines(f).map((l) => ({ item: `${taskOf(f)}/${l.doc_id}`, condition: f.includes(RUN_A) ? MODEL_A : MODEL_B, score: l.exact_match, choices: l.doc.options.length })));
    expect(files).toHaveLength(6);
    expect(records).toHaveLength(18);
    expect(records.map((r) => ({ item: r.item, condition: r.condition, score: r.score, choices: r.choices }))).toEqual(expected);
    const itemsOf = (model: string) => records.filter((r) => r.condition === model).map((r) => r.item).sort();
    expect(itemsOf(MODEL_A)).toHaveLength(9);
    expect(itemsOf(MODEL_A)).toEqual(itemsOf(MODEL_B));
    expect(itemsOf(MODEL_A)).toContain("mmlu_pro_plus_chemistry/0");
    // Read by hand from the files (Python json): 3 of 9 right at 14-44-39, 6 of 9 at 15-11-56.
    const right = (model: string) => records.filter((r) => r.condition === model && r.score === 1).length;
    expect([right(MODEL_A), right(MODEL_B)]).toEqual([3, 6]);
  });

  it("choices is the length of doc.options (11 or 12 here), not the 9 answer keys", async () => {
    const records = await loadRuns(files);
    expect(new Set(records.map((r) => r.choices))).toEqual(new Set([11, 12]));
    expect(records.find((r) => r.item === "mmlu_pro_plus_chemistry/6")).toMatchObject({ choices: 12, target: "L", answer: "A", score: 0 });
  });

  it("condition and conditionPattern still win over the model", async () => {
    const constant = await loadRuns(files.filter((f) => f.includes(RUN_B)), { condition: "gemma" });
    expect(constant.map((r) => r.condition)).toEqual(Array(9).fill("gemma"));
    // Two runs under one given condition collide, as they should: nothing tells their answers apart.
    await expect(loadRuns(files, { condition: "gemma" })).rejects.toThrow(/duplicate \(item, condition, sample\).*"item":"mmlu_pro_plus_chemistry\/0","condition":"gemma"/);
    const byTask = await loadRuns(files.filter((f) => f.includes(RUN_A)), { conditionPattern: /samples_mmlu_pro_plus_([a-z]+)_/ });
    expect(new Set(byTask.map((r) => r.condition))).toEqual(new Set(["chemistry", "health", "psychology"]));
  });

  it("itemKey doc.question_id and clusterKey doc.src / doc.category take those fields", async () => {
    const records = await loadRuns(files, { itemKey: "doc.question_id", clusterKey: "doc.category" });
    const expected = files.flatMap((f) => lines(f).map((l) => ({ item: String(l.doc.question_id), cluster: l.doc.category })));
    expect(records.map((r) => ({ item: r.item, cluster: r.cluster }))).toEqual(expected);
    expect(new Set(records.map((r) => r.cluster))).toEqual(new Set(["chemistry", "health", "psychology"]));
    const bySource = await loadRuns(files, { clusterKey: "doc.src" });
    expect(bySource.map((r) => r.cluster)).toEqual(files.flatMap((f) => lines(f).map((l) => l.doc.src)));
  });

  it("a missing itemKey or clusterKey path names the file, the line and the keys near it", async () => {
    const file = files[0];
    await expect(loadRuns(file, { itemKey: "doc.question_idx" })).rejects.toThrow(
      `${file}, line 1: itemKey "doc.question_idx" is not in the line; keys near it: doc.question_id, doc.question, doc.options, doc.answer, doc.answer_index, doc.cot_content, doc.category, doc.src; closest: doc.question_id`,
    );
    await expect(loadRuns(file, { clusterKey: "doc.categroy" })).rejects.toThrow(/line 1: clusterKey "doc\.categroy" is not in the line; keys near it: .*; closest: doc\.category/);
    await expect(loadRuns(file, { clusterKey: "metadata.subject" })).rejects.toThrow(/line 1: clusterKey "metadata\.subject" is not in the line; keys near it: doc_id, doc, target, arguments, resps, filtered_resps, filter, metrics, doc_hash, prompt_hash, target_hash, exact_match \(value/);
    await expect(loadRuns(file, { itemKey: "doc.options" })).rejects.toThrow(/line 1: itemKey "doc\.options" is not a non-empty string or number/);
    const report = await loadRunsReport(file, { clusterKey: "doc.categroy" });
    expect(report.problems.map((p) => p.line)).toEqual([1, 2, 3]);
    expect(report.records).toEqual([]);
  });

  it("a misspelled metric or filter lists the values present with the closest one", async () => {
    const file = files[0];
    await expect(loadRuns(file, { metric: "exact_mach" })).rejects.toThrow(`${file}, line 1: no metric "exact_mach"; metrics present: exact_match; closest: exact_match`);
    await expect(loadRuns(file, { metric: "target" })).rejects.toThrow(/no metric "target"; metrics present: exact_match/);
    await expect(loadRuns(file, { filter: "custom-extrct" })).rejects.toThrow(`${file}: no lines with filter "custom-extrct"; filters present: custom-extract; closest: custom-extract`);
    expect(await loadRuns(file, { metric: "exact_match", filter: "custom-extract" })).toHaveLength(3);
  });
});

describe("beatsChance on the MMLU-Pro-Plus records: uniform chance is the mean of 1/options", () => {
  it("uses 1/options per item (11 and 12 options), not the answer keys; majority does not apply to 5 labels in 9 items", async () => {
    const records = await loadRuns(samplesIn(PYFADE));
    for (const [model, right] of [[MODEL_A, 3], [MODEL_B, 6]] as const) {
      const mine = records.filter((r) => r.condition === model);
      const chance = mine.reduce((s, r) => s + 1 / r.choices!, 0) / mine.length;
      expectClose(chance, (5 / 11 + 4 / 12) / 9, "mean of 1/options"); // 5 items with 11 options, 4 with 12
      const v = beatsChance(records, { condition: model });
      expect(v).toMatchObject({ chanceKind: "uniform", chanceEstimated: false, chanceClause: "uniform, the mean of 1/options", method: "exact-binomial", items: 9, successes: right });
      expectClose(v.chance, chance, "chance");
      expect(v.chanceReasons[0]).toMatchObject({ kind: "uniform", applies: true, why: "every item names its options (11, 12)" });
      expect(v.chanceReasons[1]).toMatchObject({ kind: "majority", applies: false });
      expect(v.baselines.majority).toBeUndefined();
      // The exact binomial tail at the mean rate, summed here term by term.
      const tail = binomialUpperTail(right, 9, chance);
      expectClose(v.pValue, tail, "binomial p");
      // Under uniform guessing the count is Poisson-binomial (p_i = 1/options_i); with k − 1 ≥ Σp_i the
      // binomial tail at the mean is the larger (Hoeffding 1956), so the test is valid, slightly conservative.
      const exact = poissonBinomialUpperTail(right, mine.map((r) => 1 / r.choices!));
      expect(exact).toBeLessThanOrEqual(tail);
      expectClose(exact, tail, "Poisson-binomial vs binomial", 0.05);
    }
  });
});

/** P(X ≥ k) for X ~ Binomial(n, p), by summing the probability mass. */
function binomialUpperTail(k: number, n: number, p: number): number {
  let sum = 0;
  for (let j = k; j <= n; j++) {
    let choose = 1;
    for (let i = 0; i < j; i++) choose = (choose * (n - i)) / (i + 1);
    sum += choose * p ** j * (1 - p) ** (n - j);
  }
  return sum;
}

/** P(X ≥ k) for a sum of independent Bernoulli(p_i), by convolution. */
function poissonBinomialUpperTail(k: number, ps: readonly number[]): number {
  let mass = [1];
  for (const p of ps) mass = [...mass, 0].map((m, j) => m * (1 - p) + (j > 0 ? mass[j - 1] * p : 0));
  return mass.slice(k).reduce((s, m) => s + m, 0);
}

describe("every_eval_ever's math run and the gsm8k fixture", () => {
  it("math_perturbed_full: 10 docs, all wrong, free-text generation (no choices), condition = the model", async () => {
    const records = await loadRuns(MATH);
    expect(records).toHaveLength(10);
    expect(records.every((r) => r.score === 0 && r.choices === undefined)).toBe(true);
    expect(records.map((r) => r.item)).toEqual(lines(MATH).map((l) => `math_perturbed_full/${l.doc_id}`));
    expect(new Set(records.map((r) => r.condition))).toEqual(new Set(["RylanSchaeffer/mem_Qwen3-93M_minerva_math_rep_0_sbst_1.0000_epch_1_ot_1"]));
  });

  it("gsm8k: the two runs are two conditions (their models) on the same three items", async () => {
    const records = await loadRuns(samplesIn(GSM8K));
    const items = (model: string) => records.filter((r) => r.condition === model).map((r) => r.item);
    expect(items("gemma3:12b-u1")).toEqual(["gsm8k/16", "gsm8k/17", "gsm8k/18"]);
    expect(items("gemma3:12b-it-q4_K_M")).toEqual(["gsm8k/16", "gsm8k/17", "gsm8k/18"]);
  });
});

describe("synthetic samples: what the real files do not carry", () => {
  const mcRow = (docId: number, filter: string, acc: number) => ({
    doc_id: docId,
    doc: { question: `q${docId}`, label: "B" },
    target: 1,
    arguments: {
      gen_args_0: { arg_0: "Question: ...\nAnswer:", arg_1: " red" },
      gen_args_1: { arg_0: "Question: ...\nAnswer:", arg_1: " blue" },
      gen_args_2: { arg_0: "Question: ...\nAnswer:", arg_1: " green" },
    },
    filter,
    metrics: ["acc", "acc_norm"],
    acc,
    acc_norm: 1 - acc,
  });

  it("counts the loglikelihood requests in arguments when the doc names no options", async () => {
    const file = writeRun("arc_easy", [mcRow(0, "none", 1), mcRow(1, "none", 0)], "org/model");
    const records = await loadRuns(file, { onNote: () => {} });
    expect(records.map((r) => r.choices)).toEqual([3, 3]);
  });

  it("notes the metric used when several are listed, and `metric` picks another", async () => {
    const file = writeRun("arc_easy", [mcRow(0, "none", 1), mcRow(1, "none", 0)], "org/model");
    const report = await loadRunsReport(file);
    expect(report.records.map((r) => r.score)).toEqual([1, 0]);
    expect(report.notes).toEqual([`${file}: metrics acc, acc_norm; used acc (pass { metric } to choose)`]);
    const norm = await loadRunsReport(file, { metric: "acc_norm" });
    expect(norm.records.map((r) => r.score)).toEqual([0, 1]);
    expect(norm.notes).toEqual([]);
  });

  it("keeps one filter, notes the others, and `filter` picks another", async () => {
    const file = writeRun("gsm", [mcRow(0, "strict-match", 1), mcRow(0, "flexible-extract", 0), mcRow(1, "strict-match", 1), mcRow(1, "flexible-extract", 1)], "org/model");
    const strict = await loadRunsReport(file, { metric: "acc" });
    expect(strict.records.map((r) => r.score)).toEqual([1, 1]);
    expect(strict.notes).toEqual([`${file}: used filter strict-match; left out flexible-extract (2 lines) (pass { filter } to choose)`]);
    const flexible = await loadRunsReport(file, { metric: "acc", filter: "flexible-extract" });
    expect(flexible.records.map((r) => [r.item, r.score])).toEqual([["gsm/0", 0], ["gsm/1", 1]]);
  });

  it("without a results file the condition is task-date, one per file, and a note says the model is unknown", async () => {
    const file = writeRun("arc_easy", [mcRow(0, "none", 1)]);
    const report = await loadRunsReport(file, { metric: "acc" });
    expect(report.records[0]).toMatchObject({ item: "arc_easy/0", condition: "arc_easy-2025-01-02T03-04-05.000006" });
    expect(report.records[0].model).toBeUndefined();
    expect(report.notes).toEqual([`${file}: results_2025-01-02T03-04-05.000006.json not found beside it; model unknown`]);
  });

  it("two subtasks of one run that number their docs from 0 do not collide", async () => {
    const a = writeRun("mmlu_law", [mcRow(0, "none", 1)], "org/model");
    const b = writeRun("mmlu_art", [mcRow(0, "none", 0)], "org/model");
    const records: RunRecord[] = await loadRuns([a, b], { metric: "acc" });
    expect(records.map((r) => [r.item, r.condition])).toEqual([["mmlu_law/0", "org/model"], ["mmlu_art/0", "org/model"]]);
  });
});

describe("optionCount", () => {
  const request = (context: string, continuation: unknown) => ({ arg_0: context, arg_1: continuation });
  it("reads doc.options, doc.choices as a list or as Hugging Face's { text, label }", () => {
    expect(optionCount({ options: ["a", "b", "c"] }, {})).toBe(3);
    expect(optionCount({ choices: ["a", "b", "c", "d"] }, {})).toBe(4);
    expect(optionCount({ choices: { text: ["a", "b", "c", "d", "e"], label: ["A", "B", "C", "D", "E"] } }, {})).toBe(5);
  });
  it("counts loglikelihood requests, as an object of gen_args or as an array of pairs", () => {
    expect(optionCount({}, { gen_args_0: request("Q", " a"), gen_args_1: request("Q", " b") })).toBe(2);
    expect(optionCount({}, [["Q", " a"], ["Q", " b"], ["Q", " c"], ["Q", " d"]])).toBe(4);
  });
  it("leaves out generation requests, acc_mutual_info's unconditional requests and single options", () => {
    expect(optionCount({}, { gen_args_0: request("Q", { until: ["\n"] }) })).toBeUndefined();
    expect(optionCount({}, [["Q", " a"], ["Q", " b"], ["", " a"], ["", " b"]])).toBe(2);
    expect(optionCount({ options: ["only"] }, [["Q", " a"]])).toBeUndefined();
    expect(optionCount(undefined, undefined)).toBeUndefined();
  });
});
