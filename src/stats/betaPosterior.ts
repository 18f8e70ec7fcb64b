/**
 * The Beta distribution for one rate: the conjugate posterior.
 */
import { betaQuantile, incompleteBeta } from "./distributions.js";
import { checkFinite, checkLevel, checkOpenUnit, checkOptions, checkSuccessesTrials, show } from "./validate.js";

/** Prior for the rate: Beta(alpha, beta), given as `[alpha, beta]` or `{ alpha, beta }`. */
export type BetaPrior = readonly [number, number] | { alpha: number; beta: number };

export interface BetaPosteriorOptions {
  /** Beta prior, default `[1, 1]` (uniform). Jeffreys' prior is `[0.5, 0.5]`. */
  prior?: BetaPrior;
  /** Credible level of the equal-tailed interval, default 0.95. */
  level?: number;
  /** Rate to compare with for `probabilityAbove`, default 0.5 (e.g. the chance rate). */
  p0?: number;
}

export interface BetaPosteriorResult {
  /** Posterior mean alpha / (alpha + beta). */
  mean: number;
  /** Equal-tailed credible interval: the (1 − level)/2 and (1 + level)/2 posterior quantiles. */
  lower: number;
  upper: number;
  level: number;
  /** Posterior probability that the rate exceeds p0. */
  probabilityAbove: number;
  /** Posterior parameters: prior alpha + successes, prior beta + failures. */
  alpha: number;
  beta: number;
  p0: number;
}

function readPrior(prior: unknown): [number, number] {
  if (prior === undefined) return [1, 1];
  let pair: [unknown, unknown];
  if (Array.isArray(prior) && prior.length === 2) pair = [prior[0], prior[1]];
  else if (typeof prior === "object" && prior !== null && !Array.isArray(prior)) {
    const p = prior as { alpha?: unknown; beta?: unknown };
    pair = [p.alpha, p.beta];
  } else {
    throw new TypeError(`prior must be [alpha, beta] or { alpha, beta }, got ${show(prior)}`);
  }
  const [a, b] = [checkFinite("prior alpha", pair[0]), checkFinite("prior beta", pair[1])];
  if (!(a > 0)) throw new RangeError(`prior alpha must be positive, got ${a}`);
  if (!(b > 0)) throw new RangeError(`prior beta must be positive, got ${b}`);
  return [a, b];
}

/**
 * Bayesian answer for one rate: with a Beta(α, β) prior and k successes in n trials the posterior
 * is Beta(α + k, β + n − k) (conjugacy; Gelman et al., BDA3 §2.4). Returns its mean, equal-tailed
 * credible interval (R `qbeta((1 ∓ level)/2, α + k, β + n − k)`) and P(p > p0) (R
 * `pbeta(p0, α + k, β + n − k, lower.tail = FALSE)`).
 *
 * @example
 * betaPosterior(7, 10, { p0: 0.5 }).probabilityAbove // 0.88671875 (Beta(8, 4) above 0.5)
 */
export function betaPosterior(successes: number, trials: number, options?: BetaPosteriorOptions): BetaPosteriorResult {
  const [k, n] = checkSuccessesTrials(successes, trials);
  const opts = checkOptions("options", options);
  const level = checkLevel(opts.level);
  const p0 = opts.p0 === undefined ? 0.5 : checkOpenUnit("p0", opts.p0);
  const [a0, b0] = readPrior(opts.prior);
  const alpha = a0 + k;
  const beta = b0 + (n - k);
  const tail = (1 - level) / 2;
  return {
    mean: alpha / (alpha + beta),
    lower: betaQuantile(tail, alpha, beta),
    upper: betaQuantile(tail, alpha, beta, true),
    level,
    probabilityAbove: incompleteBeta(p0, alpha, beta, true),
    alpha,
    beta,
    p0,
  };
}
