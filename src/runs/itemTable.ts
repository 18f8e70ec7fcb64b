/**
 * The item table's shape: one row per (condition, item) of the sufficient statistics every analysis
 * needs (see docs/architecture.md, "The item table"). Built from records in the analysis layer
 * (`itemTableFromRecords`) or aggregated from files by SQL (`loadItemTable`), both through
 * `ItemTableBuilder`, so the two cannot drift apart.
 */
import { bytes, floats, ints } from "./growing.js";

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

/** One (condition, item) row's values, without its answer entries. */
export type ItemRowValues = Omit<ItemRow, "answers">;

/**
 * Builds the columnar table row by row, strings stored once in order of first use (a row's
 * condition, item, cluster and target, then its answer labels). Both ways to a table go through
 * it: rows from records (`buildItemTable`) and the answer groups DuckDB streams (`loadItemTable`),
 * which never hold a row object per item.
 */
export class ItemTableBuilder {
  private readonly conditions = new Dictionary();
  private readonly itemIds = new Dictionary();
  private readonly clusters = new Dictionary();
  private readonly labels = new Dictionary();
  private readonly condition = ints(1024);
  private readonly item = ints(1024);
  private readonly cluster = ints(1024);
  private readonly choices = ints(1024);
  private readonly target = ints(1024);
  private readonly answered = floats(1024);
  private readonly sum = floats(1024);
  private readonly sumSquares = floats(1024);
  private readonly refused = floats(1024);
  private readonly errors = floats(1024);
  private readonly answerStart = ints(1024);
  private readonly answerLabel = ints(4096);
  private readonly answerStatus = bytes(4096);
  private readonly answerCount = floats(4096);

  /** Start a row; its answer entries follow with `addAnswer`. */
  addRow(row: ItemRowValues): void {
    this.condition.push(this.conditions.code(row.condition));
    this.item.push(this.itemIds.code(row.item));
    this.cluster.push(row.cluster === undefined ? -1 : this.clusters.code(row.cluster));
    this.choices.push(row.choices ?? 0);
    this.target.push(row.target === undefined ? -1 : this.labels.code(row.target));
    this.answered.push(row.answered);
    this.sum.push(row.sum);
    this.sumSquares.push(row.sumSquares);
    this.refused.push(row.refused);
    this.errors.push(row.errors);
    this.answerStart.push(this.answerLabel.length);
  }

  /** An answer entry of the current row: its label ("" when none), status and count. */
  addAnswer(label: string, status: number, count: number): void {
    this.answerLabel.push(this.labels.code(label));
    this.answerStatus.push(status);
    this.answerCount.push(count);
  }

  build(): ItemTable {
    this.answerStart.push(this.answerLabel.length);
    return {
      kind: "item-table",
      conditions: this.conditions.values, itemIds: this.itemIds.values, clusters: this.clusters.values, labels: this.labels.values,
      condition: this.condition.done(), item: this.item.done(), cluster: this.cluster.done(), choices: this.choices.done(), target: this.target.done(),
      answered: this.answered.done(), sum: this.sum.done(), sumSquares: this.sumSquares.done(), refused: this.refused.done(), errors: this.errors.done(),
      answerStart: this.answerStart.done(), answerLabel: this.answerLabel.done(), answerStatus: this.answerStatus.done(), answerCount: this.answerCount.done(),
    };
  }
}

/** Rows → the columnar table, strings stored once. */
export function buildItemTable(rows: readonly ItemRow[]): ItemTable {
  const builder = new ItemTableBuilder();
  for (const row of rows) {
    builder.addRow(row);
    for (const [label, status, count] of row.answers) builder.addAnswer(label, status, count);
  }
  return builder.build();
}
