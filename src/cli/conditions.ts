/**
 * Conditions on the command line: regrouping records by another field (`compare --by model`), and
 * a condition name that is not there answered with the one meant ("did you mean").
 */
import type { RunRecord } from "../runs/record.js";
import { editDistance, suggestionDistance } from "../runs/columnMap.js";
import { valueAtPath } from "../runs/jsonPath.js";
import { UsageError } from "./args.js";

const show = (s: string): string => JSON.stringify(s);

/**
 * The condition meant by a name that is not one: the single closest by edit distance, else the only
 * condition that contains the name or is contained in it (ignoring case), e.g. "gpt-4-0314" for
 * "openaichat/gpt-4-0314". Undefined when no single one fits.
 *
 * @example meantCondition("gpt-4-0314", ["openaichat/gpt-4-0314", "openaichat/gpt-4-0613"]) // "openaichat/gpt-4-0314"
 */
export function meantCondition(name: string, conditions: readonly string[]): string | undefined {
  const lower = name.trim().toLowerCase();
  if (lower === "") return undefined;
  // The closest within the usual distance, when it is the only one that close. Not for numbers:
  // "0.5" is one edit from "0.0", and a temperature one edit away is another temperature.
  if (Number.isFinite(Number(lower))) return conditions.find((c) => Number(c) === Number(lower));
  const distances = conditions.map((c) => editDistance(lower, c.trim().toLowerCase()));
  const best = Math.min(...distances);
  if (best <= suggestionDistance(name)) {
    const closest = conditions.filter((_, i) => distances[i] === best);
    return closest.length === 1 ? closest[0] : undefined;
  }
  const within = conditions.filter((c) => c.toLowerCase().includes(lower) || lower.includes(c.toLowerCase()));
  return within.length === 1 ? within[0] : undefined;
}

/**
 * Throw a usage error when `name` (given with `--flag`) is not one of `conditions`, saying which
 * was probably meant and listing them.
 */
export function checkCondition(flag: string, name: string, conditions: readonly string[]): void {
  if (conditions.includes(name)) return;
  const meant = meantCondition(name, conditions);
  const list = conditions.map(show).join(", ");
  const rest = meant === undefined ? `; they have ${list}` : `; did you mean ${show(meant)}? They have ${list}`;
  throw new UsageError(`${flag} ${show(name)} is not a condition of these records${rest}`);
}

/** The fields a record can be grouped by: its own (model, cluster) and every key of its meta. */
function groupableFields(records: readonly RunRecord[]): string[] {
  const fields = new Set<string>();
  for (const r of records.slice(0, 1000)) {
    if (r.model !== undefined) fields.add("model");
    if (r.cluster !== undefined) fields.add("cluster");
    for (const k of Object.keys(r.meta ?? {})) fields.add(k);
  }
  return [...fields];
}

/** A record's value of `by`: "model", "cluster", or a meta field (dotted paths and a "meta." prefix allowed). */
function groupValue(r: RunRecord, by: string): unknown {
  if (by === "model") return r.model;
  if (by === "cluster") return r.cluster;
  return valueAtPath(r.meta, by.startsWith("meta.") && !(r.meta && by in r.meta) ? by.slice(5) : by);
}

/**
 * The records with their condition replaced by the value of `by` ("condition" leaves them as they
 * are). Every record must have the field; two records of one item that came from different
 * conditions and would now share one are refused, as they would pass for repeats.
 *
 * @example regroupRecords([{ item: "1", condition: "a.csv", score: 1, model: "m" }], "model")[0].condition // "m"
 */
export function regroupRecords(records: readonly RunRecord[], by: string): RunRecord[] {
  if (by === "condition") return [...records];
  let missing = 0;
  let firstMissing: RunRecord | undefined;
  const seen = new Map<string, string>();
  const out = records.map((r) => {
    const value = groupValue(r, by);
    const text = value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value).trim();
    if (text === "") {
      missing++;
      firstMissing ??= r;
      return r;
    }
    const key = `${r.item}\u0000${text}\u0000${r.sample ?? ""}`;
    const before = seen.get(key);
    if (before !== undefined && before !== r.condition) {
      throw new UsageError(`--by ${by} puts item ${show(r.item)} of conditions ${show(before)} and ${show(r.condition)} in one group ${show(text)}, where it would count as a repeat; group by a field that tells them apart, or read one of them`);
    }
    seen.set(key, r.condition);
    return { ...r, condition: text };
  });
  if (missing) {
    const fields = groupableFields(records);
    const present = fields.length ? `fields present: ${fields.join(", ")}` : "the records have no model, cluster or meta fields";
    throw new UsageError(`--by ${by}: ${missing} of ${records.length} records have no ${show(by)} (the first: item ${show(firstMissing!.item)} of ${show(firstMissing!.condition)}); ${present}; a table column is kept for --by with --meta COLUMN`);
  }
  return out;
}
