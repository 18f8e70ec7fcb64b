/**
 * One condition's accuracy with the error bar its design calls for: Wilson's score interval when
 * each item was answered once with a 0/1 score (the count is binomial), the CLT on item means when
 * items were asked K times or scores are graded, Miller's clustered SE when items come in clusters
 * (Miller 2024, "Adding Error Bars to Evals", eqs. 1 and 4).
 */
import { meanCI } from "../stats/meanCI.js";
import { proportionCI } from "../stats/proportionCI.js";
import { checkLevel } from "../stats/validate.js";
import { clusterLabels, describeItems, type ItemScore } from "./itemScores.js";

export type RateMethod = "wilson" | "clt" | "clustered";

export interface RateEstimate {
  /** Mean of the per-item mean scores. */
  accuracy: number;
  se: number;
  lower: number;
  upper: number;
  level: number;
  method: RateMethod;
  items: number;
  samplesPerItem: number;
  /** Items right (single binary answers only; otherwise the sum of item means). */
  successes: number;
  /** Distinct clusters, when the clustered SE was used. */
  clusters?: number;
}

/**
 * Accuracy, SE and interval for one set of item scores. Wilson's SE is the binomial √(p(1 − p)/n);
 * the CLT and clustered SEs come from `meanCI`. A single item admits no CLT standard error.
 *
 * @example
 * const items = [1, 1, 0, 1].map((mean, i) => ({ item: String(i), mean, samples: 1, binary: true, answers: [] }));
 * estimateRate(items).method // "wilson"
 */
export function estimateRate(items: readonly ItemScore[], levelOption?: number): RateEstimate {
  const level = checkLevel(levelOption);
  const design = describeItems(items);
  if (design.items === 0) throw new RangeError("no scored items: every record was an error or left out");
  const successes = items.reduce((acc, s) => acc + s.mean, 0);
  const base = { items: design.items, samplesPerItem: design.samplesPerItem, successes, level };
  if (design.singleBinary && !design.clustered) {
    const k = Math.round(successes);
    const ci = proportionCI(k, design.items, { level, method: "wilson" });
    const p = k / design.items;
    return { ...base, accuracy: p, se: Math.sqrt((p * (1 - p)) / design.items), lower: ci.lower, upper: ci.upper, method: "wilson" };
  }
  if (design.items < 2) throw new RangeError(`a standard error from item means needs at least 2 items, got ${design.items}`);
  const means = items.map((s) => s.mean);
  const ci = design.clustered ? meanCI(means, { level, clusters: clusterLabels(items) }) : meanCI(means, { level });
  return {
    ...base,
    accuracy: ci.estimate,
    se: ci.se,
    lower: ci.lower,
    upper: ci.upper,
    method: ci.method,
    ...(ci.clusters !== undefined ? { clusters: ci.clusters } : {}),
  };
}
