/**
 * DuckDB as evalgap uses it: an in-memory database opened for one task (the package imported at
 * first use, so nothing of DuckDB is on the CLI's start path), the table function that reads a file
 * by its name, and the files' columns.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importOptional } from "../optional.js";

/** A DuckDB table function reading one file, whether its line 1 is a header, and what its rows are called. */
export interface FileReader {
  sql: string;
  header: boolean;
  /** "line" in text files, "row" in Parquet. */
  unit: "line" | "row";
}

/** "file, line 12" for the n-th row (from 1) a reader gives. */
export function placeOf(file: string, reader: FileReader, n: number): string {
  return `${file}, ${reader.unit} ${n + (reader.header ? 1 : 0)}`;
}

/** The part of DuckDB's connection evalgap uses (kept here so no DuckDB type is in evalgap's own). */
export interface SqlConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): Record<string, unknown>[]; columnNames(): string[] }>;
  createAppender(table: string): Promise<TableAppender>;
  stream(sql: string): Promise<StreamedResult>;
}

/** A result read a chunk (about 2,048 rows) at a time, values read in place (no row objects). */
export interface StreamedResult {
  columnNames(): string[];
  fetchChunk(): Promise<ResultChunk | null>;
}

/** A column of a chunk, read a value at a time. */
export interface ChunkColumn {
  getItem(row: number): unknown;
}

export interface ResultChunk {
  readonly rowCount: number;
  getColumnVector(column: number): ChunkColumn;
}

/** A chunk's columns by name. */
export type ChunkColumns = Record<string, ChunkColumn>;

/**
 * Run `sql` and hand each chunk of its result to `use`, with the column vectors by name, so a big
 * result is never held whole in either DuckDB or JavaScript. `use` returns false to stop reading.
 */
export async function forEachChunk(connection: SqlConnection, sql: string, use: (columns: ChunkColumns, rows: number) => boolean | void): Promise<void> {
  const result = await connection.stream(sql);
  const names = result.columnNames();
  for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const columns: ChunkColumns = {};
    names.forEach((name, i) => (columns[name] = chunk!.getColumnVector(i)));
    if (use(columns, chunk.rowCount) === false) return;
  }
}

/** DuckDB's appender, as the writers use it. */
export interface TableAppender {
  appendVarchar(value: string): void;
  appendDouble(value: number): void;
  appendInteger(value: number): void;
  appendBigInt(value: bigint): void;
  appendBoolean(value: boolean): void;
  appendNull(): void;
  endRow(): void;
  closeSync(): void;
}

/**
 * A string as an SQL literal.
 *
 * @example
 * sqlString("it's") // "'it''s'"
 */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A name as an SQL identifier. */
export function sqlName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A file name without its compression suffix (.gz, .zst), lower case: what tells its format. */
function formatName(file: string): string {
  return file.toLowerCase().replace(/\.(gz|gzip|zst|zstd)$/, "");
}

/**
 * Whether DuckDB can tell this file's format from its name (.parquet, .csv, .tsv, .jsonl, .ndjson,
 * .json, optionally compressed).
 *
 * @example
 * duckdbReadable("runs.jsonl.zst") // true
 */
export function duckdbReadable(file: string): boolean {
  return /\.(parquet|csv|tsv|jsonl|ndjson|json)$/.test(formatName(file));
}

/** Whether the file is compressed (gzip or zstd), which only DuckDB reads. */
export function isCompressed(file: string): boolean {
  return /\.(gz|gzip|zst|zstd)$/i.test(file);
}

/** Whether the file is Parquet, which only DuckDB reads. */
export function isParquet(file: string): boolean {
  return formatName(file).endsWith(".parquet");
}

/**
 * The DuckDB table function that reads a file, from its name (compression suffixes allowed).
 *
 * @example
 * readerFor("runs.csv.gz").sql // "read_csv('runs.csv.gz', header = true, all_varchar = true)"
 */
export function readerFor(file: string, delimiter?: string): FileReader {
  const name = formatName(file);
  const path = sqlString(file);
  if (name.endsWith(".parquet")) return { sql: `read_parquet(${path})`, header: false, unit: "row" };
  // Text columns stay text ("007" is an item id, not 7); scores are cast in the aggregation.
  const delim = delimiter !== undefined ? `, delim = ${sqlString(delimiter)}` : "";
  if (name.endsWith(".csv")) return { sql: `read_csv(${path}, header = true, all_varchar = true${delim})`, header: true, unit: "line" };
  if (name.endsWith(".tsv")) return { sql: `read_csv(${path}, header = true, delim = ${sqlString(delimiter ?? "\t")}, all_varchar = true)`, header: true, unit: "line" };
  if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return { sql: `read_json(${path}, format = 'newline_delimited')`, header: false, unit: "line" };
  if (name.endsWith(".json")) return { sql: `read_json(${path}, format = 'auto')`, header: false, unit: "line" };
  throw new RangeError(`${file}: cannot tell the format from the name (expected .parquet, .csv, .tsv, .jsonl, .ndjson or .json, optionally .gz or .zst)`);
}

/**
 * DuckDB's memory limit by default: what its buffer manager may hold before it spills the
 * aggregation and the sort to disk. The aggregation of 100M answers (1M items × 10 conditions)
 * needs more than this and spills; 10M answers fit (measured in bench/itemTable.bench.ts).
 */
export const DEFAULT_MEMORY_LIMIT = "400MB";

/** How to open DuckDB. */
export interface DuckdbSettings {
  /** DuckDB's memory limit ("512MB", "2GB"); default `EVALGAP_DUCKDB_MEMORY`, else `DEFAULT_MEMORY_LIMIT`. */
  memoryLimit?: string;
}

/**
 * Open an in-memory DuckDB, importing the package on first use, and close it after `use`.
 * `purpose` names what needs it, for the install hint when it is missing.
 */
export async function withDuckdb<T>(purpose: string, use: (connection: SqlConnection) => Promise<T>, settings: DuckdbSettings = {}): Promise<T> {
  const duckdb = await importOptional<typeof import("@duckdb/node-api")>("@duckdb/node-api", purpose);
  const memoryLimit = settings.memoryLimit ?? process.env.EVALGAP_DUCKDB_MEMORY ?? DEFAULT_MEMORY_LIMIT;
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memoryLimit)) {
    throw new RangeError(`memoryLimit (or EVALGAP_DUCKDB_MEMORY) must be a size such as "512MB" or "2GB" (value: ${JSON.stringify(memoryLimit)})`);
  }
  // Spilled aggregation and sort data go to the system's temporary folder, not the working directory.
  const instance = await duckdb.DuckDBInstance.create(":memory:", { memory_limit: memoryLimit, temp_directory: join(tmpdir(), `evalgap-duckdb-${process.pid}`) });
  const connection = await instance.connect();
  try {
    return await use(connection as unknown as SqlConnection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Each file's columns, as DuckDB reads them; an unreadable file is an error naming it. */
export async function describeFiles(connection: SqlConnection, files: readonly string[], readers: readonly FileReader[]): Promise<string[][]> {
  const out: string[][] = [];
  for (const [i, reader] of readers.entries()) {
    let described;
    try {
      described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${reader.sql}`);
    } catch (error) {
      throw new RangeError(`${files[i]}: DuckDB cannot read it: ${(error as Error).message.split("\n")[0]}`);
    }
    out.push(described.getRowObjectsJS().map((row) => String(row.column_name)));
  }
  return out;
}
