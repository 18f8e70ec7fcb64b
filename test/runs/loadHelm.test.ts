/**
 * HELM run output (../shared/external-logs/helm-mmlu-philosophy-gpt2: GPT-2 on MMLU philosophy,
 * 9 test + 1 valid instances). Expected numbers come from HELM's own stats.json in the same folder,
 * and answers and targets from its scenario_state.json, read here with plain JSON.parse.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuns, loadRunsReport } from "../../src/runs/index.js";
import { helmCompanion, helmFileKind, loadHelm } from "../../src/runs/loadHelm.js";
import { detectFormat } from "../../src/runs/detectFormat.js";
import { LoadContext } from "../../src/runs/context.js";
import { ProblemSink } from "../../src/runs/problems.js";
import { sourceInfo } from "../../src/runs/options.js";
import { projectRoot, scratch } from "./paths.js";

const RUN = resolve(projectRoot, "../shared/external-logs/helm-mmlu-philosophy-gpt2");
const STATS = join(RUN, "per_instance_stats.json");
const read = (name: string) => JSON.parse(readFileSync(join(RUN, name), "utf8"));

interface HelmStat { name: { name: string; split?: string; perturbation?: unknown }; count: number; sum: number; mean?: number }
const aggregates = read("stats.json") as HelmStat[];
/** HELM's own aggregate of `name` on `split`, unperturbed. */
function helmAggregate(name: string, split: string): number {
  const found = aggregates.filter((s) => s.name.name === name && s.name.split === split && s.name.perturbation === undefined);
  expect(found, `${name} on ${split} in stats.json`).toHaveLength(1);
  return found[0].mean!;
}

/** Letter the model wrote and letter of the correct reference, per instance, from scenario_state.json. */
const requests = new Map<string, { answer: string; target: string; options: number; split: string }>();
for (const state of read("scenario_state.json").request_states) {
  const mapping = state.output_mapping as Record<string, string>;
  const correct = state.instance.references.find((r: { tags: string[] }) => r.tags.includes("correct")).output.text;
  requests.set(state.instance.id, {
    answer: state.result.completions[0].text.trim(),
    target: Object.keys(mapping).find((letter) => mapping[letter] === correct)!,
    options: state.instance.references.length,
    split: state.instance.split,
  });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("HELM per_instance_stats.json with scenario_state.json and run_spec.json", () => {
  it("reproduces HELM's exact_match on test: 1 of 9 = 0.111 (stats.json)", async () => {
    const records = await loadRuns(STATS, { onNote: () => {} });
    expect(records).toHaveLength(helmAggregate("num_instances", "test")); // 9
    expect(records).toHaveLength(9);
    expect(mean(records.map((r) => r.score))).toBeCloseTo(helmAggregate("exact_match", "test"), 15);
    expect(records.filter((r) => r.score === 1).map((r) => r.item)).toEqual(["id222"]);
    expect(records.every((r) => r.meta?.split === "test")).toBe(true);
  });

  it("reproduces HELM's exact_match on valid: 0 of 1 (split: \"valid\")", async () => {
    const records = await loadRuns(STATS, { split: "valid", onNote: () => {} });
    expect(records).toHaveLength(helmAggregate("num_instances", "valid")); // 1
    expect(mean(records.map((r) => r.score))).toBe(helmAggregate("exact_match", "valid")); // 0
    expect(records[0]).toMatchObject({ item: "id11", score: 0, meta: { split: "valid" } });
  });

  it("each record: 4 options, the letter written and the correct letter (scenario_state.json), model from run_spec.json", async () => {
    const records = await loadRuns(STATS, { onNote: () => {} });
    const model = read("run_spec.json").adapter_spec.model;
    expect(model).toBe("openai/gpt2");
    for (const r of records) {
      const request = requests.get(r.item)!;
      expect(r).toMatchObject({ condition: model, model, sample: 0, choices: request.options, answer: request.answer, target: request.target });
      expect(r.choices).toBe(4);
      // Joint multiple choice: exact_match is 1 exactly when the letter written is the correct one.
      expect(r.score).toBe(r.answer === r.target ? 1 : 0);
      expect(r.meta?.split).toBe(request.split);
    }
    // GPT-2 wrote "D" every time; the targets spread over A-D.
    expect(new Set(records.map((r) => r.answer))).toEqual(new Set(["D"]));
    expect(records.map((r) => r.target).join("")).toBe("CABCABDBC");
  });

  it("the doc example of loadHelm", async () => {
    const records = await loadRuns("../shared/external-logs/helm-mmlu-philosophy-gpt2/per_instance_stats.json", { onNote: () => {} });
    expect(records.length).toBe(9);
    expect(records.filter((r) => r.score === 1).length).toBe(1);
    expect(records[0]).toEqual({ item: "id147", condition: "openai/gpt2", score: 0, sample: 0, model: "openai/gpt2", answer: "D", target: "C", choices: 4, meta: { split: "test" } });
  });

  it("notes the split left out, and loads the format detected from the content", async () => {
    const report = await loadRunsReport(STATS);
    expect(report.files).toEqual([{ file: STATS, format: "helm" }]);
    expect(report.problems).toEqual([]);
    expect(report.notes).toEqual([`${STATS}: kept split test, 9 of 10 entries; left out valid (1) (pass { split } to choose)`]);
    const forced = await loadRunsReport(STATS, { format: "helm" });
    expect(forced.records).toEqual(report.records);
  });

  it("a condition from the options wins over the model; a condition function is told the task and model", async () => {
    const constant = await loadRuns(STATS, { condition: "gpt2-5shot", onNote: () => {} });
    expect(new Set(constant.map((r) => r.condition))).toEqual(new Set(["gpt2-5shot"]));
    const derived = await loadRuns(STATS, { condition: (_file, info) => `${info.task} | ${info.model}`, onNote: () => {} });
    expect(derived[0].condition).toBe("mmlu:subject=philosophy,method=multiple_choice_joint | openai/gpt2");
  });

  it("another metric by option: quasi_exact_match agrees with stats.json too", async () => {
    const records = await loadRuns(STATS, { metric: "quasi_exact_match", onNote: () => {} });
    expect(mean(records.map((r) => r.score))).toBeCloseTo(helmAggregate("quasi_exact_match", "test"), 15);
  });
});

describe("HELM errors", () => {
  for (const name of ["stats.json", "scenario_state.json", "run_spec.json"]) {
    it(`${name} alone: a one-line error saying to pass per_instance_stats.json`, async () => {
      const file = join(RUN, name);
      const error = await loadRuns(file).catch((e: Error) => e);
      expect(error).toBeInstanceOf(RangeError);
      const message = (error as Error).message;
      expect(message.startsWith(`${file}: HELM ${name} `)).toBe(true);
      expect(message).toMatch(/: pass per_instance_stats\.json \(or its run folder\) instead$/);
      expect(message).not.toContain("\n");
      // The same when the format is forced: the name tells.
      await expect(loadRuns(file, { format: "helm" })).rejects.toThrow(`HELM ${name} `);
    });
  }

  it("a missing metric lists the metrics present and the closest", async () => {
    const error = (await loadRuns(STATS, { metric: "exact_mach" }).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/^.*per_instance_stats\.json: no metric "exact_mach"; metrics present: num_references, .*\bexact_match, exact_match@5, .*; closest: exact_match \(value: "exact_mach"\)$/);
    expect(error.message).not.toContain("\n");
  });

  it("a split that is not there lists the splits present", async () => {
    await expect(loadRuns(STATS, { split: "tset" })).rejects.toThrow('no instances in split "tset"; splits present: test (9), valid (1); closest: test');
  });

  it("a metric that is not a score in [0, 1] is refused at its entry", async () => {
    const report = await loadRunsReport(STATS, { metric: "num_prompt_tokens" });
    expect(report.records).toEqual([]);
    expect(report.problems).toHaveLength(9);
    expect(report.problems[0]).toMatchObject({ file: STATS, entry: "per_instance_stats[0]", value: 333 });
    expect(report.problems[0].message).toMatch(/^num_prompt_tokens: score is not a number in \[0, 1\]/);
  });
});

describe("HELM format detection and side files", () => {
  it("detectFormat reads per_instance_stats.json as helm and refuses the side files by content", () => {
    const head = (name: string) => readFileSync(join(RUN, name)).subarray(0, 64 * 1024);
    expect(detectFormat(head("per_instance_stats.json"))).toEqual({ format: "helm" });
    for (const name of ["stats.json", "scenario_state.json", "run_spec.json"]) {
      expect(detectFormat(head(name))).toEqual({ problem: expect.stringContaining(`HELM ${name} `) });
    }
  });

  it("helmFileKind tells HELM's front-end digests and instances.json from per_instance_stats.json", () => {
    expect(helmFileKind('[\n  {\n    "instance_id": "id147",\n    "train_trial_index": 0,\n    "stats": [')).toEqual({ format: "helm" });
    expect(helmFileKind('[\n  {\n    "instance_id": "id1",\n    "train_trial_index": 0,\n    "predicted_text": " D",')).toEqual({ problem: expect.stringContaining("display_predictions.json") });
    expect(helmFileKind('[\n  {\n    "instance_id": "id1",\n    "train_trial_index": 0,\n    "request": {')).toEqual({ problem: expect.stringContaining("display_requests.json") });
    expect(helmFileKind('[\n  {\n    "input": {\n      "text": "Q"\n    },\n    "references": [],\n    "split": "test",')).toEqual({ problem: expect.stringContaining("instances.json") });
    // Plain record arrays and Inspect logs are not HELM's.
    expect(helmFileKind('[{"item": "1", "condition": "a", "score": 1}]')).toBeUndefined();
    expect(helmFileKind('{\n  "version": 2,\n  "status": "success",')).toBeUndefined();
    expect(detectFormat(Buffer.from('[{"instance_id": "1", "condition": "a", "score": 1}]'))).toEqual({ format: "json" });
  });

  it("helmCompanion: true for the side files a folder walk skips, false for the file to read", () => {
    for (const name of ["scenario_state.json", "run_spec.json", "stats.json", "instances.json", "scenario.json", "display_predictions.json", "display_requests.json"]) {
      expect(helmCompanion(name), name).toBe(true);
    }
    expect(helmCompanion(join(RUN, "stats.json"))).toBe(true);
    expect(helmCompanion("per_instance_stats.json")).toBe(false);
    expect(helmCompanion(STATS)).toBe(false);
    expect(helmCompanion("results.json")).toBe(false);
  });

  it("loadHelm takes the run folder for its per_instance_stats.json", async () => {
    const ctx = new LoadContext({}, new ProblemSink("throw"));
    await loadHelm(sourceInfo(RUN), ctx);
    expect(ctx.records).toHaveLength(9);
    expect(ctx.records.filter((r) => r.score === 1)).toHaveLength(1);
  });
});

describe("HELM files written here: trials, perturbations, missing side files", () => {
  const stat = (name: string, split: string, value: number, perturbation?: object) => ({
    name: { name, split, ...(perturbation ? { perturbation } : {}) }, count: 1, sum: value, sum_squared: value * value, min: value, max: value, mean: value,
  });
  const typos = { name: "typos", robustness: true, fairness: false, computed_on: "perturbed" };

  it("train_trial_index becomes sample, perturbed copies are left out with a note, missing side files are noted", async () => {
    const dir = scratch();
    const entries = [
      { instance_id: "id1", train_trial_index: 0, stats: [stat("exact_match", "test", 1)] },
      { instance_id: "id1", train_trial_index: 1, stats: [stat("exact_match", "test", 0)] },
      { instance_id: "id1", perturbation: typos, train_trial_index: 0, stats: [stat("exact_match", "test", 0, typos)] },
      { instance_id: "id2", train_trial_index: 0, stats: [stat("exact_match", "test", 1)] },
    ];
    const file = join(dir, "per_instance_stats.json");
    writeFileSync(file, JSON.stringify(entries, null, 2));
    const report = await loadRunsReport(file);
    expect(report.files[0].format).toBe("helm");
    expect(report.records.map((r) => `${r.item}#${r.sample}=${r.score}`)).toEqual(["id1#0=1", "id1#1=0", "id2#0=1"]);
    expect(report.records.every((r) => r.condition === "per_instance_stats.json" && r.model === undefined && r.choices === undefined)).toBe(true);
    expect(report.notes).toEqual([
      `${file}: run_spec.json not found beside it; model unknown`,
      `${file}: scenario_state.json not found beside it; answers, targets and option counts unknown`,
      `${file}: left out perturbed instances: typos (1)`,
    ]);
  });

  it("an entry without the metric is reported at its index; the others load", async () => {
    const dir = join(scratch(), "run");
    mkdirSync(dir);
    const entries = [
      { instance_id: "id1", train_trial_index: 0, stats: [stat("exact_match", "test", 1)] },
      { instance_id: "id2", train_trial_index: 0, stats: [stat("num_references", "test", 4)] },
    ];
    writeFileSync(join(dir, "per_instance_stats.json"), JSON.stringify(entries, null, 2));
    writeFileSync(join(dir, "run_spec.json"), JSON.stringify({ name: "x:model=m", scenario_spec: {}, adapter_spec: { method: "generation", model: "org/m" } }, null, 2));
    const report = await loadRunsReport(join(dir, "per_instance_stats.json"));
    expect(report.records).toEqual([{ item: "id1", condition: "org/m", score: 1, sample: 0, model: "org/m", meta: { split: "test" } }]);
    expect(report.problems).toEqual([{
      file: join(dir, "per_instance_stats.json"), entry: "per_instance_stats[1]",
      message: 'no metric "exact_match" in this entry; metrics present: num_references', value: "exact_match",
    }]);
    expect(report.skipped).toBe(1);
  });

  it("a JSON array that is not per-instance stats is refused when the format is forced", async () => {
    const file = join(scratch(), "per_instance_stats.json");
    writeFileSync(file, JSON.stringify([{ instance_id: "id1", score: 1 }]));
    await expect(loadRuns(file, { format: "helm" })).rejects.toThrow(/not a HELM per_instance_stats\.json: expected a list of \{ instance_id, train_trial_index, stats: \[\.\.\.\] \}/);
  });
});

describe("HELM options and side files out of step", () => {
  it("a split that is not a name is refused before anything is read", async () => {
    await expect(loadRuns(STATS, { split: " " })).rejects.toThrow('split must name a split such as "test" (value: " ")');
  });

  it("entries without a request in scenario_state.json load without answers, and are counted in a note", async () => {
    const dir = scratch();
    const entries = [{ instance_id: "id9", train_trial_index: 0, stats: [{ name: { name: "exact_match", split: "test" }, count: 1, sum: 1, mean: 1 }] }];
    writeFileSync(join(dir, "per_instance_stats.json"), JSON.stringify(entries, null, 2));
    writeFileSync(join(dir, "scenario_state.json"), readFileSync(join(RUN, "scenario_state.json")));
    const report = await loadRunsReport(join(dir, "per_instance_stats.json"));
    expect(report.records).toEqual([{ item: "id9", condition: "openai/gpt2", score: 1, sample: 0, model: "openai/gpt2", meta: { split: "test" } }]);
    expect(report.notes).toContain(`${join(dir, "per_instance_stats.json")}: no request in scenario_state.json for 1 of 1 entries; their answers, targets and option counts are unknown`);
  });
});
