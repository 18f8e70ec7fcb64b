/**
 * Test of equal rates in two independent samples: is model A's accuracy on its items different
 * from model B's on theirs? Fisher's exact test by default; the chi-square (z) test of R's
 * `prop.test` with or without Yates's continuity correction on request.
 */
import { fisherExactTest } from "./fisherExactTest.js";
import { pchisq, pnorm, qnorm } from "./distributions.js";
import type { Alternative, TestResult } from "./types.js";
import { checkAlternative, checkChoice, checkLevel, checkOptions, checkSuccessesTrials } from "./validate.js";

export const TWO_PROPORTION_TEST_METHODS = ["fisher", "z", "z-cc"] as const;
export type TwoProportionTestMethod = (typeof TWO_PROPORTION_TEST_METHODS)[number];

export interface TwoProportionTestOptions {
  /** `fisher` (default, exact), `z` (prop.test, correct = FALSE) or `z-cc` (correct = TRUE). */
  method?: TwoProportionTestMethod;
  /** `greater` asks whether p1 > p2 (default `two-sided`). */
  alternative?: Alternative;
  /** Confidence level of the `z`/`z-cc` interval for p1 − p2 (default 0.95). */
  level?: number;
}

export interface TwoProportionTestResult extends TestResult {
  method: TwoProportionTestMethod;
  /** The observed p1 − p2. */
  estimate: number;
}

/**
 * Is p1 different from (or, one-sided, greater/less than) p2, from k1 of n1 and k2 of n2?
 *
 * - `fisher`: `fisherExactTest([[k1, n1 − k1], [k2, n2 − k2]])` p-value; no `statistic`, no
 *   interval (the odds-ratio interval is on `fisherExactTest` itself).
 * - `z`, `z-cc`: R `prop.test(c(k1, k2), c(n1, n2), correct = FALSE / TRUE)`. `statistic` is R's
 *   X-squared (1 df), for every alternative as in R; one-sided p-values use the signed root
 *   sign(p1 − p2)·√X², again as R does. `lower`/`upper` are R's interval for p1 − p2 (Wald, with
 *   the correction term when `z-cc`, clipped to [−1, 1]; one-sided intervals run to ∓1).
 *   When both samples are all failures or all successes R returns NaN; here the statistic is 0 and
 *   the p-value 1 (two-sided) or 0.5 (one-sided): no difference was seen.
 * `estimate` is always p1 − p2.
 *
 * Reference: R `prop.test` (src/library/stats/R/prop.test.R), `fisher.test`.
 *
 * @example
 * twoProportionTest(15, 20, 8, 20, { method: "z" }).pValue // 0.0251607592...: R prop.test(c(15, 8), c(20, 20), correct = FALSE)
 */
export function twoProportionTest(
  k1: number,
  n1: number,
  k2: number,
  n2: number,
  options?: TwoProportionTestOptions,
): TwoProportionTestResult {
  const [x1, m1] = checkSuccessesTrials(k1, n1, ["k1", "n1"]);
  const [x2, m2] = checkSuccessesTrials(k2, n2, ["k2", "n2"]);
  const opts = checkOptions("options", options);
  const method = opts.method === undefined ? "fisher" : checkChoice("method", opts.method, TWO_PROPORTION_TEST_METHODS);
  const alternative = checkAlternative(opts.alternative);
  const level = checkLevel(opts.level);
  const estimate = x1 / m1 - x2 / m2;
  if (method === "fisher") {
    const { pValue } = fisherExactTest([[x1, m1 - x1], [x2, m2 - x2]], { alternative, level });
    return { pValue, alternative, method, estimate };
  }
  return { ...propTest(x1, m1, x2, m2, method === "z-cc", alternative, level), alternative, method, estimate };
}

/** R's `prop.test` for two groups: X-squared, its p-value, and the interval for p1 − p2. */
function propTest(x1: number, n1: number, x2: number, n2: number, correct: boolean, alternative: Alternative, level: number) {
  const p1 = x1 / n1, p2 = x2 / n2;
  const delta = p1 - p2;
  const invN = 1 / n1 + 1 / n2;
  // Yates's correction, shrunk so it never exceeds the observed gap (R: min(0.5, |Δ| / Σ 1/n)).
  const yates = correct ? Math.min(0.5, Math.abs(delta) / invN) : 0;
  const p = (x1 + x2) / (n1 + n2);
  let statistic = 0;
  if (p > 0 && p < 1) {
    const cells = [
      [x1, n1 * p], [n1 - x1, n1 * (1 - p)],
      [x2, n2 * p], [n2 - x2, n2 * (1 - p)],
    ];
    for (const [observed, expected] of cells) statistic += (Math.abs(observed - expected) - yates) ** 2 / expected;
  }
  let pValue: number;
  if (alternative === "two-sided") {
    pValue = pchisq(statistic, 1, false);
  } else {
    const z = Math.sign(delta) * Math.sqrt(statistic);
    pValue = pnorm(z, alternative === "less");
  }
  const z = qnorm(alternative === "two-sided" ? (1 + level) / 2 : level);
  const width = z * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2) + yates * invN;
  const lower = alternative === "less" ? -1 : Math.max(delta - width, -1);
  const upper = alternative === "greater" ? 1 : Math.min(delta + width, 1);
  return { pValue, statistic, lower, upper };
}
