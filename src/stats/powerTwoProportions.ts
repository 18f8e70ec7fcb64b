/**
 * Power and sample size for comparing two independent rates with the normal-approximation test —
 * how many items per model are needed to see a gap of p1 − p2, or how likely this n is to see it.
 */
import { pnorm, qnorm } from "./distributions.js";
import { checkChoice, checkFinite, checkOpenUnit, show } from "./validate.js";

export interface PowerTwoProportionsOptions {
  /** True rate in group 1, strictly between 0 and 1. */
  p1: number;
  /**
   * True rate in group 2, strictly between 0 and 1. Leave it out (and give both `n` and `power`) to
   * solve for the smallest p2 above p1 this n detects: the minimum detectable rate of two groups.
   */
  p2?: number;
  /** Items per group (any positive number). Give exactly one of `n` and `power`, or both to solve for p2. */
  n?: number;
  /** Target power, strictly between 0 and 1. Give exactly one of `n` and `power`, or both to solve for p2. */
  power?: number;
  /** Significance level (default 0.05). */
  alpha?: number;
  /** `two-sided` (default) or `one-sided`. */
  alternative?: "two-sided" | "one-sided";
}

export interface PowerTwoProportionsResult {
  /** Items per group (real-valued: round up to plan). */
  n: number;
  power: number;
  p1: number;
  p2: number;
  alpha: number;
  alternative: "two-sided" | "one-sided";
}

/**
 * Given p1 and all but one of p2, `n` (per group) and `power`, returns all three — R's
 * `power.prop.test` with `strict = FALSE`:
 *
 *   power = Φ( (√n |p1 − p2| − z_{α/s} √((p1 + p2)(1 − (p1 + p2)/2))) / √(p1 q1 + p2 q2) ),
 *
 * s = 2 two-sided, 1 one-sided. R finds n with `uniroot` (tolerance ~1e-4); this formula is
 * solved for √n in closed form instead, so n is exact to rounding and power(n) returns the target.
 * Solving for p2 searches (p1, 1), as R does (its `uniroot` on `c(p1, 1)`), here by bisection to
 * full precision; power rises with p2 there. Asking for a power that the test already exceeds with no data (at most Φ(−z √(2 p̄ q̄)/√(p1 q1 + p2 q2)))
 * is a RangeError, as is asking for n when p1 = p2.
 *
 * Reference: R `power.prop.test` (src/library/stats/R/power.R); Fleiss, Levin & Paik (2003) §4.
 *
 * @example
 * powerTwoProportions({ p1: 0.62, p2: 0.51, power: 0.8 }).n // 317.6711... (R power.prop.test: 317.6711)
 * powerTwoProportions({ p1: 0.51, n: 317.6711, power: 0.8 }).p2 // 0.62000000… (R power.prop.test(p1 = .51, n = 317.6711, power = .8)$p2)
 */
export function powerTwoProportions(options: PowerTwoProportionsOptions): PowerTwoProportionsResult {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`options must be an options object, got ${show(options)}`);
  }
  const p1 = checkOpenUnit("p1", options.p1);
  const alpha = options.alpha === undefined ? 0.05 : checkOpenUnit("alpha", options.alpha);
  const alternative = options.alternative === undefined
    ? "two-sided"
    : checkChoice("alternative", options.alternative, ["two-sided", "one-sided"] as const);
  if (options.p2 === undefined) return detectableP2(p1, options, alpha, alternative);
  const p2 = checkOpenUnit("p2", options.p2);
  const hasN = options.n !== undefined, hasPower = options.power !== undefined;
  if (hasN === hasPower) {
    throw new TypeError(`give exactly one of n and power, got n = ${show(options.n)} and power = ${show(options.power)}`);
  }
  const zAlpha = criticalZ(alpha, alternative);
  const gap = Math.abs(p1 - p2);
  const nullSd = Math.sqrt((p1 + p2) * (1 - (p1 + p2) / 2));
  const altSd = Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  if (hasN) {
    const n = checkN(options.n);
    return { n, power: powerAt(p1, p2, n, zAlpha), p1, p2, alpha, alternative };
  }
  const power = checkOpenUnit("power", options.power);
  if (gap === 0) throw new RangeError(`p1 and p2 must differ to solve for n, got p1 = p2 = ${p1}`);
  const rootN = (zAlpha * nullSd + qnorm(power) * altSd) / gap;
  if (!(rootN > 0)) {
    throw new RangeError(`power must exceed the power at n = 0 (${pnorm((-zAlpha * nullSd) / altSd)}), got ${power}`);
  }
  return { n: rootN * rootN, power, p1, p2, alpha, alternative };
}

/** z_{α/s}, R's qnorm(sig.level / tside, lower.tail = FALSE). */
function criticalZ(alpha: number, alternative: "two-sided" | "one-sided"): number {
  return -qnorm(alpha / (alternative === "two-sided" ? 2 : 1));
}

function checkN(value: unknown): number {
  const n = checkFinite("n", value);
  if (!(n > 0)) throw new RangeError(`n must be positive, got ${n}`);
  return n;
}

/** power.prop.test's power at n per group. */
function powerAt(p1: number, p2: number, n: number, zAlpha: number): number {
  const nullSd = Math.sqrt((p1 + p2) * (1 - (p1 + p2) / 2));
  const altSd = Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return pnorm((Math.sqrt(n) * Math.abs(p1 - p2) - zAlpha * nullSd) / altSd);
}

/** The smallest p2 in (p1, 1) whose power at n reaches the target: bisection to adjacent doubles. */
function detectableP2(
  p1: number,
  options: PowerTwoProportionsOptions,
  alpha: number,
  alternative: "two-sided" | "one-sided",
): PowerTwoProportionsResult {
  if (options.n === undefined || options.power === undefined) {
    throw new TypeError(`to solve for p2 give both n and power, got n = ${show(options.n)} and power = ${show(options.power)}`);
  }
  const n = checkN(options.n);
  const power = checkOpenUnit("power", options.power);
  const zAlpha = criticalZ(alpha, alternative);
  let lo = p1;
  let hi = 1;
  if (!(powerAt(p1, hi, n, zAlpha) >= power)) {
    throw new RangeError(`n (${n}) is too small: no p2 below 1 reaches power ${power} against p1 = ${p1}`);
  }
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (powerAt(p1, mid, n, zAlpha) < power) lo = mid;
    else hi = mid;
  }
  return { n, power, p1, p2: hi, alpha, alternative };
}
