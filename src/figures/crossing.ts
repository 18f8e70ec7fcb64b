/**
 * Where a sampled curve first reaches a level, by linear interpolation between the two samples that
 * straddle it. Figures use it to mark "80% power from n ≈ …" and "p < α from n ≈ …"; it computes a
 * drawing position, not a statistic (callers wanting the exact n solve for it in src/stats).
 */
import { checkFinite, checkNumberArray, checkSameLength } from "../stats/validate.js";

/**
 * The first x at which `y` reaches `level` (from below when the curve starts under it, from above
 * when it starts over it), interpolated linearly; `x[0]` when the first sample is already at the
 * level; `null` when the curve never reaches it. `x` must be increasing.
 *
 * @example
 * crossingPoint([100, 200, 300], [0.5, 0.7, 0.9], 0.8); // 250 (to rounding)
 */
export function crossingPoint(x: readonly number[], y: readonly number[], level: number): number | null {
  const xs = checkNumberArray("x", x);
  const ys = checkNumberArray("y", y);
  checkSameLength("x", xs, "y", ys);
  checkFinite("level", level);
  for (let i = 1; i < xs.length; i++) {
    if (!(xs[i] > xs[i - 1])) throw new RangeError(`x must be increasing, got x[${i - 1}] = ${xs[i - 1]} and x[${i}] = ${xs[i]}`);
  }
  if (ys[0] === level) return xs[0];
  const below = ys[0] < level;
  for (let i = 1; i < ys.length; i++) {
    const reached = below ? ys[i] >= level : ys[i] <= level;
    if (reached) {
      const t = (level - ys[i - 1]) / (ys[i] - ys[i - 1]);
      return xs[i - 1] + t * (xs[i] - xs[i - 1]);
    }
  }
  return null;
}

/**
 * Round an interpolated n up to a whole item, ignoring floating-point dust (250.00000000000003 is
 * 250, not 251).
 *
 * @example
 * ceilItems(250.00000000000003); // 250
 */
export function ceilItems(n: number): number {
  return Math.ceil(n - 1e-9 * Math.max(1, Math.abs(n)));
}
