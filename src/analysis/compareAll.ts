/**
 * `compareAll`: many conditions at once, with p-values adjusted for the number of comparisons,
 * because testing ten prompts and reporting the best one is how false gains are made. Either every
 * other condition against one baseline, or every pair, with tie groups and simultaneous intervals.
 */
import { adjustPValues } from "../stats/adjustPValues.js";
import { checkChoice, checkOptions, show } from "../stats/validate.js";
import { compareAtLevels, type CompareOptions, type Comparison } from "./compareConditions.js";
import { scoredGroups, splitConditions, type AnalysisInput } from "./itemTable.js";
import { familySentence } from "./sentences.js";
import { tieGroups } from "./tieGroups.js";
import type { Correction, SimultaneousIntervalMethod } from "./types.js";

export interface CompareAllOptions extends Omit<CompareOptions, "treatment" | "baseline"> {
  /** `baseline` (default): every other condition against `baseline`; `all`: every pair. */
  pairs?: "baseline" | "all";
  /** The condition the others are compared with (required with `pairs: "baseline"`, refused with `all`). */
  baseline?: string;
  /** Multiple-comparison adjustment (default `holm`). */
  correction?: Correction;
}

export interface AdjustedComparison extends Comparison {
  /** The p-value adjusted over all comparisons of the family. */
  adjustedPValue: number;
  /** adjustedPValue < alpha. */
  significantAdjusted: boolean;
  correction: Correction;
}

/** One pair of an all-pairs family: its own interval (`lower`, `upper` at `level`) and the family's. */
export interface PairComparison extends AdjustedComparison {
  /** The pair's interval at the family level: Bonferroni, at `simultaneousPairLevel` each. */
  simultaneousLower: number;
  simultaneousUpper: number;
}

/** A condition in an all-pairs family. */
export interface ConditionStanding {
  condition: string;
  /** Mean of its item means over all its scored items. */
  accuracy: number;
  items: number;
  /** Its letters in the compact letter display: conditions sharing a letter cannot be told apart. */
  letters: string;
}

export interface AllPairsComparison {
  pairs: "all";
  /** The conditions by accuracy, highest first (ties in order of first appearance). */
  conditions: ConditionStanding[];
  /** Every pair (i < j in that order) as treatment = the i-th, baseline = the j-th: gaps are higher − lower. */
  comparisons: PairComparison[];
  correction: Correction;
  alpha: number;
  /** The family level of the simultaneous intervals (the `level` option, default 0.95). */
  level: number;
  intervalMethod: SimultaneousIntervalMethod;
  /** The level of each pair's simultaneous interval: 1 − (1 − level)/m for m pairs. */
  simultaneousPairLevel: number;
  /** The tie groups, one per letter (a, b, …), members in the order of `conditions`. */
  groups: string[][];
  /** Pairs compared as independent samples because too few items matched (said in their warnings). */
  independentPairs: number;
  sentence: string;
}

const CORRECTIONS = ["bonferroni", "holm", "hochberg", "hommel", "bh", "by", "none"] as const;

function adjust(raw: number[], correction: Correction): number[] {
  return correction === "none" ? raw : adjustPValues(raw, correction);
}

/**
 * Every other condition against `baseline` (in order of first appearance), or with `pairs: "all"`
 * every pair of conditions, each by `compareConditions` (paired where the items match; its
 * defaults choose the test), with the family's p-values adjusted together by `adjustPValues`
 * (Holm 1979 by default; R `p.adjust`).
 *
 * All pairs also give (Hochberg & Tamhane 1987, ch. 1 and 2 for the family-wise view):
 * - simultaneous intervals by Bonferroni: each pair's interval at level 1 − (1 − level)/m, m the
 *   number of pairs, so all m cover together with probability ≥ level (`intervalMethod`); they
 *   do not depend on `correction`, and with Holm a pair may be significant while its Bonferroni
 *   interval still touches zero;
 * - tie groups: the compact letter display (Piepho 2004, `tieGroups`) of the adjusted verdicts,
 *   over the conditions ordered by accuracy; conditions sharing a letter cannot be told apart;
 * - a sentence from the groups, naming the correction (`familySentence`).
 * A one-sided family has no single direction across pairs, so all pairs are two-sided.
 *
 * @example
 * // Ten items: t0 gets 2 right, t1 gets 9 (7 discordant, McNemar exact p = 2/2^7), t2 the same 2.
 * const records = ["t0", "t1", "t2"].flatMap((condition) =>
 *   [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => ({ item: `q${i}`, condition, score: i < (condition === "t1" ? 9 : 2) ? 1 : 0 })));
 * compareAll(records, { baseline: "t0" }).map((c) => c.adjustedPValue) // [0.03125, 1] (Holm: 2 × 0.015625, and 1)
 * compareAll(records, { pairs: "all" }).comparisons.map((c) => c.adjustedPValue) // [0.046875, 0.046875, 1] (Holm over t1−t0, t1−t2, t0−t2)
 */
export function compareAll(records: AnalysisInput, options: CompareAllOptions & { pairs: "all" }): AllPairsComparison;
export function compareAll(records: AnalysisInput, options: CompareAllOptions & { pairs?: "baseline" }): AdjustedComparison[];
export function compareAll(records: AnalysisInput, options: CompareAllOptions): AdjustedComparison[] | AllPairsComparison;
export function compareAll(records: AnalysisInput, options: CompareAllOptions): AdjustedComparison[] | AllPairsComparison {
  const opts = checkOptions("options", options);
  const correction = opts.correction === undefined ? "holm" : checkChoice("correction", opts.correction, CORRECTIONS);
  const pairs = opts.pairs === undefined ? "baseline" : checkChoice("pairs", opts.pairs, ["baseline", "all"] as const);
  // Records or an item table; each pair sees only its two conditions' records (the others cannot
  // change it), so a family of m pairs does not score every record m times.
  const { input: all, conditions, pair } = splitConditions(records);
  const { correction: _c, pairs: _p, baseline, ...rest } = opts;
  void _c;
  void _p;
  // A pair at the family's level and, for simultaneous intervals, at a second level, scored once.
  const compare = (base: string, treatment: string, simultaneousLevel?: number): { comparison: Comparison; simultaneous?: { lower: number; upper: number } } => {
    const { comparison, intervals } = compareAtLevels(pair(base, treatment), {
      ...(rest as Omit<CompareOptions, "baseline" | "treatment">),
      baseline: base,
      treatment,
    }, simultaneousLevel === undefined ? [] : [simultaneousLevel]);
    return intervals.length ? { comparison, simultaneous: intervals[0] } : { comparison };
  };
  if (pairs === "all") {
    if (baseline !== undefined) throw new RangeError(`baseline ${show(baseline)} has no role when every pair is compared (pairs "all"); drop it, or use pairs "baseline"`);
    return allPairs(all, conditions, compare, correction, rest);
  }
  if (typeof baseline !== "string") throw new TypeError(`baseline must name a condition, got ${show(baseline)}`);
  if (!conditions.includes(baseline)) {
    throw new RangeError(`baseline ${show(baseline)} is not a condition of these records; they have ${conditions.map((c) => show(c)).join(", ")}`);
  }
  const others = conditions.filter((c) => c !== baseline);
  if (others.length === 0) throw new RangeError(`records hold only the baseline ${show(baseline)}; nothing to compare`);
  const comparisons = others.map((treatment) => compare(baseline, treatment).comparison);
  const adjusted = adjust(comparisons.map((c) => c.pValue), correction);
  return comparisons.map((c, i) => ({ ...c, adjustedPValue: adjusted[i], significantAdjusted: adjusted[i] < c.alpha, correction }));
}

/** Each condition's accuracy (mean of item means) and items, best first, ties in order of appearance. */
function standings(records: AnalysisInput, options: Partial<CompareOptions>): { condition: string; accuracy: number; items: number }[] {
  const { groups } = scoredGroups(records, options);
  const rows = [...groups].map(([condition, items], order) => {
    return { condition, accuracy: items.reduce((acc, s) => acc + s.mean, 0) / items.length, items: items.length, order };
  });
  return rows.sort((a, b) => b.accuracy - a.accuracy || a.order - b.order).map(({ order: _o, ...row }) => row);
}

function allPairs(
  records: AnalysisInput,
  conditions: string[],
  compare: (base: string, treatment: string, simultaneousLevel?: number) => { comparison: Comparison; simultaneous?: { lower: number; upper: number } },
  correction: Correction,
  options: Partial<CompareOptions>,
): AllPairsComparison {
  if (options.alternative !== undefined && options.alternative !== "two-sided") {
    throw new RangeError(`alternative must be "two-sided" when every pair is compared (a one-sided family has no single direction), got ${show(options.alternative)}`);
  }
  if (conditions.length < 2) throw new RangeError(`records hold only one condition (${show(conditions[0])}); all pairs need at least two`);
  const ranked = standings(records, options);
  const scoredNames = new Set(ranked.map((r) => r.condition));
  const unscored = conditions.find((c) => !scoredNames.has(c));
  if (unscored !== undefined) throw new RangeError(`condition ${show(unscored)} has no scored records (every one is an error); leave it out or score errors as wrong`);
  const order = ranked.map((r) => r.condition);
  const index: [number, number][] = [];
  for (let i = 0; i < order.length; i++) for (let j = i + 1; j < order.length; j++) index.push([i, j]);
  const m = index.length;
  const level = options.level ?? 0.95;
  const pairLevel = 1 - (1 - level) / m;
  const both = index.map(([i, j]) => compare(order[j], order[i], m === 1 ? undefined : pairLevel));
  const own = both.map((b) => b.comparison);
  const adjusted = adjust(own.map((c) => c.pValue), correction);
  const comparisons: PairComparison[] = own.map((c, k) => {
    const family = both[k].simultaneous ?? c;
    return { ...c, adjustedPValue: adjusted[k], significantAdjusted: adjusted[k] < c.alpha, correction, simultaneousLower: family.lower, simultaneousUpper: family.upper };
  });
  const display = tieGroups(order, comparisons.filter((c) => c.significantAdjusted).map((c) => [c.treatment, c.baseline] as [string, string]));
  const alpha = own[0].alpha;
  const result = {
    pairs: "all" as const,
    conditions: ranked.map((r, i) => ({ ...r, letters: display.letters[i] })),
    comparisons,
    correction,
    alpha,
    level: own[0].level,
    intervalMethod: "bonferroni" as const,
    simultaneousPairLevel: pairLevel,
    groups: display.groups,
    independentPairs: comparisons.filter((c) => !c.paired).length,
  };
  return { ...result, sentence: familySentence(result) };
}
