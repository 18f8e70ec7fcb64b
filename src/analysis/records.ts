/**
 * Records in, scores out: check `RunRecord`s and apply the two eval-specific rules before any
 * statistic sees them. Answers with an `error` never happened, so by default they are left out of
 * scores (and counted); `refused` answers did happen, so by default they count as wrong (and the
 * refusal rate is reported), because a production model that declines the task is a finding.
 */
import type { RunRecord } from "../runs/record.js";
import { checkChoice, show } from "../stats/validate.js";

/** How errors and refusals enter the scores. */
export interface RecordOptions {
  /** `exclude` (default): records with `error` are left out of scores; `wrong`: they score 0. */
  errors?: "exclude" | "wrong";
  /** `wrong` (default): refused answers score 0; `exclude`: they are left out of scores. */
  refusals?: "wrong" | "exclude";
}

/** What happened to one condition's records. */
export interface ConditionCounts {
  /** The condition (or group) counted. */
  condition: string;
  /** Records given for the condition. */
  records: number;
  /** Records that entered the scores. */
  scored: number;
  /** Records carrying an `error`. */
  errors: number;
  /** Records marked `refused` (errors not included). */
  refusals: number;
  /** refusals / (records − errors): how often the model declined when it answered at all; 0 when nothing was answered. */
  refusalRate: number;
}

/** The records that count, and the per-condition tally of what was left out or forced wrong. */
export interface ScoredRecords {
  records: RunRecord[];
  counts: Map<string, ConditionCounts>;
}

function fail(index: number, field: string, message: string, value: unknown, Kind: typeof TypeError | typeof RangeError): never {
  throw new Kind(`records[${index}].${field} ${message}, got ${show(value)}`);
}

/**
 * Check an array of `RunRecord`s: item and condition are non-empty strings; score a number in
 * [0, 1] (any value is allowed on a record with `error`, which is never scored as given);
 * sample a non-negative integer; choices an integer ≥ 2; refused a boolean.
 *
 * @example
 * checkRecords([{ item: "q1", condition: "A", score: 1 }]).length // 1
 */
export function checkRecords(records: unknown, name = "records"): RunRecord[] {
  if (!Array.isArray(records)) throw new TypeError(`${name} must be an array of RunRecords, got ${show(records)}`);
  if (records.length === 0) throw new RangeError(`${name} must hold at least one record, got 0`);
  records.forEach((r: unknown, i) => {
    if (typeof r !== "object" || r === null || Array.isArray(r)) throw new TypeError(`${name}[${i}] must be a RunRecord object, got ${show(r)}`);
    const rec = r as Record<string, unknown>;
    for (const field of ["item", "condition"] as const) {
      const v = rec[field];
      if (typeof v !== "string") fail(i, field, "must be a string", v, TypeError);
      if (v.trim() === "") fail(i, field, "must not be empty", v, RangeError);
    }
    const hasError = rec.error !== undefined && rec.error !== null && rec.error !== "";
    const score = rec.score;
    if (!hasError) {
      if (typeof score !== "number" || Number.isNaN(score)) fail(i, "score", "must be a number", score, TypeError);
      if (!(score >= 0 && score <= 1)) fail(i, "score", "must be between 0 and 1", score, RangeError);
    }
    if (rec.sample !== undefined && !(Number.isInteger(rec.sample) && (rec.sample as number) >= 0)) {
      fail(i, "sample", "must be a non-negative integer", rec.sample, RangeError);
    }
    if (rec.choices !== undefined && !(Number.isInteger(rec.choices) && (rec.choices as number) >= 2)) {
      fail(i, "choices", "must be an integer of at least 2", rec.choices, RangeError);
    }
    if (rec.refused !== undefined && typeof rec.refused !== "boolean") fail(i, "refused", "must be a boolean", rec.refused, TypeError);
    if (rec.cluster !== undefined && typeof rec.cluster !== "string") fail(i, "cluster", "must be a string", rec.cluster, TypeError);
  });
  return records as RunRecord[];
}

/** Whether a record carries an error (a non-empty `error`). */
export function hasError(record: RunRecord): boolean {
  return record.error !== undefined && record.error !== null && record.error !== "";
}

/**
 * Apply the error and refusal rules: returns the records that enter scores (refused ones with
 * score 0 unless `refusals: "exclude"`; errored ones left out unless `errors: "wrong"`, then with
 * score 0) and, per condition (or per `key` of a record), how many records, errors and refusals
 * there were.
 *
 * @example
 * const { records, counts } = scoreRecords([
 *   { item: "a", condition: "A", score: 1 },
 *   { item: "b", condition: "A", score: 1, refused: true },
 *   { item: "c", condition: "A", score: 0, error: "timeout" },
 * ]);
 * records.map((r) => r.score) // [1, 0]
 * counts.get("A").refusalRate // 0.5
 */
export function scoreRecords(input: unknown, options: RecordOptions = {}, key: (r: RunRecord) => string = (r) => r.condition): ScoredRecords {
  const all = checkRecords(input);
  const errors = options.errors === undefined ? "exclude" : checkChoice("errors", options.errors, ["exclude", "wrong"] as const);
  const refusals = options.refusals === undefined ? "wrong" : checkChoice("refusals", options.refusals, ["wrong", "exclude"] as const);
  const counts = new Map<string, ConditionCounts>();
  const records: RunRecord[] = [];
  for (const r of all) {
    const group = key(r);
    let c = counts.get(group);
    if (!c) {
      c = { condition: group, records: 0, scored: 0, errors: 0, refusals: 0, refusalRate: 0 };
      counts.set(group, c);
    }
    c.records++;
    if (hasError(r)) {
      c.errors++;
      if (errors === "exclude") continue;
      records.push({ ...r, score: 0 });
    } else if (r.refused === true) {
      c.refusals++;
      if (refusals === "exclude") continue;
      records.push({ ...r, score: 0 });
    } else {
      records.push(r);
    }
    c.scored++;
  }
  for (const c of counts.values()) {
    const answered = c.records - c.errors;
    c.refusalRate = answered > 0 ? c.refusals / answered : 0;
  }
  return { records, counts };
}

/** Split records by a key, keeping the order in which keys first appear. */
export function groupRecords(records: readonly RunRecord[], key: (r: RunRecord) => string): Map<string, RunRecord[]> {
  const groups = new Map<string, RunRecord[]>();
  for (const r of records) {
    const k = key(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return groups;
}
