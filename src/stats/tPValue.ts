/**
 * The Student t p-value of an estimate with a standard error on `df` degrees of freedom: the test
 * behind a t interval, estimate ± t·SE.
 */
import { pt } from "./distributions.js";
import { zPValue } from "./zPValue.js";
import type { Alternative } from "./types.js";

/**
 * p-value of t = estimate / se on `df` degrees of freedom: 2·P(T > |t|) two-sided, P(T > t) for
 * `greater`, P(T < t) for `less` (R: `2 * pt(-abs(t), df)`, `pt(t, df, lower.tail = FALSE)`,
 * `pt(t, df)`). df = Infinity is the normal (`zPValue`); se = 0 follows `zPValue`.
 *
 * @example
 * tPValue(0.05, 0.025, 9, "two-sided") // 0.0765528237707009 (R: 2 * pt(-2, 9))
 */
export function tPValue(estimate: number, se: number, df: number, alternative: Alternative): number {
  if (se === 0 || df === Infinity) return zPValue(estimate, se, alternative);
  if (!(df > 0)) throw new RangeError(`df must be positive, got ${df}`);
  const t = estimate / se;
  if (alternative === "greater") return pt(t, df, false);
  if (alternative === "less") return pt(t, df);
  return Math.min(1, 2 * pt(-Math.abs(t), df));
}
