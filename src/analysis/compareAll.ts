/**
 * `compareAll`: every other condition against one baseline, with p-values adjusted for the number
 * of comparisons, because testing ten prompts and reporting the best one is how false gains are made.
 */
import type { RunRecord } from "../runs/record.js";
import { adjustPValues, type AdjustMethod } from "../stats/adjustPValues.js";
import { checkChoice, checkOptions, show } from "../stats/validate.js";
import { compareConditions, type CompareOptions, type Comparison } from "./compareConditions.js";
import { checkRecords } from "./records.js";

export interface CompareAllOptions extends Omit<CompareOptions, "treatment"> {
  /** Multiple-comparison adjustment (default `holm`). */
  correction?: AdjustMethod | "none";
}

export interface AdjustedComparison extends Comparison {
  /** The p-value adjusted over all comparisons with the baseline. */
  adjustedPValue: number;
  /** adjustedPValue < alpha. */
  significantAdjusted: boolean;
  correction: AdjustMethod | "none";
}

const CORRECTIONS = ["bonferroni", "holm", "hochberg", "hommel", "bh", "by", "none"] as const;

/**
 * Compare each condition (in order of first appearance) with the baseline via `compareConditions`,
 * then adjust the p-values together with `adjustPValues` (Holm by default; R `p.adjust`).
 *
 * @example
 * // Ten items: t0 gets 2 right, t1 gets 9 (7 discordant, McNemar exact p = 2/2^7), t2 the same 2.
 * const records = ["t0", "t1", "t2"].flatMap((condition) =>
 *   [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => ({ item: `q${i}`, condition, score: i < (condition === "t1" ? 9 : 2) ? 1 : 0 })));
 * compareAll(records, { baseline: "t0" }).map((c) => c.adjustedPValue) // [0.03125, 1] (Holm: 2 × 0.015625, and 1)
 */
export function compareAll(records: readonly RunRecord[], options: CompareAllOptions): AdjustedComparison[] {
  const opts = checkOptions("options", options);
  const correction = opts.correction === undefined ? "holm" : checkChoice("correction", opts.correction, CORRECTIONS);
  const all = checkRecords(records);
  if (typeof opts.baseline !== "string") throw new TypeError(`baseline must name a condition, got ${show(opts.baseline)}`);
  const conditions = [...new Set(all.map((r) => r.condition))];
  if (!conditions.includes(opts.baseline)) {
    throw new RangeError(`baseline ${show(opts.baseline)} is not a condition of these records; they have ${conditions.map((c) => show(c)).join(", ")}`);
  }
  const others = conditions.filter((c) => c !== opts.baseline);
  if (others.length === 0) throw new RangeError(`records hold only the baseline ${show(opts.baseline)}; nothing to compare`);
  const { correction: _c, ...rest } = opts;
  void _c;
  const comparisons = others.map((treatment) => compareConditions(all, { ...(rest as CompareOptions), treatment }));
  const raw = comparisons.map((c) => c.pValue);
  const adjusted = correction === "none" ? raw : adjustPValues(raw, correction);
  return comparisons.map((c, i) => ({ ...c, adjustedPValue: adjusted[i], significantAdjusted: adjusted[i] < c.alpha, correction }));
}
