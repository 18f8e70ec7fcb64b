/**
 * Thin ground: the designs on which a verdict, however it is computed, rests on little. Each warning
 * is a plain clause that the result carries in `warnings` and its sentence repeats, so a reader
 * who quotes the verdict quotes its caveat too. The thresholds are the usual rules of thumb: cluster-
 * robust inference is unreliable below about 20 clusters (Cameron & Miller 2015, "A practitioner's
 * guide to cluster-robust inference", J. Human Resources 50(2), §VI), the normal approximation below
 * about 30 items, and any interval from the observed spread when fewer than 5 answers fall on one
 * side (the np ≥ 5 rule).
 */
import { formatCount } from "./format.js";

/** Below this many clusters a warning says the interval rests on few cluster means. */
export const FEW_CLUSTERS = 20;
/** Below this many items (or pairs) a warning says the sample is small. */
export const FEW_ITEMS = 30;
/** Fewer right (or wrong) answers than this: the rate is at the edge. */
export const EDGE_ANSWERS = 5;

/** The few-clusters warning, shared by rates and gaps (a list of none or one). */
function fewClusters(clusters: number | undefined): string[] {
  if (clusters === undefined || clusters >= FEW_CLUSTERS) return [];
  return [`only ${formatCount(clusters)} clusters (fewer than ${FEW_CLUSTERS}): the interval rests on ${formatCount(clusters)} cluster means`];
}

/** What the warnings look at, for one rate. */
export interface RateFacts {
  items: number;
  /** Scored answers (items × samples). */
  answers: number;
  /** Mean of item means. */
  accuracy: number;
  /** Distinct clusters, when the items carry two or more. */
  clusters?: number;
}

/**
 * The thin-ground warnings of one rate.
 *
 * @example
 * rateWarnings({ items: 10, answers: 50, accuracy: 1, clusters: 5 }).length // 3
 */
export function rateWarnings(f: RateFacts): string[] {
  const warnings = fewClusters(f.clusters);
  if (f.items < FEW_ITEMS) warnings.push(`only ${formatCount(f.items)} items (fewer than ${FEW_ITEMS})`);
  const right = Math.round(f.accuracy * f.answers);
  const wrong = f.answers - right;
  if (wrong === 0 || right === 0) {
    warnings.push(`every answer is ${wrong === 0 ? "right" : "wrong"}: the sample shows no spread, so the interval is exact on ${f.clusters !== undefined ? "clusters" : "items"}, not estimated from the spread`);
  } else if (wrong < EDGE_ANSWERS || right < EDGE_ANSWERS) {
    const few = Math.min(wrong, right);
    warnings.push(`only ${formatCount(few)} of ${formatCount(f.answers)} answers ${wrong < right ? "wrong" : "right"} (fewer than ${EDGE_ANSWERS})`);
  }
  return warnings;
}

/** What the warnings look at, for a gap between two conditions. */
export interface GapFacts {
  paired: boolean;
  /** Pairs when paired; the smaller side when independent. */
  items: number;
  clusters?: number;
  /** Every item difference is the same (paired): the gap shows no spread. */
  noSpread: boolean;
}

/**
 * The thin-ground warnings of a comparison.
 *
 * @example
 * gapWarnings({ paired: true, items: 12, noSpread: false }).length // 1 ("only 12 pairs (fewer than 30)")
 */
export function gapWarnings(f: GapFacts): string[] {
  const warnings = fewClusters(f.clusters);
  if (f.items < FEW_ITEMS) warnings.push(`only ${formatCount(f.items)} ${f.paired ? "pairs" : "items on the smaller side"} (fewer than ${FEW_ITEMS})`);
  if (f.noSpread) warnings.push("every item's difference is the same: the gap shows no spread, so the test counts signs (exact)");
  return warnings;
}

/**
 * The warnings as one sentence to append: "Thin ground: only 5 clusters …; only 10 items …."
 *
 * @example
 * warningSentence(["only 12 pairs (fewer than 30)"]) // " Thin ground: only 12 pairs (fewer than 30)."
 */
export function warningSentence(warnings: readonly string[]): string {
  return warnings.length === 0 ? "" : ` Thin ground: ${warnings.join("; ")}.`;
}
