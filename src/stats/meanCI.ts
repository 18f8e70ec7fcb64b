/**
 * Mean eval score with its standard error, plain (CLT) or clustered, following Miller (2024),
 * "Adding Error Bars to Evals: A Statistical Approach to Language Model Evaluations",
 * arXiv:2411.00640, with small-sample options: Student t on n − 1 or C − 1 degrees of freedom, and
 * the CR0/CR1/CR2 cluster-robust variances with Bell–McCaffrey Satterthwaite df (clusterRobustSE.ts).
 */
import { pnorm, pt, qnorm, qt } from "./distributions.js";
import {
  CLUSTER_VCOV_TYPES,
  type ClusterLabel,
  type ClusterVcov,
  allEqual,
  checkClusters,
  checkTwoClusters,
  clusterRobustVariance,
  clusterTotals,
} from "./clusterRobustSE.js";
import { clopperPearsonBounds } from "./proportionCI.js";
import type { Interval } from "./types.js";
import { checkChoice, checkFinite, checkLevel, checkNumberArray, checkOptions, show } from "./validate.js";

export { checkClusters };
export type { ClusterLabel, ClusterVcov };

export const MEAN_DF_RULES = ["normal", "n-1", "clusters-1", "satterthwaite"] as const;

/**
 * Reference distribution of (estimate − truth)/SE: `normal` (z, the default), `n-1` (Student t on
 * n − 1 df, unclustered), `clusters-1` (t on C − 1 df), `satterthwaite` (t on the Bell–McCaffrey
 * df of `vcov`), or a number of degrees of freedom.
 */
export type MeanDfRule = (typeof MEAN_DF_RULES)[number];

/** The small-sample options shared by `meanCI` and `pairedDifference`. */
export interface SmallSampleOptions {
  /** Degrees of freedom of the t reference distribution; default `normal` (z, as Miller 2024). */
  df?: MeanDfRule | number;
  /** Cluster-robust variance instead of Miller's clustered SE; needs `clusters`. */
  vcov?: ClusterVcov;
}

export interface MeanCIOptions extends SmallSampleOptions {
  /** One label per score; items sharing a label are treated as correlated. */
  clusters?: ArrayLike<ClusterLabel>;
  level?: number;
}

export interface MeanCIResult extends Interval {
  method: "clt" | "clustered";
  /** Standard error of the mean. */
  se: number;
  /** Number of scores. */
  n: number;
  /** Number of distinct clusters, when `clusters` was given. */
  clusters?: number;
  /** Degrees of freedom of the t quantile; Infinity for the normal quantile. */
  df: number;
  /** With `clusters`: `miller` (Miller 2024 eq. 4, the default) or the `vcov` asked for. */
  vcov?: "miller" | ClusterVcov;
  /** The units (items, or clusters) all have the same mean, so the spread estimate is zero. */
  degenerate: boolean;
  /** How the interval was made for a degenerate sample under the small-sample options. */
  fallback?: "exact-units";
}

/**
 * Standard error of the mean of `values` (at least two).
 *
 * Without clusters, Miller's SE_CLT = sqrt( Σ(s_i − s̄)² / (n − 1) / n ): the sample variance (n − 1)
 * over n. With clusters, Miller (2024) eq. 4:
 *   SE_clustered² = SE_CLT² + (1/n²) Σ_c Σ_{i≠j ∈ c} (s_i − s̄)(s_j − s̄)
 *                 = SE_CLT² + (1/n²) Σ_c [ (Σ_{i∈c}(s_i − s̄))² − Σ_{i∈c}(s_i − s̄)² ].
 * Only the cross terms are added, so singleton clusters give exactly SE_CLT (not the bare sandwich
 * (1/n²)Σ_c(Σ dev)², which is SE_CLT·sqrt((n − 1)/n)). No small-sample factor. The sum is never
 * negative: it equals Σdev²/(n²(n − 1)) + Σ_c(Σ dev)²/n².
 *
 * @example
 * standardErrorOfMean(new Float64Array([1, 0, 1, 1])).se // 0.25 (sd 0.5 over sqrt(4))
 */
export function standardErrorOfMean(
  values: Float64Array,
  clusters?: ClusterLabel[],
): { mean: number; se: number; clusterCount?: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  const cltVariance = squares / (n - 1) / n;
  if (!clusters) return { mean, se: Math.sqrt(cltVariance) };

  const clusterSums = new Map<ClusterLabel, number>();
  for (let i = 0; i < n; i++) {
    clusterSums.set(clusters[i], (clusterSums.get(clusters[i]) ?? 0) + (values[i] - mean));
  }
  let between = 0;
  for (const s of clusterSums.values()) between += s * s;
  const variance = Math.max(0, cltVariance + (between - squares) / (n * n));
  return { mean, se: Math.sqrt(variance), clusterCount: clusterSums.size };
}

/** A mean, its SE and the reference distribution chosen by the small-sample options. */
export interface MeanInference {
  mean: number;
  se: number;
  /** Degrees of freedom; Infinity means the normal distribution. */
  df: number;
  vcov?: "miller" | ClusterVcov;
  clusterCount?: number;
  /** Independent units: clusters when given, else values. */
  units: number;
  /** The unit means are all equal (up to rounding); under the small-sample options `se` is then exactly 0. */
  degenerate: boolean;
  /** `df` other than `normal`, or `vcov`, was asked for. */
  smallSample: boolean;
}

/**
 * Standard error and degrees of freedom of the mean of `values` under the options `df` and `vcov`
 * (already-checked values and labels; the options are checked here, by name).
 */
export function meanInference(values: Float64Array, labels: ClusterLabel[] | undefined, dfOption: unknown, vcovOption: unknown): MeanInference {
  const vcov = vcovOption === undefined ? undefined : checkChoice("vcov", vcovOption, CLUSTER_VCOV_TYPES);
  let rule: MeanDfRule | number = "normal";
  if (typeof dfOption === "number") {
    rule = checkFinite("df", dfOption);
    if (!(rule > 0)) throw new RangeError(`df must be a positive number of degrees of freedom, got ${rule}`);
  } else if (dfOption !== undefined) rule = checkChoice("df", dfOption, MEAN_DF_RULES);
  if (vcov && !labels) throw new RangeError(`vcov ${show(vcov)} needs clusters (one label per score)`);
  if (rule === "n-1" && labels) {
    throw new RangeError(`df "n-1" treats every score as independent; with clusters use "clusters-1" or "satterthwaite"`);
  }
  if (rule === "clusters-1" && !labels) throw new RangeError(`df "clusters-1" needs clusters (one label per score)`);
  if (rule === "satterthwaite" && !vcov) {
    throw new RangeError(`df "satterthwaite" needs vcov "CR0", "CR1" or "CR2" (and clusters), got vcov ${show(vcov)}`);
  }
  const smallSample = vcov !== undefined || rule !== "normal";
  if (labels && smallSample) checkTwoClusters(labels, vcov ? `vcov ${show(vcov)}` : `df ${show(rule)}`);

  let mean: number;
  let se: number;
  let satterthwaiteDf = NaN;
  let clusterCount: number | undefined;
  if (vcov && labels) {
    const kernel = clusterRobustVariance(values, labels, vcov);
    ({ mean, satterthwaiteDf, clusterCount } = kernel);
    se = Math.sqrt(kernel.variance);
  } else {
    ({ mean, se, clusterCount } = standardErrorOfMean(values, labels));
  }
  const units = clusterCount ?? values.length;
  // Unit means: items, or clusters. For Miller's SE the cluster means can agree while items differ
  // (it keeps a within-cluster term), so there the units are the items.
  const degenerate = allEqual(labels && vcov ? clusterTotals(values, labels).means : values);
  // Under the small-sample options a spread that is zero up to rounding is zero, so a fallback can
  // take over; the default path keeps Miller's arithmetic untouched.
  if (degenerate && smallSample) se = 0;
  let df: number;
  if (typeof rule === "number") df = rule;
  else if (rule === "normal") df = Infinity;
  else if (rule === "n-1") df = values.length - 1;
  else if (rule === "clusters-1") df = units - 1;
  else df = satterthwaiteDf;
  const result: MeanInference = { mean, se, df, units, degenerate, smallSample };
  if (labels) {
    result.vcov = vcov ?? "miller";
    result.clusterCount = clusterCount;
  }
  return result;
}

/** Two-sided critical value of the reference distribution at `level`. */
export function criticalValue(level: number, df: number): number {
  const tail = (1 - level) / 2;
  return df === Infinity ? -qnorm(tail) : -qt(tail, df);
}

/** Lower-tail (or upper-tail) probability of `statistic` in the reference distribution. */
export function referenceTail(statistic: number, df: number, lowerTail: boolean): number {
  return df === Infinity ? pnorm(statistic, lowerTail) : pt(statistic, df, lowerTail);
}

/**
 * Mean score with an interval estimate ± q·SE, q the normal quantile (default) or Student's t.
 *
 * Default: the normal quantile, as Miller (2024) does, with the CLT SE, or Miller's clustered SE
 * when `clusters` is given (see `standardErrorOfMean`). Small-sample options:
 * - `df: "n-1"`: t on n − 1 df, = R `t.test(scores)$conf.int` (no clusters);
 * - `vcov: "CR0" | "CR1" | "CR2"` (with `clusters`): the cluster-robust SE of `clusterRobustSE`,
 *   = R clubSandwich `coef_test(lm(y ~ 1), vcov, cluster)$SE`. CR0 is the textbook sandwich, not
 *   Miller's SE: Miller's variance is V_CR0 + SE_CLT²/n (it keeps the within-item terms with
 *   n − 1), so the two differ by a factor sqrt(1 + SE_CLT²/(n V_CR0)), small when n is large;
 * - `df: "clusters-1"`: t on C − 1 df (clubSandwich `test = "naive-t"`); `df: "satterthwaite"`:
 *   t on the Bell–McCaffrey df of `vcov` (clubSandwich `conf_int(…, test = "Satterthwaite")`).
 *
 * A degenerate sample (every unit — item, or cluster under `vcov` — has the same mean, e.g. every
 * answer right) has SE 0. By default the interval is then [mean, mean], as before. Under any
 * small-sample option, when the scores lie in [0, 1] and are all 1 (or all 0), the interval is
 * Clopper–Pearson on the m units with m successes (or none), [ (α/2)^{1/m}, 1 ] (`fallback:
 * "exact-units"`, = R `binom.test(m, m)$conf.int`): valid because a unit mean in [0, 1] with expectation
 * μ equals 1 with probability at most μ, so all m units equal 1 with probability at most μ^m.
 * Other degenerate samples keep the zero-width interval, flagged `degenerate: true`.
 *
 * @example
 * meanCI([1, 0, 1, 1]).se;                                   // 0.25
 * meanCI([1, 0, 1, 1], { clusters: ["a", "a", "b", "b"] }).se; // 0.21650635094610965
 * meanCI([1, 0, 1, 1], { df: "n-1" }).lower;                   // -0.0456115… (R t.test)
 * meanCI([1, 1, 1, 1, 1], { df: "n-1" }).lower;                // 0.4781762… (binom.test(5, 5))
 */
export function meanCI(scores: ArrayLike<number>, options?: MeanCIOptions): MeanCIResult {
  const values = checkNumberArray("scores", scores, 2);
  const opts = checkOptions("options", options);
  const level = checkLevel(opts.level);
  const labels = opts.clusters === undefined ? undefined : checkClusters(opts.clusters, values.length);
  const inference = meanInference(values, labels, opts.df, opts.vcov);
  const { mean, se, df } = inference;
  const q = criticalValue(level, df);
  const result: MeanCIResult = {
    estimate: mean,
    se,
    lower: mean - q * se,
    upper: mean + q * se,
    level,
    method: labels ? "clustered" : "clt",
    n: values.length,
    df,
    degenerate: inference.degenerate,
  };
  if (inference.clusterCount !== undefined) result.clusters = inference.clusterCount;
  if (inference.vcov) result.vcov = inference.vcov;
  if (inference.degenerate && inference.smallSample && (mean === 0 || mean === 1) && values.every((v) => v >= 0 && v <= 1)) {
    const m = inference.units;
    ({ lower: result.lower, upper: result.upper } = clopperPearsonBounds(mean * m, m, (1 - level) / 2));
    result.fallback = "exact-units";
  }
  return result;
}
