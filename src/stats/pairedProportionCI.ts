/**
 * Confidence interval for the gap pA − pB between two success rates measured on the same items.
 *
 * The paired 2×2 table: `both` right under A and B, `onlyA` right under A only, `onlyB` right under
 * B only, `neither`. With n items, pA = (both + onlyA)/n, pB = (both + onlyB)/n, so the gap is
 * (onlyA − onlyB)/n: only the discordant items move it, but all n items set its precision.
 */
import { qnorm } from "./distributions.js";
import type { Interval } from "./types.js";
import { checkChoice, checkCount, checkLevel, checkOptions, show } from "./validate.js";
import { wilsonLimits } from "./proportionCI.js";

export type PairedProportionMethod = "tango" | "newcombe" | "wald";

const METHODS: readonly PairedProportionMethod[] = ["tango", "newcombe", "wald"];

/** Counts of the paired 2×2 table. */
export interface PairedTable {
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

export interface PairedProportionOptions {
  level?: number;
  /** `tango` (default, score interval), `newcombe` (hybrid Wilson score with phi), `wald`. */
  method?: PairedProportionMethod;
}

export interface PairedProportionInterval extends Interval {
  method: PairedProportionMethod;
  /** Number of items (pairs). */
  n: number;
}

/**
 * Tango's score statistic for H0: pA − pB = delta, using the constrained maximum-likelihood
 * estimate of P(onlyB) under H0 (Tango 1998, eqs. for p̃21; derived by profiling the multinomial
 * likelihood with p12 = p21 + delta).
 */
function tangoScore(delta: number, b: number, c: number, n: number): number {
  const numerator = b - c - n * delta;
  if (numerator === 0) return 0;
  const w = -b - c + (2 * n - b + c) * delta;
  const p21 = (Math.sqrt(Math.max(0, w * w + 8 * n * c * delta * (1 - delta))) - w) / (4 * n);
  const variance = n * (2 * p21 + delta * (1 - delta));
  if (!(variance > 0)) return numerator > 0 ? Infinity : -Infinity;
  return numerator / Math.sqrt(variance);
}

/**
 * Bisection to the last representable double: the score falls as delta rises, so keep the half
 * whose ends still straddle `target`. Exact to the precision of the statistic itself.
 */
function solveDecreasing(f: (x: number) => number, target: number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

function tangoInterval(b: number, c: number, n: number, z: number): [number, number] {
  const estimate = (b - c) / n;
  const score = (d: number) => tangoScore(d, b, c, n);
  // At delta = ±1 the variance vanishes; the limits are ±1 only when every item is discordant one way.
  const lower = estimate === -1 ? -1 : solveDecreasing(score, z, -1, estimate);
  const upper = estimate === 1 ? 1 : solveDecreasing(score, -z, estimate, 1);
  return [lower, upper];
}

/**
 * Newcombe (1998, Stat Med 17:2635) method 10: Wilson limits for each rate, combined by square
 * and add with the correlation between them. Newcombe's phi: (ad − bc) shrunk by n/2 toward 0 when
 * positive (0 if that crosses 0), unchanged when negative, and 0 when any margin is empty.
 */
function newcombeInterval(t: PairedTable, n: number, z: number): [number, number] {
  const { both: a, onlyA: b, onlyB: c, neither: d } = t;
  const pA = (a + b) / n;
  const pB = (a + c) / n;
  const [lA, uA] = wilsonLimits(a + b, n, z);
  const [lB, uB] = wilsonLimits(a + c, n, z);
  const margins = (a + b) * (c + d) * (a + c) * (b + d);
  let phi = 0;
  if (margins > 0) {
    const cross = a * d - b * c;
    const corrected = cross > n / 2 ? cross - n / 2 : cross < 0 ? cross : 0;
    phi = corrected / Math.sqrt(margins);
  }
  const estimate = pA - pB;
  const dl = Math.max(0, (pA - lA) ** 2 - 2 * phi * (pA - lA) * (uB - pB) + (uB - pB) ** 2);
  const du = Math.max(0, (pB - lB) ** 2 - 2 * phi * (pB - lB) * (uA - pA) + (uA - pA) ** 2);
  return [Math.max(-1, estimate - Math.sqrt(dl)), Math.min(1, estimate + Math.sqrt(du))];
}

/** Wald interval: variance [(b + c) − (b − c)²/n] / n², clipped to [−1, 1]. */
function waldInterval(b: number, c: number, n: number, z: number): [number, number] {
  const estimate = (b - c) / n;
  const se = Math.sqrt(Math.max(0, b + c - ((b - c) * (b - c)) / n)) / n;
  return [Math.max(-1, estimate - z * se), Math.min(1, estimate + z * se)];
}

/**
 * Interval for pA − pB from a paired 2×2 table.
 *
 * - `tango` (default): Tango (1998, Stat Med 17:891) score interval, the set of deltas whose score
 *   statistic |T(delta)| ≤ z, each limit found by bisection. Works with empty discordant cells.
 * - `newcombe`: Newcombe (1998, Stat Med 17:2635) paired method 10.
 * - `wald`: the simple symmetric interval, clipped to [−1, 1].
 *
 * @example
 * // Cavo et al. (2012) via Fagerland, Lydersen & Laake (2017): both 59, onlyA 6, onlyB 16, neither 80
 * pairedProportionCI({ both: 59, onlyA: 6, onlyB: 16, neither: 80 }, { method: "newcombe" });
 * // estimate −0.0621, lower −0.1186, upper −0.0046
 */
export function pairedProportionCI(
  table: PairedTable,
  options?: PairedProportionOptions,
): PairedProportionInterval {
  if (typeof table !== "object" || table === null || Array.isArray(table)) {
    throw new TypeError(`table must be an object { both, onlyA, onlyB, neither }, got ${show(table)}`);
  }
  const cells: PairedTable = {
    both: checkCount("table.both", table.both),
    onlyA: checkCount("table.onlyA", table.onlyA),
    onlyB: checkCount("table.onlyB", table.onlyB),
    neither: checkCount("table.neither", table.neither),
  };
  const n = cells.both + cells.onlyA + cells.onlyB + cells.neither;
  if (n < 1) throw new RangeError(`table must hold at least one item, got ${n}`);
  const opts = checkOptions("options", options);
  const level = checkLevel(opts.level);
  const method = opts.method === undefined ? "tango" : checkChoice("method", opts.method, METHODS);
  const z = -qnorm((1 - level) / 2);
  const estimate = (cells.onlyA - cells.onlyB) / n;

  let limits: [number, number];
  if (method === "tango") limits = tangoInterval(cells.onlyA, cells.onlyB, n, z);
  else if (method === "newcombe") limits = newcombeInterval(cells, n, z);
  else limits = waldInterval(cells.onlyA, cells.onlyB, n, z);
  return { estimate, lower: limits[0], upper: limits[1], level, method, n };
}
