/**
 * The item-level paired gap between two conditions scored on the same items, after Miller (2024),
 * "Adding Error Bars to Evals", arXiv:2411.00640, §4 (paired differences).
 */
import { pnorm, qnorm } from "./distributions.js";
import type { Alternative, Interval } from "./types.js";
import { checkAlternative, checkLevel, checkNumberArray, checkOptions, checkSameLength } from "./validate.js";
import { type ClusterLabel, checkClusters, standardErrorOfMean } from "./meanCI.js";

export interface PairedDifferenceOptions {
  /** One label per item; differences in the same cluster are treated as correlated. */
  clusters?: ArrayLike<ClusterLabel>;
  level?: number;
  /** Direction of the z-test; `greater` asks whether A scores above B. Default `two-sided`. */
  alternative?: Alternative;
}

export interface PairedDifferenceResult extends Interval {
  method: "paired-clt" | "paired-clustered";
  /** mean(scoresA − scoresB), which equals mean(A) − mean(B). */
  estimate: number;
  /** Standard error of the mean difference. */
  se: number;
  /** p-value of the z-test of no gap, for `alternative`. */
  pValue: number;
  alternative: Alternative;
  /** z = estimate / se (±Infinity when se = 0 and estimate ≠ 0, 0 when both are 0). */
  statistic: number;
  /** Pearson correlation of A and B across items; 0 when either side is constant. */
  correlation: number;
  meanA: number;
  meanB: number;
  /** Number of items. */
  n: number;
  /** Number of distinct clusters, when `clusters` was given. */
  clusters?: number;
}

/** Pearson correlation, defined as 0 when either variable has no spread (instead of NaN). */
function pearson(a: Float64Array, b: Float64Array, meanA: number, meanB: number): number {
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    const da = a[i] - meanA;
    const db = b[i] - meanB;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return 0;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/**
 * Paired gap A − B on the same items, with a normal-approximation interval and z-test.
 *
 * SE = sd(A − B)/√n (Miller 2024 §4: Var(A) + Var(B) − 2 Cov(A, B), all with n − 1, over n), or
 * Miller's clustered SE computed on the differences when `clusters` is given. The interval is
 * always the two-sided estimate ± z·SE at `level`; `alternative` changes only the p-value.
 * Uses the normal quantile, as Miller does (see meanCI).
 *
 * @example
 * const r = pairedDifference([1, 1, 0, 1, 1], [0, 1, 0, 0, 1]);
 * r.estimate; // 0.4
 * r.se;       // 0.2449489742783178
 */
export function pairedDifference(
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
  options?: PairedDifferenceOptions,
): PairedDifferenceResult {
  const a = checkNumberArray("scoresA", scoresA, 2);
  const b = checkNumberArray("scoresB", scoresB, 2);
  checkSameLength("scoresA", a, "scoresB", b);
  const opts = checkOptions("options", options);
  const level = checkLevel(opts.level);
  const alternative = checkAlternative(opts.alternative);
  const labels = opts.clusters === undefined ? undefined : checkClusters(opts.clusters, a.length);

  const n = a.length;
  const diff = new Float64Array(n);
  let sumA = 0;
  let sumB = 0;
  for (let i = 0; i < n; i++) {
    diff[i] = a[i] - b[i];
    sumA += a[i];
    sumB += b[i];
  }
  const meanA = sumA / n;
  const meanB = sumB / n;
  const { mean: estimate, se, clusterCount } = standardErrorOfMean(diff, labels);

  let statistic: number;
  if (se > 0) statistic = estimate / se;
  else statistic = estimate === 0 ? 0 : estimate > 0 ? Infinity : -Infinity;
  let pValue: number;
  if (alternative === "greater") pValue = pnorm(statistic, false);
  else if (alternative === "less") pValue = pnorm(statistic);
  else pValue = Math.min(1, 2 * pnorm(-Math.abs(statistic)));

  const z = -qnorm((1 - level) / 2);
  const result: PairedDifferenceResult = {
    estimate,
    se,
    lower: estimate - z * se,
    upper: estimate + z * se,
    level,
    method: labels ? "paired-clustered" : "paired-clt",
    pValue,
    alternative,
    statistic,
    correlation: pearson(a, b, meanA, meanB),
    meanA,
    meanB,
    n,
  };
  if (clusterCount !== undefined) result.clusters = clusterCount;
  return result;
}
