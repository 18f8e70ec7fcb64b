/**
 * The item table: what every analysis needs from a log, one row per (condition, item) — how many
 * answers, their sum and sum of squares, errors and refusals, the cluster, the options, the target
 * and the answers given (as counts). Every statistic evalgap reports is a function of these item-
 * level sufficient statistics, so a log of any size reduces to a table of conditions × items (by
 * SQL, or from records here) and the analysis takes the table as well as records, with the same
 * results (test/analysis/itemTable.test.ts checks this on every shared fixture).
 */
import type { RunRecord } from "../runs/record.js";
import { checkRecords, groupRecords, hasError, scoreRecords, type ConditionCounts, type RecordOptions } from "./records.js";
import { itemScores, type ItemScore } from "./itemScores.js";
import { checkChoice, show } from "../stats/validate.js";

/** Status of an answer, for the error and refusal rules. */
export const ANSWERED = 0;
export const REFUSED = 1;
export const ERRORED = 2;

/**
 * Columns of typed arrays, one entry per (condition, item) row, rows in order of first appearance.
 * Strings are stored once, in `conditions`, `itemIds`, `clusters` and `labels`, and rows refer to
 * them by index (−1: none). `answerStart[r] … answerStart[r + 1]` are row r's answer entries:
 * a label, the answers' status (answered, refused, errored) and how many answers gave it.
 */
export interface ItemTable {
  readonly kind: "item-table";
  readonly conditions: readonly string[];
  readonly itemIds: readonly string[];
  readonly clusters: readonly string[];
  readonly labels: readonly string[];
  readonly condition: Int32Array;
  readonly item: Int32Array;
  readonly cluster: Int32Array;
  /** Number of options (0: not given). */
  readonly choices: Int32Array;
  /** Index of the target in `labels` (−1: not given). */
  readonly target: Int32Array;
  /** Answers that were neither errors nor refusals, and the sum and sum of squares of their scores. */
  readonly answered: Float64Array;
  readonly sum: Float64Array;
  readonly sumSquares: Float64Array;
  readonly refused: Float64Array;
  readonly errors: Float64Array;
  readonly answerStart: Int32Array;
  readonly answerLabel: Int32Array;
  readonly answerStatus: Uint8Array;
  readonly answerCount: Float64Array;
}

/** Whether an analysis input is an item table (else it is records). */
export function isItemTable(input: unknown): input is ItemTable {
  return typeof input === "object" && input !== null && (input as { kind?: unknown }).kind === "item-table";
}

class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  code(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

function conflict(item: string, condition: string, field: string, a: unknown, b: unknown): never {
  throw new RangeError(`item ${JSON.stringify(item)} has two values of ${field} within condition ${JSON.stringify(condition)}: ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
}

/**
 * Reduce records to the item table (records are checked as every analysis checks them).
 *
 * @example
 * const table = itemTableFromRecords([
 *   { item: "q1", condition: "A", score: 1, answer: "B", target: "B" },
 *   { item: "q1", condition: "A", score: 0, answer: "C", target: "B" },
 * ]);
 * table.sum[0] / table.answered[0] // 0.5
 */
export function itemTableFromRecords(input: readonly RunRecord[]): ItemTable {
  const records = checkRecords(input);
  const conditions = new Dictionary();
  const itemIds = new Dictionary();
  const clusters = new Dictionary();
  const labels = new Dictionary();
  const rowOf = new Map<string, number>();
  const rows: { condition: number; item: number; cluster: number; choices: number; target: number; answered: number; sum: number; sumSquares: number; refused: number; errors: number; answers: Map<number, number> }[] = [];
  for (const r of records) {
    const key = `${r.condition}\u0000${r.item}`;
    let index = rowOf.get(key);
    if (index === undefined) {
      index = rows.length;
      rowOf.set(key, index);
      rows.push({ condition: conditions.code(r.condition), item: itemIds.code(r.item), cluster: -1, choices: 0, target: -1, answered: 0, sum: 0, sumSquares: 0, refused: 0, errors: 0, answers: new Map() });
    }
    const row = rows[index];
    if (r.cluster !== undefined) {
      const c = clusters.code(r.cluster);
      if (row.cluster >= 0 && row.cluster !== c) conflict(r.item, r.condition, "cluster", clusters.values[row.cluster], r.cluster);
      row.cluster = c;
    }
    if (r.choices !== undefined) {
      if (row.choices > 0 && row.choices !== r.choices) conflict(r.item, r.condition, "choices", row.choices, r.choices);
      row.choices = r.choices;
    }
    if (r.target !== undefined) {
      const t = labels.code(r.target);
      if (row.target >= 0 && row.target !== t) conflict(r.item, r.condition, "target", labels.values[row.target], r.target);
      row.target = t;
    }
    const status = hasError(r) ? ERRORED : r.refused === true ? REFUSED : ANSWERED;
    if (status === ERRORED) row.errors++;
    else if (status === REFUSED) row.refused++;
    else {
      row.answered++;
      row.sum += r.score;
      row.sumSquares += r.score * r.score;
    }
    // Key: label and status in one number (3 statuses).
    const entry = labels.code(r.answer ?? "") * 3 + status;
    row.answers.set(entry, (row.answers.get(entry) ?? 0) + 1);
  }
  const n = rows.length;
  const entries = rows.reduce((acc, row) => acc + row.answers.size, 0);
  const table = {
    kind: "item-table" as const,
    conditions: conditions.values, itemIds: itemIds.values, clusters: clusters.values, labels: labels.values,
    condition: new Int32Array(n), item: new Int32Array(n), cluster: new Int32Array(n), choices: new Int32Array(n), target: new Int32Array(n),
    answered: new Float64Array(n), sum: new Float64Array(n), sumSquares: new Float64Array(n), refused: new Float64Array(n), errors: new Float64Array(n),
    answerStart: new Int32Array(n + 1), answerLabel: new Int32Array(entries), answerStatus: new Uint8Array(entries), answerCount: new Float64Array(entries),
  };
  let e = 0;
  rows.forEach((row, i) => {
    table.condition[i] = row.condition;
    table.item[i] = row.item;
    table.cluster[i] = row.cluster;
    table.choices[i] = row.choices;
    table.target[i] = row.target;
    table.answered[i] = row.answered;
    table.sum[i] = row.sum;
    table.sumSquares[i] = row.sumSquares;
    table.refused[i] = row.refused;
    table.errors[i] = row.errors;
    table.answerStart[i] = e;
    for (const [entry, count] of row.answers) {
      table.answerLabel[e] = Math.floor(entry / 3);
      table.answerStatus[e] = entry % 3;
      table.answerCount[e] = count;
      e++;
    }
  });
  table.answerStart[n] = e;
  return table;
}

/**
 * Each condition's item scores and counts from an item table, under the error and refusal rules:
 * refused answers score 0 (or are left out), errored answers are left out (or score 0). An item's
 * scores are binary when the sum of squares equals the sum (s² = s only for s in {0, 1}).
 */
export function itemScoresFromTable(table: ItemTable, options: RecordOptions = {}): { groups: Map<string, ItemScore[]>; counts: Map<string, ConditionCounts> } {
  if (!isItemTable(table)) throw new TypeError(`table must be an item table, got ${show(table)}`);
  const errorsWrong = (options.errors === undefined ? "exclude" : checkChoice("errors", options.errors, ["exclude", "wrong"] as const)) === "wrong";
  const refusalsWrong = (options.refusals === undefined ? "wrong" : checkChoice("refusals", options.refusals, ["wrong", "exclude"] as const)) === "wrong";
  const groups = new Map<string, ItemScore[]>();
  const counts = new Map<string, ConditionCounts>();
  for (let r = 0; r < table.condition.length; r++) {
    const condition = table.conditions[table.condition[r]];
    let c = counts.get(condition);
    if (!c) {
      c = { condition, records: 0, scored: 0, errors: 0, refusals: 0, refusalRate: 0 };
      counts.set(condition, c);
    }
    const samples = table.answered[r] + (refusalsWrong ? table.refused[r] : 0) + (errorsWrong ? table.errors[r] : 0);
    c.records += table.answered[r] + table.refused[r] + table.errors[r];
    c.errors += table.errors[r];
    c.refusals += table.refused[r];
    c.scored += samples;
    if (samples === 0) continue;
    const answers: string[] = [];
    for (let e = table.answerStart[r]; e < table.answerStart[r + 1]; e++) {
      const status = table.answerStatus[e];
      if (status === REFUSED && !refusalsWrong) continue;
      if (status === ERRORED && !errorsWrong) continue;
      for (let k = 0; k < table.answerCount[e]; k++) answers.push(table.labels[table.answerLabel[e]]);
    }
    const score: ItemScore = {
      item: table.itemIds[table.item[r]],
      mean: table.sum[r] / samples,
      samples,
      binary: table.sumSquares[r] === table.sum[r],
      answers,
    };
    if (table.cluster[r] >= 0) score.cluster = table.clusters[table.cluster[r]];
    if (table.target[r] >= 0) score.target = table.labels[table.target[r]];
    if (table.choices[r] > 0) score.choices = table.choices[r];
    const list = groups.get(condition);
    if (list) list.push(score);
    else groups.set(condition, [score]);
  }
  for (const c of counts.values()) {
    const answered = c.records - c.errors;
    c.refusalRate = answered > 0 ? c.refusals / answered : 0;
  }
  return { groups, counts };
}

/** What the analyses take: records, or their item table. */
export type AnalysisInput = readonly RunRecord[] | ItemTable;

/**
 * Each group's item scores and counts, from records (grouped by `key`, the condition by default)
 * or from an item table (grouped by condition; a table has no other key).
 */
export function scoredGroups(input: AnalysisInput, options: RecordOptions, key?: (r: RunRecord) => string): { groups: Map<string, ItemScore[]>; counts: Map<string, ConditionCounts> } {
  if (isItemTable(input)) {
    if (key !== undefined) throw new RangeError("an item table is grouped by condition only; group the records (or the SQL) by the field instead");
    return itemScoresFromTable(input, options);
  }
  const group = key ?? ((r: RunRecord) => r.condition);
  const { records, counts } = scoreRecords(input, options, group);
  const groups = new Map<string, ItemScore[]>();
  for (const [name, list] of groupRecords(records, group)) groups.set(name, itemScores(list));
  return { groups, counts };
}
