/** Shared result and option shapes of the statistics API (docs/architecture.md, "Conventions of the public API"). */

/** Direction of a test: `greater` asks whether the true value exceeds the null. */
export type Alternative = "two-sided" | "greater" | "less";

/** A confidence interval for one quantity. */
export interface Interval {
  /** Point estimate (a fraction for rates and gaps, never a percent). */
  estimate: number;
  lower: number;
  upper: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
  /** Name of the method that produced the interval. */
  method: string;
}

/** The result of a hypothesis test. */
export interface TestResult {
  pValue: number;
  alternative: Alternative;
  method: string;
  statistic?: number;
  estimate?: number;
  lower?: number;
  upper?: number;
}
