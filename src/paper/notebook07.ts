/**
 * Notebook 7, "Run the value-inference experiment yourself": 300 generated value-inference tasks
 * (src/tasks/valueInference, seeded), one world drawn, the tasks sent by collectRuns (the engine of
 * `evalgap run`) through the local mock Messages API to a SIMULATED respondent standing in for the
 * models (an approximate Bayesian observer that assumes β = 1.5 under "research", 0.5 under
 * "production"; the person's true β is 3), then the analysis: accuracy against chance and the
 * ideal-observer ceiling, research vs production paired by item and clustered by world, the share
 * of the ceiling reached, and the items this design needs for the retold 62% vs 51%.
 *
 * Every figure says "simulated". Against the real API the same calls work on a records file that
 * `evalgap run` wrote (README, "The seed experiment").
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compareConditions, type Comparison } from "../analysis/compareConditions.js";
import { formatCount, formatInterval, formatPercent, formatPoints } from "../analysis/format.js";
import { planSampleSize, type SampleSizePlan } from "../analysis/planSampleSize.js";
import { summarize, type SummaryRow } from "../analysis/summarize.js";
import { collectRuns, type CollectSummary } from "../collect/collect.js";
import { startMockServer } from "../collect/mockApi.js";
import { parseConditions } from "../collect/taskFile.js";
import type { Condition } from "../collect/types.js";
import { forestFigure } from "../figures/forest.js";
import { gapFigure } from "../figures/gap.js";
import { gridWorldFigure, type GridWorldInput } from "../figures/gridWorldFigure.js";
import { loadRuns } from "../runs/loadRuns.js";
import type { RunRecord } from "../runs/record.js";
import { generateValueInferenceTasks, type ValueInferenceTask } from "../tasks/valueInference/generateTasks.js";
import { readPrompt } from "../tasks/valueInference/readPrompt.js";
import { simulatedRespondent, type SimulatedRespondent } from "../tasks/valueInference/simulatedRespondent.js";
import { gapRow, markSimulated } from "./storyFigures.js";
import type { NotebookStory, PaperFigure, PaperVerdict, StoryBuilder, StoryContext } from "./types.js";

/** The experiment as the notebook runs it: 300 tasks from seed 1, the story's two conditions at temperature 1. */
export const experimentDesign = {
  items: 300,
  seed: 1,
  research: "research t1",
  production: "production t1",
  /** The retold rates the design is planned for. */
  retold: { research: 0.62, production: 0.51 },
} as const;

/**
 * tasks/value-inference/conditions.json seen from the data directory (the story builders are given data/).
 *
 * @example
 * conditionsPath("/repo/data") // "/repo/tasks/value-inference/conditions.json"
 */
export function conditionsPath(dataDir: string): string {
  return join(dataDir, "..", "tasks", "value-inference", "conditions.json");
}

/**
 * The conditions named, read from the shipped conditions file (default: research and production at
 * temperature 1, where the simulated respondent samples its answer from its posterior; at
 * temperature 0 it answers its most probable option, which a misspecified β hardly changes).
 *
 * @example
 * experimentConditions("../data").map((c) => c.name) // ["research t1", "production t1"]
 */
export function experimentConditions(dataDir: string, names: readonly string[] = [experimentDesign.research, experimentDesign.production]): Condition[] {
  const path = conditionsPath(dataDir);
  const all = parseConditions(readFileSync(path, "utf8"), path);
  return names.map((name) => {
    const found = all.find((c) => c.name === name);
    if (!found) throw new RangeError(`names: ${JSON.stringify(name)} is not a condition of ${path} (it has ${all.map((c) => JSON.stringify(c.name)).join(", ")})`);
    return found;
  });
}

/**
 * The tasks: `evalgap task value-inference --items 300 --seed 1`, in process.
 *
 * @example
 * experimentTasks().length // 300
 */
export function experimentTasks(items: number = experimentDesign.items, seed: number | string = experimentDesign.seed): ValueInferenceTask[] {
  return generateValueInferenceTasks({ items, seed });
}

/**
 * One task's world and walks as the figure draws them, read back from the prompt (rows and columns from 1).
 *
 * @example
 * worldOf(experimentTasks(1)[0]).walks.length // 2
 */
export function worldOf(task: ValueInferenceTask): GridWorldInput {
  const { world, walks } = readPrompt(task.prompt);
  const objects: GridWorldInput["objects"] = [];
  world.objectAt.forEach((kind, cell) => {
    if (kind >= 0) objects.push({ row: Math.floor(cell / world.size) + 1, column: (cell % world.size) + 1, kind });
  });
  return {
    size: world.size,
    kinds: world.kinds.map((k) => ({ name: k.name, symbol: k.symbol })),
    objects,
    walks: walks.map((w) => ({ cells: w.cells.map((c) => [Math.floor(c / world.size) + 1, (c % world.size) + 1] as [number, number]) })),
  };
}

/**
 * The task the notebook draws: the first multiple-choice task whose walks make the person's profile
 * clear (the ideal observer is right with probability at least 0.8), so the figure shows what
 * evidence looks like; the first task when none is.
 *
 * @example
 * showcaseTask(experimentTasks()).meta.question // "profile"
 */
export function showcaseTask(tasks: readonly ValueInferenceTask[]): ValueInferenceTask {
  return tasks.find((t) => t.meta.question === "profile" && t.meta.idealAnswer === t.target && t.meta.idealAccuracy >= 0.8) ?? tasks[0];
}

/**
 * Figure: the world of one task with the walks its person was seen to take.
 *
 * @example
 * worldFigure(experimentTasks(1)[0]).name // "07-one-world"
 */
export function worldFigure(task: ValueInferenceTask): PaperFigure {
  const m = task.meta;
  const question = m.question === "profile" ? `which of ${m.candidates} value profiles?` : `${m.compared![0]}s over ${m.compared![1]}s?`;
  const figure = gridWorldFigure(worldOf(task), {
    finding: `Item ${task.id} (${question}): ${m.walkLengths.length} walks simulated with β = ${m.beta}; posterior of the right answer ${formatPercent(m.posteriorOfTarget)}`,
  });
  return {
    name: "07-one-world",
    caption: `The world of item ${task.id} (cluster ${task.cluster}) as the prompt describes it: objects by kind and the observed walks, start ring and arrows.`,
    figure: markSimulated(figure),
    simulated: true,
  };
}

/** The records of a simulated run, the respondent that gave them, and collectRuns' summary. */
export interface SimulatedRun {
  records: RunRecord[];
  respondent: SimulatedRespondent;
  summary: CollectSummary;
  /** The SDK's warnings about the conditions' model names (e.g. deprecated), each once, kept off stderr. */
  sdkWarnings: string[];
}

/**
 * Send every task under every condition through collectRuns to the mock Messages API answered by
 * the simulated respondent, write the records to `out` (default a temporary file, removed after
 * reading) and read them back with loadRuns. The environment's ANTHROPIC_BASE_URL and
 * ANTHROPIC_API_KEY point at the mock during the run and are restored after it.
 *
 * @example
 * (await runSimulatedExperiment(tasks, conditions)).records.length // tasks × conditions
 */
export async function runSimulatedExperiment(tasks: readonly ValueInferenceTask[], conditions: readonly Condition[], options: { out?: string; seed?: number | string } = {}): Promise<SimulatedRun> {
  const respondent = simulatedRespondent({ tasks, conditions, seed: options.seed });
  const apiKey = "sk-ant-simulated-respondent-0000";
  const server = await startMockServer({ apiKey, answer: respondent.answer });
  const saved = { url: process.env.ANTHROPIC_BASE_URL, key: process.env.ANTHROPIC_API_KEY };
  const dir = options.out === undefined ? mkdtempSync(join(tmpdir(), "evalgap-value-inference-")) : undefined;
  const out = options.out ?? join(dir!, "runs.jsonl");
  // collectRuns passes the SDK's warning about a deprecated model name (the shipped conditions use
  // one) to stderr once; a notebook keeps stderr empty, so it is returned instead, for printing.
  const sdkWarnings = new Set<string>();
  const stderrWrite = process.stderr.write;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = String(chunk);
    if (/is deprecated and will reach end-of-life/.test(text)) {
      sdkWarnings.add(text.split("\n")[0]);
      return true;
    }
    return (stderrWrite as (...a: unknown[]) => boolean).call(process.stderr, chunk, ...rest);
  }) as typeof process.stderr.write;
  try {
    process.env.ANTHROPIC_BASE_URL = server.url;
    process.env.ANTHROPIC_API_KEY = apiKey;
    const summary = await collectRuns({ tasks: [...tasks], conditions: [...conditions], samples: 1, out, progress: false });
    const records = await loadRuns(out);
    return { records, respondent, summary, sdkWarnings: [...sdkWarnings] };
  } finally {
    process.stderr.write = stderrWrite;
    for (const [name, value] of [["ANTHROPIC_BASE_URL", saved.url], ["ANTHROPIC_API_KEY", saved.key]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await server.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** What the tasks themselves fix: chance (mean 1/k or 1/2), the ideal observer's ceiling, and a posterior-sampler's accuracy. */
export interface TaskReferences {
  chance: number;
  ceiling: number;
  posteriorSampling: number;
}

/**
 * The task set's reference rates, exact for these tasks: chance is the mean of meta.chance, the
 * ceiling the mean of meta.idealAccuracy (the MAP answer's probability of being right), and the
 * accuracy of answering by sampling the exact posterior the mean of meta.posteriorOfTarget.
 *
 * @example
 * taskReferences(experimentTasks()).chance // 0.375
 */
export function taskReferences(tasks: readonly ValueInferenceTask[]): TaskReferences {
  const mean = (f: (t: ValueInferenceTask) => number) => tasks.reduce((s, t) => s + f(t), 0) / tasks.length;
  return { chance: mean((t) => t.meta.chance), ceiling: mean((t) => t.meta.idealAccuracy), posteriorSampling: mean((t) => t.meta.posteriorOfTarget) };
}

/** "research t1" → "research (simulated, T = 1)": what a row stands for, never mistaken for a model. */
function simulatedLabel(condition: string): string {
  const m = /^(.*) t(\d+(?:\.\d+)?)$/.exec(condition);
  return m ? `${m[1]} (simulated, T = ${m[2]})` : `${condition} (simulated)`;
}

/**
 * Figure: each condition's accuracy (summarize: Korn–Graubard, clustered by world) against chance
 * and the ideal-observer ceiling.
 *
 * @example
 * accuracyForest(run.records, taskReferences(tasks)).name // "07-accuracy-chance-ceiling"
 */
export function accuracyForest(records: readonly RunRecord[], references: TaskReferences): PaperFigure {
  const rows = summarize(records);
  const figure = forestFigure(
    rows.map((r) => ({ label: simulatedLabel(r.group), estimate: r.accuracy, lower: r.lower, upper: r.upper, n: r.items })),
    {
      chance: [
        { value: references.chance, kind: "uniform, 1/k or 1/2 per item", label: `chance ${formatPercent(references.chance)}` },
        { value: references.ceiling, kind: "ideal observer", label: `ideal-observer ceiling ${formatPercent(references.ceiling)}` },
      ],
      finding: `Simulated respondent: ${rows.map((r) => `${r.group.replace(/ t\d+$/, "")} ${formatPercent(r.accuracy)}`).join(", ")}; chance ${formatPercent(references.chance)}, ceiling ${formatPercent(references.ceiling)}`,
    },
  );
  return {
    name: "07-accuracy-chance-ceiling",
    caption: "Accuracy of the simulated respondent under each condition (95% Korn–Graubard intervals, clustered by world) against chance and the ideal-observer ceiling of these tasks.",
    figure: markSimulated(figure),
    simulated: true,
  };
}

/**
 * Research against production on the same items, clustered by world (compareConditions: paired t with CR2 SE).
 *
 * @example
 * researchVsProduction(run.records).paired // true
 */
export function researchVsProduction(records: readonly RunRecord[]): Comparison {
  return compareConditions(records, { baseline: experimentDesign.production, treatment: experimentDesign.research });
}

/**
 * Figure: the research − production gap with its interval.
 *
 * @example
 * researchGapFigure(researchVsProduction(run.records)).name // "07-research-minus-production"
 */
export function researchGapFigure(comparison: Comparison): PaperFigure {
  const figure = gapFigure([gapRow(comparison, "research − production")], {
    baseline: "production",
    treatment: "research",
    finding: `Simulated: research − production = ${formatPoints(comparison.estimate)} on the same ${formatCount(comparison.items)} items, ${comparison.significant ? "significant" : "not significant"} (clustered by world)`,
  });
  return {
    name: "07-research-minus-production",
    caption: "The simulated research − production gap, paired by item, standard error clustered by world (CR2), with its 95% interval.",
    figure: markSimulated(figure),
    simulated: true,
  };
}

/** A condition's accuracy as a share of the ceiling, and as a share of the way from chance to it. */
export interface CeilingShare {
  condition: string;
  row: SummaryRow;
  /** accuracy / ceiling, with the interval's ends divided likewise (the ceiling is exact for these tasks). */
  share: number;
  shareLower: number;
  shareUpper: number;
  /** (accuracy − chance) / (ceiling − chance), likewise. */
  aboveChance: number;
  aboveChanceLower: number;
  aboveChanceUpper: number;
}

/**
 * The share of the ceiling each condition reached. Chance and the ceiling are numbers of the task
 * set, not estimates, so the accuracy's interval maps onto the shares by the same division.
 *
 * @example
 * ceilingShares(run.records, taskReferences(tasks))[0].share // accuracy / ceiling
 */
export function ceilingShares(records: readonly RunRecord[], references: TaskReferences): CeilingShare[] {
  const { chance, ceiling } = references;
  return summarize(records).map((row) => ({
    condition: row.group,
    row,
    share: row.accuracy / ceiling,
    shareLower: row.lower / ceiling,
    shareUpper: row.upper / ceiling,
    aboveChance: (row.accuracy - chance) / (ceiling - chance),
    aboveChanceLower: (row.lower - chance) / (ceiling - chance),
    aboveChanceUpper: (row.upper - chance) / (ceiling - chance),
  }));
}

/** The items a design clustered like this one needs for a gap. */
export interface ClusteredPlan {
  /** planSampleSize for independent items (Connor's McNemar formula, the correlation observed). */
  plan: SampleSizePlan;
  /** The clustered variance of the paired gap over the unclustered one, in the run (Kish's design effect). */
  observedEffect: number;
  /** The design effect planned with: the observed one, at least 1. */
  designEffect: number;
  /** Items needed once the clustering is allowed for, rounded up to whole worlds. */
  items: number;
  worlds: number;
  sentence: string;
}

/**
 * Items this design needs to detect the retold gap (research 62% vs production 51%) with 80% power
 * at two-sided α = 0.05: planSampleSize on the same items with the correlation the run observed,
 * times the design effect of the clustering (the run's clustered over unclustered variance of the
 * gap, at least 1), rounded up to whole worlds of `perWorld` items.
 *
 * @example
 * itemsForRetoldGap(run.records, comparison).worlds // the worlds of 5 items to generate
 */
export function itemsForRetoldGap(records: readonly RunRecord[], clustered: Comparison, perWorld = 5): ClusteredPlan {
  const { research, production } = experimentDesign.retold;
  const unclustered = compareConditions(
    records.map(({ cluster: _cluster, ...r }) => r),
    { baseline: clustered.baseline, treatment: clustered.treatment },
  );
  const observedEffect = (clustered.se / unclustered.se) ** 2;
  // Below 1 the clustering looked harmless in this run; planning on less than independent items would be optimistic.
  const designEffect = Math.max(1, observedEffect);
  const plan = planSampleSize({ p1: production, p2: research, correlation: clustered.correlation ?? 0 });
  const worlds = Math.ceil((plan.n * designEffect) / perWorld - 1e-9);
  const items = worlds * perWorld;
  const sentence =
    `To detect the retold ${formatPercent(research, 0)} vs ${formatPercent(production, 0)} on the same items (correlation ${clustered.correlation?.toFixed(2)} as simulated; two-sided α = ${plan.alpha}, ${formatPercent(plan.power, 0)} power) takes ${formatCount(plan.items)} independent items; ` +
    `clustered ${perWorld} to a world (design effect ${observedEffect.toFixed(2)} in the run${observedEffect < 1 ? ", taken as 1" : ""}), ${formatCount(items)} items in ${formatCount(worlds)} worlds.`;
  return { plan, observedEffect, designEffect, items, worlds, sentence };
}

/**
 * The notebook's answers.
 *
 * @example
 * experimentVerdicts(shares, references, comparison, plan).length // 4
 */
export function experimentVerdicts(shares: readonly CeilingShare[], references: TaskReferences, comparison: Comparison, plan: ClusteredPlan): PaperVerdict[] {
  const { retold } = experimentDesign;
  const describe = (s: CeilingShare) =>
    `${s.condition} ${formatPercent(s.row.accuracy)} (95% CI ${formatInterval(s.row.lower, s.row.upper)}): ${formatPercent(s.share, 0)} of the ceiling (${formatInterval(s.shareLower, s.shareUpper)}), ${formatPercent(s.aboveChance, 0)} of the way from chance to it`;
  return [
    {
      question: "How well does the simulated respondent do, against chance and the ceiling?",
      answer: `Simulated, ${formatCount(shares[0]?.row.items ?? 0)} items clustered in worlds: ${shares.map(describe).join("; ")}. Chance is ${formatPercent(references.chance)} and the ideal observer's ceiling ${formatPercent(references.ceiling)} (answering by sampling the exact posterior: ${formatPercent(references.posteriorSampling)}).`,
    },
    { question: "Does research beat production on the same items (simulated)?", answer: comparison.sentence },
    { question: "How many items does this design need for the retold 62% vs 51%?", answer: plan.sentence },
    {
      question: "Where does that leave the retold story?",
      answer: `The ceiling of these tasks is ${formatPercent(references.ceiling)}, not 100%: the walks are noisy, so no respondent can be right more often on average. A ${formatPercent(retold.research, 0)} is then ${formatPercent(retold.research / references.ceiling, 0)} of what is attainable, and a gap of ${formatPoints(retold.research - retold.production, 0).replace(/^\+/, "")} needs about ${formatCount(plan.items)} items clustered as here.`,
    },
  ];
}

/** Notebook 7's figures and verdicts: the experiment generated, run through the mock API and analysed. */
export const story: StoryBuilder = {
  notebook: "07-run-the-value-inference-experiment",
  async build(context: StoryContext): Promise<NotebookStory> {
    const tasks = experimentTasks();
    const run = await runSimulatedExperiment(tasks, experimentConditions(context.dataDir));
    const references = taskReferences(tasks);
    const comparison = researchVsProduction(run.records);
    const plan = itemsForRetoldGap(run.records, comparison);
    return {
      notebook: this.notebook,
      title: "Run the value-inference experiment yourself",
      figures: [worldFigure(showcaseTask(tasks)), accuracyForest(run.records, references), researchGapFigure(comparison)],
      verdicts: experimentVerdicts(ceilingShares(run.records, references), references, comparison, plan),
    };
  },
};
