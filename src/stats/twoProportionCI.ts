/**
 * Confidence intervals for the difference p1 − p2 between two independent rates — e.g. the
 * accuracy gap between two models run on different item sets.
 *
 * Four methods, as statsmodels `confint_proportions_2indep(..., compare="diff")` computes them
 * (except for one statsmodels bug, noted under `miettinen-nurminen`):
 * - `newcombe` (default): Newcombe's (1998) method 10, the hybrid score interval built from the two
 *   groups' Wilson intervals (no continuity correction). Good coverage, closed form.
 * - `miettinen-nurminen`: the score interval of Miettinen & Nurminen (1985), inverting the score
 *   test whose variance uses the rates re-estimated under the constraint p1 − p2 = Δ, with their
 *   N/(N − 1) factor (statsmodels method "score", correction=True). Solved by root finding.
 *   statsmodels 0.13.5 solves the constrained-MLE cubic with a wrong coefficient (issue #10269),
 *   so its limits differ from these by up to ~1e-2; these use the true constrained MLE and agree
 *   with Newcombe's (1998) Table II, method 6.
 * - `agresti-caffo`: Wald on the counts with one success and one failure added to each group
 *   (Agresti & Caffo 2000).
 * - `wald`: the textbook interval; poor near 0 and 1, given for comparison.
 * Wald and Agresti–Caffo are clipped to [−1, 1], as the one-rate Wald and Agresti–Coull are to [0, 1].
 */
import { qnorm } from "./distributions.js";
import type { Interval } from "./types.js";
import { checkChoice, checkLevel, checkOptions, checkSuccessesTrials } from "./validate.js";
import { wilsonLimits } from "./proportionCI.js";

export const TWO_PROPORTION_CI_METHODS = ["newcombe", "agresti-caffo", "wald", "miettinen-nurminen"] as const;
export type TwoProportionCIMethod = (typeof TWO_PROPORTION_CI_METHODS)[number];

export interface TwoProportionCIOptions {
  /** Confidence level (default 0.95). */
  level?: number;
  /** Interval method (default `newcombe`). */
  method?: TwoProportionCIMethod;
}

/**
 * Interval for p1 − p2 from k1 successes in n1 trials and k2 in n2, independent samples.
 * `estimate` is always the observed p1 − p2 (Agresti–Caffo's interval is centred on its adjusted
 * difference instead).
 *
 * References: Newcombe RG (1998), "Interval estimation for the difference between independent
 * proportions: comparison of eleven methods", Stat Med 17:873–890 (method 10 and, for
 * `miettinen-nurminen`, method 6); Miettinen O, Nurminen M (1985), Stat Med 4:213–226; Agresti A,
 * Caffo B (2000), Am Stat 54:280–288; statsmodels `confint_proportions_2indep`.
 *
 * @example
 * // Newcombe (1998) Table II, example (a): 56/70 vs 48/80, method 10 gives 0.0524 to 0.3339.
 * twoProportionCI(56, 70, 48, 80) // { estimate: 0.2, lower: 0.052431..., upper: 0.333872..., ... }
 */
export function twoProportionCI(
  k1: number,
  n1: number,
  k2: number,
  n2: number,
  options?: TwoProportionCIOptions,
): Interval {
  const [x1, m1] = checkSuccessesTrials(k1, n1, ["k1", "n1"]);
  const [x2, m2] = checkSuccessesTrials(k2, n2, ["k2", "n2"]);
  const opts = checkOptions("options", options);
  const level = checkLevel(opts.level);
  const method = opts.method === undefined ? "newcombe" : checkChoice("method", opts.method, TWO_PROPORTION_CI_METHODS);
  const z = qnorm((1 + level) / 2);
  const p1 = x1 / m1, p2 = x2 / m2;
  const estimate = p1 - p2;
  let lower: number, upper: number;
  if (method === "newcombe") {
    const [l1, u1] = wilsonLimits(x1, m1, z);
    const [l2, u2] = wilsonLimits(x2, m2, z);
    lower = estimate - Math.hypot(p1 - l1, u2 - p2);
    upper = estimate + Math.hypot(u1 - p1, p2 - l2);
  } else if (method === "wald" || method === "agresti-caffo") {
    const add = method === "agresti-caffo" ? 1 : 0;
    const q1 = (x1 + add) / (m1 + 2 * add), q2 = (x2 + add) / (m2 + 2 * add);
    const half = z * Math.sqrt((q1 * (1 - q1)) / (m1 + 2 * add) + (q2 * (1 - q2)) / (m2 + 2 * add));
    lower = Math.max(q1 - q2 - half, -1);
    upper = Math.min(q1 - q2 + half, 1);
  } else {
    [lower, upper] = miettinenNurminen(x1, m1, x2, m2, z);
  }
  return { estimate, lower, upper, level, method };
}

/**
 * Variance of p̂1 − p̂2 under the constraint p1 − p2 = delta, with the rates re-estimated by
 * maximum likelihood under that constraint (the cubic of Miettinen & Nurminen 1985, solved in
 * closed form as in statsmodels `score_test_proportions_2indep`), times N/(N − 1).
 */
function constrainedVariance(x1: number, n1: number, x2: number, n2: number, delta: number): number {
  const N = n1 + n2, C = x1 + x2;
  let q2: number;
  if (delta === 0) {
    q2 = C / N;
  } else {
    const a = N;
    const b = (n1 + 2 * n2) * delta - N - C;
    // statsmodels 0.13.5 has x2 * delta where n2 * delta belongs here (statsmodels issue #10269).
    const c = (n2 * delta - N - 2 * x2) * delta + C;
    const d = x2 * delta * (1 - delta);
    const v = (b / (3 * a)) ** 3 - (b * c) / (6 * a * a) + d / (2 * a);
    const u = (v < 0 ? -1 : 1) * Math.sqrt(Math.max((b / (3 * a)) ** 2 - c / (3 * a), 0));
    // Rounding can push the cosine's argument a hair outside [−1, 1] where the roots nearly meet.
    const ratio = u === 0 ? 0 : Math.min(1, Math.max(-1, v / (u * u * u)));
    q2 = 2 * u * Math.cos((Math.PI + Math.acos(ratio)) / 3) - b / (3 * a);
    // The constrained rates must stay probabilities; rounding at delta = ±1 can leave them just outside.
    q2 = Math.min(Math.max(q2, Math.max(0, -delta)), Math.min(1, 1 - delta));
  }
  const q1 = q2 + delta;
  return ((q1 * (1 - q1)) / n1 + (q2 * (1 - q2)) / n2) * (N / (N - 1));
}

/**
 * Miettinen–Nurminen limits: the Δ on each side of the estimate where the squared score statistic
 * (d̂ − Δ)² / V(Δ) reaches z². Solved as (d̂ − Δ)² − z² V(Δ) = 0, which needs no division and is
 * positive at Δ = ±1 (where V = 0) and non-positive at d̂.
 */
function miettinenNurminen(x1: number, n1: number, x2: number, n2: number, z: number): [number, number] {
  const dHat = x1 / n1 - x2 / n2;
  const z2 = z * z;
  const g = (delta: number) => (dHat - delta) ** 2 - z2 * constrainedVariance(x1, n1, x2, n2, delta);
  // When both rates sit at 0 or 1, V(d̂) = 0 and g(d̂) = 0 although d̂ is inside. Give the solver a
  // negative value on the scale of −z² V instead, so its first secant steps do not crawl towards d̂,
  // where V rounds to 0 and g would read as an exact root.
  const atEstimate = g(dHat);
  const inside = atEstimate < 0 ? atEstimate : -z2 * (0.25 / n1 + 0.25 / n2);
  const lower = dHat <= -1 ? -1 : brent(g, -1, g(-1), dHat, inside);
  const upper = dHat >= 1 ? 1 : brent(g, dHat, inside, 1, g(1));
  return [lower, upper];
}

/**
 * Brent's root finder (R's zeroin: bisection, secant and inverse quadratic interpolation) on
 * [a, b] where fa and fb differ in sign, to the last bits of double precision.
 */
function brent(f: (x: number) => number, a: number, fa: number, b: number, fb: number): number {
  if (fa === 0) return a;
  if (fb === 0) return b;
  let c = a, fc = fa;
  for (let iter = 0; iter < 1000; iter++) {
    const prevStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b; b = c; c = a;
      fa = fb; fb = fc; fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 1e-300;
    const half = (c - b) / 2;
    if (Math.abs(half) <= tol || fb === 0) return b;
    let step = half;
    if (Math.abs(prevStep) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const cb = c - b;
      let p: number, q: number;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        const qa = fa / fc, t1 = fb / fc, t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        q = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(tol * q) / 2 && p < Math.abs((prevStep * q) / 2)) step = p / q;
    }
    if (Math.abs(step) < tol) step = step > 0 ? tol : -tol;
    a = b; fa = fb;
    b += step;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a; fc = fa;
    }
  }
  return b;
}
