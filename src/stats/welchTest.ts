/**
 * Welch's unequal-variance t test of two independent samples of scores — typically the item means
 * of two conditions scored on different items (Welch 1947, Biometrika 34:28–35; df by Satterthwaite
 * 1946, Biometrics Bulletin 2(6):110–114).
 */
import { pt, qt } from "./distributions.js";
import type { Alternative, Interval } from "./types.js";
import { checkAlternative, checkLevel, checkNumberArray, checkOptions } from "./validate.js";
import { allEqual } from "./clusterRobustSE.js";

export interface WelchTestOptions {
  level?: number;
  /** `greater` asks whether A's mean is above B's. Default `two-sided`. */
  alternative?: Alternative;
}

export interface WelchTestResult extends Interval {
  method: "welch";
  /** mean(A) − mean(B). */
  estimate: number;
  meanA: number;
  meanB: number;
  /** sqrt(s_A²/n_A + s_B²/n_B). */
  se: number;
  /** t = estimate / se (±Infinity when se = 0 and estimate ≠ 0, 0 when both are 0). */
  statistic: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  pValue: number;
  alternative: Alternative;
  nA: number;
  nB: number;
  /** Both samples are constant, so se = 0 and the t statistic is undefined. */
  degenerate: boolean;
  /** The test used when `degenerate`. */
  fallback?: "permutation";
}

function meanAndVariance(x: Float64Array): [number, number] {
  let sum = 0;
  for (const v of x) sum += v;
  const mean = sum / x.length;
  let squares = 0;
  for (const v of x) squares += (v - mean) ** 2;
  return [mean, squares / (x.length - 1)];
}

/** log of the binomial coefficient C(n, k), summed term by term (n is a sample size here). */
function logChoose(n: number, k: number): number {
  let total = 0;
  for (let i = 1; i <= k; i++) total += Math.log((n - k + i) / i);
  return total;
}

/**
 * Welch's t test and interval for mean(A) − mean(B), exactly as R
 * `t.test(a, b, alternative, conf.level = level)` (var.equal = FALSE):
 *   se² = s_A²/n_A + s_B²/n_B,  t = (x̄_A − x̄_B)/se,
 *   df = se⁴ / ( (s_A²/n_A)²/(n_A − 1) + (s_B²/n_B)²/(n_B − 1) ),
 * the interval two-sided at `level`, or one-sided (to ∓Infinity) for `greater`/`less`, as R's.
 * Each sample needs at least two scores.
 *
 * When both samples are constant (e.g. every item mean 1 in A and 0 in B) se is 0 and R stops with
 * "data are essentially constant". Here the p-value is then the exact permutation test of the
 * difference in means (Pitman 1937), which for two constant samples is 1/C(n_A + n_B, n_A) in the
 * observed direction (doubled two-sided when n_A = n_B, the one other split as extreme), 1 against
 * it, and 1 when the two constants are equal (`fallback: "permutation"`). The interval is then
 * [estimate, estimate] and df the smallest Welch df, min(n_A, n_B) − 1, flagged `degenerate: true`.
 *
 * @example
 * const w = welchTest([0.2, 0.4, 0.4, 0.8, 1], [0, 0.2, 0.2, 0.4]);
 * w.df;     // 6.0781679… (R t.test)
 * w.pValue; // 0.0754324…
 */
export function welchTest(scoresA: ArrayLike<number>, scoresB: ArrayLike<number>, options?: WelchTestOptions): WelchTestResult {
  const a = checkNumberArray("scoresA", scoresA, 2);
  const b = checkNumberArray("scoresB", scoresB, 2);
  const opts = checkOptions("options", options);
  const level = checkLevel(opts.level);
  const alternative = checkAlternative(opts.alternative);
  const [meanA, varA] = meanAndVariance(a);
  const [meanB, varB] = meanAndVariance(b);
  const nA = a.length;
  const nB = b.length;
  const estimate = meanA - meanB;
  const degenerate = allEqual(a) && allEqual(b);

  const result: WelchTestResult = {
    estimate, lower: estimate, upper: estimate, level, method: "welch", meanA, meanB,
    se: 0, statistic: 0, df: Math.min(nA, nB) - 1, pValue: 1, alternative, nA, nB, degenerate,
  };
  if (degenerate) {
    if (estimate !== 0) {
      result.statistic = estimate > 0 ? Infinity : -Infinity;
      const extreme = Math.exp(-logChoose(nA + nB, nA));
      if (alternative === "two-sided") result.pValue = Math.min(1, (nA === nB ? 2 : 1) * extreme);
      else result.pValue = (alternative === "greater") === estimate > 0 ? extreme : 1;
    }
    result.fallback = "permutation";
    return result;
  }

  const partA = varA / nA;
  const partB = varB / nB;
  const se = Math.sqrt(partA + partB);
  const df = (partA + partB) ** 2 / (partA ** 2 / (nA - 1) + partB ** 2 / (nB - 1));
  const statistic = estimate / se;
  let pValue: number;
  if (alternative === "greater") pValue = pt(statistic, df, false);
  else if (alternative === "less") pValue = pt(statistic, df);
  else pValue = 2 * pt(-Math.abs(statistic), df);
  let lower: number;
  let upper: number;
  if (alternative === "two-sided") {
    const q = -qt((1 - level) / 2, df);
    [lower, upper] = [estimate - q * se, estimate + q * se];
  } else {
    const q = -qt(1 - level, df);
    [lower, upper] = alternative === "greater" ? [estimate - q * se, Infinity] : [-Infinity, estimate + q * se];
  }
  return { ...result, se, statistic, df, pValue, lower, upper };
}
