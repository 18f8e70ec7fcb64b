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
import { ANSWERED, ERRORED, REFUSED, buildItemTable, isItemTable, type ItemRow, type ItemTable } from "../runs/itemTable.js";
import { checkChoice, show } from "../stats/validate.js";

export { isItemTable, type ItemTable } from "../runs/itemTable.js";

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
  const rowOf = new Map<string, ItemRow & { entries: Map<string, [string, number, number]> }>();
  for (const r of records) {
    const key = `${r.condition}\u0000${r.item}`;
    let row = rowOf.get(key);
    if (row === undefined) {
      row = { condition: r.condition, item: r.item, answered: 0, sum: 0, sumSquares: 0, refused: 0, errors: 0, answers: [], entries: new Map() };
      rowOf.set(key, row);
    }
    if (r.cluster !== undefined) {
      if (row.cluster !== undefined && row.cluster !== r.cluster) conflict(r.item, r.condition, "cluster", row.cluster, r.cluster);
      row.cluster = r.cluster;
    }
    if (r.choices !== undefined) {
      if (row.choices !== undefined && row.choices !== r.choices) conflict(r.item, r.condition, "choices", row.choices, r.choices);
      row.choices = r.choices;
    }
    if (r.target !== undefined) {
      if (row.target !== undefined && row.target !== r.target) conflict(r.item, r.condition, "target", row.target, r.target);
      row.target = r.target;
    }
    const status = hasError(r) ? ERRORED : r.refused === true ? REFUSED : ANSWERED;
    if (status === ERRORED) row.errors++;
    else if (status === REFUSED) row.refused++;
    else {
      row.answered++;
      row.sum += r.score;
      row.sumSquares += r.score * r.score;
    }
    const label = r.answer ?? "";
    const entryKey = `${status}\u0000${label}`;
    const entry = row.entries.get(entryKey);
    if (entry) entry[2]++;
    else {
      const fresh: [string, number, number] = [label, status, 1];
      row.entries.set(entryKey, fresh);
      row.answers.push(fresh);
    }
  }
  return buildItemTable([...rowOf.values()]);
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
    const score: ItemScore = new TableItemScore(table, r, table.sum[r] / samples, samples, refusalsWrong, errorsWrong);
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

/**
 * An item's score read from a table row. Its answers, one string per answer, are spelt out only
 * when asked for (chance baselines ask for the counts): 100 samples of a million items would be 10⁸
 * strings that most analyses never read. The row is held in private fields, so the object shows
 * (and compares) as the item score of the same records does.
 */
class TableItemScore implements ItemScore {
  readonly item: string;
  readonly binary: boolean;
  cluster?: string;
  target?: string;
  choices?: number;
  readonly #table: ItemTable;
  readonly #row: number;
  readonly #rules: number;
  #answers?: string[];
  #answerCounts?: [string, number][];

  constructor(table: ItemTable, row: number, readonly mean: number, readonly samples: number, refusalsWrong: boolean, errorsWrong: boolean) {
    this.item = table.itemIds[table.item[row]];
    this.binary = table.sumSquares[row] === table.sum[row];
    this.#table = table;
    this.#row = row;
    this.#rules = (refusalsWrong ? 1 : 0) | (errorsWrong ? 2 : 0);
  }

  get answers(): string[] {
    return (this.#answers ??= rowAnswers(this.#table, this.#row, (this.#rules & 1) !== 0, (this.#rules & 2) !== 0));
  }

  get answerCounts(): [string, number][] {
    return (this.#answerCounts ??= rowAnswerCounts(this.#table, this.#row, (this.#rules & 1) !== 0, (this.#rules & 2) !== 0));
  }
}

/** Row r's answers under the refusal and error rules, one string per answer, in order of first appearance. */
function rowAnswers(table: ItemTable, r: number, refusalsWrong: boolean, errorsWrong: boolean): string[] {
  const answers: string[] = [];
  for (let e = table.answerStart[r]; e < table.answerStart[r + 1]; e++) {
    const status = table.answerStatus[e];
    if (status === REFUSED && !refusalsWrong) continue;
    if (status === ERRORED && !errorsWrong) continue;
    for (let k = 0; k < table.answerCount[e]; k++) answers.push(table.labels[table.answerLabel[e]]);
  }
  return answers;
}

/** Row r's answers under the same rules as (answer, how many) pairs, an answer given under two statuses summed. */
function rowAnswerCounts(table: ItemTable, r: number, refusalsWrong: boolean, errorsWrong: boolean): [string, number][] {
  const counts: [string, number][] = [];
  for (let e = table.answerStart[r]; e < table.answerStart[r + 1]; e++) {
    const status = table.answerStatus[e];
    if (status === REFUSED && !refusalsWrong) continue;
    if (status === ERRORED && !errorsWrong) continue;
    const label = table.labels[table.answerLabel[e]];
    const same = counts.find(([a]) => a === label);
    if (same) same[1] += table.answerCount[e];
    else counts.push([label, table.answerCount[e]]);
  }
  return counts;
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

/** The rows `rows` of a table, as a table (the dictionaries are shared: codes stay valid). */
function tableRows(table: ItemTable, rows: readonly number[]): ItemTable {
  const n = rows.length;
  const entries = rows.reduce((acc, r) => acc + table.answerStart[r + 1] - table.answerStart[r], 0);
  const out = {
    ...table,
    condition: new Int32Array(n), item: new Int32Array(n), cluster: new Int32Array(n), choices: new Int32Array(n), target: new Int32Array(n),
    answered: new Float64Array(n), sum: new Float64Array(n), sumSquares: new Float64Array(n), refused: new Float64Array(n), errors: new Float64Array(n),
    answerStart: new Int32Array(n + 1), answerLabel: new Int32Array(entries), answerStatus: new Uint8Array(entries), answerCount: new Float64Array(entries),
  };
  let e = 0;
  rows.forEach((r, i) => {
    for (const column of ["condition", "item", "cluster", "choices", "target", "answered", "sum", "sumSquares", "refused", "errors"] as const) out[column][i] = table[column][r];
    out.answerStart[i] = e;
    for (let k = table.answerStart[r]; k < table.answerStart[r + 1]; k++, e++) {
      out.answerLabel[e] = table.answerLabel[k];
      out.answerStatus[e] = table.answerStatus[k];
      out.answerCount[e] = table.answerCount[k];
    }
  });
  out.answerStart[n] = e;
  return out;
}

/**
 * The input's conditions in order of first appearance, and the input cut to two of them, so that
 * a family of comparisons gives each pair only its own records (or table rows) to score.
 *
 * @example
 * const split = splitConditions([
 *   { item: "q1", condition: "A", score: 1 }, { item: "q1", condition: "B", score: 0 }, { item: "q1", condition: "C", score: 1 },
 * ]);
 * split.conditions.length // 3
 * split.pair("A", "C").length // 2
 */
export function splitConditions(input: AnalysisInput): { input: AnalysisInput; conditions: string[]; pair: (a: string, b: string) => AnalysisInput } {
  if (isItemTable(input)) {
    const rowsOf = new Map<string, number[]>();
    for (let r = 0; r < input.condition.length; r++) {
      const name = input.conditions[input.condition[r]];
      const list = rowsOf.get(name);
      if (list) list.push(r);
      else rowsOf.set(name, [r]);
    }
    return { input, conditions: [...rowsOf.keys()], pair: (a, b) => tableRows(input, [...(rowsOf.get(a) ?? []), ...(rowsOf.get(b) ?? [])]) };
  }
  const records = checkRecords(input);
  const byCondition = groupRecords(records, (r) => r.condition);
  return { input: records, conditions: [...byCondition.keys()], pair: (a, b) => [...(byCondition.get(a) ?? []), ...(byCondition.get(b) ?? [])] };
}
