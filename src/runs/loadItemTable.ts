/**
 * Logs of any size: DuckDB aggregates answer-level files (Parquet, JSON lines, CSV/TSV, gzip- or
 * zstd-compressed, any number of them) to the item table by SQL, in one streaming scan, so memory
 * grows with conditions × items, not with answers. It also reads item files back (the table as
 * columns, from `evalgap convert --items` or the SQL run in a warehouse). DuckDB
 * (`@duckdb/node-api`, an optional peer) is imported when a table is loaded, never on the start path.
 */
import { basename, extname } from "node:path";
import { describeFiles, placeOf, readerFor, sqlName, sqlString, withDuckdb, type FileReader, type SqlConnection } from "./duckdb.js";
import { resolveColumns, type ColumnMap } from "./columnMap.js";
import { differingPathParts } from "./expandPaths.js";
import { buildItemTable, type ItemRow, type ItemTable } from "./itemTable.js";
import { itemTableSql } from "./itemTableSql.js";
import { isItemFile, readItemFiles } from "./itemFile.js";

/** Rows of one file are numbered `fileIndex · FILE_STRIDE + row`, so a row number names its file. */
const FILE_STRIDE = 1e12;

/** The column each file's condition is read into, whatever the file calls it (or a constant). */
const CONDITION_COLUMN = "evalgap_condition";

export interface LoadItemTableOptions {
  /** Which column holds which field (as for `loadRuns`); by default a column named like the field. */
  columns?: ColumnMap;
  /**
   * The condition of every file, or of each file (a function of its path; undefined: the file's
   * own). Without it a file's condition column is read, and a file without one takes its name.
   */
  condition?: string | ((file: string) => string | undefined);
  /** CSV field delimiter (default: DuckDB's sniffer). */
  delimiter?: string;
  /** Facts to hear that are not errors (a condition taken from a file name); default `console.warn`. */
  onNote?: (note: string) => void;
}

/** Answer-level files as one SQL source with a row number `rn` and each file's condition. */
export interface AnswerSource {
  /** A FROM item: the files' rows, `rn` in file order across files, the condition in `evalgap_condition`. */
  source: string;
  /** The source's columns. */
  columns: string[];
  /** The column map for `itemTableSql` over the source (the condition is always `evalgap_condition`). */
  columnMap: ColumnMap;
  /** "file line N" for a row number. */
  place: (rn: number) => string;
}

function fileStem(file: string): string {
  const name = basename(file).replace(/\.(gz|gzip|zst|zstd)$/i, "");
  return basename(name, extname(name));
}

/**
 * The files (already described) as one source. Each file needs an item and a score column and,
 * unless `condition` gives it, a condition column; without one its condition is its name, or the
 * parts of its path that tell files of the same name apart (as `loadRuns` does), said in a note.
 */
export function answerSource(files: readonly string[], readers: readonly FileReader[], fileColumns: readonly string[][], options: LoadItemTableOptions = {}): AnswerSource {
  const byPath = differingPathParts(files);
  const onNote = options.onNote ?? ((note: string) => console.warn(`evalgap: ${note}`));
  const all = new Set<string>();
  const parts = files.map((file, i) => {
    const columns = fileColumns[i];
    for (const c of columns) all.add(c);
    const given = typeof options.condition === "function" ? options.condition(file) : options.condition;
    const asked: ColumnMap = { ...options.columns };
    if (given !== undefined) delete asked.condition;
    const { found, missing } = resolveColumns(columns, asked);
    if (missing.length) throw new RangeError(`${file}: column ${JSON.stringify(missing[0].name)} (for ${missing[0].field}) is not in the file; columns: ${columns.join(", ")}`);
    for (const field of ["item", "score"] as const) {
      if (found[field] === undefined) throw new RangeError(`${file}: no ${field} column; columns: ${columns.join(", ")} (name it with columns.${field})`);
    }
    let condition: string;
    if (given !== undefined) condition = sqlString(given);
    else if (found.condition !== undefined) condition = `CAST(${sqlName(found.condition)} AS VARCHAR)`;
    else {
      const fromPath = byPath?.get(file);
      const name = fromPath ?? fileStem(file);
      onNote(`${file}: no condition column or option; condition taken from the ${fromPath === undefined ? "file name" : "folders that tell files of the same name apart"}: "${name}"`);
      condition = sqlString(name);
    }
    return `SELECT * EXCLUDE (ordinality), ordinality + ${i * FILE_STRIDE} AS rn, ${condition} AS ${CONDITION_COLUMN} FROM ${readers[i].sql} WITH ORDINALITY`;
  });
  const place = (rn: number): string => {
    const index = Math.floor(rn / FILE_STRIDE);
    const row = rn - index * FILE_STRIDE;
    return placeOf(files[index], readers[index], row);
  };
  return {
    source: `(${parts.join("\nUNION ALL BY NAME\n")}) AS answers`,
    columns: [...all, CONDITION_COLUMN],
    columnMap: { ...options.columns, condition: CONDITION_COLUMN },
    place,
  };
}

type Groups = Record<string, unknown[]>;

/** The item rows from the answer groups (in order of first appearance), with the conflict checks. */
function rowsFromGroups(g: Groups, place: (rn: number) => string): ItemRow[] {
  const rows: ItemRow[] = [];
  const byKey = new Map<string, { row: ItemRow; first: number; cluster: [unknown, unknown]; target: [unknown, unknown]; choices: [unknown, unknown] }>();
  const widen = (range: [unknown, unknown], low: unknown, high: unknown): void => {
    if (low === null) return;
    if (range[0] === null || String(low) < String(range[0])) range[0] = low;
    if (range[1] === null || String(high) > String(range[1])) range[1] = high;
  };
  const n = g.condition.length;
  for (let k = 0; k < n; k++) {
    const condition = String(g.condition[k]);
    const item = String(g.item[k]);
    const key = `${condition}\u0000${item}`;
    let entry = byKey.get(key);
    if (entry === undefined) {
      const row: ItemRow = { condition, item, answered: 0, sum: 0, sumSquares: 0, refused: 0, errors: 0, answers: [] };
      entry = { row, first: Number(g.first_row[k]), cluster: [null, null], target: [null, null], choices: [null, null] };
      byKey.set(key, entry);
      rows.push(row);
    }
    widen(entry.cluster, g.cluster[k], g.cluster_other[k]);
    widen(entry.target, g.target[k], g.target_other[k]);
    const choicesLow = g.choices[k] === null ? null : Number(g.choices[k]);
    const choicesHigh = g.choices_other[k] === null ? null : Number(g.choices_other[k]);
    if (choicesLow !== null) {
      if (entry.choices[0] === null || choicesLow < (entry.choices[0] as number)) entry.choices[0] = choicesLow;
      if (entry.choices[1] === null || (choicesHigh as number) > (entry.choices[1] as number)) entry.choices[1] = choicesHigh;
    }
    const status = Number(g.status[k]);
    const count = Number(g.n[k]);
    const { row } = entry;
    if (status === 0) {
      row.answered += count;
      row.sum += Number(g.score_sum[k]);
      row.sumSquares += Number(g.score_squares[k]);
    } else if (status === 1) row.refused += count;
    else row.errors += count;
    row.answers.push([String(g.answer[k]), status, count]);
  }
  for (const { row, first, cluster, target, choices } of byKey.values()) {
    const where = `item ${JSON.stringify(row.item)} in condition ${JSON.stringify(row.condition)} (${place(first)})`;
    if (cluster[0] !== cluster[1]) throw new RangeError(`${where} has two clusters: ${JSON.stringify(cluster[0])} and ${JSON.stringify(cluster[1])}`);
    if (target[0] !== target[1]) throw new RangeError(`${where} has two targets: ${JSON.stringify(target[0])} and ${JSON.stringify(target[1])}`);
    if (choices[0] !== choices[1]) throw new RangeError(`${where} has two option counts: ${choices[0]} and ${choices[1]}`);
    if (choices[0] !== null && !(Number.isInteger(choices[0]) && (choices[0] as number) >= 2)) throw new RangeError(`${where}: choices must be an integer of at least 2 (value: ${choices[0]})`);
    if (cluster[0] !== null) row.cluster = String(cluster[0]);
    if (target[0] !== null) row.target = String(target[0]);
    if (choices[0] !== null) row.choices = choices[0] as number;
  }
  return rows;
}

/** The first bad answer (an error naming file and line), when the groups say there is one. */
async function checkAnswers(connection: SqlConnection, g: Groups, sql: { firstBad: string }, place: (rn: number) => string): Promise<void> {
  const empty = (v: unknown) => v === null || String(v).trim() === "";
  let any = false;
  for (let k = 0; k < g.condition.length && !any; k++) any = Number(g.bad_scores[k]) > 0 || empty(g.item[k]) || empty(g.condition[k]);
  if (!any) return;
  // Only on the error path: one more scan finds the first bad record in file order.
  const [bad] = (await connection.runAndReadAll(sql.firstBad)).getRowObjectsJS();
  if (!bad) return;
  const what = empty(bad.item) ? "empty item id" : empty(bad.condition) ? "empty condition" : "score must be a number between 0 and 1";
  throw new RangeError(`${place(Number(bad.rn))}: ${what} (value: ${JSON.stringify(what === "empty item id" ? bad.item : what === "empty condition" ? bad.condition : bad.raw_score)})`);
}

/**
 * Aggregate answer-level files to the item table with DuckDB, or read item files back. Each file's
 * columns are found as `loadRuns` finds them (a column named like the field, any case, or
 * `columns`); `item` and `score` are required, and a condition (a column, the option, else the file
 * name). A score that is not a number in [0, 1], or an empty item or condition, is an error naming
 * the file and line; an item with two clusters (or targets, or option counts) within a condition
 * likewise. Files whose columns are an item file's (`answered`, `sum`, `sum_squares`, `answers`) are
 * read as the table itself (see `readItemFiles`).
 *
 * @example
 * const table = await loadItemTable("data/simulated/k-samples-simulated.jsonl");
 * table.conditions.length // 2
 */
export async function loadItemTable(paths: string | readonly string[], options: LoadItemTableOptions = {}): Promise<ItemTable> {
  const files = typeof paths === "string" ? [paths] : [...paths];
  if (files.length === 0 || files.some((f) => typeof f !== "string" || f === "")) {
    throw new TypeError(`paths must be a file path or a non-empty array of paths (value: ${JSON.stringify(paths)})`);
  }
  if (options.delimiter !== undefined && options.delimiter.length !== 1) throw new RangeError(`delimiter must be one character (value: ${JSON.stringify(options.delimiter)})`);
  const readers = files.map((f) => readerFor(f, options.delimiter));
  return withDuckdb("loading a log as an item table with DuckDB", async (connection) => {
    const fileColumns = await describeFiles(connection, files, readers);
    const items = fileColumns.map(isItemFile);
    if (items.some(Boolean)) {
      const answers = items.indexOf(false);
      if (answers >= 0) throw new RangeError(`${files[items.indexOf(true)]} is an item file (the table itself) and ${files[answers]} holds answers; load them apart, or convert the answers with evalgap convert --items`);
      return buildItemTable(await readItemFiles(connection, files, readers, fileColumns));
    }
    const source = answerSource(files, readers, fileColumns, options);
    const sql = itemTableSql(source.source, source.columns, { columns: source.columnMap });
    // Counts as doubles, not BIGINT/HUGEINT: JavaScript numbers convert at half the cost of bigints.
    const typed = `SELECT condition, item, answer, CAST(status AS INTEGER) AS status, CAST(n AS DOUBLE) AS n, score_sum, score_squares,
  CAST(first_row AS DOUBLE) AS first_row, cluster, cluster_other, target, target_other,
  CAST(choices AS DOUBLE) AS choices, CAST(choices_other AS DOUBLE) AS choices_other, CAST(bad_scores AS DOUBLE) AS bad_scores
FROM (${sql.groups}) ORDER BY first_row`;
    const groups = (await connection.runAndReadAll(typed)).getColumnsObjectJS();
    await checkAnswers(connection, groups, sql, source.place);
    return buildItemTable(rowsFromGroups(groups, source.place));
  });
}
