/**
 * `rankConditions`: how sure is the order? Each condition's rank with an interval and the chance it
 * is best, from the item-level bootstrap paired by item, because "A scored highest" says nothing
 * about whether A would still be first on another draw of items from the same population.
 */
import { checkLevel, checkOptions, checkPositiveInteger, show } from "../stats/validate.js";
import { createRandom } from "../stats/random.js";
import { formatCount, formatLevel, formatRate } from "./format.js";
import { scoredGroups, type AnalysisInput } from "./itemTable.js";
import type { ItemScore } from "./itemScores.js";
import type { RecordOptions } from "./records.js";
import { FEW_CLUSTERS, FEW_ITEMS } from "./warnings.js";

export interface RankingOptions extends RecordOptions {
  /** Bootstrap resamples (default 2000). */
  resamples?: number;
  /** Seed of the resampling (default 1): the same seed gives the same result. */
  seed?: number | string;
  /** Level of the rank intervals (default 0.95). */
  level?: number;
}

/** One condition's place in the ranking. */
export interface ConditionRank {
  condition: string;
  /** Mean of its item means over the shared items (the items every condition has). */
  accuracy: number;
  /** Its rank on the data, 1 = highest; tied conditions share the average rank (1.5, …). */
  rank: number;
  /** Percentile interval of its bootstrap ranks at `level` (integers or half-integers). */
  rankLower: number;
  rankUpper: number;
  /** Share of resamples in which it is strictly best; a tie for best splits the resample. */
  pBest: number;
  /** Mean of its bootstrap ranks. */
  meanRank: number;
  /** "A is best in 62% of resamples; its rank lies between 1 and 2 (95%)". */
  sentence: string;
}

export interface Rankings {
  /** The conditions by observed accuracy, highest first (ties in order of first appearance). */
  conditions: ConditionRank[];
  /** Items scored under every condition: the ones ranked on. */
  items: number;
  /** Items left out because some condition has no score for them. */
  itemsLeftOut: number;
  /** What a resample draws: items, or whole clusters when the shared items carry two or more. */
  unit: "item" | "cluster";
  /** Clusters among the shared items (with `unit` "cluster"). */
  clusters?: number;
  resamples: number;
  seed: number | string;
  level: number;
  warnings: string[];
  sentence: string;
}

/** Accuracies closer than this (on the scale of a mean) are a tie: rounding, not a difference. */
const TIE_TOLERANCE = 1e-9;

/**
 * Rank conditions with uncertainty by the item-level bootstrap, paired by item (Hall & Miller 2009,
 * "Using the bootstrap to quantify the authority of an empirical ranking", Ann. Statist. 37(6B),
 * §2: resample the items, recompute every condition's score on the same resample, rank).
 *
 * - Only items scored under every condition are used, so that each resample ranks all conditions
 *   on the same items (an item only some conditions saw would favour whoever had the easy ones);
 *   the others are counted in `itemsLeftOut` and a warning. No shared item is an error.
 * - When the shared items carry two or more clusters, a resample draws whole clusters with all
 *   their items (an item without a cluster is its own cluster), as `bootstrapCI` does.
 * - Each resample's score of a condition is the mean of its item means (repeats of an item are
 *   averaged first); ranks within a resample are average ranks (ties share them).
 * - The rank interval is the percentile interval of a condition's bootstrap ranks: the order
 *   statistics ⌈B·α/2⌉ and B + 1 − ⌈B·α/2⌉ of B resamples, α = 1 − level, so it is made of ranks
 *   that occurred. P(best) is the share of resamples in which the condition is strictly best.
 *
 * Caveat (Hall & Miller 2009, §3): when true scores are equal or nearly so, the n-out-of-n
 * bootstrap misstates rank uncertainty; intervals are approximate, not exact. Measured in
 * test/analysis/rankings.test.ts (200 items, true accuracies 0.60, 0.62, 0.70, 0.71): the 95% rank
 * interval covered the true rank in 98–99% of 1000 datasets (conservative). P(best) is neither the
 * chance of coming out on top on a fresh draw (it is shrunk toward the middle: Φ(δ/√2) for Φ(δ))
 * nor a posterior probability of being truly best: with true accuracies drawn at random it was
 * calibrated between 0.2 and 0.6 and 2–8 points too extreme outside (the winner's curse).
 *
 * @example
 * // Four items: A gets all four right, B three, C none. A resample ties A and B when it misses
 * // q3 (chance 0.75⁴), and a tie splits the resample, so P(best of A) = 1 − 0.75⁴/2 = 0.842.
 * const records = [["A", 4], ["B", 3], ["C", 0]].flatMap(([condition, right]) =>
 *   [0, 1, 2, 3].map((i) => ({ item: `q${i}`, condition, score: i < right ? 1 : 0 })));
 * const ranking = rankConditions(records, { seed: 3, resamples: 1000 });
 * ranking.conditions[2].rankLower // 3
 * ranking.conditions[0].pBest // 0.8425 (bootstrap estimate of 0.842)
 */
export function rankConditions(input: AnalysisInput, options?: RankingOptions): Rankings {
  const opts = checkOptions("options", options);
  const resamples = opts.resamples === undefined ? 2000 : checkPositiveInteger("resamples", opts.resamples);
  if (resamples < 2) throw new RangeError(`resamples must be at least 2, got ${resamples}`);
  const level = checkLevel(opts.level);
  const seed = opts.seed ?? 1;
  const rng = createRandom(seed);
  const recordOptions: RecordOptions = {};
  if (opts.errors !== undefined) recordOptions.errors = opts.errors;
  if (opts.refusals !== undefined) recordOptions.refusals = opts.refusals;
  const { groups, counts } = scoredGroups(input, recordOptions);

  const unscored = [...counts.keys()].find((c) => !groups.has(c));
  if (unscored !== undefined) throw new RangeError(`condition ${show(unscored)} has no scored records (every one is an error); leave it out or score errors as wrong`);
  const names = [...groups.keys()];
  if (names.length < 2) throw new RangeError(`input holds only one condition (${show(names[0])}); a ranking needs at least two`);

  const { items, itemsLeftOut, units, unitSums, unitSizes, clusterCount } = sharedUnits(names, groups);
  const K = names.length;
  const G = unitSizes.length;

  // Observed accuracies over the shared items, and the order conditions are reported in.
  const observed = names.map((_, k) => {
    let s = 0;
    for (let g = 0; g < G; g++) s += unitSums[k * G + g];
    return s / items;
  });
  const observedRanks = averageRanks(observed);

  // Ranks live on the half-integers 1, 1.5, …, K: count them in 2K − 1 bins per condition.
  const bins = 2 * K - 1;
  const rankCounts = new Float64Array(K * bins);
  const bestShare = new Float64Array(K);
  const pick = new Int32Array(G);
  const score = new Float64Array(K);
  for (let b = 0; b < resamples; b++) {
    rng.fillInt(pick, G);
    let n = 0;
    for (let g = 0; g < G; g++) n += unitSizes[pick[g]];
    for (let k = 0; k < K; k++) {
      const row = k * G;
      let s = 0;
      for (let g = 0; g < G; g++) s += unitSums[row + pick[g]];
      score[k] = s / n;
    }
    for (let k = 0; k < K; k++) {
      let above = 0;
      let tied = 0;
      for (let j = 0; j < K; j++) {
        if (j === k) continue;
        const d = score[j] - score[k];
        if (d > TIE_TOLERANCE) above++;
        else if (d >= -TIE_TOLERANCE) tied++;
      }
      // Average rank 1 + above + tied/2, stored as bin 2·above + tied.
      rankCounts[k * bins + 2 * above + tied]++;
      if (above === 0) bestShare[k] += 1 / (tied + 1);
    }
  }

  const tail = Math.ceil(resamples * ((1 - level) / 2));
  const lowerAt = Math.max(1, tail);
  const upperAt = Math.min(resamples, resamples + 1 - Math.max(1, tail));
  const rows: ConditionRank[] = names.map((condition, k) => {
    const counts = rankCounts.subarray(k * bins, (k + 1) * bins);
    let meanRank = 0;
    for (let i = 0; i < bins; i++) meanRank += counts[i] * (1 + i / 2);
    const rankLower = orderStatistic(counts, lowerAt);
    const rankUpper = orderStatistic(counts, upperAt);
    const pBest = bestShare[k] / resamples;
    return {
      condition,
      accuracy: observed[k],
      rank: observedRanks[k],
      rankLower,
      rankUpper,
      pBest,
      meanRank: meanRank / resamples,
      sentence: rankSentence(condition, pBest, rankLower, rankUpper, level),
    };
  });
  const order = names.map((_, k) => k).sort((a, b) => observedRanks[a] - observedRanks[b] || a - b);
  const conditions = order.map((k) => rows[k]);

  const warnings: string[] = [];
  if (itemsLeftOut > 0) {
    warnings.push(`${formatCount(itemsLeftOut)} ${itemsLeftOut === 1 ? "item is" : "items are"} not scored under every condition and left out: the ranking uses the ${formatCount(items)} shared items`);
  }
  if (units === "cluster" && clusterCount < FEW_CLUSTERS) warnings.push(`only ${formatCount(clusterCount)} clusters (fewer than ${FEW_CLUSTERS}): the resamples draw from ${formatCount(clusterCount)} cluster means`);
  if (items < FEW_ITEMS) warnings.push(`only ${formatCount(items)} shared items (fewer than ${FEW_ITEMS})`);

  return {
    conditions,
    items,
    itemsLeftOut,
    unit: units,
    ...(units === "cluster" ? { clusters: clusterCount } : {}),
    resamples,
    seed,
    level,
    warnings,
    sentence: familyRankSentence(conditions, level, items, units, clusterCount, resamples),
  };
}

/**
 * The warning printed beside P(best) when the bootstrap resamples fewer than FEW_CLUSTERS (20)
 * clusters, else "": with so few units, P(best) and the rank intervals move with the handful of
 * clusters drawn (the caveat of `bootstrapCI` with few clusters; Cameron & Miller 2015, §VI).
 *
 * @example
 * pBestWarning({ unit: "cluster", clusters: 10 }).startsWith("P(best) rests on 10 clusters") ? 1 : 0 // 1
 */
export function pBestWarning(ranking: Pick<Rankings, "unit" | "clusters">): string {
  if (ranking.unit !== "cluster" || ranking.clusters === undefined || ranking.clusters >= FEW_CLUSTERS) return "";
  return `P(best) rests on ${formatCount(ranking.clusters)} clusters (fewer than ${FEW_CLUSTERS}): each resample draws from only ${formatCount(ranking.clusters)} cluster means, so read P(best) and the rank intervals as rough.`;
}

/** The shared items grouped into resampling units, with each condition's sum of item means per unit. */
function sharedUnits(names: string[], groups: Map<string, ItemScore[]>) {
  const K = names.length;
  const maps = names.map((name) => new Map(groups.get(name)!.map((s) => [s.item, s])));
  const first = groups.get(names[0])!;
  const shared = first.filter((s) => maps.every((m) => m.has(s.item))).map((s) => s.item);
  const union = new Set(names.flatMap((name) => groups.get(name)!.map((s) => s.item)));
  const items = shared.length;
  if (items === 0) {
    throw new RangeError(`the conditions share no items (${names.map((n) => show(n)).join(", ")}): a paired ranking needs items scored under every condition`);
  }
  // An item's cluster: the first condition that gives one; conditions must not disagree.
  const clusterOf = shared.map((item) => {
    let cluster: string | undefined;
    let from = "";
    for (let k = 0; k < K; k++) {
      const c = maps[k].get(item)!.cluster;
      if (c === undefined) continue;
      if (cluster !== undefined && c !== cluster) {
        throw new RangeError(`item ${show(item)} is in cluster ${show(cluster)} under ${show(from)} but in ${show(c)} under ${show(names[k])}; an item's cluster must be the same under every condition`);
      }
      cluster = c;
      from = names[k];
    }
    return cluster;
  });
  const clusterCount = new Set(clusterOf.filter((c) => c !== undefined)).size;
  const units: "item" | "cluster" = clusterCount >= 2 ? "cluster" : "item";
  // The unit of each shared item: its cluster, or the item alone (a label no cluster can have).
  const unitIndex = new Map<string, number>();
  const unitOfItem = shared.map((item, i) => {
    const label = units === "cluster" && clusterOf[i] !== undefined ? `c:${clusterOf[i]}` : `\u0000item:${item}`;
    let u = unitIndex.get(label);
    if (u === undefined) {
      u = unitIndex.size;
      unitIndex.set(label, u);
    }
    return u;
  });
  const G = unitIndex.size;
  const unitSizes = new Float64Array(G);
  const unitSums = new Float64Array(K * G);
  shared.forEach((item, i) => {
    const u = unitOfItem[i];
    unitSizes[u]++;
    for (let k = 0; k < K; k++) unitSums[k * G + u] += maps[k].get(item)!.mean;
  });
  return { items, itemsLeftOut: union.size - items, units, unitSums, unitSizes, clusterCount };
}

/** Average ranks, 1 = highest; values within TIE_TOLERANCE share a rank. */
function averageRanks(values: readonly number[]): number[] {
  return values.map((v, k) => {
    let above = 0;
    let tied = 0;
    values.forEach((w, j) => {
      if (j === k) return;
      if (w - v > TIE_TOLERANCE) above++;
      else if (w - v >= -TIE_TOLERANCE) tied++;
    });
    return 1 + above + tied / 2;
  });
}

/** The `at`-th smallest (1-based) rank from counts in half-integer bins. */
function orderStatistic(counts: Float64Array, at: number): number {
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i];
    if (seen >= at) return 1 + i / 2;
  }
  return 1 + (counts.length - 1) / 2;
}

function formatRank(r: number): string {
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

function rankSentence(condition: string, pBest: number, lower: number, upper: number, level: number): string {
  const where = lower === upper ? `its rank is ${formatRank(lower)}` : `its rank lies between ${formatRank(lower)} and ${formatRank(upper)}`;
  return `${condition} is best in ${formatRate(pBest)} of resamples; ${where} (${formatLevel(level)})`;
}

function familyRankSentence(conditions: ConditionRank[], level: number, items: number, unit: "item" | "cluster", clusters: number, resamples: number): string {
  const over = unit === "cluster" ? `${formatCount(items)} shared items in ${formatCount(clusters)} clusters` : `${formatCount(items)} shared items`;
  const settled = conditions.filter((c) => c.rankLower === c.rankUpper).length;
  const verdict =
    settled === conditions.length
      ? `every rank is settled at ${formatLevel(level)}`
      : settled === 0
        ? `no rank is settled at ${formatLevel(level)}`
        : `${formatCount(settled)} of ${formatCount(conditions.length)} ranks are settled at ${formatLevel(level)}`;
  return `${conditions[0].sentence}. Over ${over} (${formatCount(resamples)} paired bootstrap resamples), ${verdict}.`;
}
