/**
 * Mean eval score with its standard error, plain (CLT) or clustered, following Miller (2024),
 * "Adding Error Bars to Evals: A Statistical Approach to Language Model Evaluations",
 * arXiv:2411.00640.
 */
import { qnorm } from "./distributions.js";
import type { Interval } from "./types.js";
import { checkLevel, checkNumberArray, checkOptions, checkSameLength, show } from "./validate.js";

/** A cluster label: the passage, source or template an item belongs to. */
export type ClusterLabel = string | number;

export interface MeanCIOptions {
  /** One label per score; items sharing a label are treated as correlated. */
  clusters?: ArrayLike<ClusterLabel>;
  level?: number;
}

export interface MeanCIResult extends Interval {
  method: "clt" | "clustered";
  /** Standard error of the mean. */
  se: number;
  /** Number of scores. */
  n: number;
  /** Number of distinct clusters, when `clusters` was given. */
  clusters?: number;
}

/** Check a clusters argument against the number of scores; returns the labels as an array. */
export function checkClusters(value: unknown, n: number, name = "clusters"): ClusterLabel[] {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    throw new TypeError(`${name} must be an array of labels, got ${show(value)}`);
  }
  const labels = Array.from(value as ArrayLike<unknown>);
  checkSameLength("scores", { length: n }, name, labels);
  labels.forEach((label, i) => {
    if (typeof label === "string") return;
    if (typeof label !== "number" || Number.isNaN(label)) {
      throw new TypeError(`${name}[${i}] must be a string or number label, got ${show(label)}`);
    }
  });
  return labels as ClusterLabel[];
}

/**
 * Standard error of the mean of `values` (at least two).
 *
 * Without clusters, Miller's SE_CLT = sqrt( Σ(s_i − s̄)² / (n − 1) / n ): the sample variance (n − 1)
 * over n. With clusters, Miller (2024) eq. 4:
 *   SE_clustered² = SE_CLT² + (1/n²) Σ_c Σ_{i≠j ∈ c} (s_i − s̄)(s_j − s̄)
 *                 = SE_CLT² + (1/n²) Σ_c [ (Σ_{i∈c}(s_i − s̄))² − Σ_{i∈c}(s_i − s̄)² ].
 * Only the cross terms are added, so singleton clusters give exactly SE_CLT (not the bare sandwich
 * (1/n²)Σ_c(Σ dev)², which is SE_CLT·sqrt((n − 1)/n)). No small-sample factor. The sum is never
 * negative: it equals Σdev²/(n²(n − 1)) + Σ_c(Σ dev)²/n².
 *
 * @example
 * standardErrorOfMean(new Float64Array([1, 0, 1, 1])).se // 0.25 (sd 0.5 over sqrt(4))
 */
export function standardErrorOfMean(
  values: Float64Array,
  clusters?: ClusterLabel[],
): { mean: number; se: number; clusterCount?: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  const cltVariance = squares / (n - 1) / n;
  if (!clusters) return { mean, se: Math.sqrt(cltVariance) };

  const clusterSums = new Map<ClusterLabel, number>();
  for (let i = 0; i < n; i++) {
    clusterSums.set(clusters[i], (clusterSums.get(clusters[i]) ?? 0) + (values[i] - mean));
  }
  let between = 0;
  for (const s of clusterSums.values()) between += s * s;
  const variance = Math.max(0, cltVariance + (between - squares) / (n * n));
  return { mean, se: Math.sqrt(variance), clusterCount: clusterSums.size };
}

/**
 * Mean score with a normal-approximation interval: estimate ± z·SE.
 *
 * Uses the normal quantile z, not Student's t, as Miller (2024) does: evals have hundreds of items,
 * where the two agree to three decimals, and with clusters the right t degrees of freedom are not
 * well defined. With `clusters`, the SE is Miller's clustered SE (see `standardErrorOfMean`).
 *
 * @example
 * meanCI([1, 0, 1, 1]).se;                                   // 0.25
 * meanCI([1, 0, 1, 1], { clusters: ["a", "a", "b", "b"] }).se; // 0.21650635094610965
 */
export function meanCI(scores: ArrayLike<number>, options?: MeanCIOptions): MeanCIResult {
  const values = checkNumberArray("scores", scores, 2);
  const opts = checkOptions("options", options);
  const level = checkLevel(opts.level);
  const labels = opts.clusters === undefined ? undefined : checkClusters(opts.clusters, values.length);
  const { mean, se, clusterCount } = standardErrorOfMean(values, labels);
  const z = -qnorm((1 - level) / 2);
  const result: MeanCIResult = {
    estimate: mean,
    se,
    lower: mean - z * se,
    upper: mean + z * se,
    level,
    method: labels ? "clustered" : "clt",
    n: values.length,
  };
  if (clusterCount !== undefined) result.clusters = clusterCount;
  return result;
}
