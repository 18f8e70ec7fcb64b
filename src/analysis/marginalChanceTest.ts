/**
 * A test against the marginal baseline. That baseline is estimated from the same answers it is
 * compared with, so a binomial test against it as if it were known would be wrong; instead the
 * answers are shuffled across items (each item keeping its own set of repeats), which is exactly
 * the null "answers are unrelated to items" whose expected score is the marginal chance rate.
 */
import { createRandom } from "../stats/random.js";
import type { Alternative } from "../stats/types.js";
import { checkAlternative, checkPositiveInteger } from "../stats/validate.js";
import { answerShares } from "./chance.js";
import type { ItemScore } from "./itemScores.js";

export interface MarginalTestResult {
  /** Mean over items of the share of answers equal to the target. */
  statistic: number;
  /** The permutation mean of the statistic (= the marginal chance rate). */
  expected: number;
  pValue: number;
  resamples: number;
  seed: number | string;
  alternative: Alternative;
  method: "permutation of answers across items";
}

/**
 * Permutation test of "answers unrelated to items": shuffle the items' answer sets across items
 * (Fisher–Yates with the seeded generator), score each shuffle against the fixed targets, and
 * report (1 + #{shuffled as or more extreme}) / (1 + resamples) (Phipson & Smyth 2010, so p is
 * never 0). Items need a target.
 *
 * @example
 * // every answer right on 8 items with 8 different keys: no shuffle does as well
 * const items = "ABCDEFGH".split("").map((t) => ({ item: t, target: t, answers: [t], mean: 1, samples: 1, binary: true }));
 * marginalChanceTest(items, { resamples: 999, seed: 1 }).pValue // 0.001
 */
export function marginalChanceTest(
  items: readonly ItemScore[],
  options: { resamples?: number; seed?: number | string; alternative?: Alternative } = {},
): MarginalTestResult {
  const resamples = options.resamples === undefined ? 9999 : checkPositiveInteger("resamples", options.resamples);
  const seed = options.seed ?? 1;
  const alternative = checkAlternative(options.alternative, "greater");
  if (items.length < 2) throw new RangeError(`a permutation test needs at least 2 items, got ${items.length}`);
  const { shares, targetIndex } = answerShares(items);
  const n = items.length;
  const score = (order: Int32Array): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += shares[order[i]][targetIndex[i]];
    return sum / n;
  };
  const identity = Int32Array.from({ length: n }, (_, i) => i);
  const statistic = score(identity);
  // E[statistic] under shuffling = Σ_c mean_j share_j(c) · share of items keyed c (the marginal rate).
  const meanShare = new Float64Array(shares[0].length);
  for (const row of shares) for (let c = 0; c < row.length; c++) meanShare[c] += row[c] / n;
  let expected = 0;
  for (let i = 0; i < n; i++) expected += meanShare[targetIndex[i]] / n;
  const rng = createRandom(seed);
  const order = identity.slice();
  // Ties matter (the statistic takes few values): compare with a tolerance well above rounding.
  const eps = 1e-12;
  let extreme = 0;
  for (let r = 0; r < resamples; r++) {
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    const s = score(order);
    if (alternative === "greater" ? s >= statistic - eps : alternative === "less" ? s <= statistic + eps : Math.abs(s - expected) >= Math.abs(statistic - expected) - eps) extreme++;
  }
  return {
    statistic,
    expected,
    pValue: (1 + extreme) / (1 + resamples),
    resamples,
    seed,
    alternative,
    method: "permutation of answers across items",
  };
}
