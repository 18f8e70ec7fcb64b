/**
 * The item table's shape: one row per (condition, item) of the sufficient statistics every analysis
 * needs (see docs/architecture.md, "The item table"). Built from records in the analysis layer
 * (`itemTableFromRecords`) or aggregated from files by SQL (`loadItemTable`), both through
 * `buildItemTable`, so the two cannot drift apart.
 */

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

export class Dictionary {
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

/** One (condition, item) row as plain values, before it becomes columns. */
export interface ItemRow {
  condition: string;
  item: string;
  cluster?: string;
  choices?: number;
  target?: string;
  answered: number;
  sum: number;
  sumSquares: number;
  refused: number;
  errors: number;
  /** [answer label ("" when none), status, count], in order of first appearance. */
  answers: [string, number, number][];
}

/** Rows → the columnar table, strings stored once. */
export function buildItemTable(rows: readonly ItemRow[]): ItemTable {
  const conditions = new Dictionary();
  const itemIds = new Dictionary();
  const clusters = new Dictionary();
  const labels = new Dictionary();
  const n = rows.length;
  const entries = rows.reduce((acc, row) => acc + row.answers.length, 0);
  const table = {
    kind: "item-table" as const,
    conditions: conditions.values, itemIds: itemIds.values, clusters: clusters.values, labels: labels.values,
    condition: new Int32Array(n), item: new Int32Array(n), cluster: new Int32Array(n), choices: new Int32Array(n), target: new Int32Array(n),
    answered: new Float64Array(n), sum: new Float64Array(n), sumSquares: new Float64Array(n), refused: new Float64Array(n), errors: new Float64Array(n),
    answerStart: new Int32Array(n + 1), answerLabel: new Int32Array(entries), answerStatus: new Uint8Array(entries), answerCount: new Float64Array(entries),
  };
  let e = 0;
  rows.forEach((row, i) => {
    table.condition[i] = conditions.code(row.condition);
    table.item[i] = itemIds.code(row.item);
    table.cluster[i] = row.cluster === undefined ? -1 : clusters.code(row.cluster);
    table.choices[i] = row.choices ?? 0;
    table.target[i] = row.target === undefined ? -1 : labels.code(row.target);
    table.answered[i] = row.answered;
    table.sum[i] = row.sum;
    table.sumSquares[i] = row.sumSquares;
    table.refused[i] = row.refused;
    table.errors[i] = row.errors;
    table.answerStart[i] = e;
    for (const [label, status, count] of row.answers) {
      table.answerLabel[e] = labels.code(label);
      table.answerStatus[e] = status;
      table.answerCount[e] = count;
      e++;
    }
  });
  table.answerStart[n] = e;
  return table;
}
