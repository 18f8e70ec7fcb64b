/**
 * One row (CSV fields or a JSON object) → one `RunRecord`, or the reason it cannot be one.
 * Shared by the table loaders so CSV and JSONL check values the same way.
 */
import type { RunRecord } from "./record.js";
import type { RecordField } from "./columnMap.js";
import { scoreValue, SCORE_MESSAGE } from "./scoreValue.js";

/** A row's raw values by record field (already looked up through the column map). */
export type RawFields = Partial<Record<RecordField, unknown>>;

/** A reason a row is not a record: the message and the offending value. */
export interface RowFault {
  message: string;
  value: unknown;
}

/** `Map`-backed string sharing: a million rows naming ten conditions hold ten strings, not a million. */
export class StringPool {
  private readonly pool = new Map<string, string>();
  intern(s: string): string {
    if (s.length < 2) return s; // V8 already shares one-character strings
    const found = this.pool.get(s);
    if (found !== undefined) return found;
    if (this.pool.size < 100_000) this.pool.set(s, s);
    return s;
  }
}

/** Trim only when an end is whitespace: most cells are clean, and this runs per cell on big files. */
function trimmed(s: string): string {
  const n = s.length;
  return n > 0 && s.charCodeAt(0) > 32 && s.charCodeAt(n - 1) > 32 ? s : s.trim();
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === "string" && trimmed(v) === "");
}

function text(v: unknown): string {
  return typeof v === "string" ? trimmed(v) : typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** The cell as trimmed text, or undefined when it is blank. */
function optionalText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const t = text(v);
  return t === "" ? undefined : t;
}

/** True when every character of `s` is a digit 0-9. */
function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

/** A non-negative integer from a number or a numeric string, else undefined. */
function wholeNumber(v: unknown): number | undefined {
  if (typeof v === "string" && allDigits(v)) return Number(v);
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+(\.0*)?\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

function flag(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v !== "string") return undefined;
  const t = v.trim().toLowerCase();
  if (t === "true" || t === "1" || t === "yes") return true;
  if (t === "false" || t === "0" || t === "no") return false;
  return undefined;
}

/**
 * Build a record from raw field values. `condition` wins over `raw.condition` when given (a constant
 * or file-derived condition). A row with an error and no score keeps score 0 and its `error`, so the
 * analysis can leave it out and count it.
 */
export function buildRecord(raw: RawFields, condition: string | undefined, pool: StringPool): RunRecord | RowFault {
  const item = raw.item;
  if (isBlank(item)) return { message: "empty item id", value: item ?? "" };
  const cond = condition ?? (isBlank(raw.condition) ? undefined : text(raw.condition));
  if (cond === undefined) return { message: "empty condition", value: raw.condition ?? "" };
  const error = isBlank(raw.error) ? undefined : text(raw.error);
  let score: number | undefined;
  if (isBlank(raw.score) && error !== undefined) score = 0;
  else {
    score = scoreValue(raw.score);
    if (score === undefined) return { message: SCORE_MESSAGE, value: raw.score ?? "" };
  }
  const record: RunRecord = { item: pool.intern(text(item)), condition: pool.intern(cond), score };
  if (raw.sample !== undefined && !isBlank(raw.sample)) {
    const sample = wholeNumber(raw.sample);
    if (sample === undefined) return { message: SAMPLE_MESSAGE, value: raw.sample };
    record.sample = sample;
  }
  const cluster = optionalText(raw.cluster);
  if (cluster !== undefined) record.cluster = pool.intern(cluster);
  const model = optionalText(raw.model);
  if (model !== undefined) record.model = pool.intern(model);
  const answer = optionalText(raw.answer);
  if (answer !== undefined) record.answer = pool.intern(answer);
  const target = optionalText(raw.target);
  if (target !== undefined) record.target = pool.intern(target);
  if (!isBlank(raw.choices)) {
    const choices = wholeNumber(raw.choices);
    if (choices === undefined || choices < 2) return { message: CHOICES_MESSAGE, value: raw.choices };
    record.choices = choices;
  }
  if (!isBlank(raw.refused)) {
    const refused = flag(raw.refused);
    if (refused === undefined) return { message: REFUSED_MESSAGE, value: raw.refused };
    record.refused = refused;
  }
  if (error !== undefined) record.error = error;
  return record;
}

/** Tell a fault from a record. */
export function isFault(x: RunRecord | RowFault): x is RowFault {
  return (x as RowFault).message !== undefined && (x as RunRecord).item === undefined;
}

/**
 * Catches the same (item, condition, sample) twice, across all files of one load: a repeat that is
 * not numbered, or two files given the same condition, would otherwise inflate n silently.
 */
export class DuplicateGuard {
  // condition → item → the sample seen (a number while there is one, then a Set). Nested maps keyed
  // by the pooled strings are several times faster than one Set of joined keys on a million rows.
  private readonly seen = new Map<string, Map<string, number | Set<number>>>();
  /** True when this key was already seen. */
  isDuplicate(r: RunRecord): boolean {
    let items = this.seen.get(r.condition);
    if (items === undefined) {
      items = new Map();
      this.seen.set(r.condition, items);
    }
    const sample = r.sample ?? -1;
    const previous = items.get(r.item);
    if (previous === undefined) {
      items.set(r.item, sample);
      return false;
    }
    if (typeof previous === "number") {
      if (previous === sample) return true;
      items.set(r.item, new Set([previous, sample]));
      return false;
    }
    if (previous.has(sample)) return true;
    previous.add(sample);
    return false;
  }
}

export const DUPLICATE_MESSAGE = "duplicate (item, condition, sample): this answer was already loaded";
export const SAMPLE_MESSAGE = "sample is not a whole number";
export const CHOICES_MESSAGE = "choices is not a whole number of at least 2";
export const REFUSED_MESSAGE = "refused is not true/false";
