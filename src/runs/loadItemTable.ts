/**
 * Logs of any size: DuckDB aggregates answer-level files (Parquet, JSON lines, CSV/TSV, gzip- or
 * zstd-compressed, any number of them) to the item table by SQL, streaming, so memory grows with
 * conditions × items, not with answers. DuckDB (`@duckdb/node-api`, an optional peer) is imported
 * when a table is loaded, never on the start path.
 */
import { importOptional } from "../optional.js";
import type { ColumnMap } from "./columnMap.js";
import { buildItemTable, type ItemRow, type ItemTable } from "./itemTable.js";
import { itemTableSql } from "./itemTableSql.js";

/** Rows of one file are numbered `fileIndex · FILE_STRIDE + row`, so a row number names its file. */
const FILE_STRIDE = 1e12;

export interface LoadItemTableOptions {
  /** Which column holds which field (as for `loadRuns`); by default a column named like the field. */
  columns?: ColumnMap;
  /** A condition for files without a condition column. */
  condition?: string;
}

type Reader = { sql: string; header: boolean };

function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The DuckDB table function that reads a file, from its name (compression suffixes allowed). */
function readerFor(file: string): Reader {
  const name = file.toLowerCase().replace(/\.(gz|gzip|zst|zstd)$/, "");
  const path = sqlString(file);
  if (name.endsWith(".parquet")) return { sql: `read_parquet(${path})`, header: false };
  // Text columns stay text ("007" is an item id, not 7); scores are cast in the aggregation.
  if (name.endsWith(".csv")) return { sql: `read_csv(${path}, header = true, all_varchar = true)`, header: true };
  if (name.endsWith(".tsv")) return { sql: `read_csv(${path}, header = true, delim = '\t', all_varchar = true)`, header: true };
  if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return { sql: `read_json(${path}, format = 'newline_delimited')`, header: false };
  if (name.endsWith(".json")) return { sql: `read_json(${path}, format = 'auto')`, header: false };
  throw new RangeError(`${file}: cannot tell the format from the name (expected .parquet, .csv, .tsv, .jsonl, .ndjson or .json, optionally .gz or .zst)`);
}

interface Connection {
  runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): Record<string, unknown>[]; columnNames(): string[] }>;
}

/**
 * Aggregate answer-level files to the item table with DuckDB. Each file's columns are found as
 * `loadRuns` finds them (a column named like the field, any case, or `columns`); `item`, `score`
 * and a condition (column or option) are required. A score that is not a number in [0, 1], or an
 * empty item or condition, is an error naming the file and line; an item with two clusters (or
 * targets, or option counts) within a condition likewise.
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
  const readers = files.map(readerFor);
  const duckdb = await importOptional<typeof import("@duckdb/node-api")>("@duckdb/node-api", "loading a log as an item table with DuckDB");
  const instance = await duckdb.DuckDBInstance.create(":memory:");
  const connection = (await instance.connect()) as unknown as Connection;
  try {
    const columns = new Set<string>();
    for (const [i, reader] of readers.entries()) {
      let described;
      try {
        described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${reader.sql}`);
      } catch (error) {
        throw new RangeError(`${files[i]}: DuckDB cannot read it: ${(error as Error).message.split("\n")[0]}`);
      }
      for (const row of described.getRowObjectsJS()) columns.add(String(row.column_name));
    }
    const parts = readers.map((r, i) => `SELECT * EXCLUDE (ordinality), ordinality + ${i * FILE_STRIDE} AS rn FROM ${r.sql} WITH ORDINALITY`);
    const source = `(${parts.join("\nUNION ALL BY NAME\n")}) AS answers`;
    const sql = itemTableSql(source, [...columns], { ...(options.columns ? { columns: options.columns } : {}), ...(options.condition !== undefined ? { condition: options.condition } : {}) });
    const place = (rn: number): string => {
      const index = Math.floor(rn / FILE_STRIDE);
      const row = rn - index * FILE_STRIDE;
      return `${files[index]} line ${row + (readers[index].header ? 1 : 0)}`;
    };
    const [bad] = (await connection.runAndReadAll(sql.firstBad)).getRowObjectsJS();
    if (bad) {
      const what = bad.item === null || String(bad.item).trim() === "" ? "empty item id" : bad.condition === null || String(bad.condition).trim() === "" ? "empty condition" : "score must be a number between 0 and 1";
      throw new RangeError(`${place(Number(bad.rn))}: ${what} (value: ${JSON.stringify(what === "empty item id" ? bad.item : what === "empty condition" ? bad.condition : bad.raw_score)})`);
    }
    const rows: ItemRow[] = [];
    const byKey = new Map<string, ItemRow>();
    for (const r of (await connection.runAndReadAll(sql.rows)).getRowObjectsJS()) {
      const where = `item ${JSON.stringify(r.item)} in condition ${JSON.stringify(r.condition)} (${place(Number(r.first))})`;
      if (Number(r.clusters) > 1) throw new RangeError(`${where} has two clusters: ${JSON.stringify(r.cluster)} and ${JSON.stringify(r.cluster_other)}`);
      if (Number(r.targets) > 1) throw new RangeError(`${where} has two targets: ${JSON.stringify(r.target)} and ${JSON.stringify(r.target_other)}`);
      if (Number(r.choice_counts) > 1) throw new RangeError(`${where} has two option counts`);
      const choices = r.choices === null ? undefined : Number(r.choices);
      if (choices !== undefined && !(Number.isInteger(choices) && choices >= 2)) throw new RangeError(`${where}: choices must be an integer of at least 2 (value: ${choices})`);
      const row: ItemRow = {
        condition: String(r.condition),
        item: String(r.item),
        ...(r.cluster !== null ? { cluster: String(r.cluster) } : {}),
        ...(choices !== undefined ? { choices } : {}),
        ...(r.target !== null ? { target: String(r.target) } : {}),
        answered: Number(r.answered),
        sum: Number(r.sum),
        sumSquares: Number(r.sum_squares),
        refused: Number(r.refused),
        errors: Number(r.errors),
        answers: [],
      };
      rows.push(row);
      byKey.set(`${row.condition}\u0000${row.item}`, row);
    }
    for (const a of (await connection.runAndReadAll(sql.answers)).getRowObjectsJS()) {
      byKey.get(`${String(a.condition)}\u0000${String(a.item)}`)!.answers.push([String(a.answer), Number(a.status), Number(a.n)]);
    }
    return buildItemTable(rows);
  } finally {
    (connection as unknown as { closeSync?: () => void }).closeSync?.();
    (instance as unknown as { closeSync?: () => void }).closeSync?.();
  }
}
