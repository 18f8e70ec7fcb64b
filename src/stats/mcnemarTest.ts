/**
 * McNemar's test: did two conditions score differently on the same items?
 *
 * Only the discordant items carry information: `b` items were right under A only, `c` right
 * under B only. Under the null hypothesis (no difference) each discordant item is equally likely
 * to fall either way, so b ~ Bin(b + c, 1/2).
 */
import { twoSidedPValue } from "./binomialTest.js";
import { dbinom, pbinom, pchisq, pnorm } from "./distributions.js";
import type { Alternative, TestResult } from "./types.js";
import { checkAlternative, checkChoice, checkCount, checkOptions } from "./validate.js";

export type McNemarMethod = "exact" | "mid-p" | "asymptotic" | "asymptotic-cc";

const METHODS: readonly McNemarMethod[] = ["exact", "mid-p", "asymptotic", "asymptotic-cc"];

export interface McNemarOptions {
  /** `exact` (default), `mid-p`, `asymptotic` (chi-square) or `asymptotic-cc` (with continuity correction). */
  method?: McNemarMethod;
  /** `greater` asks whether A is right more often than B (b > c). Default `two-sided`. */
  alternative?: Alternative;
}

export interface McNemarResult extends TestResult {
  method: McNemarMethod;
  /** `b` for the exact and mid-p tests (as R's binom.test); the chi-square statistic otherwise. */
  statistic: number;
  /** b / (b + c): the share of discordant items that favour A (0.5 = no gap). Absent when b + c = 0. */
  estimate?: number;
  /** b + c, the number of discordant items. */
  discordant: number;
}

/** One-sided tail P(X ≥ x) or P(X ≤ x), with half the point mass when `mid`. */
function tail(x: number, n: number, upper: boolean, mid: boolean): number {
  const point = dbinom(x, n, 0.5);
  const strict = upper ? pbinom(x, n, 0.5, false) : pbinom(x - 1, n, 0.5);
  return Math.min(1, strict + (mid ? 0.5 : 1) * point);
}

/**
 * McNemar's test for paired binary outcomes from the two discordant counts.
 *
 * - `exact`: R `binom.test(b, b + c, 0.5)` (conditional exact test; two-sided by R's rule).
 * - `mid-p`: Fagerland, Lydersen & Laake (2013, BMC Med Res Methodol 13:91): two-sided
 *   2·[P(X ≤ k) − ½·P(X = k)] with k = min(b, c), X ~ Bin(b + c, ½); one-sided P(X > b) + ½·P(X = b).
 * - `asymptotic`: R `mcnemar.test(correct = FALSE)`, (b − c)² / (b + c) on 1 df.
 * - `asymptotic-cc`: R `mcnemar.test(correct = TRUE)`, (|b − c| − 1)² / (b + c).
 *   One-sided asymptotic p-values use the signed root z = sign(b − c)·√statistic, as R's
 *   `prop.test(b, b + c, 0.5, alternative, correct)` does.
 *
 * With no discordant items (b + c = 0) there is no evidence either way: pValue is 1 for every method.
 *
 * @example
 * // Bentur et al. (2009) data used by Fagerland et al. (2013): b = 1, c = 7
 * mcnemarTest(1, 7).pValue;                     // 0.0703125 (exact)
 * mcnemarTest(1, 7, { method: "mid-p" }).pValue; // 0.0390625
 */
export function mcnemarTest(b: number, c: number, options?: McNemarOptions): McNemarResult {
  const nb = checkCount("b", b);
  const nc = checkCount("c", c);
  const opts = checkOptions("options", options);
  const method = opts.method === undefined ? "exact" : checkChoice("method", opts.method, METHODS);
  const alternative = checkAlternative(opts.alternative);
  const n = nb + nc;
  const asymptotic = method === "asymptotic" || method === "asymptotic-cc";

  if (n === 0) {
    return { pValue: 1, alternative, method, statistic: asymptotic ? 0 : nb, discordant: 0 };
  }
  const estimate = nb / n;

  if (!asymptotic) {
    const mid = method === "mid-p";
    let pValue: number;
    if (alternative === "greater") pValue = tail(nb, n, true, mid);
    else if (alternative === "less") pValue = tail(nb, n, false, mid);
    // b = c is the centre of a symmetric distribution: p = 1 exactly, whatever the rounding of the tails.
    else if (nb === nc) pValue = 1;
    else if (mid) pValue = Math.min(1, 2 * tail(Math.min(nb, nc), n, false, true));
    else pValue = twoSidedPValue(nb, n, 0.5);
    return { pValue, alternative, method, statistic: nb, estimate, discordant: n };
  }

  // R's mcnemar.test applies the correction only when b != c (otherwise the statistic is 0).
  const correction = method === "asymptotic-cc" && nb !== nc ? 1 : 0;
  const gap = Math.abs(nb - nc) - correction;
  const statistic = (gap * gap) / n;
  let pValue: number;
  if (alternative === "two-sided") {
    pValue = pchisq(statistic, 1, false);
  } else {
    const z = Math.sign(nb - nc) * Math.sqrt(statistic);
    pValue = pnorm(z, alternative === "less");
  }
  return { pValue, alternative, method, statistic, estimate, discordant: n };
}
