/**
 * One condition's accuracy with the error bar its design calls for, chosen so that the interval
 * keeps its coverage on the designs evals have (docs/validation.md measures each rule):
 * - one 0/1 answer per item, no clusters: Clopper–Pearson (the count is binomial; the interval of the
 *   exact test the verdicts report, never below its level, where Wilson dips to 92% at n = 10–30);
 * - 0/1 answers with repeats (K samples per item) or in clusters: Korn–Graubard (Korn & Graubard
 *   1998; R `survey::svyciprop(method = "beta")`), Clopper–Pearson on the effective number of answers
 *   with the degrees of freedom of the units (items, or clusters), the effective size kept between
 *   the number of units and the number of answers; exact on the units when they show no spread;
 * - graded scores: Student's t on the item means (n − 1 df), or with clusters the bias-reduced CR2
 *   variance with its Satterthwaite df (Bell & McCaffrey 2002; R `clubSandwich`).
 */
import { allEqual, clusterRobustSE, clusterTotals } from "../stats/clusterRobustSE.js";
import { effectiveBinomialLimits, kornGraubardSize } from "../stats/clusteredProportionCI.js";
import { meanCI } from "../stats/meanCI.js";
import { proportionCI } from "../stats/proportionCI.js";
import { checkLevel } from "../stats/validate.js";
import { clusterLabels, describeItems, unitLabels, type ItemScore } from "./itemScores.js";
import { formatPercent } from "./format.js";
import { rateWarnings } from "./warnings.js";

export type RateMethod = "clopper-pearson" | "korn-graubard" | "t" | "t-cr2";

export interface RateEstimate {
  /** Mean of the per-item mean scores. */
  accuracy: number;
  se: number;
  lower: number;
  upper: number;
  level: number;
  method: RateMethod;
  items: number;
  samplesPerItem: number;
  /** Scored answers: items × samples. */
  answers: number;
  /** Items right (single binary answers only; otherwise the sum of item means). */
  successes: number;
  /** Distinct clusters, when the items carry two or more. */
  clusters?: number;
  /** Degrees of freedom of the reference distribution (t and Korn–Graubard); absent for Clopper–Pearson. */
  df?: number;
  /** Korn–Graubard: the effective number of answers the interval was computed on. */
  effectiveSize?: number;
  /** The units (items, or clusters) all have the same mean: no spread to estimate from. */
  degenerate: boolean;
  /** Korn–Graubard fell back to exact on clusters: few clusters near the edge (conservative). */
  exactOnClusters?: boolean;
  /** Thin ground under this estimate (few clusters or items, a rate at the edge). */
  warnings: string[];
}

/**
 * Korn–Graubard on item means: p̂ = mean of item means, v̂ = CR1 variance over the units (with
 * equal samples per item this is svyciprop's with-replacement variance of the answer-level design,
 * ids = the units), n* from `kornGraubardSize` at the interval's tail, bounded by [units, answers].
 * When every unit has the same mean, exact on the units (Clopper–Pearson with `units` trials); with
 * clusters, also when fewer than FEW_EXPECTED_CLUSTERS clusters' worth of answers are wrong (or right).
 */
export function kornGraubardRate(
  items: readonly ItemScore[],
  clustered: boolean,
  tail: number,
): { estimate: number; se: number; effectiveSize: number; units: number; answers: number; degenerate: boolean; exactOnClusters: boolean } {
  const means = items.map((s) => s.mean);
  const labels = unitLabels(items, clustered);
  const answers = items.reduce((acc, s) => acc + s.samples, 0);
  const robust = clusterRobustSE(means, labels, { vcov: "CR1" });
  const units = robust.clusters;
  const estimate = robust.estimate;
  const degenerate = allEqual(clusterTotals(Float64Array.from(means), labels).means) || robust.se === 0 || estimate <= 0 || estimate >= 1;
  if (degenerate) return { estimate, se: 0, effectiveSize: units, units, answers, degenerate, exactOnClusters: false };
  if (clustered && nearEdge(estimate, units)) {
    // Few clusters' worth of wrong (or right) answers: the cluster means are too skewed for any
    // spread-based variance (a sample of a few clusters usually misses the rare weak one), so the
    // effective size is the number of clusters, its floor: exact on clusters, conservative.
    return { estimate, se: robust.se, effectiveSize: units, units, answers, degenerate, exactOnClusters: true };
  }
  const effectiveSize = kornGraubardSize({ estimate, variance: robust.se ** 2, answers, clusters: units, tail, boundEffectiveSize: true });
  return { estimate, se: robust.se, effectiveSize, units, answers, degenerate, exactOnClusters: false };
}

/** Fewer clusters' worth of wrong (or right) answers than this, C·min(p̂, 1 − p̂), is "few" (the np ≥ 5 rule). */
export const FEW_EXPECTED_CLUSTERS = 5;
/** A rate within this share of 0 or 1 is near the edge, where cluster means are skewed. */
export const EDGE_SHARE = 0.3;

/**
 * Few clusters near the edge: C·min(p̂, 1 − p̂) < 5 with min(p̂, 1 − p̂) < 0.3. There the cluster means
 * are so skewed that a sample of a few clusters usually misses the rare weak one, and no spread-based
 * size holds: measured in docs/validation.md, at 5–30 clusters with ICC 0.3 and rates 0.9–0.97
 * Korn–Graubard's data-driven size covers 88–93% and its test rejects a true rate 8–16% of the time.
 * Around 0.5 the spread-based size holds even with 5 clusters, so the rule leaves it alone.
 */
export function nearEdge(estimate: number, clusters: number): boolean {
  const share = Math.min(estimate, 1 - estimate);
  return share < EDGE_SHARE && clusters * share < FEW_EXPECTED_CLUSTERS;
}

/**
 * Accuracy, SE and interval for one set of item scores, by the rules at the top of this file.
 *
 * @example
 * const items = [1, 1, 0, 1].map((mean, i) => ({ item: String(i), mean, samples: 1, binary: true, answers: [] }));
 * estimateRate(items).lower // 0.194120449683… (Clopper–Pearson, R binom.test(3, 4)$conf.int)
 */
export function estimateRate(items: readonly ItemScore[], levelOption?: number): RateEstimate {
  const level = checkLevel(levelOption);
  const design = describeItems(items);
  if (design.items === 0) throw new RangeError("no scored items: every record was an error or left out");
  const successes = items.reduce((acc, s) => acc + s.mean, 0);
  const answers = items.reduce((acc, s) => acc + s.samples, 0);
  const clusterCount = design.clustered ? new Set(clusterLabels(items)).size : undefined;
  const base = { items: design.items, samplesPerItem: design.samplesPerItem, answers, successes, level, ...(clusterCount !== undefined ? { clusters: clusterCount } : {}) };
  const warnings = (accuracy: number) => rateWarnings({ items: design.items, answers, accuracy, ...(clusterCount !== undefined ? { clusters: clusterCount } : {}) });
  if (design.singleBinary && !design.clustered) {
    const k = Math.round(successes);
    const ci = proportionCI(k, design.items, { level, method: "clopper-pearson" });
    const p = k / design.items;
    return { ...base, accuracy: p, se: Math.sqrt((p * (1 - p)) / design.items), lower: ci.lower, upper: ci.upper, method: "clopper-pearson", degenerate: k === 0 || k === design.items, warnings: warnings(p) };
  }
  if (design.items < 2) throw new RangeError(`a standard error from item means needs at least 2 items, got ${design.items}`);
  if (items.every((s) => s.binary)) {
    const kg = kornGraubardRate(items, design.clustered, (1 - level) / 2);
    const { lower, upper } = effectiveBinomialLimits(kg.estimate, kg.effectiveSize, level);
    const share = Math.min(kg.estimate, 1 - kg.estimate);
    const edge = kg.exactOnClusters
      ? [`few clusters near the edge (${kg.units} clusters × ${formatPercent(share)} ${kg.estimate > 0.5 ? "wrong" : "right"} < ${FEW_EXPECTED_CLUSTERS}): the interval is exact on the ${kg.units} clusters, conservative`]
      : [];
    return {
      ...base, accuracy: kg.estimate, se: kg.se, lower, upper, method: "korn-graubard", df: kg.units - 1,
      effectiveSize: kg.effectiveSize, degenerate: kg.degenerate, ...(kg.exactOnClusters ? { exactOnClusters: true } : {}),
      warnings: [...warnings(kg.estimate), ...edge],
    };
  }
  const means = items.map((s) => s.mean);
  const ci = design.clustered
    ? meanCI(means, { level, clusters: clusterLabels(items), vcov: "CR2", df: "satterthwaite" })
    : meanCI(means, { level, df: "n-1" });
  return {
    ...base,
    accuracy: ci.estimate,
    se: ci.se,
    lower: Math.max(0, ci.lower),
    upper: Math.min(1, ci.upper),
    method: design.clustered ? "t-cr2" : "t",
    df: ci.df,
    degenerate: ci.degenerate,
    warnings: warnings(ci.estimate),
  };
}
