/**
 * The distribution functions the statistics API is built on, with the accuracy R has.
 *
 * Most are thin names over @stdlib (ports of Boost and Cephes). The binomial density is Loader's
 * saddle-point algorithm, as in R's `dbinom`: the naive exp(log C(n,k) + …) loses about 1e-9 of
 * relative accuracy at n = 10^7, which is the tolerance we promise.
 *
 * Reference: C. Loader (2000), "Fast and Accurate Computation of Binomial Probabilities";
 * R sources src/nmath/dbinom.c, stirlerr.c, bd0.c.
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import gammainc from "@stdlib/math-base-special-gammainc";
import log1p from "@stdlib/math-base-special-log1p";
import stdlibBetaQuantile from "@stdlib/stats-base-dists-beta-quantile";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import chisqQuantile from "@stdlib/stats-base-dists-chisquare-quantile";
import { solveIncreasing } from "./solveIncreasing.js";

const LN_SQRT_2PI = 0.918938533204672741780329736406; // log(sqrt(2*pi))

/** Error of Stirling's approximation: log(n!) − log(sqrt(2π n) (n/e)^n). */
export function stirlerr(n: number): number {
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  if (n <= 15) return gammaln(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** Deviance term bd0(x, np) = x log(x/np) + np − x, computed without cancellation. */
export function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    if (Math.abs(s) < Number.MIN_VALUE) return s;
    let ej = 2 * x * v;
    v = v * v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
  }
  return x * Math.log(x / np) + np - x;
}

/** Log of the binomial probability P(X = x), X ~ Bin(n, p); x an integer in [0, n]. */
export function logDbinom(x: number, n: number, p: number): number {
  const q = 1 - p;
  if (x < 0 || x > n) return -Infinity;
  if (p === 0) return x === 0 ? 0 : -Infinity;
  if (q === 0) return x === n ? 0 : -Infinity;
  if (x === 0) {
    if (n === 0) return 0;
    return p < 0.1 ? -bd0(n, n * q) - n * p : n * log1p(-p);
  }
  if (x === n) return q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p);
  const lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const lf = LN_2PI + Math.log(x) + log1p(-x / n);
  return lc - 0.5 * lf;
}

/** Binomial probability P(X = x), as R's `dbinom(x, n, p)`. */
export function dbinom(x: number, n: number, p: number): number {
  return Math.exp(logDbinom(x, n, p));
}

// --- Incomplete beta and its inverse, accurate at n = 10^9 ---
// @stdlib's betainc/qbeta lose accuracy beyond n ≈ 3·10^7 (relative error 3·10^-8 at n = 10^9, and
// 4·10^-2 at the centre), while the one-rate intervals promise R's values at n = 10^9. The
// incomplete beta below multiplies Loader's saddle-point density prefactor (the stirlerr/bd0 terms
// of R's dbinom and dbeta) by the TOMS 708 continued fraction; the inverse polishes @stdlib's
// quantile with Newton steps on it.

const LN_2PI = 1.837877066409345483560659472811; // log(2*pi)

/**
 * log of x^a (1−x)^b / B(a, b), without the cancellation of log-gamma differences at large a, b
 * (R's dbinom_raw, Loader 2000). `y` is 1 − x, passed separately so it keeps its own precision.
 */
function logBetaPrefactor(a: number, b: number, x: number, y: number): number {
  const s = a + b;
  const lc = stirlerr(s) - stirlerr(a) - stirlerr(b) - bd0(a, s * x) - bd0(b, s * y);
  return lc + 0.5 * (Math.log(a) + Math.log(b) - Math.log(s) - LN_2PI);
}

/**
 * Continued fraction for I_x(a, b) in DiDonato & Morris's form (TOMS 708 `bfrac`, as in R's
 * toms708.c), written with lambda = a − (a + b) x ≥ 0. Unlike the textbook Lentz form it keeps full
 * precision when x is near 1 and b ≫ a (the textbook form loses ~10^-8 there at b = 10^9).
 */
function betaFraction(a: number, b: number, x: number, y: number, lambda: number): number {
  const c = lambda + 1;
  const c0 = b / a;
  const c1 = 1 / a + 1;
  const yp1 = y + 1;
  let p = 1;
  let s = a + 1;
  let an = 0;
  let bn = 1;
  let anp1 = 1;
  let bnp1 = c / c1;
  let r = c1 / c;
  for (let n = 1; n <= 10_000_000; n++) {
    let t = n / a;
    const w = n * (b - n) * x;
    let e = a / s;
    const alpha = p * (p + c0) * e * e * (w * x);
    e = (t + 1) / (c1 + t + t);
    const beta = n + w / s + e * (c + n * yp1);
    p = t + 1;
    s += 2;
    t = alpha * an + beta * anp1;
    an = anp1;
    anp1 = t;
    t = alpha * bn + beta * bnp1;
    bn = bnp1;
    bnp1 = t;
    const r0 = r;
    r = anp1 / bnp1;
    if (Math.abs(r - r0) <= 1e-15 * r) break;
    an /= bnp1;
    bn /= bnp1;
    anp1 = r;
    bnp1 = 1;
  }
  return Math.exp(logBetaPrefactor(a, b, x, y)) * r;
}

/**
 * Regularized incomplete beta I_x(a, b) (upper = false) or 1 − I_x(a, b) (upper = true), each
 * tail to full relative precision, as R's `pbeta(x, a, b, lower.tail)`. The fraction is run on the
 * tail below the mean (lambda ≥ 0, as TOMS 708 `bratio` arranges it); its length grows like
 * sqrt(a b / (a + b)) only within a standard deviation or so of the mean.
 */
export function incompleteBeta(x: number, a: number, b: number, upper = false): number {
  if (x <= 0) return upper ? 1 : 0;
  if (x >= 1) return upper ? 0 : 1;
  const y = 1 - x;
  const lambda = a > b ? (a + b) * y - b : a - (a + b) * x;
  if (lambda >= 0) {
    const lower = betaFraction(a, b, x, y, lambda);
    return upper ? 1 - lower : lower;
  }
  const tail = betaFraction(b, a, y, x, -lambda);
  return upper ? tail : 1 - tail;
}

/** Beta density, computed from the same prefactor (x^(a−1) (1−x)^(b−1) / B(a, b)). */
export function betaDensity(x: number, a: number, b: number): number {
  if (x <= 0 || x >= 1) return 0;
  return Math.exp(logBetaPrefactor(a, b, x, 1 - x)) / (x * (1 - x));
}

/**
 * Binomial tail P(X ≥ k) for X ~ Bin(n, p), accurate at any n (R's
 * `pbinom(k - 1, n, p, lower.tail = FALSE)`); uses P(X ≥ k) = I_p(k, n − k + 1).
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return incompleteBeta(p, k, n - k + 1);
}

/** Binomial tail P(X ≤ k) for X ~ Bin(n, p) (R's `pbinom(k, n, p)`). */
export function binomialLowerTail(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return incompleteBeta(p, k + 1, n - k, true);
}

/**
 * Beta quantile: the x with I_x(a, b) = prob (upper = false) or 1 − I_x(a, b) = prob (upper = true),
 * as R's `qbeta(prob, a, b, lower.tail)`. The start is @stdlib's quantile (good to ~10^-8 at huge
 * a, b), or the normal approximation when both parameters exceed 1000; Newton steps on the accurate
 * tail then make it exact to a few ulps.
 */
export function betaQuantile(prob: number, a: number, b: number, upper = false): number {
  // NaN in, NaN out at once: the root search would otherwise spin for tens of seconds.
  if (Number.isNaN(prob) || Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (prob <= 0) return upper ? 1 : 0;
  if (prob >= 1) return upper ? 0 : 1;
  // With both parameters large the beta is nearly normal and @stdlib's own iteration is slow
  // (~10 ms at a + b = 10^9), so start from the normal approximation instead.
  const s = a + b;
  const start =
    Math.min(a, b) > 1000
      ? a / s + (upper ? -1 : 1) * qnorm(prob) * Math.sqrt((a / s) * (b / s) / (s + 1))
      : stdlibBetaQuantile(upper ? 1 - prob : prob, a, b);
  // g increasing in x: lower tail minus prob, or prob minus upper tail.
  const g = upper ? (x: number) => prob - incompleteBeta(x, a, b, true) : (x: number) => incompleteBeta(x, a, b) - prob;
  return solveIncreasing(g, (x) => betaDensity(x, a, b), 0, 1, start);
}

/** Binomial distribution function P(X ≤ x) (lowerTail) or P(X > x), as R's `pbinom`. */
export function pbinom(x: number, n: number, p: number, lowerTail = true): number {
  const k = Math.floor(x + 1e-7);
  return lowerTail ? binomialLowerTail(k, n, p) : binomialUpperTail(k + 1, n, p);
}

/** Standard normal distribution function Φ(z), or its upper tail 1 − Φ(z) without cancellation. */
export function pnorm(z: number, lowerTail = true): number {
  return lowerTail ? normalCdf(z, 0, 1) : normalCdf(-z, 0, 1);
}

/**
 * Standard normal quantile Φ⁻¹(p). @stdlib's value is off by ~2e-9 relative in the far tail
 * (p = 1e-10), so one Halley step on the erfc-based Φ brings it to R's AS 241 accuracy.
 */
export function qnorm(p: number): number {
  const x = normalQuantile(p, 0, 1);
  if (!Number.isFinite(x) || p <= 0 || p >= 1) return x;
  // Work in the tail where the probability is small, so the residual keeps relative precision.
  const residual = x < 0 ? normalCdf(x, 0, 1) - p : (1 - p) - normalCdf(-x, 0, 1);
  const density = Math.exp(-0.5 * x * x - LN_SQRT_2PI);
  const step = residual / density;
  return x - step / (1 + 0.5 * x * step);
}

/** Beta quantile, as R's `qbeta(p, a, b)`. */
export function qbeta(p: number, a: number, b: number): number {
  return betaQuantile(p, a, b);
}

/** Beta distribution function, as R's `pbeta(x, a, b, lower.tail)`. */
export function pbeta(x: number, a: number, b: number, lowerTail = true): number {
  return incompleteBeta(x, a, b, !lowerTail);
}

/** Chi-square distribution function, as R's `pchisq(x, df, lower.tail)`; the upper tail keeps precision. */
export function pchisq(x: number, df: number, lowerTail = true): number {
  if (x <= 0) return lowerTail ? 0 : 1;
  return gammainc(x / 2, df / 2, true, !lowerTail);
}

/** Chi-square quantile, as R's `qchisq(p, df)`. */
export function qchisq(p: number, df: number): number {
  return chisqQuantile(p, df);
}

/** Student t distribution function, as R's `pt(t, df, lower.tail)`. */
export function pt(t: number, df: number, lowerTail = true): number {
  return lowerTail ? tCdf(t, df) : tCdf(-t, df);
}

/** Student t quantile, as R's `qt(p, df)`. */
export function qt(p: number, df: number): number {
  return tQuantile(p, df);
}
