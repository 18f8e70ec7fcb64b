/** `evalgap sql <files…> [--dialect duckdb|postgres|bigquery]`: the aggregation to the item table, as SQL to run elsewhere. */
import { SQL_DIALECTS, itemTableSql, type SqlDialect } from "../runs/itemTableSql.js";
import type { ColumnMap } from "../runs/columnMap.js";
import { UsageError, choiceFlag, parseCommand, stringFlag } from "./args.js";
import type { Io } from "./io.js";
import { inFlagTerms, parseColumns } from "./readRecords.js";

export const SQL_HELP = `evalgap sql — the aggregation from answers to the item table, as SQL

Usage: evalgap sql <files…> [--out items.parquet]                          (DuckDB, on these files)
       evalgap sql --dialect postgres|bigquery [--table runs] (<files…> | --schema COL,…)

The query makes the item file: one row per (condition, item) with the counts, sums and sums of
squares of the scores and the answers given — all any analysis needs, however many answers there
were. Run it where the answers are, save the result as Parquet or CSV, then
\`evalgap summarize items.parquet\` (or chance, compare).

  --dialect duckdb|postgres|bigquery   default duckdb
  --out FILE.parquet       duckdb: a COPY statement that writes the item file there
  --table NAME             postgres, bigquery: the table (or view) of answers, default runs; it needs
                           an ordering column rn, e.g. a view over your table with
                           ROW_NUMBER() OVER (ORDER BY <your timestamp or id>) AS rn
  --schema COL,…           postgres, bigquery: the table's columns, when no file shows them
                           (files given with these dialects are read for their columns only)
  --columns field=Column,… which column holds which field, e.g. item=question_id,condition=model
  --condition NAME         the condition of every row, for answers without a condition column
  --delimiter C            duckdb: the CSV field delimiter`;

/** A table name as typed: letters, digits, _ . - and quotes for qualified names, nothing that ends a statement. */
function tableFlag(raw: string): string {
  if (!/^[\w.`"-]+$/.test(raw)) throw new UsageError(`--table must be a table name (letters, digits, _ . - and quotes), got ${JSON.stringify(raw)}`);
  return raw;
}

export async function sqlCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    dialect: { type: "string" },
    out: { type: "string" },
    table: { type: "string" },
    schema: { type: "string" },
    columns: { type: "string" },
    condition: { type: "string" },
    delimiter: { type: "string" },
  });
  if (values.help) {
    io.out(SQL_HELP);
    return 0;
  }
  if (values.json) throw new UsageError("--json does not apply: evalgap sql prints SQL");
  const dialect: SqlDialect = choiceFlag(values, "dialect", SQL_DIALECTS) ?? "duckdb";
  const columnsFlag = stringFlag(values, "columns");
  const columns: ColumnMap | undefined = columnsFlag === undefined ? undefined : parseColumns(columnsFlag);
  const condition = stringFlag(values, "condition");
  if (condition !== undefined && condition.trim() === "") throw new UsageError("--condition must not be empty");
  const options = { ...(columns ? { columns } : {}), ...(condition !== undefined ? { condition } : {}) };
  const delimiter = stringFlag(values, "delimiter");
  if (delimiter !== undefined && delimiter.length !== 1) throw new UsageError(`--delimiter must be one character, got ${JSON.stringify(delimiter)}`);
  const schema = stringFlag(values, "schema");
  const header = "-- evalgap: answers → the item file, one row per (condition, item); run it, save the result (Parquet or CSV), then: evalgap summarize <that file>";
  try {
    if (dialect === "duckdb") {
      for (const flag of ["table", "schema"]) if (values[flag] !== undefined) throw new UsageError(`--${flag} is for --dialect postgres or bigquery; DuckDB reads the files named`);
      if (positionals.length === 0) throw new UsageError("no input files: give the answer files the SQL will read");
      const out = stringFlag(values, "out");
      if (out !== undefined && !/\.parquet$/i.test(out)) throw new UsageError(`--out must name a .parquet file, got ${JSON.stringify(out)}`);
      const sql = await duckdbSql(positionals, { ...options, ...(delimiter !== undefined ? { delimiter } : {}), onNote: (note) => io.err(`evalgap: ${inFlagTerms(note)}`) });
      const { sqlString } = await import("../runs/duckdb.js");
      io.out(`${header}\n${out === undefined ? `${sql};` : `COPY (\n${sql}\n) TO ${sqlString(out)} (FORMAT parquet);`}`);
      return 0;
    }
    for (const flag of ["out", "delimiter"]) if (values[flag] !== undefined) throw new UsageError(`--${flag} is for --dialect duckdb`);
    if (schema !== undefined && positionals.length > 0) throw new UsageError("give the table's columns either by files or by --schema, not both");
    const tableColumns = schema !== undefined ? schema.split(",").map((c) => c.trim()) : positionals.length > 0 ? await fileColumns(positionals) : undefined;
    if (tableColumns === undefined) throw new UsageError(`--dialect ${dialect} needs the table's columns: --schema item,condition,score,… or a file with the same columns`);
    if (tableColumns.some((c) => c === "")) throw new UsageError(`--schema must be a comma-separated list of column names, got ${JSON.stringify(schema)}`);
    const table = tableFlag(stringFlag(values, "table") ?? "runs");
    io.out(`${header}\n-- ${table} needs an ordering column rn: ROW_NUMBER() OVER (ORDER BY <your timestamp or id>) AS rn\n${itemTableSql(table, tableColumns, { ...options, dialect }).items};`);
    return 0;
  } catch (error) {
    if (error instanceof Error) error.message = inFlagTerms(error.message).replace(/\(name it with columns\.(\w+), or give a condition\)/, "(name it with --columns $1=…, or give --condition)");
    throw error;
  }
}

/** The item-file SQL over these answer files, as `loadItemTable` would read them. */
async function duckdbSql(paths: string[], options: import("../runs/loadItemTable.js").LoadItemTableOptions): Promise<string> {
  const { expandPaths } = await import("../runs/expandPaths.js");
  const { describeFiles, readerFor, withDuckdb } = await import("../runs/duckdb.js");
  const { answerSource } = await import("../runs/loadItemTable.js");
  const { isItemFile } = await import("../runs/itemFile.js");
  const files = (await expandPaths(paths)).files.map((f) => f.file);
  const readers = files.map((f) => readerFor(f, options.delimiter));
  return withDuckdb("printing the SQL for these files", async (connection) => {
    const columns = await describeFiles(connection, files, readers);
    const done = columns.findIndex(isItemFile);
    if (done >= 0) throw new UsageError(`${files[done]} is an item file already (the SQL's result); analyse it directly: evalgap summarize ${files[done]}`);
    const source = answerSource(files, readers, columns, options);
    return itemTableSql(source.source, source.columns, { columns: source.columnMap }).items;
  });
}

/** The columns of files that stand for a warehouse table (their union, in order). */
async function fileColumns(paths: string[]): Promise<string[]> {
  const { describeFiles, readerFor, withDuckdb } = await import("../runs/duckdb.js");
  const readers = paths.map((f) => readerFor(f));
  return withDuckdb("reading the files' columns", async (connection) => [...new Set((await describeFiles(connection, paths, readers)).flat())]);
}
