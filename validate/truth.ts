/**
 * The known truth of a simulated eval. Every answer is Bernoulli(p) with
 *   logit p = μ + u_cluster + v_item,   u ~ N(0, σ_c²), v ~ N(0, σ_v²),
 * so the estimand — the expected accuracy of a fresh item from a fresh cluster, the population mean
 * the eval's 95% interval is meant to cover — is the logistic-normal mean
 *   rate(μ, s) = ∫ expit(μ + s·z) φ(z) dz,   s² = σ_c² + σ_v².
 * It is NOT expit(μ) (that is the median item) and NOT anything computed from a sample. Each cell
 * fixes the rate it wants and solves for μ, so the truth is the design's nominal rate to ~1e-12.
 */

/** Spread of item difficulty on the logit scale: items differ, so repeats of one item are correlated. */
export const ITEM_SD = 1;

/** Variance of the standard logistic distribution, the latent-response residual of a logit model. */
const LOGISTIC_VARIANCE = (Math.PI * Math.PI) / 3;

/**
 * Cluster-effect SD σ_c for a latent-response intraclass correlation
 *   ICC = σ_c² / (σ_c² + σ_v² + π²/3)
 * (Snijders & Bosker 2012, "Multilevel Analysis", 2nd ed., §17.3.4: the correlation of two answers
 * to different items of one cluster on the latent logistic scale).
 */
export function clusterSd(icc: number, itemSd = ITEM_SD): number {
  if (!(icc >= 0 && icc < 1)) throw new RangeError(`icc must be in [0, 1), got ${icc}`);
  return Math.sqrt((icc * (itemSd * itemSd + LOGISTIC_VARIANCE)) / (1 - icc));
}

export function expit(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

const HALF_RANGE = 12;
const INTERVALS = 2400;
const STEP = (2 * HALF_RANGE) / INTERVALS;
/** Composite Simpson weights × φ(z) on [−12, 12]; the mass beyond ±12 is below 1e-32. */
const NODES = Float64Array.from({ length: INTERVALS + 1 }, (_, i) => -HALF_RANGE + i * STEP);
const WEIGHTS = Float64Array.from(NODES, (z, i) => {
  const simpson = i === 0 || i === INTERVALS ? 1 : i % 2 === 1 ? 4 : 2;
  return ((simpson * STEP) / 3) * (Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI));
});

/**
 * E[expit(μ + s·Z)], Z ~ N(0, 1), by composite Simpson's rule on 2,400 intervals over [−12, 12]
 * (the integrand is smooth, so the error is far below 1e-12; checked against R `integrate` in
 * test/validate/validation.test.ts).
 */
export function logitNormalMean(mu: number, sd: number): number {
  if (sd === 0) return expit(mu);
  let sum = 0;
  for (let i = 0; i < NODES.length; i++) sum += WEIGHTS[i] * expit(mu + sd * NODES[i]);
  return sum;
}

/** The μ whose logistic-normal mean with spread `sd` is `rate` (bisection; the mean rises with μ). */
export function solveMu(rate: number, sd: number): number {
  if (!(rate > 0 && rate < 1)) throw new RangeError(`rate must be in (0, 1), got ${rate}`);
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 200 && hi - lo > 1e-13; i++) {
    const mid = (lo + hi) / 2;
    if (logitNormalMean(mid, sd) < rate) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
