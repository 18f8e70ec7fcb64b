/**
 * Confidence interval for a rate estimated from clustered or repeated binary answers: items grouped
 * by passage or source, or each item asked K times. The answers within a cluster are correlated, so
 * the binomial intervals of proportionCI, which count every answer as independent, are too narrow.
 */
import { betaQuantile, qt } from "./distributions.js";
import { type ClusterLabel, allEqual, checkClusters, checkTwoClusters, clusterTotals } from "./clusterRobustSE.js";
import type { Interval } from "./types.js";
import { checkChoice, checkLevel, checkNumberArray, checkOptions, show } from "./validate.js";

export const CLUSTERED_PROPORTION_CI_METHODS = ["korn-graubard"] as const;

export type ClusteredProportionCIMethod = (typeof CLUSTERED_PROPORTION_CI_METHODS)[number];

const DEGENERATE_TRIALS = ["clusters", "answers"] as const;

export interface ClusteredProportionCIOptions {
  /** Confidence level, default 0.95. */
  level?: number;
  /** Default `korn-graubard`. */
  method?: ClusteredProportionCIMethod;
  /**
   * Keep the design-based effective size p̂(1 − p̂)/v̂ between the number of clusters C and the
   * number of answers n, before the degrees-of-freedom adjustment. Default false (= R's svyciprop).
   */
  boundEffectiveSize?: boolean;
  /**
   * Trials of the exact interval used when the variance estimate is zero (p̂ = 0 or 1, or every
   * cluster at the same rate): `clusters` (default, C trials) or `answers` (n trials).
   */
  degenerateTrials?: (typeof DEGENERATE_TRIALS)[number];
}

export interface ClusteredProportionCIResult extends Interval {
  method: ClusteredProportionCIMethod;
  /** The rate: right answers over answers. */
  estimate: number;
  /** Design-based standard error sqrt(v̂) (survey's with-replacement estimator; CR1). */
  se: number;
  /** v̂ over the binomial variance p̂(1 − p̂)/n, when 0 < p̂ < 1. */
  designEffect?: number;
  /** The number of trials the Clopper–Pearson limits were computed on (not always an integer). */
  effectiveSize: number;
  /** Degrees of freedom of the design, C − 1. */
  df: number;
  /** Number of answers. */
  n: number;
  /** Number of distinct clusters. */
  clusters: number;
  /** Every cluster has the same rate, so v̂ = 0 and the effective size is undefined. */
  degenerate: boolean;
  /** The exact interval used when `degenerate`. */
  fallback?: "exact-clusters" | "exact-answers";
}

/** 0/1 answers as a Float64Array, with an error naming the first other value. */
function checkBinary(name: string, value: unknown): Float64Array {
  const scores = checkNumberArray(name, value, 2);
  scores.forEach((s, i) => {
    if (s !== 0 && s !== 1) throw new RangeError(`${name}[${i}] must be 0 or 1 (a binary answer), got ${show(s)}`);
  });
  return scores;
}

/**
 * Korn–Graubard interval for a rate from binary answers in clusters (Korn & Graubard 1998,
 * "Confidence intervals for proportions with small expected number of positive counts estimated
 * from survey data", Survey Methodology 24(2):193–201), exactly as R
 * `svyciprop(~y, svydesign(ids = ~cluster, data = d), method = "beta", level)`:
 *
 *   p̂ = mean answer; v̂ = C/(C − 1) Σ_c (Σ_{i∈c}(y_i − p̂))² / n² (survey's with-replacement
 *   variance of the cluster sample, = CR1); n* = p̂(1 − p̂)/v̂ · (qt(α/2, n − 1)/qt(α/2, C − 1))²;
 *   limits qbeta(α/2, n*p̂, n*(1 − p̂) + 1) and qbeta(1 − α/2, n*p̂ + 1, n*(1 − p̂)),
 *
 * i.e. Clopper–Pearson on n*p̂ successes out of n*. Repeated answers to one item are a cluster.
 *
 * Options beyond R:
 * - `boundEffectiveSize`: clamp p̂(1 − p̂)/v̂ to [C, n] before the df adjustment. The cap at n is a
 *   design effect of at least 1, the truncation the NCHS presentation standards apply to
 *   Korn–Graubard intervals (Parker et al. 2017, Vital Health Stat 2(175)); the floor at C is a
 *   design effect of at most the mean cluster size n/C, its value under perfect within-cluster
 *   correlation (Kish 1965, deff = 1 + (m̄ − 1)ρ with ρ ≤ 1).
 * - When every cluster has the same rate — in particular every answer right, or every answer wrong
 *   — v̂ is 0 and R returns NaN. Here the interval is then Clopper–Pearson on the C clusters as
 *   trials with C·p̂ successes (`degenerateTrials: "clusters"`, the default; = R `binom.test(C, C)`
 *   at p̂ = 1), treating each cluster as one answer, which holds however strong the correlation
 *   within clusters; or on the n answers (`"answers"`, the NCHS standards' choice at p̂ = 0 or 1,
 *   which assumes independence). The result says `degenerate: true` and which `fallback` it used.
 *   It never has a zero width.
 *
 * @example
 * clusteredProportionCI([1, 1, 0, 1, 1, 1, 1, 0, 1, 1], [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]).lower // 0.3682074… (R svyciprop beta)
 * clusteredProportionCI([1, 1, 1, 1, 1, 1], ["a", "a", "b", "b", "c", "c"]).lower // 0.2924017… (binom.test(3, 3))
 */
export function clusteredProportionCI(
  scores: ArrayLike<number>,
  clusters: ArrayLike<ClusterLabel>,
  options?: ClusteredProportionCIOptions,
): ClusteredProportionCIResult {
  const answers = checkBinary("scores", scores);
  const labels = checkClusters(clusters, answers.length);
  const opts = checkOptions("options", options);
  const level = checkLevel(opts.level);
  const method = opts.method === undefined ? "korn-graubard" : checkChoice("method", opts.method, CLUSTERED_PROPORTION_CI_METHODS);
  if (opts.boundEffectiveSize !== undefined && typeof opts.boundEffectiveSize !== "boolean") {
    throw new TypeError(`boundEffectiveSize must be true or false, got ${show(opts.boundEffectiveSize)}`);
  }
  const degenerateTrials = opts.degenerateTrials === undefined ? "clusters" : checkChoice("degenerateTrials", opts.degenerateTrials, DEGENERATE_TRIALS);
  checkTwoClusters(labels, "a clustered interval");

  const n = answers.length;
  let right = 0;
  for (let i = 0; i < n; i++) right += answers[i];
  const estimate = right / n;
  const residuals = answers.map((y) => y - estimate);
  const { sizes, sums } = clusterTotals(residuals, labels);
  const count = sizes.length;
  let between = 0;
  for (const s of sums) between += s * s;
  const degenerate = allEqual(clusterTotals(answers, labels).means);
  const variance = degenerate ? 0 : ((count / (count - 1)) * between) / (n * n);
  const df = count - 1;
  const tail = (1 - level) / 2;

  let effectiveSize: number;
  let fallback: ClusteredProportionCIResult["fallback"];
  if (degenerate) {
    effectiveSize = degenerateTrials === "clusters" ? count : n;
    fallback = degenerateTrials === "clusters" ? "exact-clusters" : "exact-answers";
  } else {
    effectiveSize = kornGraubardSize({ estimate, variance, answers: n, clusters: count, tail, boundEffectiveSize: opts.boundEffectiveSize === true });
  }
  const { lower, upper } = effectiveBinomialLimits(estimate, effectiveSize, level);
  const result: ClusteredProportionCIResult = {
    estimate,
    lower,
    upper,
    level,
    method,
    se: Math.sqrt(variance),
    effectiveSize,
    df,
    n,
    clusters: count,
    degenerate,
  };
  if (estimate > 0 && estimate < 1) result.designEffect = variance / ((estimate * (1 - estimate)) / n);
  if (fallback) result.fallback = fallback;
  return result;
}

/**
 * The Korn–Graubard effective number of trials: n* = p̂(1 − p̂)/v̂ · (qt(tail, n − 1)/qt(tail, C − 1))²
 * (Korn & Graubard 1998, eq. 2.2 and the df adjustment of §3; R survey's svyciprop "beta"), with
 * p̂(1 − p̂)/v̂ clamped to [C, n] when `boundEffectiveSize` (see clusteredProportionCI). `tail` is the
 * one-sided error of the limit the size is used for (α/2 for a two-sided interval, α for a one-sided test).
 * Needs 0 < p̂ < 1 and v̂ > 0.
 *
 * @example
 * kornGraubardSize({ estimate: 0.8, variance: 0.004, answers: 100, clusters: 10, tail: 0.025, boundEffectiveSize: false }) // 30.77462391018… (R 0.16 / 0.004 * (qt(0.025, 99) / qt(0.025, 9))^2)
 */
export function kornGraubardSize(o: { estimate: number; variance: number; answers: number; clusters: number; tail: number; boundEffectiveSize: boolean }): number {
  let designBased = (o.estimate * (1 - o.estimate)) / o.variance;
  if (o.boundEffectiveSize) designBased = Math.min(o.answers, Math.max(o.clusters, designBased));
  return designBased * (qt(o.tail, o.answers - 1) / qt(o.tail, o.clusters - 1)) ** 2;
}

/**
 * Clopper–Pearson limits on a (possibly fractional) effective number of trials n* with n*·p̂
 * successes: qbeta(α/2, n*p̂, n*(1 − p̂) + 1) and qbeta(1 − α/2, n*p̂ + 1, n*(1 − p̂)), with 0 at
 * p̂ = 0 and 1 at p̂ = 1. With n* an integer this is R `binom.test(n*p̂, n*)$conf.int`.
 *
 * @example
 * effectiveBinomialLimits(0.5, 10, 0.95).lower // 0.187086… (R binom.test(5, 10)$conf.int[1])
 */
export function effectiveBinomialLimits(estimate: number, effectiveSize: number, level: number): { lower: number; upper: number } {
  const tail = (1 - level) / 2;
  // As svyciprop writes them: shape parameters n*p̂ and n*(1 − p̂) (not n* − n*p̂), so the
  // limits follow R's arithmetic to the last bits.
  const successes = effectiveSize * estimate;
  const failures = effectiveSize * (1 - estimate);
  return {
    lower: estimate === 0 ? 0 : betaQuantile(tail, successes, failures + 1),
    upper: estimate === 1 ? 1 : betaQuantile(tail, successes + 1, failures, true),
  };
}
