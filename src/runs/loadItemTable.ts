/**
 * Logs of any size: DuckDB aggregates answer-level files (Parquet, JSON lines, CSV/TSV, gzip- or
 * zstd-compressed, any number of them) to the item table by SQL, in one streaming scan, so memory
 * grows with conditions × items, not with answers. It also reads item files back (the table as
 * columns, from `evalgap convert --items` or the SQL run in a warehouse). DuckDB
 * (`@duckdb/node-api`, an optional peer) is imported when a table is loaded, never on the start path.
 */
import { realpathSync } from "node:fs";
import { basename, extname } from "node:path";
import { describeFiles, placeOf, readerFor, sqlName, sqlString, withDuckdb, type FileReader, type SqlConnection } from "./duckdb.js";
import { resolveColumns, type ColumnMap } from "./columnMap.js";
import { differingPathParts } from "./expandPaths.js";
import { buildItemTable, type ItemTable } from "./itemTable.js";
import { tableFromGroups } from "./itemGroups.js";
import { FAULT_MESSAGES, itemTableSql } from "./itemTableSql.js";
import { jsTrim, sqlText } from "./sqlValues.js";
import { duplicateAcrossFiles } from "./fileOverlap.js";
import { isItemFile, readItemFiles } from "./itemFile.js";
import type { LoadProblem, ProblemMode } from "./problems.js";

/** Rows of one file are numbered `fileIndex · FILE_STRIDE + row`, so a row number names its file. */
const FILE_STRIDE = 1e12;

/** The column each file's condition is read into, whatever the file calls it (or a constant). */
const CONDITION_COLUMN = "evalgap_condition";

/** With `groupBy`, the column the files' own condition is read into, for the check of repeats. */
const RUN_COLUMN = "evalgap_run";

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
  /**
   * "throw" (default of `loadItemTable`): the first unusable answer (an empty item or condition, a
   * score that is not a number in [0, 1]) is an error naming file and line. "collect" (default of
   * `loadItemTableReport`): such answers are left out, counted, and the first few reported.
   */
  onProblem?: ProblemMode;
  /**
   * DuckDB's memory limit ("512MB", "2GB"): beyond it the aggregation spills to the temporary
   * folder, so memory stays bounded however big the files (default `EVALGAP_DUCKDB_MEMORY`, else 400MB).
   */
  memoryLimit?: string;
  /**
   * A column whose values are the table's conditions instead (`--by model`): rows are grouped by it,
   * while repeats of an (item, sample) are still checked within each file's own condition, as the
   * loaders check them before `summarize`'s `by` regroups the records.
   */
  groupBy?: string;
  /**
   * The condition of a row whose condition (or `groupBy`) column is empty (default: none, such a row
   * is an unusable answer). Grouping by model or cluster names it "(none)", as `summarize`'s `by` does.
   */
  missingCondition?: string;
}

/** The item table and the answers left out of it (`onProblem: "collect"`). */
export interface ItemTableReport {
  table: ItemTable;
  /** How many answers were left out. */
  skipped: number;
  /** The first of them (at most 10), in file order, each with its file and line (Parquet: entry "row N"). */
  problems: LoadProblem[];
}

/** Answer-level files as one SQL source with a row number `rn` and each file's condition. */
export interface AnswerSource {
  /** A FROM item: the files' rows, `rn` in file order across files, the condition in `evalgap_condition`. */
  source: string;
  /** The source's columns. */
  columns: string[];
  /** The column map for `itemTableSql` over the source (the condition is always `evalgap_condition`). */
  columnMap: ColumnMap;
  /** With `groupBy`: the column of the files' own condition (`itemTableSql`'s `run`). */
  run?: string;
  /** "file line N" for a row number. */
  place: (rn: number) => string;
  /** The file and line (text) or row (Parquet) of a row number. */
  locate: (rn: number) => { file: string; line?: number; entry?: string };
  /** The file a row number is in. */
  fileOf: (rn: number) => string;
}

function fileStem(file: string): string {
  const name = basename(file).replace(/\.(gz|gzip|zst|zstd)$/i, "");
  return basename(name, extname(name));
}

/**
 * A reader's rows with their number in the file, from 1. Parquet numbers its rows itself
 * (`file_row_number`, read in parallel); JSON and CSV need `WITH ORDINALITY`, which makes DuckDB
 * 1.5 read the file on one thread (about twice the time on two cores), the price of keeping items
 * in order of first appearance and naming the line of a bad answer.
 */
function numberedRows(reader: FileReader): { from: string; column: string; number: string } {
  if (reader.unit === "row") return { from: reader.sql.replace(/\)$/, ", file_row_number = true)"), column: "file_row_number", number: "(file_row_number + 1)" };
  return { from: `${reader.sql} WITH ORDINALITY`, column: "ordinality", number: "ordinality" };
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
    const orMissing = (column: string) => options.missingCondition === undefined ? column : `CASE WHEN ${column} IS NULL OR ${jsTrim(column, "duckdb")} = '' THEN ${sqlString(options.missingCondition)} ELSE ${column} END`;
    let group: string | undefined;
    if (options.groupBy !== undefined) {
      const column = resolveColumns(columns, { condition: options.groupBy }).found.condition;
      if (column === undefined) throw new RangeError(`${file}: column ${JSON.stringify(options.groupBy)} (for groupBy) is not in the file; columns: ${columns.join(", ")}`);
      group = orMissing(sqlText(sqlName(column)));
    }
    let condition: string;
    if (given !== undefined) condition = sqlString(given);
    else if (found.condition !== undefined) {
      const column = sqlText(sqlName(found.condition));
      condition = group === undefined ? orMissing(column) : column;
    }
    else {
      const fromPath = byPath?.get(file);
      const name = fromPath ?? fileStem(file);
      onNote(`${file}: no condition column or option; condition taken from the ${fromPath === undefined ? "file name" : "folders that tell files of the same name apart"}: "${name}"`);
      condition = sqlString(name);
    }
    const { from, column, number } = numberedRows(readers[i]);
    const conditions = group === undefined ? `${condition} AS ${CONDITION_COLUMN}` : `${group} AS ${CONDITION_COLUMN}, ${condition} AS ${RUN_COLUMN}`;
    return `SELECT * EXCLUDE (${column}), ${number} + ${i * FILE_STRIDE} AS rn, ${conditions} FROM ${from}`;
  });
  const fileIndex = (rn: number) => Math.floor(rn / FILE_STRIDE);
  const place = (rn: number): string => {
    const index = fileIndex(rn);
    const row = rn - index * FILE_STRIDE;
    return placeOf(files[index], readers[index], row);
  };
  const locate = (rn: number): { file: string; line?: number; entry?: string } => {
    const index = fileIndex(rn);
    const row = rn - index * FILE_STRIDE;
    const reader = readers[index];
    return reader.unit === "line" ? { file: files[index], line: row + (reader.header ? 1 : 0) } : { file: files[index], entry: `row ${row}` };
  };
  return {
    fileOf: (rn: number) => files[fileIndex(rn)],
    source: `(${parts.join("\nUNION ALL BY NAME\n")}) AS answers`,
    columns: [...all, CONDITION_COLUMN, ...(options.groupBy === undefined ? [] : [RUN_COLUMN])],
    columnMap: { ...options.columns, condition: CONDITION_COLUMN },
    ...(options.groupBy !== undefined && { run: RUN_COLUMN }),
    place,
    locate,
  };
}

/** The file's real path, to tell a file named twice; the name itself when it cannot be resolved (DuckDB then says it is missing). */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * What is wrong with an answer from `firstBad` or `badRecords`, in the loaders' words (buildRecord,
 * scoreValue, the duplicate guard, and `strict`, FileOverlap's), and the value, so both engines
 * report a bad row alike.
 */
function badRecordProblem(bad: Record<string, unknown>, source: AnswerSource, strict: boolean): { message: string; value: unknown } {
  const fault = FAULT_MESSAGES[Number(bad.problem)];
  if (fault === undefined) throw new Error(`internal: unknown problem code ${String(bad.problem)}`);
  if (fault.field !== "duplicate") {
    // The value as the file has it (a JSON number stays a number): the SQL gives raw_* as JSON text.
    const raw = bad[fault.field];
    if (raw === null || raw === undefined) return { message: fault.message, value: "" };
    return { message: fault.message, value: fault.field.startsWith("raw_") ? JSON.parse(String(raw)) : raw };
  }
  const [item, condition, sample] = [String(bad.item_key), String(bad.run_key), Number(bad.sample)];
  const value = sample === -1 ? { item, condition } : { item, condition, sample };
  const [file, other] = [source.fileOf(Number(bad.rn)), source.fileOf(Number(bad.first_rn))];
  // Strict, a duplicate from another file says how to tell the files apart (as loadRuns's error does).
  return { message: !strict || file === other ? fault.message : duplicateAcrossFiles(other, file, condition), value };
}

/**
 * Aggregate answer-level files to the item table with DuckDB, leaving out the answers that are not
 * usable (an empty item or condition, a score that is not a number in [0, 1]) and reporting how
 * many there were and the first 10, each with its file and line (`onProblem: "throw"` throws at the
 * first instead, as `loadItemTable` does by default). Item files are read as in `loadItemTable`.
 *
 * @example
 * const report = await loadItemTableReport("data/simulated/k-samples-simulated.jsonl");
 * report.skipped // 0
 */
export async function loadItemTableReport(paths: string | readonly string[], options: LoadItemTableOptions = {}): Promise<ItemTableReport> {
  const mode = options.onProblem ?? "collect";
  if (mode !== "collect" && mode !== "throw") throw new RangeError(`onProblem must be "throw" or "collect" (value: ${JSON.stringify(mode)})`);
  const named = typeof paths === "string" ? [paths] : [...paths];
  if (named.length === 0 || named.some((f) => typeof f !== "string" || f === "")) {
    throw new TypeError(`paths must be a file path or a non-empty array of paths (value: ${JSON.stringify(paths)})`);
  }
  // A file named twice is read once, as loadRuns reads it (a copy of a file is read twice, and its answers are duplicates).
  const files = [...new Map(named.map((f) => [realPath(f), f])).values()];
  if (options.delimiter !== undefined && options.delimiter.length !== 1) throw new RangeError(`delimiter must be one character (value: ${JSON.stringify(options.delimiter)})`);
  const readers = files.map((f) => readerFor(f, options.delimiter));
  return withDuckdb("loading a log as an item table with DuckDB", async (connection) => {
    const fileColumns = await describeFiles(connection, files, readers);
    const items = fileColumns.map(isItemFile);
    if (items.some(Boolean)) {
      const answers = items.indexOf(false);
      if (answers >= 0) throw new RangeError(`${files[items.indexOf(true)]} is an item file (the table itself) and ${files[answers]} holds answers; load them apart, or convert the answers with evalgap convert --items`);
      return { table: buildItemTable(await readItemFiles(connection, files, readers, fileColumns)), skipped: 0, problems: [] };
    }
    const source = answerSource(files, readers, fileColumns, options);
    const sql = itemTableSql(source.source, source.columns, { columns: source.columnMap, run: source.run });
    const groups = await tableFromGroups(connection, sql.orderedGroups, source.place);
    // Samples with gaps leave the one-scan check of distinct samples undecided: an exact query settles it.
    const clean = !groups.hasBadAnswers && (!groups.samplesUndecided || (await connection.runAndReadAll(sql.anyDuplicate)).getRowObjectsJS().length === 0);
    if (clean) {
      if (groups.conflict) throw groups.conflict;
      return { table: groups.table, skipped: 0, problems: [] };
    }
    // Only when there are bad answers: one more scan finds them in file order (and, collecting, a third aggregates without them).
    if (mode === "throw") {
      const [bad] = (await connection.runAndReadAll(sql.firstBad)).getRowObjectsJS();
      if (bad === undefined) throw new Error("internal: the groups count an unusable answer that the row check does not find");
      const { message, value } = badRecordProblem(bad, source, true);
      throw new RangeError(`${source.place(Number(bad.rn))}: ${message} (value: ${JSON.stringify(value)})`);
    }
    const bad = (await connection.runAndReadAll(sql.badRecords)).getRowObjectsJS();
    const problems = bad.map((record): LoadProblem => ({ ...source.locate(Number(record.rn)), ...badRecordProblem(record, source, false) }));
    const skipping = itemTableSql(source.source, source.columns, { columns: source.columnMap, run: source.run, skipBad: true });
    const kept = await tableFromGroups(connection, skipping.orderedGroups, source.place);
    if (kept.hasBadAnswers) throw new Error("internal: answers left out by the SQL are still counted as unusable");
    if (kept.conflict) throw kept.conflict;
    return { table: kept.table, skipped: Number(bad[0]?.total ?? 0), problems };
  }, { memoryLimit: options.memoryLimit });
}

/**
 * Aggregate answer-level files to the item table with DuckDB, or read item files back. Each file's
 * columns are found as `loadRuns` finds them (a column named like the field, any case, or
 * `columns`); `item` and `score` are required, and a condition (a column, the option, else the file
 * name). A score that is not a number in [0, 1], or an empty item or condition, is an error naming
 * the file and line (with `onProblem: "collect"`, such answers are left out and a note says how many
 * and where the first were; `loadItemTableReport` gives them as data); an item with two clusters (or targets, or option counts) within a condition
 * likewise. Files whose columns are an item file's (`answered`, `sum`, `sum_squares`, `answers`) are
 * read as the table itself (see `readItemFiles`).
 *
 * @example
 * const table = await loadItemTable("data/simulated/k-samples-simulated.jsonl");
 * table.conditions.length // 2
 */
export async function loadItemTable(paths: string | readonly string[], options: LoadItemTableOptions = {}): Promise<ItemTable> {
  const report = await loadItemTableReport(paths, { ...options, onProblem: options.onProblem ?? "throw" });
  if (report.skipped > 0) {
    const onNote = options.onNote ?? ((note: string) => console.warn(`evalgap: ${note}`));
    const first = report.problems.map((p) => `${p.file}, ${p.line !== undefined ? `line ${p.line}` : p.entry}: ${p.message} (value: ${JSON.stringify(p.value)})`);
    onNote(`${report.skipped} answer${report.skipped === 1 ? "" : "s"} left out; the first: ${first.slice(0, 3).join("; ")}`);
  }
  return report.table;
}
