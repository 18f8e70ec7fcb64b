/**
 * The minimum detectable effect of a comparison whose standard error is known: the smallest true
 * gap a test at `alpha` detects with probability `power`.
 */
import { qnorm } from "./distributions.js";
import type { Alternative } from "./types.js";

/**
 * MDE = (z_{1−α/2} + z_{power})·SE, or z_{1−α} for a one-sided test (Miller 2024, "Adding Error
 * Bars to Evals", §5; the usual normal power formula with the observed SE).
 *
 * @example
 * compareMde({ se: 0.01, alpha: 0.05, power: 0.8, alternative: "two-sided" }) // 0.028015...
 */
export function compareMde(o: { se: number; alpha: number; power: number; alternative: Alternative }): number {
  const za = qnorm(o.alternative === "two-sided" ? 1 - o.alpha / 2 : 1 - o.alpha);
  return (za + qnorm(o.power)) * o.se;
}
