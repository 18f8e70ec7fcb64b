/**
 * The latent-propensity model behind data/simulated/: items share a difficulty, so the same item
 * tends to be right (or wrong) under every condition, and items from one passage share part of it.
 *
 *   propensity(item i, condition j, draw d) = cluster_c(i) + item_i + model_m(j),i + noise_i,j,d
 *
 * cluster ~ N(0, CLUSTER_VARIANCE), item ~ N(0, ITEM_VARIANCE), model ~ N(0, MODEL_VARIANCE)
 * (one per model, shared by its research and production runs), noise ~ N(0, 1) fresh per
 * condition and per repeated sample. A condition answers right on exactly its round(rate × draws)
 * highest propensities: the realised rate equals the reported one, and the shared terms set how
 * correlated conditions are (a thresholded multivariate normal, like a probit model whose
 * intercept is fixed by the reported rate).
 */
import { qnorm } from "../../src/stats/distributions.js";
import type { Random } from "../../src/stats/random.js";

/** Variance of the passage (cluster) effect shared by the 10 items of a passage. */
export const CLUSTER_VARIANCE = 0.2;
/** Variance of the item's own difficulty, shared by every condition. */
export const ITEM_VARIANCE = 0.8;
/** Variance of a model's item-specific strength, shared by that model's conditions. */
export const MODEL_VARIANCE = 0.5;

/** One standard normal draw by inversion (qnorm of a uniform in (0, 1)): deterministic everywhere. */
export function normal(rng: Random): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return qnorm(u);
}

/** `count` independent N(0, variance) draws. */
export function normals(rng: Random, count: number, variance: number): number[] {
  const sd = Math.sqrt(variance);
  return Array.from({ length: count }, () => sd * normal(rng));
}

/**
 * Which of `propensities` are answered right: the `correct` largest ones (1), the rest 0.
 * Ties have probability zero with continuous draws; they break by position so the result is defined.
 */
export function topK(propensities: readonly number[], correct: number): number[] {
  if (!Number.isInteger(correct) || correct < 0 || correct > propensities.length) {
    throw new RangeError(`correct must be an integer between 0 and ${propensities.length}, got ${correct}`);
  }
  const order = propensities.map((value, index) => ({ value, index }));
  order.sort((a, b) => b.value - a.value || a.index - b.index);
  const scores = new Array<number>(propensities.length).fill(0);
  for (let rank = 0; rank < correct; rank++) scores[order[rank].index] = 1;
  return scores;
}

/** Pearson correlation of two equal-length 0/1 (or any numeric) arrays: the phi coefficient for 0/1. */
export function correlation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const meanA = a.reduce((s, x) => s + x, 0) / n;
  const meanB = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - meanA) * (b[i] - meanB);
    saa += (a[i] - meanA) ** 2;
    sbb += (b[i] - meanB) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
