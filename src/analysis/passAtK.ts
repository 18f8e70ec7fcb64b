/**
 * pass@k and pass^k over items asked K times: the unbiased per-item estimate from the item's n ≥ k
 * scored answers (Chen et al. 2021; Yao et al. 2024, τ-bench; see src/stats/passAtK.ts), averaged
 * over items, with an item-level interval. The items are the sample (Miller 2024, "Adding Error Bars
 * to Evals", §3: repeats refine each item's estimate, they do not add items), so the interval is
 * Student t on the item estimates with n − 1 df, or the CR2 cluster-robust SE with Bell–McCaffrey
 * Satterthwaite df when the items carry two or more clusters (src/stats/meanCI.ts).
 *
 * An item with fewer than k scored answers is an error that names the item and its count, not a
 * silent omission: leaving it out would drop the hardest-to-sample items and move the mean. The
 * opt-in `shortItems: "drop"` leaves such items out and says so (`shortItems` in the result, and
 * the sentence names how many and the first few).
 */
import { meanCI } from "../stats/meanCI.js";
import { pairedDifference } from "../stats/pairedDifference.js";
import { passAtKEstimate, passHatKEstimate } from "../stats/passAtK.js";
import { checkChoice, checkLevel, checkOptions, checkPositiveInteger, show } from "../stats/validate.js";
import { formatCount, formatInterval, formatLevel, formatPercent, formatPoints, pText } from "./format.js";
import { alignItems, clusterLabels, type ItemScore } from "./itemScores.js";
import { scoredGroups, type AnalysisInput } from "./itemTable.js";
import type { RecordOptions } from "./records.js";

export const PASS_AT_K_MEASURES = ["pass@k", "pass^k"] as const;
/** `pass@k`: at least one of k answers right; `pass^k`: all k answers right. */
export type PassAtKMeasure = (typeof PASS_AT_K_MEASURES)[number];

/** What to do with an item that has fewer than k scored answers: `error` (default) or `drop` it, said in the result. */
export type ShortItems = "error" | "drop";

export interface PassAtKOptions extends RecordOptions {
  /** Number of attempts k (≤ every item's number of scored answers, unless `shortItems` is "drop"). */
  k: number;
  /** Items with fewer than k scored answers: an error naming them (default), or `drop` to leave them out (listed in the result). */
  shortItems?: ShortItems;
  /** Which measure; default `pass@k`. */
  measure?: PassAtKMeasure;
  /** The condition to score; may be left out when the input holds one condition only. */
  condition?: string;
  /** Confidence level of the interval; default 0.95. */
  level?: number;
}

/** An item left out because it has fewer than k scored answers (with `shortItems: "drop"`). */
export interface ShortItem {
  item: string;
  /** Its condition (a paired comparison drops an item short under either). */
  condition: string;
  samples: number;
}

/** One item's estimate. */
export interface ItemPassAtK {
  item: string;
  cluster?: string;
  /** Scored answers n. */
  samples: number;
  /** Right answers c. */
  correct: number;
  estimate: number;
}

export interface PassAtKResult {
  measure: PassAtKMeasure;
  k: number;
  condition: string;
  /** Mean of the item estimates: unbiased for the mean over items of 1 − (1 − p_i)^k (pass@k) or p_i^k (pass^k). */
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  /** Standard error of the mean over items. */
  se: number;
  /** Degrees of freedom of the t quantile: items − 1, or Satterthwaite (CR2) when clustered. */
  df: number;
  /** `t` on the item estimates, or `t-cr2` (CR2 SE, Satterthwaite df) over clusters. */
  method: "t" | "t-cr2";
  items: number;
  /** Number of distinct clusters, when clustered. */
  clusters?: number;
  /** Fewest and most scored answers of an item. */
  minSamples: number;
  maxSamples: number;
  /** Every item estimate equal: the interval is the Clopper–Pearson fallback of meanCI (all 0 or all 1) or zero-width. */
  degenerate: boolean;
  itemEstimates: ItemPassAtK[];
  /** Items left out for having fewer than k answers (only with `shortItems: "drop"`; empty otherwise). */
  shortItems: ShortItem[];
  sentence: string;
}

/** The estimator of a measure at k for one item. */
function itemEstimator(measure: PassAtKMeasure): (n: number, c: number, k: number) => number {
  return measure === "pass@k" ? passAtKEstimate : passHatKEstimate;
}

/** A measure's printed name at k: "pass@5", "pass^5". */
export function passAtKName(measure: PassAtKMeasure, k: number): string {
  return measure === "pass@k" ? `pass@${k}` : `pass^${k}`;
}

function checkMeasure(value: unknown): PassAtKMeasure {
  return value === undefined ? "pass@k" : checkChoice("measure", value, PASS_AT_K_MEASURES);
}

function checkShortItems(value: unknown): ShortItems {
  return value === undefined ? "error" : checkChoice("shortItems", value, ["error", "drop"] as const);
}

/** The items with at least k answers, and those left out (with `drop`); with `error`, a short item is an error naming it. */
function enoughAnswers(items: readonly ItemScore[], condition: string, k: number, measure: PassAtKMeasure, rule: ShortItems): { kept: ItemScore[]; short: ShortItem[] } {
  const short = items.filter((s) => s.samples < k);
  if (short.length === 0) return { kept: [...items], short: [] };
  if (rule === "error") {
    const listed = short.slice(0, 5).map((s) => `${show(s.item)} (${s.samples})`).join(", ");
    const more = short.length > 5 ? ` and ${short.length - 5} more` : "";
    throw new RangeError(`k (${k}) exceeds the scored answers of ${short.length} item${short.length === 1 ? "" : "s"} under condition ${show(condition)}: ${listed}${more}; ${passAtKName(measure, k)} needs at least k answers per item (shortItems "drop" leaves them out)`);
  }
  return { kept: items.filter((s) => s.samples >= k), short: short.map((s) => ({ item: s.item, condition, samples: s.samples })) };
}

/**
 * "3 items with fewer than 10 answers left out: "12" (9), "40" (8), "77" (9)": the first few named.
 *
 * @example
 * // "1 item with fewer than 5 answers left out: "q1" (4)"
 * shortItemsPhrase([{ item: "q1", condition: "A", samples: 4 }], 5).endsWith('"q1" (4)') ? 1 : 0 // 1
 */
export function shortItemsPhrase(short: readonly ShortItem[], k: number, first = 3): string {
  const listed = short.slice(0, first).map((s) => `${show(s.item)} (${s.samples})`).join(", ");
  const more = short.length > first ? `, and ${formatCount(short.length - first)} more` : "";
  return `${formatCount(short.length)} item${short.length === 1 ? "" : "s"} with fewer than ${formatCount(k)} answers left out: ${listed}${more}`;
}

/** The scored items of `condition` (or of the only condition), each checked to be binary. */
function binaryItemsOf(input: AnalysisInput, condition: unknown, options: RecordOptions, name = "condition"): { condition: string; items: ItemScore[] } {
  return binaryItemsFrom(scoredGroups(input, { errors: options.errors, refusals: options.refusals }).groups, condition, name);
}

/** `binaryItemsOf` on item scores grouped already (one pass over the records for many conditions). */
function binaryItemsFrom(groups: Map<string, ItemScore[]>, condition: unknown, name = "condition"): { condition: string; items: ItemScore[] } {
  let chosen: string;
  if (condition === undefined) {
    if (groups.size !== 1) throw new RangeError(`${name} must name one of the conditions ${[...groups.keys()].map(show).join(", ")}, got undefined`);
    chosen = [...groups.keys()][0];
  } else {
    if (typeof condition !== "string" || !groups.has(condition)) {
      throw new RangeError(`${name} must name one of the conditions ${[...groups.keys()].map(show).join(", ")}, got ${show(condition)}`);
    }
    chosen = condition;
  }
  const items = groups.get(chosen) as ItemScore[];
  const graded = items.find((s) => !s.binary);
  if (graded) throw new RangeError(`pass@k needs scores of 0 or 1; item ${show(graded.item)} under condition ${show(chosen)} has a graded score (mean ${graded.mean})`);
  return { condition: chosen, items };
}

/** Right answers of a binary item, from its mean (exact up to rounding of the compensated sum). */
function correctOf(s: ItemScore): number {
  return Math.round(s.mean * s.samples);
}

/** Per-item estimates at k (every item has at least k answers: `enoughAnswers` has checked). */
function itemEstimates(items: readonly ItemScore[], condition: string, k: number, measure: PassAtKMeasure): ItemPassAtK[] {
  enoughAnswers(items, condition, k, measure, "error");
  const estimate = itemEstimator(measure);
  return items.map((s) => {
    const correct = correctOf(s);
    const out: ItemPassAtK = { item: s.item, samples: s.samples, correct, estimate: estimate(s.samples, correct, k) };
    if (s.cluster !== undefined) out.cluster = s.cluster;
    return out;
  });
}

/** Two or more clusters among the items: the clustered interval applies (one cluster has no between-cluster spread). */
function isClustered(items: readonly ItemScore[]): boolean {
  return new Set(items.filter((s) => s.cluster !== undefined).map((s) => s.cluster)).size >= 2;
}

function meanOverItems(all: ItemScore[], condition: string, k: number, measure: PassAtKMeasure, level: number, rule: ShortItems): PassAtKResult {
  const { kept: items, short } = enoughAnswers(all, condition, k, measure, rule);
  const estimates = itemEstimates(items, condition, k, measure);
  if (items.length < 2) throw new RangeError(`${passAtKName(measure, k)} needs at least 2 items for an item-level interval; condition ${show(condition)} has ${items.length}`);
  const clustered = isClustered(items);
  const values = estimates.map((e) => e.estimate);
  const ci = clustered ? meanCI(values, { clusters: clusterLabels(items), vcov: "CR2", df: "satterthwaite", level }) : meanCI(values, { df: "n-1", level });
  let minSamples = Infinity;
  let maxSamples = 0;
  for (const s of items) {
    minSamples = Math.min(minSamples, s.samples);
    maxSamples = Math.max(maxSamples, s.samples);
  }
  const result: PassAtKResult = {
    measure,
    k,
    condition,
    estimate: ci.estimate,
    lower: Math.max(0, ci.lower),
    upper: Math.min(1, ci.upper),
    level,
    se: ci.se,
    df: ci.df,
    method: clustered ? "t-cr2" : "t",
    items: items.length,
    minSamples,
    maxSamples,
    degenerate: ci.degenerate,
    itemEstimates: estimates,
    shortItems: short,
    sentence: "",
  };
  if (ci.clusters !== undefined) result.clusters = ci.clusters;
  result.sentence = passAtKSentence(result);
  return result;
}

/**
 * pass@k (or pass^k) of one condition: the mean over items of the unbiased per-item estimate, with
 * a t interval on the item estimates (n − 1 df), or CR2 with Satterthwaite df when the items carry
 * two or more clusters. The interval is clipped to [0, 1]. Scores must be 0 or 1.
 *
 * @example
 * const rows = [1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1].map((score, i) => ({ item: `q${i % 3}`, condition: "A", score }));
 * passAtK(rows, { k: 2 }).estimate // 0.8888888888888888 (q0, q2: 2 of 4 right, 1 − 1/6 each; q1: 3 of 4, 1)
 */
export function passAtK(input: AnalysisInput, options: PassAtKOptions): PassAtKResult {
  const opts = checkOptions("options", options);
  const k = checkPositiveInteger("k", opts.k);
  const measure = checkMeasure(opts.measure);
  const level = checkLevel(opts.level);
  const { condition, items } = binaryItemsOf(input, opts.condition, opts);
  return meanOverItems(items, condition, k, measure, level, checkShortItems(opts.shortItems));
}

export interface PassAtKTableOptions extends Omit<PassAtKOptions, "k" | "measure" | "condition"> {
  /** The k of every row (each at least 1). */
  ks: number[];
  /** Default both, pass@k then pass^k. */
  measures?: PassAtKMeasure[];
  /** Default every condition, in order of first appearance. */
  conditions?: string[];
}

/**
 * `passAtK` for every condition × measure × k (in that nesting order), with one pass over the
 * records: the same results as calling `passAtK` for each, at the cost of one.
 *
 * @example
 * const rows = [1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1].map((score, i) => ({ item: `q${i % 3}`, condition: "A", score }));
 * passAtKTable(rows, { ks: [1, 2], measures: ["pass@k"] })[1].estimate // 0.8888888888888888 (passAtK's example)
 */
export function passAtKTable(input: AnalysisInput, options: PassAtKTableOptions): PassAtKResult[] {
  const opts = checkOptions("options", options);
  if (!Array.isArray(opts.ks) || opts.ks.length === 0) throw new RangeError(`ks must list at least one k, got ${show(opts.ks)}`);
  const ks = opts.ks.map((k, i) => checkPositiveInteger(`ks[${i}]`, k));
  const measures = opts.measures === undefined ? [...PASS_AT_K_MEASURES] : opts.measures.map((m) => checkMeasure(m));
  const level = checkLevel(opts.level);
  const rule = checkShortItems(opts.shortItems);
  const { groups } = scoredGroups(input, { errors: opts.errors, refusals: opts.refusals });
  const conditions = opts.conditions ?? [...groups.keys()];
  const out: PassAtKResult[] = [];
  for (const name of conditions) {
    const { condition, items } = binaryItemsFrom(groups, name);
    for (const measure of measures) for (const k of ks) out.push(meanOverItems(items, condition, k, measure, level, rule));
  }
  return out;
}

export interface PassAtKCurveOptions extends Omit<PassAtKOptions, "k"> {
  /** Largest k of the curve; default the fewest scored answers of any item. */
  maxK?: number;
}

/**
 * pass@k (or pass^k) of one condition for k = 1..K, each with its item-level interval as in
 * `passAtK`; K is `maxK` or, by default, the fewest scored answers of any item.
 *
 * @example
 * const rows = [1, 0, 0, 0, 0, 1].map((score, i) => ({ item: `q${i % 2}`, condition: "A", score }));
 * passAtKCurve(rows).map((p) => p.estimate) // [0.3333333333333333, 0.6666666666666666, 1]
 */
export function passAtKCurve(input: AnalysisInput, options: PassAtKCurveOptions = {}): PassAtKResult[] {
  const opts = checkOptions("options", options);
  const measure = checkMeasure(opts.measure);
  const level = checkLevel(opts.level);
  const rule = checkShortItems(opts.shortItems);
  const { condition, items } = binaryItemsOf(input, opts.condition, opts);
  const fewest = items.reduce((least, s) => Math.min(least, s.samples), Infinity);
  const maxK = opts.maxK === undefined ? fewest : checkPositiveInteger("maxK", opts.maxK);
  const curve: PassAtKResult[] = [];
  for (let k = 1; k <= maxK; k++) curve.push(meanOverItems(items, condition, k, measure, level, rule));
  return curve;
}

export interface ComparePassAtKOptions extends Omit<PassAtKOptions, "condition"> {
  baseline: string;
  treatment: string;
}

export interface PassAtKComparison {
  measure: PassAtKMeasure;
  k: number;
  baseline: string;
  treatment: string;
  /** Mean over shared items of treatment − baseline item estimates. */
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  se: number;
  df: number;
  /** Two-sided p-value of no gap. */
  pValue: number;
  /** Paired t on n − 1 df, or CR2 with Satterthwaite df over the items' clusters. */
  method: "paired-t" | "paired-t-cr2";
  baselineEstimate: number;
  treatmentEstimate: number;
  /** Items scored under both conditions (the pairs). */
  items: number;
  clusters?: number;
  /** Items only one condition has, left out of the paired comparison. */
  onlyBaseline: string[];
  onlyTreatment: string[];
  /** Pairs left out because the item has fewer than k answers under either condition (only with `shortItems: "drop"`). */
  shortItems: ShortItem[];
  sentence: string;
}

/**
 * Treatment − baseline on pass@k (or pass^k), paired by item: `pairedDifference` on the two
 * conditions' per-item estimates over the items both have (paired t on n − 1 df, or CR2 with
 * Satterthwaite df when the items carry two or more clusters). Items only one condition has are
 * left out and listed; with `shortItems: "drop"`, so is a pair whose item has fewer than k answers
 * under either condition.
 *
 * @example
 * const answers = { A: [[1, 0], [1, 1], [0, 0], [0, 1]], B: [[0, 0], [1, 0], [0, 0], [0, 0]] };
 * const rows = Object.entries(answers).flatMap(([condition, items]) => items.flatMap((scores, i) => scores.map((score) => ({ item: `q${i}`, condition, score }))));
 * comparePassAtK(rows, { k: 2, baseline: "B", treatment: "A" }).estimate // 0.5
 */
export function comparePassAtK(input: AnalysisInput, options: ComparePassAtKOptions): PassAtKComparison {
  const opts = checkOptions("options", options);
  const k = checkPositiveInteger("k", opts.k);
  const measure = checkMeasure(opts.measure);
  const level = checkLevel(opts.level);
  const base = binaryItemsOf(input, opts.baseline, opts, "baseline");
  const treat = binaryItemsOf(input, opts.treatment, opts, "treatment");
  if (base.condition === treat.condition) throw new RangeError(`treatment must differ from baseline, got ${show(treat.condition)} for both`);
  const rule = checkShortItems(opts.shortItems);
  const aligned = alignItems(base.items, treat.items);
  const name = passAtKName(measure, k);
  const shortItems: ShortItem[] = [];
  if (rule === "drop") {
    const shortBase = new Set(enoughAnswers(aligned.pairs.map(([b]) => b), base.condition, k, measure, "drop").short.map((s) => s.item));
    const shortTreat = new Set(enoughAnswers(aligned.pairs.map(([, t]) => t), treat.condition, k, measure, "drop").short.map((s) => s.item));
    aligned.pairs = aligned.pairs.filter(([b, t]) => {
      if (shortBase.has(b.item)) shortItems.push({ item: b.item, condition: base.condition, samples: b.samples });
      else if (shortTreat.has(t.item)) shortItems.push({ item: t.item, condition: treat.condition, samples: t.samples });
      else return true;
      return false;
    });
  }
  if (aligned.pairs.length < 2) {
    throw new RangeError(`${name} comparison needs at least 2 items scored under both ${show(base.condition)} and ${show(treat.condition)}, got ${aligned.pairs.length}`);
  }
  const baseItems = aligned.pairs.map(([b]) => b);
  const treatItems = aligned.pairs.map(([, t]) => t);
  for (const [b, t] of aligned.pairs) {
    if (b.cluster !== undefined && t.cluster !== undefined && b.cluster !== t.cluster) {
      throw new RangeError(`item ${show(b.item)} has cluster ${show(b.cluster)} under ${show(base.condition)} but ${show(t.cluster)} under ${show(treat.condition)}`);
    }
  }
  // An item's cluster is the same under both conditions; take it from whichever records carry it.
  const paired = aligned.pairs.map(([b, t]) => ({ ...b, cluster: b.cluster ?? t.cluster }));
  const baseEstimates = itemEstimates(baseItems, base.condition, k, measure).map((e) => e.estimate);
  const treatEstimates = itemEstimates(treatItems, treat.condition, k, measure).map((e) => e.estimate);
  const clustered = isClustered(paired);
  const diff = clustered
    ? pairedDifference(treatEstimates, baseEstimates, { clusters: clusterLabels(paired), vcov: "CR2", df: "satterthwaite", level })
    : pairedDifference(treatEstimates, baseEstimates, { df: "n-1", level });
  const result: PassAtKComparison = {
    measure,
    k,
    baseline: base.condition,
    treatment: treat.condition,
    estimate: diff.estimate,
    lower: diff.lower,
    upper: diff.upper,
    level,
    se: diff.se,
    df: diff.df,
    pValue: diff.pValue,
    method: clustered ? "paired-t-cr2" : "paired-t",
    baselineEstimate: diff.meanB,
    treatmentEstimate: diff.meanA,
    items: aligned.pairs.length,
    onlyBaseline: aligned.onlyBaseline,
    onlyTreatment: aligned.onlyTreatment,
    shortItems,
    sentence: "",
  };
  if (diff.clusters !== undefined) result.clusters = diff.clusters;
  result.sentence = comparePassAtKSentence(result);
  return result;
}

function dfText(df: number): string {
  return Number.isInteger(df) ? formatCount(df) : df.toFixed(1);
}

/**
 * The sentence of a pass@k estimate:
 * "pass@5 of A is 62.3% (95% CI 55.1–69.4%; t on 39 df over 40 items, 10 answers each; unbiased estimator of Chen et al. 2021)."
 */
export function passAtKSentence(r: Pick<PassAtKResult, "measure" | "k" | "condition" | "estimate" | "lower" | "upper" | "level" | "df" | "method" | "items" | "clusters" | "minSamples" | "maxSamples"> & { shortItems?: ShortItem[] }): string {
  const answers = r.minSamples === r.maxSamples ? `${formatCount(r.minSamples)} answers each` : `${formatCount(r.minSamples)}–${formatCount(r.maxSamples)} answers each`;
  const method = r.method === "t-cr2" ? `t (CR2 clustered SE, ${formatCount(r.clusters ?? 0)} clusters) on ${dfText(r.df)} df` : `t on ${dfText(r.df)} df`;
  const source = r.measure === "pass@k" ? "Chen et al. 2021" : "Yao et al. 2024";
  const dropped = r.shortItems && r.shortItems.length > 0 ? `; ${shortItemsPhrase(r.shortItems, r.k)}` : "";
  return `${passAtKName(r.measure, r.k)} of ${r.condition} is ${formatPercent(r.estimate)} (${formatLevel(r.level)} CI ${formatInterval(r.lower, r.upper)}; ${method} over ${formatCount(r.items)} items, ${answers}${dropped}; unbiased estimator of ${source}).`;
}

/**
 * The sentence of a paired pass@k comparison:
 * "pass@5: B − A = +8.0 pp (70.0% vs 62.0%; 95% CI +1.2 to +14.8 pp; paired t on 39 df over 40 items): two-sided p = 0.022."
 */
export function comparePassAtKSentence(r: PassAtKComparison): string {
  const method = r.method === "paired-t-cr2" ? `paired t (CR2 clustered SE, ${formatCount(r.clusters ?? 0)} clusters) on ${dfText(r.df)} df` : `paired t on ${dfText(r.df)} df`;
  const left = r.onlyBaseline.length + r.onlyTreatment.length;
  const leftOut = (left ? `; ${formatCount(left)} unshared item${left === 1 ? "" : "s"} left out` : "") + (r.shortItems.length > 0 ? `; ${shortItemsPhrase(r.shortItems, r.k)}` : "");
  return `${passAtKName(r.measure, r.k)}: ${r.treatment} − ${r.baseline} = ${formatPoints(r.estimate)} (${formatPercent(r.treatmentEstimate)} vs ${formatPercent(r.baselineEstimate)}; ${formatLevel(r.level)} CI ${formatPoints(r.lower).replace(" pp", "")} to ${formatPoints(r.upper)}; ${method} over ${formatCount(r.items)} items${leftOut}): two-sided ${pText(r.pValue)}.`;
}
