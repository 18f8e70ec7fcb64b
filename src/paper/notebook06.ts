/**
 * Notebook 6, "Bring your own logs": an Inspect `.eval` log, an lm-eval samples/results pair and a
 * wide CSV, each loaded in a few lines, a deliberately broken file read with `loadRunsReport`, a
 * summary of every condition, and the comparisons the examples were made for. The example files
 * are generated (scripts/make-examples.ts, seeded), so every figure says "simulated".
 */
import { join } from "node:path";
import { compareConditions, type Comparison } from "../analysis/compareConditions.js";
import { formatCount } from "../analysis/format.js";
import { itemScores } from "../analysis/itemScores.js";
import { summarize } from "../analysis/summarize.js";
import { forestFigure } from "../figures/forest.js";
import { gapFigure } from "../figures/gap.js";
import { itemScatterFigure } from "../figures/itemScatter.js";
import { loadRuns, loadRunsReport, type LoadReport } from "../runs/loadRuns.js";
import type { LoadOptions } from "../runs/options.js";
import { describeProblem } from "../runs/problems.js";
import type { RunRecord } from "../runs/record.js";
import { gapRow } from "./storyFigures.js";
import type { NotebookStory, PaperFigure, PaperVerdict, StoryBuilder, StoryContext } from "./types.js";

/** The example files under notebooks/examples/ (written by scripts/make-examples.ts). */
export const exampleFiles = {
  inspect: "inspect/2026-03-02T10-00-00+00-00_yes-no_Ex4mpleLogA1b2C3d4E5f6G7.eval",
  lmeval: "lm-eval/samples_yes-no_2026-03-02T11-00-00.000000.jsonl",
  csv: "csv/prompts-wide.csv",
  bad: "bad/broken.csv",
} as const;

/** The CSV holds three answers per row, scored against `key`, and a topic that clusters items. */
export const wideCsvOptions: LoadOptions = { repeats: { answers: /^answer_/, key: "key" }, columns: { cluster: "topic" } };

/**
 * The lm-eval example shares its 40 items with the Inspect log by number, so it is keyed on
 * `doc_id` alone (the loader's default item is "task/doc_id") and named "task/model" as Inspect names it.
 */
const lmevalExampleOptions: LoadOptions = { itemKey: "doc_id", condition: (_file, info) => `${info.task}/${info.model}` };

/** Conditions as the loaders name them: Inspect gives "task/model"; the lm-eval example is named so too. */
export const exampleConditions = {
  modelA: "yes-no/example/model-a",
  modelB: "yes-no/example/model-b",
  plain: "plain prompt",
  stepByStep: "think step by step",
} as const;

/**
 * notebooks/examples/ seen from the data directory (the story builders are given data/).
 *
 * @example
 * examplesDir("/repo/data") // "/repo/notebooks/examples"
 */
export function examplesDir(dataDir: string): string {
  return join(dataDir, "..", "notebooks", "examples");
}

/** The records of the three example logs, by source. */
export interface ExampleRuns {
  inspect: RunRecord[];
  lmeval: RunRecord[];
  csv: RunRecord[];
}

/**
 * Load the three example logs with `loadRuns` (formats detected from content).
 *
 * @example
 * (await loadExampleRuns("../data")).inspect.length // 80 (40 items × 2 epochs)
 */
export async function loadExampleRuns(dataDir: string): Promise<ExampleRuns> {
  const dir = examplesDir(dataDir);
  return {
    inspect: await loadRuns(join(dir, exampleFiles.inspect)),
    lmeval: await loadRuns(join(dir, exampleFiles.lmeval), lmevalExampleOptions),
    csv: await loadRuns(join(dir, exampleFiles.csv), wideCsvOptions),
  };
}

/**
 * The broken example next to a file that does not exist, read with `loadRunsReport`: every problem
 * with its file and line instead of a throw at the first one.
 *
 * @example
 * (await loadBrokenReport("../data")).problems.length // 5
 */
export async function loadBrokenReport(dataDir: string): Promise<LoadReport> {
  const dir = examplesDir(dataDir);
  return loadRunsReport([join(dir, exampleFiles.bad), join(dir, "no-such-file.csv")]);
}

/**
 * Figure: every example condition's accuracy (`summarize`: Clopper–Pearson for single answers,
 * Korn–Graubard for repeats or clusters) against chance for yes/no items.
 *
 * @example
 * examplesForestFigure(runs).name // "06-examples-summary"
 */
export function examplesForestFigure(runs: ExampleRuns): PaperFigure {
  const rows = summarize([...runs.inspect, ...runs.lmeval, ...runs.csv]).map((r) => ({
    label: `${r.group} (${r.samplesPerItem === 1 ? "1 answer" : `${r.samplesPerItem} answers`}/item)`,
    estimate: r.accuracy,
    lower: r.lower,
    upper: r.upper,
    n: r.items,
  }));
  const clear = rows.filter((r) => r.lower > 0.5).length;
  const figure = forestFigure(rows, {
    chance: { value: 0.5, kind: "uniform, yes/no" },
    finding: `Examples (simulated): ${clear} of ${rows.length} conditions clear of 50% chance`,
  });
  return {
    name: "06-examples-summary",
    caption: "Accuracy of each condition in the generated example logs (Inspect, lm-eval, wide CSV) with 95% intervals, against yes/no chance.",
    figure,
    simulated: true,
  };
}

/**
 * The two comparisons the examples allow: the CSV's prompts on the same 60 items (3 answers each,
 * clustered by topic), and the two models of the Inspect and lm-eval logs on the same 40 items.
 *
 * @example
 * exampleComparisons(runs)[0].paired // true
 */
export function exampleComparisons(runs: ExampleRuns): Comparison[] {
  return [
    compareConditions(runs.csv, { baseline: exampleConditions.plain, treatment: exampleConditions.stepByStep }),
    compareConditions([...runs.inspect, ...runs.lmeval], { baseline: exampleConditions.modelB, treatment: exampleConditions.modelA }),
  ];
}

/**
 * Figure: the two gaps with their intervals (unadjusted: two unrelated questions).
 *
 * @example
 * examplesGapFigure(exampleComparisons(runs)).name // "06-examples-gaps"
 */
export function examplesGapFigure(comparisons: Comparison[]): PaperFigure {
  const rows = comparisons.map((c) => gapRow(c, `${c.treatment.replace("yes-no/example/", "")} − ${c.baseline.replace("yes-no/example/", "")}`));
  const significant = comparisons.filter((c) => c.significant).length;
  const figure = gapFigure(rows, { finding: `Examples (simulated): ${significant} of ${comparisons.length} gaps significant` });
  return {
    name: "06-examples-gaps",
    caption: "Paired gaps in the generated examples: step-by-step vs plain prompt (CSV, 60 items × 3 answers, clustered by topic) and model-a vs model-b (Inspect vs lm-eval, 40 items).",
    figure,
    simulated: true,
  };
}

/**
 * Figure: each CSV item's accuracy (mean of its 3 answers, `itemScores`) under the plain prompt
 * against step by step.
 *
 * @example
 * examplesItemFigure(runs).name // "06-examples-items"
 */
export function examplesItemFigure(runs: ExampleRuns): PaperFigure {
  const of = (condition: string) => itemScores(runs.csv.filter((r) => r.condition === condition));
  const stepByStep = new Map(of(exampleConditions.stepByStep).map((s) => [s.item, s]));
  const points = of(exampleConditions.plain)
    .filter((s) => stepByStep.has(s.item))
    .map((s) => ({ item: s.item, a: s.mean, b: stepByStep.get(s.item)!.mean, samples: Math.min(s.samples, stepByStep.get(s.item)!.samples) }));
  const higher = points.filter((p) => p.b > p.a).length;
  const lower = points.filter((p) => p.b < p.a).length;
  const figure = itemScatterFigure(points, {
    labels: [exampleConditions.plain, exampleConditions.stepByStep],
    finding: `Example CSV (simulated): step by step wins ${higher}, loses ${lower} of ${points.length}`,
  });
  return {
    name: "06-examples-items",
    caption: "Per-item accuracy (3 answers each) in the generated wide CSV: plain prompt (x) against think step by step (y).",
    figure,
    simulated: true,
  };
}

/**
 * The notebook's answers: what each loader read, what the broken file reported, and the gaps.
 *
 * @example
 * exampleVerdicts(runs, report, comparisons)[1].answer // "loadRunsReport found 5 problems …"
 */
export function exampleVerdicts(runs: ExampleRuns, report: LoadReport, comparisons: Comparison[]): PaperVerdict[] {
  const count = (records: RunRecord[], key: (r: RunRecord) => string) => new Set(records.map(key)).size;
  const items = (records: RunRecord[]) => count(records, (r) => r.item);
  const conditions = (records: RunRecord[]) => count(records, (r) => r.condition);
  return [
    {
      question: "Can evalgap read Inspect, lm-eval and CSV logs as they come?",
      answer: `Yes, one loadRuns call each: the Inspect .eval gave ${formatCount(runs.inspect.length)} records (${items(runs.inspect)} items × 2 epochs), the lm-eval samples file ${formatCount(runs.lmeval.length)} (model name from its results file), and the wide CSV ${formatCount(runs.csv.length)} (${items(runs.csv)} items × ${conditions(runs.csv)} prompts × 3 answers).`,
    },
    {
      question: "What happens with a broken file?",
      answer: `loadRunsReport found ${report.problems.length} problems, each with its file and line (first: ${describeProblem(report.problems[0]).replace(/^.*examples\//, "")}), skipped ${report.skipped} rows and kept ${report.records.length}; loadRuns would have thrown at the first.`,
    },
    ...comparisons.map((c) => ({ question: `Is ${c.treatment} different from ${c.baseline} in the examples?`, answer: c.sentence })),
  ];
}

/** Notebook 6's figures and verdicts, from the generated examples in notebooks/examples/. */
export const story: StoryBuilder = {
  notebook: "06-bring-your-own-logs",
  async build(context: StoryContext): Promise<NotebookStory> {
    const runs = await loadExampleRuns(context.dataDir);
    const report = await loadBrokenReport(context.dataDir);
    const comparisons = exampleComparisons(runs);
    return {
      notebook: this.notebook,
      title: "Bring your own logs",
      figures: [examplesForestFigure(runs), examplesGapFigure(comparisons), examplesItemFigure(runs)],
      verdicts: exampleVerdicts(runs, report, comparisons),
    };
  },
};
