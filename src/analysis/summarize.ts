/**
 * `summarize`: one row per condition (or any grouping) with the items, the samples per item and
 * the accuracy with the error bar its design calls for, plus what was left out.
 */
import type { RunRecord } from "../runs/record.js";
import { checkOptions, show } from "../stats/validate.js";
import { estimateRate, type RateMethod } from "./estimateRate.js";
import type { RecordOptions } from "./records.js";
import { isItemTable, scoredGroups, type AnalysisInput } from "./itemTable.js";

export type GroupBy = "condition" | "model" | "cluster" | ((record: RunRecord) => string);

export interface SummarizeOptions extends RecordOptions {
  /** What a row is: `condition` (default), `model`, `cluster`, or a function of the record. */
  by?: GroupBy;
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
}

export interface SummaryRow {
  group: string;
  items: number;
  /** Mean scored answers per item. */
  samplesPerItem: number;
  /** Mean of the per-item mean scores. */
  accuracy: number;
  se: number;
  lower: number;
  upper: number;
  level: number;
  method: RateMethod;
  /** Distinct clusters, when the items carry two or more. */
  clusters?: number;
  /** Degrees of freedom of the interval (t and Korn–Graubard). */
  df?: number;
  /** Korn–Graubard: the effective number of answers. */
  effectiveSize?: number;
  /** Korn–Graubard fell back to exact on clusters (few clusters near the edge): conservative. */
  exactOnClusters?: boolean;
  /** Thin ground under this row (few clusters or items, a rate at the edge). */
  warnings: string[];
  /** Records given, records with an error, refused answers, and refusals / answered records. */
  records: number;
  errors: number;
  refusals: number;
  refusalRate: number;
}

/** The group of a record without the field `by` names (model or cluster). */
export const NO_GROUP = "(none)";

function groupKey(by: unknown): (r: RunRecord) => string {
  if (by === undefined || by === "condition") return (r) => r.condition;
  if (by === "model") return (r) => r.model ?? NO_GROUP;
  if (by === "cluster") return (r) => r.cluster ?? NO_GROUP;
  if (typeof by === "function") {
    return (r) => {
      const k = (by as (r: RunRecord) => unknown)(r);
      if (typeof k !== "string" || k === "") throw new TypeError(`by must return a non-empty string for each record, got ${show(k)}`);
      return k;
    };
  }
  throw new RangeError(`by must be "condition", "model", "cluster" or a function, got ${show(by)}`);
}

/**
 * Accuracy per group, repeats averaged per item first (mean of item means), with the interval
 * `estimateRate` picks: Clopper–Pearson for one binary answer per item, Korn–Graubard for 0/1 answers with
 * repeats or clusters, Student's t (CR2 with clusters) for graded scores. Errors are left out
 * and refusals count as wrong unless the options say otherwise; both are counted per group. A
 * group whose every record errored has no row (its count is still in no other row).
 *
 * @example
 * summarize([
 *   { item: "a", condition: "A", score: 1 }, { item: "b", condition: "A", score: 0 },
 *   { item: "c", condition: "A", score: 1 }, { item: "d", condition: "A", score: 1 },
 * ])[0].lower // 0.194120449683… (Clopper–Pearson 95%, R binom.test(3, 4)$conf.int: 0.1941204–0.9936905)
 */
export function summarize(records: AnalysisInput, options?: SummarizeOptions): SummaryRow[] {
  const opts = checkOptions("options", options);
  const byCondition = opts.by === undefined || opts.by === "condition";
  const { groups, counts } = scoredGroups(records, opts, isItemTable(records) && byCondition ? undefined : groupKey(opts.by));
  const rows: SummaryRow[] = [];
  for (const [group, c] of counts) {
    const list = groups.get(group);
    if (!list) continue;
    const r = estimateRate(list, opts.level);
    rows.push({
      group,
      items: r.items,
      samplesPerItem: r.samplesPerItem,
      accuracy: r.accuracy,
      se: r.se,
      lower: r.lower,
      upper: r.upper,
      level: r.level,
      method: r.method,
      ...(r.clusters !== undefined ? { clusters: r.clusters } : {}),
      ...(r.df !== undefined ? { df: r.df } : {}),
      ...(r.effectiveSize !== undefined ? { effectiveSize: r.effectiveSize } : {}),
      ...(r.exactOnClusters ? { exactOnClusters: true } : {}),
      warnings: r.warnings,
      records: c.records,
      errors: c.errors,
      refusals: c.refusals,
      refusalRate: c.refusalRate,
    });
  }
  return rows;
}
