/**
 * Fisher's exact test for a 2 × 2 table, with the conditional maximum-likelihood odds ratio and its
 * exact interval — R's `fisher.test` for 2 × 2 tables, value for value.
 *
 * Conditioning on the margins, the top-left cell X follows Fisher's noncentral hypergeometric
 * distribution with odds ratio ψ: P(X = x) ∝ C(m, x) C(n, k − x) ψ^x on lo..hi. The central log
 * densities are computed once each (on first use) and kept; every later step (p-value, MLE,
 * interval) is one weighted pass over the part of the support where exp does not underflow. R finds the MLE and interval limits with `uniroot` at its
 * default tolerance (about 1e-4); here each is solved to full double precision by a safeguarded
 * Newton iteration in θ = log ψ, so they agree with R's roots found at tight tolerance.
 */
import { logDbinom } from "./distributions.js";
import type { Alternative } from "./types.js";
import { checkAlternative, checkCount, checkFinite, checkLevel, checkOptions, show } from "./validate.js";

export interface FisherExactOptions {
  /** `two-sided` (default), `greater` (odds ratio above the null) or `less`. */
  alternative?: Alternative;
  /** Confidence level of the odds-ratio interval (default 0.95). */
  level?: number;
  /** The conditional odds ratio under the null hypothesis, R's `or` (default 1; any value ≥ 0). */
  conditionalOddsRatio?: number;
}

export interface FisherExactResult {
  pValue: number;
  /** Conditional maximum-likelihood estimate of the odds ratio (0 or Infinity at the support's ends). */
  oddsRatio: number;
  lower: number;
  upper: number;
  level: number;
  alternative: Alternative;
  method: "fisher";
}

/** R's tolerance for ties in the two-sided rule: probabilities within 1e-7 relative count as equal. */
const REL_ERR = 1 + 1e-7;

/** exp(v) is exactly 0 in double precision for v below about −745.13: such terms add nothing. */
const UNDERFLOW = -746;

/**
 * The conditional distribution of the top-left cell, ready for repeated weighted passes over
 * index i = 0..last (cell value lo + i); `ix` is the observed cell's index.
 *
 * log C(m, lo+i) C(n, k−lo−i) (up to a constant) is computed on first use and kept: a weighted
 * pass visits only the window around the peak where exp does not underflow, because the
 * hypergeometric is log-concave, so logdc[i] + θ i is unimodal in i and falls ever faster away
 * from its peak. Terms outside the window are exactly 0 in double precision, so skipping them
 * changes no result; at n = 20,000 it skips most of the support.
 */
class Support {
  readonly last: number;
  readonly ix: number;
  private readonly logdc: Float64Array;
  private readonly lo: number;
  private readonly p: number;
  private peak: number;

  constructor(private readonly m: number, private readonly n: number, private readonly k: number, x: number) {
    this.lo = Math.max(0, k - n);
    this.last = Math.min(k, m) - this.lo;
    this.ix = x - this.lo;
    this.logdc = new Float64Array(this.last + 1).fill(NaN);
    // R's dhyper: dbinom(x; m, p) dbinom(k − x; n, p) / dbinom(k; m + n, p) with p = k / (m + n).
    // The denominator is the same for every x and cancels when densities are normalised.
    this.p = k / (m + n);
    // Start the peak search at the central hypergeometric's mode.
    const mode = Math.floor(((k + 1) * (m + 1)) / (m + n + 2)) - this.lo;
    this.peak = Math.min(Math.max(mode, 0), this.last);
  }

  /** log C(m, lo+i) C(n, k−lo−i) + constant, memoised. */
  logWeight(i: number): number {
    let v = this.logdc[i];
    if (v !== v) {
      const s = this.lo + i;
      v = logDbinom(s, this.m, this.p) + logDbinom(this.k - s, this.n, this.p);
      this.logdc[i] = v;
    }
    return v;
  }

  /** The peak of logdc[i] + θ i and the index range [from, to] where exp(· − peak) is not 0. */
  window(theta: number): { from: number; to: number; max: number } {
    let i = this.peak;
    let here = this.logWeight(i) + theta * i;
    while (i < this.last && this.logWeight(i + 1) + theta * (i + 1) > here) here = this.logWeight(++i) + theta * i;
    while (i > 0 && this.logWeight(i - 1) + theta * (i - 1) > here) here = this.logWeight(--i) + theta * i;
    this.peak = i;
    const floor = here + UNDERFLOW;
    let from = i, to = i;
    while (from > 0 && this.logWeight(from - 1) + theta * (from - 1) >= floor) from--;
    while (to < this.last && this.logWeight(to + 1) + theta * (to + 1) >= floor) to++;
    return { from, to, max: here };
  }
}

/** Normalised noncentral densities at log odds ratio θ (R's `dnhyper(exp(θ))`); 0 where exp underflows. */
function densities(sup: Support, theta: number): Float64Array {
  const d = new Float64Array(sup.last + 1);
  const { from, to, max } = sup.window(theta);
  let total = 0;
  for (let i = from; i <= to; i++) {
    d[i] = Math.exp(sup.logWeight(i) + theta * i - max);
    total += d[i];
  }
  for (let i = from; i <= to; i++) d[i] /= total;
  return d;
}

/**
 * One pass at log odds ratio θ. Returns, with j = i − ix (centred at the observed cell so the mean
 * difference keeps full precision): `mean` = E[X] − x, `variance` = Var X, `logTail` = log P(X ≤ x)
 * (or log P(X ≥ x) when `upper`), `tailMean` = E[X | tail] − x.
 */
function pass(sup: Support, theta: number, upper: boolean) {
  const { ix } = sup;
  const { from, to, max } = sup.window(theta);
  let w0 = 0, w1 = 0, w2 = 0, t0 = 0, t1 = 0;
  for (let i = from; i <= to; i++) {
    const w = Math.exp(sup.logWeight(i) + theta * i - max);
    const j = i - ix;
    w0 += w;
    w1 += w * j;
    w2 += w * j * j;
    if (upper ? j >= 0 : j <= 0) {
      t0 += w;
      t1 += w * j;
    }
  }
  const mean = w1 / w0;
  return {
    mean,
    variance: Math.max(w2 / w0 - mean * mean, 0),
    logTail: Math.log(t0) - Math.log(w0),
    tailMean: t0 > 0 ? t1 / t0 : 0,
  };
}

/**
 * Root of an increasing function of θ by Newton steps kept inside a bracket that is widened until
 * the sign changes; a step that leaves the bracket or stalls falls back to bisection. Converges to
 * the last bit, where R's `uniroot` stops at its default 1e-4.
 */
function solveIncreasing(f: (theta: number) => { value: number; slope: number }, start: number): number {
  let lo = -Infinity, hi = Infinity;
  let theta = start;
  for (let iter = 0; iter < 400; iter++) {
    const { value, slope } = f(theta);
    if (value === 0) return theta;
    if (value < 0) lo = theta;
    else hi = theta;
    let next = slope > 0 && Number.isFinite(slope) ? theta - value / slope : NaN;
    // Keep unbounded steps modest: far from the root the function flattens and Newton overshoots.
    if (!Number.isFinite(next) || Math.abs(next - theta) > 8) next = theta + (value < 0 ? 8 : -8);
    if (Number.isFinite(lo) && Number.isFinite(hi) && !(next > lo && next < hi)) next = 0.5 * (lo + hi);
    // Near the root Newton's error is about the square of its step: a step of 1e-13 leaves ~1e-26.
    if (Math.abs(next - theta) <= 1e-13 * Math.max(1, Math.abs(theta))) return next;
    if (Number.isFinite(lo) && Number.isFinite(hi) && hi - lo <= 4e-16 * Math.max(1, Math.abs(lo))) return next;
    theta = next;
  }
  return theta;
}

/** Conditional MLE of the log odds ratio: E_θ[X] = x, with slope Var_θ X. */
function mleTheta(sup: Support): number {
  return solveIncreasing((theta) => {
    const r = pass(sup, theta, false);
    return { value: r.mean, slope: r.variance };
  }, 0);
}

/**
 * θ at which the tail P_θ(X ≤ x) (or P_θ(X ≥ x) when `upper`) equals `alpha`, solved on the log
 * scale: d/dθ log P(X ≤ x) = E[X | X ≤ x] − E[X].
 */
function tailTheta(sup: Support, alpha: number, upper: boolean, start: number): number {
  const target = Math.log(alpha);
  return solveIncreasing((theta) => {
    const r = pass(sup, theta, upper);
    // The lower tail falls as θ grows; flip its sign so the solver always sees an increasing function.
    const slope = r.tailMean - r.mean;
    return upper ? { value: r.logTail - target, slope } : { value: target - r.logTail, slope: -slope };
  }, start);
}

function checkTable(table: unknown): [number, number, number, number] {
  const bad = () => new TypeError(`table must be a 2 x 2 array [[a, b], [c, d]], got ${show(table)}`);
  if (!Array.isArray(table) || table.length !== 2) throw bad();
  const [r0, r1] = table as unknown[];
  if (!Array.isArray(r0) || !Array.isArray(r1) || r0.length !== 2 || r1.length !== 2) throw bad();
  return [
    checkCount("table[0][0]", r0[0]),
    checkCount("table[0][1]", r0[1]),
    checkCount("table[1][0]", r1[0]),
    checkCount("table[1][1]", r1[1]),
  ];
}

/**
 * Is the odds ratio of a 2 × 2 table different from 1 (or from `conditionalOddsRatio`)? Fisher's
 * exact test conditional on both margins, with the conditional MLE of the odds ratio and the exact
 * interval that inverts the two one-sided tests.
 *
 * Rows are the two groups, columns the outcome: for eval results `[[right_A, wrong_A], [right_B,
 * wrong_B]]`, and `greater` asks whether A's odds of a right answer exceed B's. The two-sided
 * p-value sums every table no more probable than the observed one, counting probabilities within a
 * relative 1e-7 as ties (R's rule). At the ends of the support the MLE is 0 or Infinity and the
 * interval is open on that side, as in R.
 *
 * Reference: R `fisher.test` (src/library/stats/R/fisher.test.R); Fisher (1935); Cornfield (1956)
 * for the interval.
 *
 * @example
 * fisherExactTest([[3, 1], [1, 3]]).pValue // 0.4857142857... (R: 0.4857143)
 * fisherExactTest([[3, 1], [1, 3]]).oddsRatio // 6.40831965... (R at its default uniroot tolerance: 6.408309)
 */
export function fisherExactTest(table: number[][], options?: FisherExactOptions): FisherExactResult {
  const [a, b, c, d] = checkTable(table);
  const opts = checkOptions("options", options);
  const alternative = checkAlternative(opts.alternative);
  const level = checkLevel(opts.level);
  let or = 1;
  if (opts.conditionalOddsRatio !== undefined) {
    or = checkFinite("conditionalOddsRatio", opts.conditionalOddsRatio);
    if (or < 0) throw new RangeError(`conditionalOddsRatio must be at least 0, got ${or}`);
  }
  const m = a + c, n = b + d, k = a + b;
  if (m + n === 0) throw new RangeError("table must hold at least one count, got all zeros");
  const sup = new Support(m, n, k, a);
  const atLo = sup.ix === 0, atHi = sup.ix === sup.last;

  const pValue = fisherPValue(sup, alternative, or);
  const oddsRatio = atLo ? 0 : atHi ? Infinity : Math.exp(mleTheta(sup));
  const start = atLo || atHi ? 0 : Math.log(oddsRatio);
  // Lower limit: the ψ whose upper tail P(X ≥ x) is alpha; upper limit: lower tail P(X ≤ x) = alpha.
  const lowerLimit = (alpha: number) => (atLo ? 0 : Math.exp(tailTheta(sup, alpha, true, start)));
  const upperLimit = (alpha: number) => (atHi ? Infinity : Math.exp(tailTheta(sup, alpha, false, start)));
  let lower = 0, upper = Infinity;
  if (alternative === "two-sided") {
    lower = lowerLimit((1 - level) / 2);
    upper = upperLimit((1 - level) / 2);
  } else if (alternative === "greater") {
    lower = lowerLimit(1 - level);
  } else {
    upper = upperLimit(1 - level);
  }
  return { pValue, oddsRatio, lower, upper, level, alternative, method: "fisher" };
}

/** The p-value of R's `fisher.test` for a 2 × 2 table at null odds ratio `or`. */
function fisherPValue(sup: Support, alternative: Alternative, or: number): number {
  const { ix, last } = sup;
  if (or === 0) {
    // All mass at the lowest table: R's pnhyper(q, 0) and the two-sided as.numeric(x == lo).
    if (alternative === "less") return 1;
    return ix === 0 ? 1 : 0;
  }
  const d = densities(sup, Math.log(or));
  let p = 0;
  if (alternative === "less") {
    for (let i = 0; i <= ix; i++) p += d[i];
  } else if (alternative === "greater") {
    for (let i = last; i >= ix; i--) p += d[i];
  } else {
    const cut = d[ix] * REL_ERR;
    for (let i = 0; i <= last; i++) if (d[i] <= cut) p += d[i];
  }
  return Math.min(p, 1);
}
