/**
 * A paired gap between two rates near 0 or 1, from 0/1 answers with repeats or in clusters. When a
 * condition has fewer than two units' worth of wrong (or right) answers, the item (or cluster)
 * differences are so skewed that estimate ± t·SE covers the true gap 66–91% of the time at 5–30
 * clusters (docs/validation.md, before this rule). Instead each condition gets
 * the interval `estimateRate` gives it — Korn–Graubard, exact on clusters when few clusters sit near
 * the edge — and the two are combined by MOVER with the correlation of the two rates over the
 * units (Zou & Donner 2008), which keeps each interval's skew. The test is the interval's dual: the
 * p-value is the level at which the interval's limit reaches 0.
 */
import { allEqual, clusterTotals } from "../stats/clusterRobustSE.js";
import { effectiveBinomialLimits } from "../stats/clusteredProportionCI.js";
import { moverDifference, type LimitedEstimate } from "../stats/moverDifference.js";
import type { Alternative } from "../stats/types.js";
import { EDGE_SHARE, kornGraubardRate } from "./estimateRate.js";
import { unitLabels, type ItemScore } from "./itemScores.js";

/**
 * Fewer units' worth of wrong (or right) answers than this in either condition, units·min(p̂, 1 − p̂),
 * and the paired t no longer holds. Measured (docs/validation.md before this rule, commit 3d78573):
 * every one of the 80 paired cells where the CR2 or plain t covered less than 93.5% had
 * units·min ≤ 1 in a condition, and at units·min ≥ 2 the t held in every cell; the one-rate rule's
 * 5 (`nearEdge`) would send 374 cells where the t held to the conservative interval, 3× as wide.
 */
export const FEW_EXPECTED_UNITS_FOR_GAP = 2;

/** The rule: 0/1 answers, and either condition's rate within a couple of units' worth of the edge. */
export function needsMover(base: readonly ItemScore[], treat: readonly ItemScore[], units: number): boolean {
  if (!base.every((s) => s.binary) || !treat.every((s) => s.binary)) return false;
  const rate = (items: readonly ItemScore[]) => items.reduce((acc, s) => acc + s.mean, 0) / items.length;
  const thin = (p: number) => {
    const share = Math.min(p, 1 - p);
    return share < EDGE_SHARE && units * share < FEW_EXPECTED_UNITS_FOR_GAP;
  };
  return thin(rate(base)) || thin(rate(treat));
}

/**
 * Correlation of the two conditions' rates over the units: the cross term of their CR1 sandwich
 * variances, Σ_g S₁g·S₂g / √(Σ_g S₁g² · Σ_g S₂g²), S_g the unit's sum of residuals (the C/(C − 1)
 * and 1/n² factors cancel). 0 when either rate shows no spread.
 */
export function rateCorrelation(base: readonly ItemScore[], treat: readonly ItemScore[], labels: string[]): number {
  const residualTotals = (items: readonly ItemScore[]) => {
    const mean = items.reduce((acc, s) => acc + s.mean, 0) / items.length;
    return clusterTotals(Float64Array.from(items, (s) => s.mean - mean), labels);
  };
  const rb = residualTotals(base);
  const rt = residualTotals(treat);
  // Units whose means are all equal have no spread; their residual sums are rounding noise.
  if (allEqual(unitMeans(base, labels)) || allEqual(unitMeans(treat, labels))) return 0;
  const sb = rb.sums;
  const st = rt.sums;
  let cross = 0;
  let vb = 0;
  let vt = 0;
  for (let g = 0; g < sb.length; g++) {
    cross += sb[g] * st[g];
    vb += sb[g] * sb[g];
    vt += st[g] * st[g];
  }
  if (vb === 0 || vt === 0) return 0;
  return Math.max(-1, Math.min(1, cross / Math.sqrt(vb * vt)));
}

function unitMeans(items: readonly ItemScore[], labels: string[]): number[] {
  return clusterTotals(Float64Array.from(items, (s) => s.mean), labels).means;
}

/** One condition's rate and its Korn–Graubard limits at `level` (exact on clusters near the edge). */
function rateLimits(items: readonly ItemScore[], clustered: boolean, level: number): LimitedEstimate & { exactOnClusters: boolean } {
  const kg = kornGraubardRate(items, clustered, (1 - level) / 2);
  const { lower, upper } = effectiveBinomialLimits(kg.estimate, kg.effectiveSize, level);
  // At levels near 0 (the p-value search) the limits can cross the estimate by rounding.
  return { estimate: kg.estimate, lower: Math.min(lower, kg.estimate), upper: Math.max(upper, kg.estimate), exactOnClusters: kg.exactOnClusters };
}

export interface PairedRateGap {
  estimate: number;
  lower: number;
  upper: number;
  pValue: number;
  /** Correlation of the two rates over the units (clusters, or items). */
  correlation: number;
  /** Either condition's interval was exact on clusters. */
  exactOnClusters: boolean;
}

/**
 * treatment − baseline by MOVER on the two conditions' Korn–Graubard intervals; the p-value is
 * the smallest α whose (1 − α) interval excludes 0 (two-sided), halved toward the side of the
 * estimate for a one-sided alternative (the interval's tails are split equally).
 *
 * @example
 * const items = (means) => means.map((mean, i) => ({ item: `q${i}`, mean, samples: 5, binary: true, answers: [] }));
 * const gap = pairedRateGap(items([0.8, 1, 1, 0.8, 1, 1, 0.6, 1, 1, 1]), items([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]), false, 0.95, "two-sided");
 * gap.estimate // 0.08
 */
export function pairedRateGap(
  base: readonly ItemScore[],
  treat: readonly ItemScore[],
  clustered: boolean,
  level: number,
  alternative: Alternative,
): PairedRateGap {
  // The pairs share their unit labels: the baseline's cluster (set on both lists by the caller).
  const labels = unitLabels(base, clustered);
  const correlation = rateCorrelation(base, treat, labels);
  const interval = (at: number) => {
    const b = rateLimits(base, clustered, at);
    const t = rateLimits(treat, clustered, at);
    return { ...moverDifference(t, b, correlation), exactOnClusters: b.exactOnClusters || t.exactOnClusters };
  };
  const shown = interval(level);
  const twoSided = dualPValue(shown.estimate, (alpha) => interval(1 - alpha));
  const pValue = alternative === "two-sided"
    ? twoSided
    : (alternative === "greater") === shown.estimate > 0 ? twoSided / 2 : 1 - twoSided / 2;
  return { estimate: shown.estimate, lower: shown.lower, upper: shown.upper, pValue, correlation, exactOnClusters: shown.exactOnClusters };
}

/**
 * The α at which the (1 − α) interval's limit on the far side of 0 reaches 0, found on log α (the
 * intervals are nested, so the limit moves monotonically toward the estimate as α grows).
 */
function dualPValue(estimate: number, intervalAt: (alpha: number) => { lower: number; upper: number }): number {
  if (estimate === 0) return 1;
  // The limit on the far side of 0, signed so that it rises with α and crosses 0 at the p-value.
  const edge = (logAlpha: number) => {
    const ci = intervalAt(Math.exp(logAlpha));
    return estimate > 0 ? ci.lower : -ci.upper;
  };
  let lo = Math.log(1e-12);
  let fLo = edge(lo);
  if (fLo > 0) return 1e-12;
  // Above 0.999 the Korn–Graubard df ratio is 0/0 in floating point (qt near the median); a
  // p-value that high is reported as 1.
  let hi = Math.log(0.999);
  let fHi = edge(hi);
  if (fHi <= 0) return 1;
  // Illinois false position on log α (Dowell & Jarratt 1971): superlinear, ~10 evaluations of the
  // interval where bisection takes 36, bracketing kept so it cannot fail.
  let side = 0;
  for (let i = 0; i < 100 && hi - lo > 1e-12; i++) {
    const x = (lo * fHi - hi * fLo) / (fHi - fLo);
    const mid = x > lo && x < hi ? x : (lo + hi) / 2;
    const f = edge(mid);
    if (f > 0) {
      hi = mid;
      fHi = f;
      if (side === 1) fLo /= 2;
      side = 1;
    } else {
      lo = mid;
      fLo = f;
      if (side === -1) fHi /= 2;
      side = -1;
    }
  }
  return Math.exp(hi);
}
