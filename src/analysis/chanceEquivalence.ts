/**
 * Is a rate equivalent to chance, i.e. within ± margin of it? Two one-sided tests (Schuirmann
 * 1987): equivalent when both "below chance + margin" and "above chance − margin" reject at alpha;
 * the TOST p-value is the larger of the two.
 */
import { pnorm } from "../stats/distributions.js";
import { binomialTest } from "../stats/binomialTest.js";
import { equivalenceTest } from "../stats/equivalenceTest.js";

export interface EquivalenceVerdict {
  equivalent: boolean;
  pValue: number;
}

/**
 * TOST against chance ± margin. From counts: `equivalenceTest` (exact binomial one-sided tests;
 * when the region passes 0 or 1 only the test at the other edge remains, via `binomialTest`).
 * From a mean of item means and its (clustered) SE: normal one-sided tests,
 * p_low = 1 − Φ((m − (c − δ))/SE), p_high = Φ((m − (c + δ))/SE).
 *
 * @example
 * chanceEquivalence({ mean: 0.5, se: 0.01, chance: 0.5, margin: 0.05, alpha: 0.05 }).pValue // 2.866515719e-7 (R pnorm)
 */
export function chanceEquivalence(
  o: ({ successes: number; trials: number } | { mean: number; se: number }) & { chance: number; margin: number; alpha: number },
): EquivalenceVerdict {
  if ("successes" in o) {
    const [low, high] = [o.chance - o.margin, o.chance + o.margin];
    if (low <= 0 || high >= 1) {
      // The region reaches past 0 or 1, so one of the two nulls is impossible (its p-value is 0);
      // the other is the exact one-sided binomial test at the edge that remains.
      const pLow = low <= 0 ? 0 : binomialTest(o.successes, o.trials, { p: low, alternative: "greater" }).pValue;
      const pHigh = high >= 1 ? 0 : binomialTest(o.successes, o.trials, { p: high, alternative: "less" }).pValue;
      const pValue = Math.max(pLow, pHigh);
      return { equivalent: pValue < o.alpha, pValue };
    }
    const r = equivalenceTest({ successes: o.successes, trials: o.trials }, { p0: o.chance, margin: o.margin, alpha: o.alpha });
    return { equivalent: r.equivalent, pValue: r.pValue };
  }
  const low = o.chance - o.margin;
  const high = o.chance + o.margin;
  const pValue = o.se === 0 ? (o.mean > low && o.mean < high ? 0 : 1) : Math.max(pnorm((o.mean - low) / o.se, false), pnorm((o.mean - high) / o.se));
  return { equivalent: pValue < o.alpha, pValue };
}
