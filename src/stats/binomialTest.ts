/**
 * Exact binomial test of one rate against a null value, as R's `binom.test`, in O(log n).
 */
import type { Alternative, TestResult } from "./types.js";
import { binomialLowerTail, binomialUpperTail, dbinom } from "./distributions.js";
import { clopperPearsonBounds, midPBounds } from "./proportionCI.js";
import { checkAlternative, checkLevel, checkOpenUnit, checkOptions, checkSuccessesTrials, show } from "./validate.js";

export interface BinomialTestOptions {
  /** Null rate, default 0.5 (use the chance rate, e.g. 0.25 for four options). */
  p?: number;
  alternative?: Alternative;
  /** Confidence level of the reported interval, default 0.95. */
  level?: number;
  /** Report the mid-p value (and the matching mid-p interval) instead of the exact one. */
  midP?: boolean;
}

export interface BinomialTestResult extends TestResult {
  /** The number of successes. */
  statistic: number;
  /** Observed rate k/n. */
  estimate: number;
  /** Interval for that alternative: Clopper–Pearson as R's binom.test, or mid-p when `midP`. */
  lower: number;
  upper: number;
  level: number;
  /** The null rate tested against. */
  p: number;
}

/** R's tolerance for "as or less likely than observed" (binom.test's relErr). */
const REL_ERR = 1 + 1e-7;

/**
 * R's two-sided p-value: the total probability of outcomes no more likely than the observed one
 * (up to a relative 1e-7). The pmf is unimodal, so the outcomes on the far side of the mean that
 * qualify form one tail, whose edge a binary search finds; two tail probabilities finish the sum.
 */
export function twoSidedPValue(x: number, n: number, p: number): number {
  const m = n * p;
  if (x === m) return 1;
  const threshold = dbinom(x, n, p) * REL_ERR;
  if (x < m) {
    // Smallest j in [ceil(m), n] with dbinom(j) ≤ threshold (pmf non-increasing there); n + 1 if none.
    let lo = Math.ceil(m);
    let hi = n + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (dbinom(mid, n, p) <= threshold) hi = mid;
      else lo = mid + 1;
    }
    return Math.min(1, binomialLowerTail(x, n, p) + binomialUpperTail(lo, n, p));
  }
  // Largest j in [0, floor(m)] with dbinom(j) ≤ threshold (pmf non-decreasing there); −1 if none.
  let lo = -1;
  let hi = Math.floor(m);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (dbinom(mid, n, p) <= threshold) lo = mid;
    else hi = mid - 1;
  }
  return Math.min(1, binomialLowerTail(lo, n, p) + binomialUpperTail(x, n, p));
}

/**
 * One-sided mid-p values: P(X > x) + ½ P(X = x) (greater) and P(X < x) + ½ P(X = x) (less).
 * Two-sided mid-p is the "central" rule, min(1, 2 × the smaller one-sided mid-p) (as exactci's
 * `binom.exact(midp = TRUE)`), which is the p-value that the two-sided mid-p interval inverts.
 */
function midPValue(x: number, n: number, p: number, alternative: Alternative): number {
  const half = 0.5 * dbinom(x, n, p);
  const greater = binomialUpperTail(x + 1, n, p) + half;
  const less = binomialLowerTail(x - 1, n, p) + half;
  if (alternative === "greater") return greater;
  if (alternative === "less") return less;
  return Math.min(1, 2 * Math.min(greater, less));
}

/**
 * Exact test of H0: rate = p from k successes in n trials (R `binom.test(k, n, p, alternative,
 * conf.level)`). One-sided p-values are binomial tails; the two-sided one is R's: the sum of
 * P(X = i) over every i with P(X = i) ≤ P(X = k)(1 + 1e-7). `lower`/`upper` are R's Clopper–Pearson
 * interval for the alternative (one-sided bounds at `level` for `greater`/`less`). With
 * `midP: true` the p-value is the mid-p value (see `midPValue`) and the interval the mid-p one.
 *
 * @example
 * binomialTest(510, 1000, { alternative: "greater" }).pValue // 0.2739864… (R binom.test)
 */
export function binomialTest(successes: number, trials: number, options?: BinomialTestOptions): BinomialTestResult {
  const [k, n] = checkSuccessesTrials(successes, trials);
  const opts = checkOptions("options", options);
  const p = opts.p === undefined ? 0.5 : checkOpenUnit("p", opts.p);
  const alternative = checkAlternative(opts.alternative);
  const level = checkLevel(opts.level);
  if (opts.midP !== undefined && typeof opts.midP !== "boolean") {
    throw new TypeError(`midP must be true or false, got ${show(opts.midP)}`);
  }
  const midP = opts.midP === true;

  let pValue: number;
  if (midP) pValue = midPValue(k, n, p, alternative);
  else if (alternative === "less") pValue = binomialLowerTail(k, n, p);
  else if (alternative === "greater") pValue = binomialUpperTail(k, n, p);
  else pValue = twoSidedPValue(k, n, p);

  const bounds = midP ? midPBounds : clopperPearsonBounds;
  let lower: number;
  let upper: number;
  if (alternative === "two-sided") ({ lower, upper } = bounds(k, n, (1 - level) / 2));
  else if (alternative === "greater") [lower, upper] = [bounds(k, n, 1 - level).lower, 1];
  else [lower, upper] = [0, bounds(k, n, 1 - level).upper];

  return {
    pValue: Math.min(1, pValue),
    alternative,
    method: midP ? "Exact binomial test (mid-p)" : "Exact binomial test",
    statistic: k,
    estimate: k / n,
    lower,
    upper,
    level,
    p,
  };
}
