/**
 * How many items are needed to tell a true rate p1 from a null rate p0: the normal (Fleiss) formula,
 * or the exact binomial test's power, plus the exact-power helpers the inverse
 * (minimumDetectableEffect) shares.
 */
import type { Alternative } from "./types.js";
import { binomialLowerTail, binomialUpperTail, dbinom, pnorm, qnorm } from "./distributions.js";
import { twoSidedPValue } from "./binomialTest.js";
import { checkAlternative, checkChoice, checkOpenUnit, checkOptions } from "./validate.js";

export type PlanningMethod = "normal" | "exact";
const PLANNING_METHODS: readonly PlanningMethod[] = ["normal", "exact"];

export interface SampleSizeOneProportionOptions {
  /** Null rate (e.g. chance). */
  p0: number;
  /** The true rate to be detected. */
  p1: number;
  /** Significance level, default 0.05 (halved per tail when two-sided). */
  alpha?: number;
  /** Target power, default 0.8. */
  power?: number;
  alternative?: Alternative;
  /** `normal` (default): Fleiss' formula, real-valued n. `exact`: smallest n whose exact test reaches the power. */
  method?: PlanningMethod;
}

export interface SampleSizeOneProportionResult {
  /** Items needed: real-valued for `normal` (round up to plan), an integer for `exact`. */
  n: number;
  /** Power actually reached at n (the target for `normal`; the exact test's power for `exact`). */
  achievedPower: number;
  p0: number;
  p1: number;
  alpha: number;
  power: number;
  alternative: Alternative;
  method: PlanningMethod;
}

/** The exact test rejects when x ≤ lower or x ≥ upper (lower = −1 / upper = n + 1: never on that side). */
export interface RejectionRegion {
  lower: number;
  upper: number;
}

/** Smallest x in [lo, hi] with pred(x) true, for pred false…false true…true; hi + 1 if none. */
function firstTrue(lo: number, hi: number, pred: (x: number) => boolean): number {
  let a = lo;
  let b = hi + 1;
  while (a < b) {
    const mid = Math.floor((a + b) / 2);
    if (pred(mid)) b = mid;
    else a = mid + 1;
  }
  return a;
}

/**
 * Rejection region of the exact level-alpha binomial test at n: for `greater` the smallest c with
 * P(X ≥ c | p0) ≤ alpha; for `less` the largest c with P(X ≤ c | p0) ≤ alpha; for `two-sided` the
 * outcomes whose R binom.test two-sided p-value is ≤ alpha (that p-value rises monotonically toward
 * the mean from either side, so each edge is a binary search).
 */
export function exactRejectionRegion(n: number, p0: number, alpha: number, alternative: Alternative): RejectionRegion {
  if (alternative === "greater") {
    return { lower: -1, upper: firstTrue(0, n, (x) => binomialUpperTail(x, n, p0) <= alpha) };
  }
  if (alternative === "less") {
    return { lower: firstTrue(0, n, (x) => binomialLowerTail(x, n, p0) > alpha) - 1, upper: n + 1 };
  }
  const m = n * p0;
  const belowTop = Math.ceil(m) - 1; // outcomes strictly below the mean
  const aboveBottom = Math.floor(m) + 1; // outcomes strictly above it
  const lower = belowTop < 0 ? -1 : firstTrue(0, belowTop, (x) => twoSidedPValue(x, n, p0) > alpha) - 1;
  const upper = aboveBottom > n ? n + 1 : firstTrue(aboveBottom, n, (x) => twoSidedPValue(x, n, p0) <= alpha);
  return { lower, upper };
}

/** Probability under rate p1 of landing in the rejection region. */
export function exactPower(region: RejectionRegion, n: number, p1: number): number {
  return binomialLowerTail(region.lower, n, p1) + binomialUpperTail(region.upper, n, p1);
}

/**
 * Power of the randomized most powerful level-alpha test of p0 against p1 (Neyman–Pearson). No
 * exact test at the same n can beat it, and it never falls as n grows, so its first n reaching the
 * target is a safe place to start scanning the saw-toothed exact power.
 */
function randomizedPower(n: number, p0: number, p1: number, alpha: number): number {
  const up = p1 > p0;
  const tail = (x: number, p: number) => (up ? binomialUpperTail(x, n, p) : binomialLowerTail(x, n, p));
  // c: the boundary outcome (rejected with probability gamma); beyond it the test always rejects.
  // Upward: smallest c with P(X > c) ≤ alpha. Downward: largest c with P(X < c) ≤ alpha.
  const c = up
    ? firstTrue(0, n, (x) => binomialUpperTail(x + 1, n, p0) <= alpha)
    : firstTrue(0, n, (x) => binomialLowerTail(x, n, p0) > alpha);
  const beyond = up ? c + 1 : c - 1;
  const atC = dbinom(c, n, p0);
  const gamma = atC > 0 ? Math.min(1, Math.max(0, (alpha - tail(beyond, p0)) / atC)) : 0;
  return tail(beyond, p1) + gamma * dbinom(c, n, p1);
}

/** Shared checks: p0, p1, alpha, power, alternative, method, and p1 on the tested side of p0. */
export function readPlanningOptions(options: Partial<SampleSizeOneProportionOptions>) {
  const p0 = checkOpenUnit("p0", options.p0);
  const alpha = options.alpha === undefined ? 0.05 : checkOpenUnit("alpha", options.alpha);
  const power = options.power === undefined ? 0.8 : checkOpenUnit("power", options.power);
  const alternative = checkAlternative(options.alternative);
  const method = options.method === undefined ? "normal" : checkChoice("method", options.method, PLANNING_METHODS);
  return { p0, alpha, power, alternative, method };
}

/** z for the test: one-sided z_(1−alpha), or z_(1−alpha/2) when two-sided. */
export function criticalZ(alpha: number, alternative: Alternative): number {
  return qnorm(1 - (alternative === "two-sided" ? alpha / 2 : alpha));
}

/**
 * Items needed to detect a true rate p1 against the null p0.
 *
 * `normal` (default): Fleiss, Levin & Paik (2003, eq. 2.5) n = [z_a √(p0 q0) + z_b √(p1 q1)]² / (p1 − p0)²
 * with z_a = z_(1−alpha) (z_(1−alpha/2) two-sided) and z_b = z_power; n is real-valued.
 * `exact`: the smallest integer n at which the exact binomial test (R binom.test's rule) has power
 * ≥ the target. Exact power saw-tooths in n, so a larger n can fall short again; this returns the
 * first crossing (Chernick & Liu 2002 discuss the alternative "all larger n" convention).
 *
 * @example
 * sampleSizeOneProportion({ p0: 0.5, p1: 0.51, alternative: "greater" }).n // 15454.3…
 */
export function sampleSizeOneProportion(options: SampleSizeOneProportionOptions): SampleSizeOneProportionResult {
  const opts = checkOptions("options", options);
  const { p0, alpha, power, alternative, method } = readPlanningOptions(opts);
  const p1 = checkOpenUnit("p1", opts.p1);
  if (p1 === p0) throw new RangeError(`p1 must differ from p0 (${p0}), got ${p1}`);
  if (alternative === "greater" && p1 < p0) {
    throw new RangeError(`p1 must exceed p0 (${p0}) when alternative is "greater", got ${p1}`);
  }
  if (alternative === "less" && p1 > p0) {
    throw new RangeError(`p1 must be below p0 (${p0}) when alternative is "less", got ${p1}`);
  }
  const za = criticalZ(alpha, alternative);
  const zb = qnorm(power);
  const root = za * Math.sqrt(p0 * (1 - p0)) + zb * Math.sqrt(p1 * (1 - p1));
  const normalN = (root * root) / ((p1 - p0) * (p1 - p0));
  const base = { p0, p1, alpha, power, alternative, method };
  if (method === "normal") return { n: normalN, achievedPower: power, ...base };

  // Exact: no n below the randomized test's first crossing can work (monotone, so bisect for it).
  let hi = Math.max(1, Math.ceil(normalN));
  while (randomizedPower(hi, p0, p1, alpha) < power) hi *= 2;
  const start = firstTrue(1, hi, (n) => randomizedPower(n, p0, p1, alpha) >= power);
  for (let n = start; ; n++) {
    const achieved = exactPower(exactRejectionRegion(n, p0, alpha, alternative), n, p1);
    if (achieved >= power) return { n, achievedPower: achieved, ...base };
  }
}

/** Normal-approximation power of the one-sample test at n (used by tests and the inverse). */
export function normalPower(n: number, p0: number, p1: number, alpha: number, alternative: Alternative): number {
  const za = criticalZ(alpha, alternative);
  return pnorm((Math.sqrt(n) * Math.abs(p1 - p0) - za * Math.sqrt(p0 * (1 - p0))) / Math.sqrt(p1 * (1 - p1)));
}
