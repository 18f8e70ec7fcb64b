/**
 * The normal (z) p-value of an estimate with a known standard error: the test behind a Wald
 * interval, estimate ± z·SE.
 */
import { pnorm } from "./distributions.js";
import type { Alternative } from "./types.js";

/**
 * p-value of z = estimate / se under the standard normal: 2·Φ(−|z|) two-sided, 1 − Φ(z) for
 * `greater`, Φ(z) for `less` (R: `2 * pnorm(-abs(z))`, `pnorm(z, lower.tail = FALSE)`, `pnorm(z)`).
 * With se = 0 the data leave no doubt either way: p is 0 when the estimate lies on the tested side,
 * 1 otherwise (and 1 for an estimate of exactly 0).
 *
 * @example
 * zPValue(0.05, 0.025, "two-sided") // 0.04550026389635842 (R: 2 * pnorm(-2))
 */
export function zPValue(estimate: number, se: number, alternative: Alternative): number {
  if (se === 0) {
    if (estimate === 0) return 1;
    const favours = alternative === "two-sided" || (alternative === "greater") === estimate > 0;
    return favours ? 0 : 1;
  }
  const z = estimate / se;
  if (alternative === "greater") return pnorm(z, false);
  if (alternative === "less") return pnorm(z);
  return Math.min(1, 2 * pnorm(-Math.abs(z)));
}
