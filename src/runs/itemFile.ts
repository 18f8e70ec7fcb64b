/**
 * The item table as a file: one row per (condition, item) with the columns `ITEM_FILE_COLUMNS`, and
 * the answers given as a list of {answer, status, n} (a Parquet list of structs, or its JSON text in
 * a CSV). `evalgap convert --items` writes it and the SQL that `evalgap sql` prints makes it in a
 * warehouse; read back it is the same table, so a log of any size is aggregated once.
 */
import { ANSWERED, ERRORED, REFUSED, type ItemRow } from "./itemTable.js";
import { ITEM_FILE_CHECKS, ITEM_FILE_COLUMNS } from "./itemTableSql.js";
import { placeOf, sqlName, type FileReader, type SqlConnection } from "./duckdb.js";

/** The columns that make a file an item file rather than answers. */
const MARKERS = ["answered", "sum", "sum_squares", "answers"];

/**
 * Whether a file with these columns is an item file (it has `answered`, `sum`, `sum_squares` and
 * `answers`).
 *
 * @example
 * isItemFile(["condition", "item", "answered", "sum", "sum_squares", "refused", "errors", "answers"]) // true
 */
export function isItemFile(columns: readonly string[]): boolean {
  const lower = new Set(columns.map((c) => c.toLowerCase()));
  return MARKERS.every((m) => lower.has(m));
}

/** One answer-count entry as the file holds it. */
interface Entry {
  answer?: unknown;
  status?: unknown;
  n?: unknown;
}

function parseEntries(value: unknown, where: string): Entry[] {
  let list = value;
  if (typeof value === "string") {
    try {
      list = JSON.parse(value);
    } catch {
      throw new RangeError(`${where}: answers must be a list of {answer, status, n} (or its JSON text) (value: ${JSON.stringify(value.slice(0, 80))})`);
    }
  }
  if (list === null) return [];
  if (!Array.isArray(list)) throw new RangeError(`${where}: answers must be a list of {answer, status, n} (value: ${JSON.stringify(list)})`);
  return list as Entry[];
}

/** A count or sum from the file: a finite number ≥ 0 (integer for counts). */
function amount(value: unknown, name: string, where: string, integer: boolean): number {
  const x = typeof value === "bigint" ? Number(value) : typeof value === "string" && value.trim() !== "" ? Number(value) : typeof value === "number" ? value : NaN;
  if (!Number.isFinite(x) || x < 0 || (integer && !Number.isInteger(x))) {
    throw new RangeError(`${where}: ${name} must be ${integer ? "a whole number" : "a number"} ≥ 0 (value: ${JSON.stringify(typeof value === "bigint" ? String(value) : value)})`);
  }
  return x;
}

function text(value: unknown): string | undefined {
  return value === null || value === undefined || value === "" ? undefined : String(value);
}

/** Sums of scores in [0, 1] of n answers lie in [0, n], and their squares below the sum: allowance for rounding. */
const SLACK = 1e-9;

/** One item-file row → an item row, every column checked; errors name the file and line. */
function itemRow(r: Record<string, unknown>, where: string): ItemRow {
  const condition = text(r.condition);
  const item = text(r.item);
  if (condition === undefined) throw new RangeError(`${where}: empty condition (value: ${JSON.stringify(r.condition)})`);
  if (item === undefined) throw new RangeError(`${where}: empty item id (value: ${JSON.stringify(r.item)})`);
  const at = `${where} (item ${JSON.stringify(item)} in condition ${JSON.stringify(condition)})`;
  const firstAt = (row: unknown) => (row === undefined || row === null ? "" : `, the first at source row ${String(row)}`);
  const bad = Number(r.bad_answers ?? r.bad_scores ?? 0);
  if (bad > 0) {
    throw new RangeError(`${at}: ${bad} ${bad === 1 ? "answer fails" : "answers fail"} the loaders' checks (a score not a number in [0, 1], an empty item or condition, a sample, option count or refusal flag that cannot be read)${firstAt(r.bad_first_row)}`);
  }
  const duplicates = Number(r.duplicate_answers ?? 0);
  if (duplicates > 0) {
    throw new RangeError(`${at}: ${duplicates} ${duplicates === 1 ? "answer repeats" : "answers repeat"} a (condition, item, sample) given before${firstAt(r.duplicate_first_row)}: a log loaded twice, or repeats without a sample column`);
  }
  for (const [field, other] of [["cluster", "cluster_other"], ["target", "target_other"], ["choices", "choices_other"]] as const) {
    const a = text(r[field]);
    const b = text(r[other]);
    const same = field === "choices" ? Number(a) === Number(b) : a === b;
    if (a !== undefined && b !== undefined && !same) throw new RangeError(`${at} has two values of ${field}: ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
  }
  const row: ItemRow = {
    condition,
    item,
    answered: amount(r.answered, "answered", at, true),
    sum: amount(r.sum, "sum", at, false),
    sumSquares: amount(r.sum_squares, "sum_squares", at, false),
    refused: amount(r.refused ?? 0, "refused", at, true),
    errors: amount(r.errors ?? 0, "errors", at, true),
    answers: [],
  };
  if (row.sum > row.answered * (1 + SLACK) || row.sumSquares > row.sum * (1 + SLACK) + SLACK) {
    throw new RangeError(`${at}: sum ${row.sum} and sum_squares ${row.sumSquares} are not those of ${row.answered} scores between 0 and 1`);
  }
  const cluster = text(r.cluster);
  const target = text(r.target);
  if (cluster !== undefined) row.cluster = cluster;
  if (target !== undefined) row.target = target;
  if (text(r.choices) !== undefined) {
    const choices = Number(r.choices);
    if (!(Number.isInteger(choices) && choices >= 2)) throw new RangeError(`${at}: choices must be an integer of at least 2 (value: ${JSON.stringify(r.choices)})`);
    row.choices = choices;
  }
  const totals = [0, 0, 0];
  for (const e of parseEntries(r.answers, at)) {
    const status = Number(e?.status);
    if (status !== ANSWERED && status !== REFUSED && status !== ERRORED) throw new RangeError(`${at}: an answer's status must be 0 (answered), 1 (refused) or 2 (error) (value: ${JSON.stringify(e?.status)})`);
    const n = amount(e.n, "an answer's n", at, true);
    totals[status] += n;
    row.answers.push([e.answer === null || e.answer === undefined ? "" : String(e.answer), status, n]);
  }
  if (totals[ANSWERED] !== row.answered || totals[REFUSED] !== row.refused || totals[ERRORED] !== row.errors) {
    throw new RangeError(`${at}: the answers count ${totals[ANSWERED]} answered, ${totals[REFUSED]} refused and ${totals[ERRORED]} errors, the row ${row.answered}, ${row.refused} and ${row.errors}`);
  }
  return row;
}

/**
 * Read item files (`isItemFile`) to item rows, in order of first appearance (`first_row` when the
 * file has it: a warehouse returns rows in any order) within each file, files in the order given.
 * Every value is checked, and the checks the SQL carried (`ITEM_FILE_CHECKS`: a second cluster,
 * target or option count, scores outside [0, 1]) are errors naming the file and line.
 */
export async function readItemFiles(connection: SqlConnection, files: readonly string[], readers: readonly FileReader[], fileColumns: readonly string[][]): Promise<ItemRow[]> {
  const rows: ItemRow[] = [];
  const seen = new Map<string, string>();
  const known = new Set<string>([...ITEM_FILE_COLUMNS, ...ITEM_FILE_CHECKS]);
  for (const [i, reader] of readers.entries()) {
    const columns = fileColumns[i];
    const select = columns.filter((c) => known.has(c.toLowerCase())).map((c) => `${sqlName(c)} AS ${c.toLowerCase()}`);
    const order = columns.some((c) => c.toLowerCase() === "first_row") ? "TRY_CAST(first_row AS DOUBLE), ordinality" : "ordinality";
    const result = await connection.runAndReadAll(`SELECT ${select.join(", ")}, ordinality FROM ${reader.sql} WITH ORDINALITY ORDER BY ${order}`);
    for (const r of result.getRowObjectsJS()) {
      const where = placeOf(files[i], reader, Number(r.ordinality));
      const row = itemRow(r, where);
      const key = `${row.condition}\u0000${row.item}`;
      const before = seen.get(key);
      if (before !== undefined) throw new RangeError(`${where}: item ${JSON.stringify(row.item)} in condition ${JSON.stringify(row.condition)} is also at ${before}; an item file has one row per (condition, item)`);
      seen.set(key, where);
      rows.push(row);
    }
  }
  return rows;
}
