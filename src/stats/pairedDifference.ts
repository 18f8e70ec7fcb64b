/**
 * The item-level paired gap between two conditions scored on the same items, after Miller (2024),
 * "Adding Error Bars to Evals", arXiv:2411.00640, §4 (paired differences).
 */
import type { Alternative, Interval } from "./types.js";
import { checkAlternative, checkLevel, checkNumberArray, checkOptions, checkSameLength } from "./validate.js";
import {
  type ClusterLabel,
  type ClusterVcov,
  type SmallSampleOptions,
  checkClusters,
  criticalValue,
  meanInference,
  referenceTail,
} from "./meanCI.js";

export interface PairedDifferenceOptions extends SmallSampleOptions {
  /** One label per item; differences in the same cluster are treated as correlated. */
  clusters?: ArrayLike<ClusterLabel>;
  level?: number;
  /** Direction of the test; `greater` asks whether A scores above B. Default `two-sided`. */
  alternative?: Alternative;
}

export interface PairedDifferenceResult extends Interval {
  method: "paired-clt" | "paired-clustered";
  /** mean(scoresA − scoresB), which equals mean(A) − mean(B). */
  estimate: number;
  /** Standard error of the mean difference. */
  se: number;
  /** p-value of the z- (or t-) test of no gap, for `alternative`. */
  pValue: number;
  alternative: Alternative;
  /** estimate / se, z or t (±Infinity when se = 0 and estimate ≠ 0, 0 when both are 0). */
  statistic: number;
  /** Pearson correlation of A and B across items; 0 when either side is constant. */
  correlation: number;
  meanA: number;
  meanB: number;
  /** Number of items. */
  n: number;
  /** Number of distinct clusters, when `clusters` was given. */
  clusters?: number;
  /** Degrees of freedom of the t reference distribution; Infinity for the normal. */
  df: number;
  /** With `clusters`: `miller` (the default) or the `vcov` asked for. */
  vcov?: "miller" | ClusterVcov;
  /** Every unit (item, or cluster under `vcov`) has the same mean difference: the spread is zero. */
  degenerate: boolean;
  /** How the p-value was made for a degenerate sample under the small-sample options. */
  fallback?: "sign-test";
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
 * Paired gap A − B on the same items, with an interval and a test, z by default or Student's t.
 *
 * SE = sd(A − B)/√n (Miller 2024 §4: Var(A) + Var(B) − 2 Cov(A, B), all with n − 1, over n), or
 * Miller's clustered SE computed on the differences when `clusters` is given. The interval is
 * always the two-sided estimate ± q·SE at `level`; `alternative` changes only the p-value.
 * Uses the normal quantile by default, as Miller does. The small-sample options are meanCI's, on
 * the differences: `df: "n-1"` = R `t.test(a, b, paired = TRUE)`; `vcov: "CR0" | "CR1" | "CR2"`
 * with `df: "clusters-1"` or `"satterthwaite"` = R clubSandwich `coef_test(lm(I(a - b) ~ 1),
 * vcov, cluster, test = "naive-t" | "Satterthwaite")`.
 *
 * A degenerate sample (every unit's difference the same, so SE 0) keeps by default the old answer:
 * statistic ±Infinity and p = 0 when the difference is not 0. Under any small-sample option the
 * p-value is instead the exact sign test on the m units (items, or clusters), all of whose
 * differences share the estimate's sign (Dixon & Mood 1946; = R `binom.test(m, m)$p.value`):
 * 2·2^{−m} two-sided, 2^{−m} one-sided in the observed direction, 1 against it (`fallback:
 * "sign-test"`). The interval stays [estimate, estimate], flagged `degenerate: true`. A zero
 * difference gives statistic 0 and p = 1 (0.5 one-sided).
 *
 * @example
 * const r = pairedDifference([1, 1, 0, 1, 1], [0, 1, 0, 0, 1]);
 * r.estimate; // 0.4
 * r.se;       // 0.2449489742783178
 * pairedDifference([1, 1, 0, 1, 1], [0, 1, 0, 0, 1], { df: "n-1" }).pValue; // 0.1778078… (R t.test paired)
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
  const inference = meanInference(diff, labels, opts.df, opts.vcov);
  const { mean: estimate, se, df } = inference;

  let statistic: number;
  if (se > 0) statistic = estimate / se;
  else statistic = estimate === 0 ? 0 : estimate > 0 ? Infinity : -Infinity;
  let pValue: number;
  if (alternative === "greater") pValue = referenceTail(statistic, df, false);
  else if (alternative === "less") pValue = referenceTail(statistic, df, true);
  else pValue = Math.min(1, 2 * referenceTail(-Math.abs(statistic), df, true));
  const signTest = inference.degenerate && inference.smallSample && estimate !== 0;
  if (signTest) {
    const oneSided = 0.5 ** inference.units;
    if (alternative === "two-sided") pValue = Math.min(1, 2 * oneSided);
    else pValue = (alternative === "greater") === estimate > 0 ? oneSided : 1;
  }

  const q = criticalValue(level, df);
  const result: PairedDifferenceResult = {
    estimate,
    se,
    lower: estimate - q * se,
    upper: estimate + q * se,
    level,
    method: labels ? "paired-clustered" : "paired-clt",
    pValue,
    alternative,
    statistic,
    correlation: pearson(a, b, meanA, meanB),
    meanA,
    meanB,
    n,
    df,
    degenerate: inference.degenerate,
  };
  if (inference.clusterCount !== undefined) result.clusters = inference.clusterCount;
  if (inference.vcov) result.vcov = inference.vcov;
  if (signTest) result.fallback = "sign-test";
  return result;
}
