/**
 * Power and sample size for comparing two independent rates with the normal-approximation test —
 * how many items per model are needed to see a gap of p1 − p2, or how likely this n is to see it.
 */
import { pnorm, qnorm } from "./distributions.js";
import { checkChoice, checkFinite, checkOpenUnit, show } from "./validate.js";

export interface PowerTwoProportionsOptions {
  /** True rate in group 1, strictly between 0 and 1. */
  p1: number;
  /** True rate in group 2, strictly between 0 and 1. */
  p2: number;
  /** Items per group (any positive number). Give exactly one of `n` and `power`. */
  n?: number;
  /** Target power, strictly between 0 and 1. Give exactly one of `n` and `power`. */
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
 * Given p1, p2 and either `n` (per group) or `power`, returns both — R's `power.prop.test` with
 * `strict = FALSE`:
 *
 *   power = Φ( (√n |p1 − p2| − z_{α/s} √((p1 + p2)(1 − (p1 + p2)/2))) / √(p1 q1 + p2 q2) ),
 *
 * s = 2 two-sided, 1 one-sided. R finds n with `uniroot` (tolerance ~1e-4); this formula is
 * solved for √n in closed form instead, so n is exact to rounding and power(n) returns the target.
 * Asking for a power that the test already exceeds with no data (at most Φ(−z √(2 p̄ q̄)/√(p1 q1 + p2 q2)))
 * is a RangeError, as is asking for n when p1 = p2.
 *
 * Reference: R `power.prop.test` (src/library/stats/R/power.R); Fleiss, Levin & Paik (2003) §4.
 *
 * @example
 * powerTwoProportions({ p1: 0.62, p2: 0.51, power: 0.8 }).n // 317.6711... (R power.prop.test: 317.6711)
 */
export function powerTwoProportions(options: PowerTwoProportionsOptions): PowerTwoProportionsResult {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`options must be an options object, got ${show(options)}`);
  }
  const p1 = checkOpenUnit("p1", options.p1);
  const p2 = checkOpenUnit("p2", options.p2);
  const alpha = options.alpha === undefined ? 0.05 : checkOpenUnit("alpha", options.alpha);
  const alternative = options.alternative === undefined
    ? "two-sided"
    : checkChoice("alternative", options.alternative, ["two-sided", "one-sided"] as const);
  const hasN = options.n !== undefined, hasPower = options.power !== undefined;
  if (hasN === hasPower) {
    throw new TypeError(`give exactly one of n and power, got n = ${show(options.n)} and power = ${show(options.power)}`);
  }
  // z_{α/s}, R's qnorm(sig.level / tside, lower.tail = FALSE).
  const zAlpha = -qnorm(alpha / (alternative === "two-sided" ? 2 : 1));
  const gap = Math.abs(p1 - p2);
  const nullSd = Math.sqrt((p1 + p2) * (1 - (p1 + p2) / 2));
  const altSd = Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  if (hasN) {
    const n = checkFinite("n", options.n);
    if (!(n > 0)) throw new RangeError(`n must be positive, got ${n}`);
    const power = pnorm((Math.sqrt(n) * gap - zAlpha * nullSd) / altSd);
    return { n, power, p1, p2, alpha, alternative };
  }
  const power = checkOpenUnit("power", options.power);
  if (gap === 0) throw new RangeError(`p1 and p2 must differ to solve for n, got p1 = p2 = ${p1}`);
  const rootN = (zAlpha * nullSd + qnorm(power) * altSd) / gap;
  if (!(rootN > 0)) {
    throw new RangeError(`power must exceed the power at n = 0 (${pnorm((-zAlpha * nullSd) / altSd)}), got ${power}`);
  }
  return { n: rootN * rootN, power, p1, p2, alpha, alternative };
}
