/**
 * Sequential analysis of a run file: the anytime-valid confidence sequence (Waudby-Smith & Ramdas
 * 2024; src/stats/confidenceSequence.ts) walked over the items in the order the file first names
 * them, with the decision a run that stops as soon as the question is settled (`evalgap run --until
 * decided`) would have taken at each step, and the calls that stopping there would have saved.
 *
 * The rule for repeats is the simple one: each item's score is its mean over all its records in the
 * file, and items enter the sequence in order of first appearance. For a finished file this is the
 * item-mean analysis of every other command, read in collection order; for a file that is still
 * growing, an item whose samples are not all in yet counts with the samples present. The sequence
 * is valid when the order in which items were collected does not depend on their scores (a seeded
 * random order, or the task file's own order), which is how `evalgap run` draws them.
 */
import { confidenceSequence, pairedGapConfidenceSequence, type ConfidenceSequencePath } from "../stats/confidenceSequence.js";
import { checkOpenUnit, show } from "../stats/validate.js";
import { chanceBaseline, type ChanceKind } from "./chance.js";
import { formatCount, formatInterval, formatLevel, formatPercent, formatPoints, formatRate } from "./format.js";
import { itemScores } from "./itemScores.js";
import { checkRecords, groupRecords, scoreRecords, type RecordOptions } from "./records.js";
import type { RunRecord } from "../runs/record.js";

/** Where a sequence stands: the null is excluded, the value is pinned within ±margin of it, or neither yet. */
export type SequentialDecisionKind = "excludes" | "within-margin" | "undecided";

export interface SequentialDecisionRule {
  /** The value tested: the chance rate, or 0 for a gap. */
  nullValue: number;
  /** Half-width of the "no meaningful difference" band around nullValue (0 turns it off). */
  margin: number;
}

/**
 * The decision `evalgap run --until decided` takes on one state of a confidence sequence: `excludes`
 * when the interval lies strictly above or below the null (the sequence's coverage makes this an
 * α-level test at any stopping time, Waudby-Smith & Ramdas 2024, §2), `within-margin` when the whole
 * interval lies inside [null − margin, null + margin] (the difference, if any, is smaller than the
 * margin, with the same guarantee), `undecided` otherwise. When both hold, `excludes` is reported.
 * A one-sided sequence (upper bound 1) can only exclude.
 *
 * @example
 * sequentialDecision({ lower: -0.015, upper: 0.012 }, { nullValue: 0, margin: 0.02 }) // "within-margin"
 */
export function sequentialDecision(interval: { lower: number; upper: number }, rule: SequentialDecisionRule): SequentialDecisionKind {
  const { lower, upper } = interval;
  const { nullValue, margin } = rule;
  if (lower > nullValue || upper < nullValue) return "excludes";
  if (margin > 0 && lower >= nullValue - margin && upper <= nullValue + margin) return "within-margin";
  return "undecided";
}

/** The sequence after `items` items. */
export interface SequentialStep {
  /** Items in the sequence so far (1-based). */
  items: number;
  /** The item added at this step. */
  item: string;
  estimate: number;
  lower: number;
  upper: number;
  /** Anytime-valid p-value of the null (rate ≤ chance, or gap = 0). */
  pValue: number;
  decision: SequentialDecisionKind;
}

export interface SequentialAnalysis {
  kind: "against-chance" | "paired-gap";
  /** The condition tested, or [baseline, treatment]. */
  conditions: string[];
  /** The chance rate, or 0 for a gap. */
  nullValue: number;
  /** Against chance: where the chance rate came from (uniform over known options, or given). */
  chanceKind?: ChanceKind;
  alpha: number;
  level: number;
  margin: number;
  alternative: "greater" | "two-sided";
  method: string;
  steps: SequentialStep[];
  /** The first decision reached (the one a run stopping at once would report), or undecided. */
  decision: SequentialDecisionKind;
  /** "decided: excludes chance", "decided: excludes 0", "settled: within ±2.0 pp", "undecided". */
  decisionLabel: string;
  /** Items at the first decision (undefined when undecided). */
  decidedAt?: number;
  /** Items in the file (for a gap: items scored under both conditions). */
  items: number;
  /** Records of the analysed items under the analysed conditions, errored ones included (each is a call). */
  calls: number;
  /** Of those, the records of items after the decision point: what stopping there would have saved. */
  callsSaved: number;
  /** The finding in one sentence, with the anytime-valid interval. */
  sentence: string;
  /** Thin ground, e.g. clustered items, which the sequence treats as independent. */
  warnings: string[];
}

export interface SequentialOptions extends RecordOptions {
  /** Error rate of the whole sequence, default 0.05. */
  alpha?: number;
  /** "No meaningful difference" half-width, in [0, 1), default 0.02 (2 points). */
  margin?: number;
}

export interface AgainstChanceOptions extends SequentialOptions {
  /** The condition to test; needed when the records hold several. */
  condition?: string;
  /**
   * The chance rate, or "uniform" (default): 1/options from the items' `choices`, or 50% when the
   * targets take two values. Baselines estimated from the same items (majority, marginal) are not
   * offered: the sequence needs a null fixed before the first item.
   */
  chance?: number | "uniform";
}

export interface PairedGapOptions extends SequentialOptions {
  baseline: string;
  treatment: string;
}

function checkMargin(margin: unknown): number {
  if (margin === undefined) return 0.02;
  if (typeof margin !== "number" || !(margin >= 0 && margin < 1)) throw new RangeError(`margin must be a number in [0, 1), got ${show(margin)}`);
  return margin;
}

function checkCondition(name: string, condition: unknown, present: readonly string[]): string {
  if (typeof condition !== "string") throw new TypeError(`${name} must be a condition name, got ${show(condition)}`);
  if (!present.includes(condition)) throw new RangeError(`${name} ${JSON.stringify(condition)} is not in the records; conditions: ${present.map((c) => JSON.stringify(c)).join(", ")}`);
  return condition;
}

/** Item means by item, in order of first appearance among `records`. */
function itemMeans(records: readonly RunRecord[]): Map<string, number> {
  return new Map(itemScores(records).map((s) => [s.item, s.mean]));
}

/** Calls per item: all records (errored ones too) of the given conditions. */
function callsPerItem(records: readonly RunRecord[], conditions: readonly string[]): Map<string, number> {
  const calls = new Map<string, number>();
  for (const r of records) if (conditions.includes(r.condition)) calls.set(r.item, (calls.get(r.item) ?? 0) + 1);
  return calls;
}

interface Walk {
  kind: SequentialAnalysis["kind"];
  conditions: string[];
  nullValue: number;
  chanceKind?: ChanceKind;
  alpha: number;
  margin: number;
  alternative: "greater" | "two-sided";
  items: string[];
  path: ConfidenceSequencePath;
  calls: Map<string, number>;
  /** Distinct clusters among the analysed items' records. */
  clusters: number;
}

function describeWalk(w: Walk): SequentialAnalysis {
  const rule = { nullValue: w.nullValue, margin: w.margin };
  const steps: SequentialStep[] = w.items.map((item, i) => {
    const state = { lower: w.path.lower[i], upper: w.path.upper[i] };
    return { items: i + 1, item, estimate: w.path.estimate[i], ...state, pValue: w.path.pValue[i], decision: sequentialDecision(state, rule) };
  });
  const first = steps.find((s) => s.decision !== "undecided");
  const callsOf = (items: readonly string[]) => items.reduce((acc, item) => acc + (w.calls.get(item) ?? 0), 0);
  const calls = callsOf(w.items);
  const callsSaved = first ? callsOf(w.items.slice(first.items)) : 0;
  const decision = first?.decision ?? "undecided";
  const gap = w.kind === "paired-gap";
  const nullName = gap ? "0" : "chance";
  const decisionLabel = decision === "excludes" ? `decided: excludes ${nullName}` : decision === "within-margin" ? `settled: within ±${formatPoints(w.margin).replace(/^\+/, "")}` : "undecided";
  const final = w.path.final;
  const level = 1 - w.alpha;
  const what = gap ? `${w.conditions[1]} − ${w.conditions[0]}` : `${w.conditions[0]}'s accuracy`;
  const estimate = gap ? formatPoints(final.estimate) : formatPercent(final.estimate);
  const interval = gap
    ? `[${formatPoints(final.lower)}, ${formatPoints(final.upper)}]`
    : `${formatInterval(final.lower, final.upper)}`;
  const against = gap ? "" : ` against chance ${formatRate(w.nullValue)}`;
  const outcome = first
    ? `it ${decision === "excludes" ? `excluded ${gap ? "0" : "chance"}` : `settled within ±${formatPoints(w.margin).replace(/^\+/, "")}`} at item ${formatCount(first.items)}, where stopping would have saved ${formatCount(callsSaved)} of ${formatCount(calls)} calls`
    : gap
      ? `it has not decided (neither excludes 0 nor lies within ±${formatPoints(w.margin).replace(/^\+/, "")})`
      : "it has not excluded chance";
  const sentence = `After ${formatCount(w.items.length)} items, ${what} is ${estimate}, anytime-valid ${formatLevel(level)} ${w.alternative === "greater" ? "lower bound" : "interval"} ${w.alternative === "greater" ? (gap ? formatPoints(final.lower) : formatPercent(final.lower)) : interval}${against} (p = ${Number(final.pValue.toPrecision(2))}, valid however often the file was looked at); ${outcome}.`;
  return {
    kind: w.kind,
    conditions: w.conditions,
    nullValue: w.nullValue,
    ...(w.chanceKind !== undefined ? { chanceKind: w.chanceKind } : {}),
    alpha: w.alpha,
    level,
    margin: w.margin,
    alternative: w.alternative,
    method: final.method,
    steps,
    decision,
    decisionLabel,
    ...(first ? { decidedAt: first.items } : {}),
    items: w.items.length,
    calls,
    callsSaved,
    sentence,
    warnings: w.clusters >= 2
      ? [`the items come in ${formatCount(w.clusters)} clusters, and the sequence treats items as independent: when clusters differ, its interval is too narrow`]
      : [],
  };
}

/** Distinct clusters among the records of these items under these conditions. */
function clusterCount(records: readonly RunRecord[], conditions: readonly string[], items: readonly string[]): number {
  const wanted = new Set(items);
  const clusters = new Set<string>();
  for (const r of records) if (r.cluster !== undefined && conditions.includes(r.condition) && wanted.has(r.item)) clusters.add(r.cluster);
  return clusters.size;
}

/**
 * One condition's accuracy against chance as a one-sided confidence sequence (rate > chance) over
 * its item means in file order (Waudby-Smith & Ramdas 2024, Theorem 3, via `confidenceSequence`),
 * with the decision at each step (`sequentialDecision`) and the calls an early stop would have saved.
 *
 * @example
 * const records = Array.from({ length: 60 }, (_, i) => ({ item: `q${i}`, condition: "A", score: i % 5 === 0 ? 0 : 1, choices: 2 }));
 * sequentialAgainstChance(records).decidedAt // 19
 */
export function sequentialAgainstChance(input: unknown, options: AgainstChanceOptions = {}): SequentialAnalysis {
  const all = checkRecords(input);
  const alpha = options.alpha === undefined ? 0.05 : checkOpenUnit("alpha", options.alpha);
  const margin = checkMargin(options.margin);
  const { records } = scoreRecords(all, options);
  const byCondition = groupRecords(records, (r) => r.condition);
  const present = [...byCondition.keys()];
  if (present.length === 0) throw new RangeError("records has no scored records (every record errored)");
  if (options.condition === undefined && present.length > 1) {
    throw new RangeError(`records hold ${present.length} conditions (${present.map((c) => JSON.stringify(c)).join(", ")}); name one as condition`);
  }
  const condition = options.condition === undefined ? present[0] : checkCondition("condition", options.condition, present);
  const scores = itemScores(byCondition.get(condition)!);
  const chance = options.chance ?? "uniform";
  if (chance !== "uniform" && typeof chance !== "number") throw new RangeError(`chance must be a number in (0, 1) or "uniform", got ${show(chance)}`);
  const baseline = chanceBaseline(scores, chance);
  const path = confidenceSequence(
    scores.map((s) => s.mean),
    { alpha, alternative: "greater", nullValue: baseline.chance },
  );
  return describeWalk({
    kind: "against-chance",
    conditions: [condition],
    nullValue: baseline.chance,
    chanceKind: baseline.chanceKind,
    alpha,
    margin,
    alternative: "greater",
    items: scores.map((s) => s.item),
    path,
    calls: callsPerItem(all, [condition]),
    clusters: clusterCount(all, [condition], scores.map((s) => s.item)),
  });
}

/**
 * The paired gap treatment − baseline as a two-sided confidence sequence over the items scored under
 * both conditions, in order of first appearance under either, each a difference of item means in
 * [−1, 1] (`pairedGapConfidenceSequence`), with the decision at each step: excludes 0, or within
 * ±margin ("no meaningful difference"), or undecided.
 *
 * @example
 * const records = Array.from({ length: 200 }, (_, i) => ({ item: `q${i % 100}`, condition: i < 100 ? "A" : "B", score: i < 100 ? 0 : 1 }));
 * sequentialGap(records, { baseline: "A", treatment: "B" }).decidedAt // 10
 */
export function sequentialGap(input: unknown, options: PairedGapOptions): SequentialAnalysis {
  const all = checkRecords(input);
  if (typeof options !== "object" || options === null) throw new TypeError(`options must name baseline and treatment, got ${show(options)}`);
  const alpha = options.alpha === undefined ? 0.05 : checkOpenUnit("alpha", options.alpha);
  const margin = checkMargin(options.margin);
  const { records } = scoreRecords(all, options);
  const byCondition = groupRecords(records, (r) => r.condition);
  const present = [...byCondition.keys()];
  const baseline = checkCondition("baseline", options.baseline, present);
  const treatment = checkCondition("treatment", options.treatment, present);
  if (baseline === treatment) throw new RangeError(`baseline and treatment must differ, both are ${JSON.stringify(baseline)}`);
  const base = itemMeans(byCondition.get(baseline)!);
  const treat = itemMeans(byCondition.get(treatment)!);
  const items: string[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    if ((r.condition !== baseline && r.condition !== treatment) || seen.has(r.item)) continue;
    seen.add(r.item);
    if (base.has(r.item) && treat.has(r.item)) items.push(r.item);
  }
  if (items.length === 0) throw new RangeError(`no item is scored under both ${JSON.stringify(baseline)} and ${JSON.stringify(treatment)}`);
  // A difference of two means in [0, 1] can leave [−1, 1] only by rounding; clamp that away.
  const differences = items.map((item) => Math.min(1, Math.max(-1, treat.get(item)! - base.get(item)!)));
  const path = pairedGapConfidenceSequence(differences, { alpha, nullValue: 0 });
  return describeWalk({
    kind: "paired-gap",
    conditions: [baseline, treatment],
    nullValue: 0,
    alpha,
    margin,
    alternative: "two-sided",
    items,
    path,
    calls: callsPerItem(all, [baseline, treatment]),
    clusters: clusterCount(all, [baseline, treatment], items),
  });
}
