/**
 * The test that goes with an interval computed on an effective number of trials (Korn–Graubard):
 * the exact binomial tail, written with the beta function so that n* and n*·p̂ need not be integers.
 */
import { pbeta } from "./distributions.js";
import type { Alternative } from "./types.js";
import { checkAlternative, checkFinite, checkOpenUnit, show } from "./validate.js";

/**
 * p-value of "the rate is `p0`" from n*·p̂ successes in n* effective trials, the dual of the
 * Clopper–Pearson limits of `effectiveBinomialLimits` (Clopper & Pearson 1934; the binomial tails as
 * incomplete beta functions, P(X ≥ x) = I_{p0}(x, n − x + 1) and P(X ≤ x) = 1 − I_{p0}(x + 1, n − x)):
 * `greater` P(X ≥ n*p̂), `less` P(X ≤ n*p̂), two-sided twice the smaller (at most 1). The one-sided
 * p is below α exactly when the one-sided 1 − α limit excludes p0. With integer n* and n*p̂ this is
 * R `binom.test(x, n, p0, alternative)` for the one-sided alternatives.
 *
 * @example
 * effectiveBinomialTest(0.7, 10, 0.5, "greater") // 0.171875 (R binom.test(7, 10, 0.5, alternative = "greater")$p.value)
 */
export function effectiveBinomialTest(estimate: number, effectiveSize: number, p0: number, alternative: Alternative = "two-sided"): number {
  if (!(estimate >= 0 && estimate <= 1)) throw new RangeError(`estimate must be a rate in [0, 1], got ${show(estimate)}`);
  const n = checkFinite("effectiveSize", effectiveSize);
  if (!(n > 0)) throw new RangeError(`effectiveSize must be positive, got ${show(effectiveSize)}`);
  const p = checkOpenUnit("p0", p0);
  const alt = checkAlternative(alternative);
  const x = n * estimate;
  const atLeast = x <= 0 ? 1 : pbeta(p, x, n * (1 - estimate) + 1);
  const atMost = estimate >= 1 ? 1 : pbeta(p, x + 1, n * (1 - estimate), false);
  if (alt === "greater") return atLeast;
  if (alt === "less") return atMost;
  return Math.min(1, 2 * Math.min(atLeast, atMost));
}
