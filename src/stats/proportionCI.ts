/**
 * Confidence interval for one rate (successes out of trials). Every method is closed-form or a few
 * Newton steps on the binomial tail, so n = 10^9 costs well under a millisecond.
 */
import type { Interval } from "./types.js";
import { betaQuantile, binomialLowerTail, binomialUpperTail, logDbinom, qnorm } from "./distributions.js";
import { solveIncreasing } from "./solveIncreasing.js";
import { checkChoice, checkLevel, checkOptions, checkSuccessesTrials } from "./validate.js";

export const PROPORTION_CI_METHODS = [
  "wilson",
  "wilson-cc",
  "clopper-pearson",
  "jeffreys",
  "agresti-coull",
  "wald",
  "mid-p",
] as const;

export type ProportionCIMethod = (typeof PROPORTION_CI_METHODS)[number];

export interface ProportionCIOptions {
  /** Confidence level, default 0.95. */
  level?: number;
  /** Default `wilson`. */
  method?: ProportionCIMethod;
}

export interface ProportionCIResult extends Interval {
  method: ProportionCIMethod;
}

/**
 * Clopper–Pearson bounds with `tail` probability on each side, exactly as R's `binom.test`:
 * lower = qbeta(tail, k, n − k + 1) (0 at k = 0), upper = qbeta(1 − tail, k + 1, n − k) (1 at k = n).
 */
export function clopperPearsonBounds(k: number, n: number, tail: number): { lower: number; upper: number } {
  return {
    lower: k === 0 ? 0 : betaQuantile(tail, k, n - k + 1),
    upper: k === n ? 1 : betaQuantile(tail, k + 1, n - k, true),
  };
}

/**
 * Mid-p bounds with `tail` probability on each side (Lancaster 1961; Berry & Armitage 1995):
 * the lower bound solves P(X > k) + ½ P(X = k) = tail, the upper P(X < k) + ½ P(X = k) = tail.
 * Each root lies between two Clopper–Pearson-type beta quantiles, so safeguarded Newton on the
 * monotone mid-p tail converges in a handful of steps. At k = 0 and k = n the roots are explicit.
 */
export function midPBounds(k: number, n: number, tail: number): { lower: number; upper: number } {
  // d/dp P(X ≥ j) = n · dbinom(j − 1, n − 1, p); the mid-p tail averages the j = k and j = k + 1 tails.
  const slope = (p: number) =>
    0.5 * n * (Math.exp(logDbinom(k - 1, n - 1, p)) + Math.exp(logDbinom(k, n - 1, p)));
  let lower: number;
  if (k === 0) lower = 0;
  else if (k === n) lower = Math.exp(Math.log(2 * tail) / n); // ½ p^n = tail
  else {
    const lo = betaQuantile(tail, k, n - k + 1);
    const hi = betaQuantile(tail, k + 1, n - k);
    const g = (p: number) => 0.5 * (binomialUpperTail(k, n, p) + binomialUpperTail(k + 1, n, p)) - tail;
    lower = solveIncreasing(g, slope, lo, hi, 0.5 * (lo + hi));
  }
  let upper: number;
  if (k === n) upper = 1;
  else if (k === 0) upper = -Math.expm1(Math.log(2 * tail) / n); // ½ (1 − p)^n = tail
  else {
    const lo = betaQuantile(tail, k, n - k + 1, true);
    const hi = betaQuantile(tail, k + 1, n - k, true);
    const g = (p: number) => tail - 0.5 * (binomialLowerTail(k, n, p) + binomialLowerTail(k - 1, n, p));
    upper = solveIncreasing(g, slope, lo, hi, 0.5 * (lo + hi));
  }
  return { lower, upper };
}

/**
 * Wilson score interval, with Yates' continuity correction when `correct`, exactly as R's
 * `prop.test(x, n, correct)$conf.int` (two-sided): R caps the correction at |x − n/2| (its default
 * null p = 0.5), sets the lower bound to 0 when x − correction ≤ 0 and the upper to 1 when
 * x + correction ≥ n, and clips to [0, 1].
 */
function wilsonBounds(k: number, n: number, level: number, correct: boolean): [number, number] {
  const yates = correct ? Math.min(0.5, Math.abs(k - n * 0.5)) : 0;
  return wilsonLimits(k, n, qnorm((1 + level) / 2), yates);
}

/**
 * Wilson score limits for k of n at normal quantile z, with R's `prop.test` continuity correction
 * `yates` (0 for none): the shared kernel of the one-rate, Newcombe two-sample and paired intervals.
 *
 * @example
 * wilsonLimits(510, 1000, 1.959963984540054) // [0.4790375…, 0.5408860…]
 */
export function wilsonLimits(k: number, n: number, z: number, yates = 0): [number, number] {
  const estimate = k / n;
  const z22n = (z * z) / (2 * n);
  let pc = estimate + yates / n;
  const upper = pc >= 1 ? 1 : (pc + z22n + z * Math.sqrt((pc * (1 - pc)) / n + z22n / (2 * n))) / (1 + 2 * z22n);
  pc = estimate - yates / n;
  const lower = pc <= 0 ? 0 : (pc + z22n - z * Math.sqrt((pc * (1 - pc)) / n + z22n / (2 * n))) / (1 + 2 * z22n);
  return [Math.max(lower, 0), Math.min(upper, 1)];
}

const clip = (x: number) => Math.min(1, Math.max(0, x));

/**
 * Confidence interval for a single rate k/n.
 *
 * Methods (Newcombe 1998, "Two-sided confidence intervals for the single proportion", Stat Med 17:857;
 * Brown, Cai & DasGupta 2001): `wilson` (default; score interval, = R `prop.test(correct = FALSE)`),
 * `wilson-cc` (= R `prop.test(correct = TRUE)`), `clopper-pearson` (exact; = R `binom.test`),
 * `jeffreys` (equal-tailed Beta(k + ½, n − k + ½) quantiles, lower 0 at k = 0 and upper 1 at k = n),
 * `agresti-coull` (Agresti & Coull 1998: ñ = n + z², p̃ = (k + z²/2)/ñ, p̃ ± z √(p̃(1 − p̃)/ñ)) and
 * `wald` (p̂ ± z √(p̂(1 − p̂)/n)), both clipped to [0, 1], and `mid-p` (the exact mid-p interval,
 * Newcombe's method 6). `estimate` is always the observed rate k/n.
 *
 * @example
 * proportionCI(510, 1000) // { estimate: 0.51, lower: 0.4790375…, upper: 0.5408860…, level: 0.95, method: "wilson" }
 */
export function proportionCI(successes: number, trials: number, options?: ProportionCIOptions): ProportionCIResult {
  const [k, n] = checkSuccessesTrials(successes, trials);
  const opts = checkOptions("options", options);
  const level = checkLevel(opts.level);
  const method = opts.method === undefined ? "wilson" : checkChoice("method", opts.method, PROPORTION_CI_METHODS);
  const estimate = k / n;
  const tail = (1 - level) / 2;
  let lower: number;
  let upper: number;
  switch (method) {
    case "wilson":
    case "wilson-cc":
      [lower, upper] = wilsonBounds(k, n, level, method === "wilson-cc");
      break;
    case "clopper-pearson":
      ({ lower, upper } = clopperPearsonBounds(k, n, tail));
      break;
    case "jeffreys":
      lower = k === 0 ? 0 : betaQuantile(tail, k + 0.5, n - k + 0.5);
      upper = k === n ? 1 : betaQuantile(tail, k + 0.5, n - k + 0.5, true);
      break;
    case "agresti-coull": {
      const z = qnorm((1 + level) / 2);
      const nTilde = n + z * z;
      const center = (k + (z * z) / 2) / nTilde;
      const half = z * Math.sqrt((center * (1 - center)) / nTilde);
      [lower, upper] = [clip(center - half), clip(center + half)];
      break;
    }
    case "wald": {
      const z = qnorm((1 + level) / 2);
      const half = z * Math.sqrt((estimate * (1 - estimate)) / n);
      [lower, upper] = [clip(estimate - half), clip(estimate + half)];
      break;
    }
    case "mid-p":
      ({ lower, upper } = midPBounds(k, n, tail));
      break;
  }
  return { estimate, lower, upper, level, method };
}
