/** A safeguarded Newton root finder shared by the interval and planning methods. */

/**
 * Solve g(x) = 0 for g increasing on [lo, hi] with g(lo) ≤ 0 ≤ g(hi): Newton steps from `start`,
 * falling back to bisection whenever a step leaves the bracket. Converges to a few ulps.
 */
export function solveIncreasing(
  g: (x: number) => number,
  slope: (x: number) => number,
  lo: number,
  hi: number,
  start: number,
): number {
  let x = start > lo && start < hi ? start : 0.5 * (lo + hi);
  for (let i = 0; i < 200; i++) {
    const gx = g(x);
    if (gx === 0) return x;
    if (gx < 0) lo = x;
    else hi = x;
    const d = slope(x);
    let next = d > 0 && Number.isFinite(d) ? x - gx / d : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 2e-16 * Math.abs(x) || hi - lo <= 2e-16 * Math.abs(x)) return next;
    x = next;
  }
  return x;
}
