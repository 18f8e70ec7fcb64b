/**
 * Writers, so a big log is read once and cached as Parquet: records (the `RunRecord` fields as
 * columns; `meta`, free-form, is left out) or the item table (an item file, see itemFile.ts). Both
 * go through DuckDB's appender and `COPY … (FORMAT parquet)`; `loadItemTable` reads either back.
 */
import type { RunRecord } from "./record.js";
import type { ItemTable } from "./itemTable.js";
import { sqlString, withDuckdb, type SqlConnection, type TableAppender } from "./duckdb.js";

/** The record columns and their types, in `RunRecord` order (`meta` is not one). */
export const RECORD_COLUMNS = [
  ["item", "VARCHAR"], ["condition", "VARCHAR"], ["score", "DOUBLE"], ["sample", "BIGINT"], ["cluster", "VARCHAR"], ["model", "VARCHAR"],
  ["answer", "VARCHAR"], ["target", "VARCHAR"], ["choices", "INTEGER"], ["refused", "BOOLEAN"], ["error", "VARCHAR"],
] as const;

function checkOut(out: string): void {
  if (typeof out !== "string" || !/\.parquet$/i.test(out)) throw new RangeError(`out must be a file name ending in .parquet (value: ${JSON.stringify(out)})`);
}

async function copyOut(connection: SqlConnection, select: string, out: string): Promise<void> {
  try {
    await connection.run(`COPY (${select}) TO ${sqlString(out)} (FORMAT parquet)`);
  } catch (error) {
    throw new RangeError(`${out}: cannot be written: ${(error as Error).message.split("\n")[0]}`);
  }
}

function text(appender: TableAppender, value: string | undefined): void {
  if (value === undefined) appender.appendNull();
  else appender.appendVarchar(value);
}

/**
 * Write records to a Parquet file, one row per record, columns `RECORD_COLUMNS` (absent fields are
 * NULL). Returns how many records carried `meta`, which is not written.
 *
 * @example
 * await writeRecordsParquet([{ item: "q1", condition: "A", score: 1 }], "runs.parquet") // 0
 */
export async function writeRecordsParquet(records: readonly RunRecord[], out: string): Promise<number> {
  checkOut(out);
  return withDuckdb("writing Parquet", async (connection) => {
    await connection.run(`CREATE TABLE records (${RECORD_COLUMNS.map(([name, type]) => `${name} ${type}`).join(", ")})`);
    const appender = await connection.createAppender("records");
    let withMeta = 0;
    for (const r of records) {
      appender.appendVarchar(r.item);
      appender.appendVarchar(r.condition);
      appender.appendDouble(r.score);
      if (r.sample === undefined) appender.appendNull();
      else appender.appendBigInt(BigInt(r.sample));
      text(appender, r.cluster);
      text(appender, r.model);
      text(appender, r.answer);
      text(appender, r.target);
      if (r.choices === undefined) appender.appendNull();
      else appender.appendInteger(r.choices);
      if (r.refused === undefined) appender.appendNull();
      else appender.appendBoolean(r.refused);
      text(appender, r.error);
      appender.endRow();
      if (r.meta !== undefined && Object.keys(r.meta).length > 0) withMeta++;
    }
    appender.closeSync();
    await copyOut(connection, "SELECT * FROM records", out);
    return withMeta;
  });
}

/**
 * Write the item table to a Parquet item file: columns `ITEM_FILE_COLUMNS` (counts BIGINT, sums
 * DOUBLE), `answers` a list of {answer, status, n} in the table's order, rows in the table's order,
 * so `loadItemTable` reads back the same table.
 *
 * @example
 * await writeItemTableParquet(itemTableFromRecords(records), "items.parquet")
 */
export async function writeItemTableParquet(table: ItemTable, out: string): Promise<void> {
  checkOut(out);
  await withDuckdb("writing Parquet", async (connection) => {
    await connection.run("CREATE TABLE items (row_index INTEGER, condition VARCHAR, item VARCHAR, cluster VARCHAR, choices INTEGER, target VARCHAR, answered DOUBLE, sum DOUBLE, sum_squares DOUBLE, refused DOUBLE, errors DOUBLE)");
    await connection.run("CREATE TABLE entries (row_index INTEGER, k INTEGER, answer VARCHAR, status INTEGER, n DOUBLE)");
    const items = await connection.createAppender("items");
    const entries = await connection.createAppender("entries");
    for (let r = 0; r < table.condition.length; r++) {
      items.appendInteger(r);
      items.appendVarchar(table.conditions[table.condition[r]]);
      items.appendVarchar(table.itemIds[table.item[r]]);
      text(items, table.cluster[r] >= 0 ? table.clusters[table.cluster[r]] : undefined);
      if (table.choices[r] > 0) items.appendInteger(table.choices[r]);
      else items.appendNull();
      text(items, table.target[r] >= 0 ? table.labels[table.target[r]] : undefined);
      for (const column of [table.answered, table.sum, table.sumSquares, table.refused, table.errors]) items.appendDouble(column[r]);
      items.endRow();
      for (let e = table.answerStart[r]; e < table.answerStart[r + 1]; e++) {
        entries.appendInteger(r);
        entries.appendInteger(e);
        entries.appendVarchar(table.labels[table.answerLabel[e]]);
        entries.appendInteger(table.answerStatus[e]);
        entries.appendDouble(table.answerCount[e]);
        entries.endRow();
      }
    }
    items.closeSync();
    entries.closeSync();
    await copyOut(connection, `WITH lists AS (
  SELECT row_index, list({'answer': answer, 'status': status, 'n': CAST(n AS BIGINT)} ORDER BY k) AS answers FROM entries GROUP BY row_index
)
SELECT condition, item, cluster, choices, target, CAST(answered AS BIGINT) AS answered, sum, sum_squares,
  CAST(refused AS BIGINT) AS refused, CAST(errors AS BIGINT) AS errors, answers
FROM items JOIN lists USING (row_index)
ORDER BY row_index`, out);
  });
}
