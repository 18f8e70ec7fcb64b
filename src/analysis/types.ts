/**
 * The shapes the eval-aware layer's results share, and the names of the methods it may pick: one
 * module that both the functions that compute (compareConditions, beatsChance) and the sentences
 * that describe them import, so neither imports the other and the sentences' table of method names
 * is checked by the compiler against these unions.
 */
import type { Alternative } from "../stats/types.js";
import type { ConditionCounts, RecordOptions } from "./records.js";

/** The test and interval a comparison of two conditions used. */
export type CompareMethod =
  | "mcnemar-exact, tango interval"
  /** Student's t on the paired item differences, n − 1 df. */
  | "paired-t"
  /** Paired differences with clusters: CR2 variance, Satterthwaite df. */
  | "paired-t-cr2"
  /** 0/1 answers with a rate near the edge: MOVER on each rate's Korn–Graubard interval, its dual test. */
  | "paired-mover-korn-graubard"
  /** Every paired difference the same: an exact sign test on the items (or clusters). */
  | "paired-sign-test"
  | "fisher-exact, newcombe interval"
  /** Welch–Satterthwaite t on item means. */
  | "welch-t"
  /** Welch with each side's CR2 variance, the df combined by Satterthwaite. */
  | "welch-t-cr2";

/** The test a chance verdict used. */
export type ChanceMethod =
  | "exact-binomial"
  /** The exact binomial tail on the Korn–Graubard effective number of answers. */
  | "korn-graubard"
  | "t"
  | "t-cr2"
  | "permutation of answers across items"
  /** Against a majority guesser scored on the same items: a paired comparison, not a fixed p0. */
  | "mcnemar-exact vs majority guesser"
  | "paired-t vs majority guesser"
  | "paired-t-cr2 vs majority guesser"
  | "sign test vs majority guesser";

/** Every method a verdict sentence may name. */
export type VerdictMethod = CompareMethod | ChanceMethod;

export type Pairing = "auto" | "paired" | "independent";

/** How a family of comparisons adjusts its p-values (`adjustPValues` methods, or none). */
export type Correction = "bonferroni" | "holm" | "hochberg" | "hommel" | "bh" | "by" | "none";

/** How the intervals of a family of comparisons hold together: each at 1 − (1 − level)/m (Bonferroni). */
export type SimultaneousIntervalMethod = "bonferroni";

export interface CompareOptions extends RecordOptions {
  baseline: string;
  treatment: string;
  /** `auto` (default): paired when the conditions share most of their items. */
  pairing?: Pairing;
  /** Confidence level of the interval (default 0.95). */
  level?: number;
  /** Significance level for the verdict and the MDE (default 0.05). */
  alpha?: number;
  /** Power for the MDE (default 0.8). */
  power?: number;
  /** Direction of the test (default `two-sided`); `greater` asks whether treatment beats baseline. */
  alternative?: Alternative;
}

export interface Comparison {
  baseline: string;
  treatment: string;
  /** treatment − baseline (mean of item means). */
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  se: number;
  pValue: number;
  alternative: Alternative;
  alpha: number;
  significant: boolean;
  method: CompareMethod;
  paired: boolean;
  /** Items in the comparison: pairs when paired, both sides together when independent. */
  items: number;
  baselineItems: number;
  treatmentItems: number;
  /** Items present under only one condition, left out of a paired comparison (0 when independent). */
  droppedItems: number;
  /** Pearson correlation of item scores across conditions (paired); null when independent. */
  correlation: number | null;
  /** The smallest true gap (either direction) this design detects with `power` at `alpha`. */
  mde: number;
  baselineAccuracy: number;
  treatmentAccuracy: number;
  /** Distinct clusters, when the clustered SE was used. */
  clusters?: number;
  /** Degrees of freedom of the t reference distribution (t methods). */
  df?: number;
  /** Thin ground under the verdict (few pairs or clusters, no spread); the sentence repeats them. */
  warnings: string[];
  /** Records, errors and refusals per condition. */
  counts: { baseline: ConditionCounts; treatment: ConditionCounts };
  sentence: string;
}
