/**
 * The aggregation from answers to the item table, as SQL: one pass that groups answers by
 * (condition, item) into counts, sums and sums of squares, and one that counts the answers given.
 * DuckDB runs it on files (`loadItemTable`); printed for another engine (`evalgap sql`), it runs
 * where the answers live — a warehouse — and its two results are what evalgap needs.
 */
import { checkChoice } from "../stats/validate.js";
import { resolveColumns, type ColumnMap, type RecordField } from "./columnMap.js";

export const SQL_DIALECTS = ["duckdb", "postgres", "bigquery"] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/** The fields the aggregation reads; `item` and `score` are required. */
const USED: readonly RecordField[] = ["item", "condition", "score", "cluster", "answer", "target", "choices", "refused", "error"];

/** The SQL of one aggregation: the answers as records (`records`), the item rows and the answer counts. */
export interface ItemTableSql {
  /** A common table expression `rec(rn, condition, item, score, raw_score, cluster, answer, target, choices, status)`. */
  records: string;
  /** One row per (condition, item), in order of first appearance (`first`). */
  rows: string;
  /** One row per (condition, item, answer, status) with its count, in order of first appearance. */
  answers: string;
  /** The first record that is not a usable answer: empty item or condition, a score outside [0, 1]. */
  firstBad: string;
}

function quote(name: string, dialect: SqlDialect): string {
  return dialect === "bigquery" ? `\`${name.replace(/`/g, "\\`")}\`` : `"${name.replace(/"/g, '""')}"`;
}

function text(expr: string, dialect: SqlDialect): string {
  return dialect === "bigquery" ? `CAST(${expr} AS STRING)` : `CAST(${expr} AS VARCHAR)`;
}

function tryNumber(expr: string, dialect: SqlDialect): string {
  // Postgres has no TRY_CAST: a score that is not a number is caught by firstBad's regex there.
  if (dialect === "bigquery") return `SAFE_CAST(${expr} AS FLOAT64)`;
  if (dialect === "postgres") return `CASE WHEN ${text(expr, dialect)} ~ '^\\s*[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?\\s*$' THEN CAST(${text(expr, dialect)} AS DOUBLE PRECISION) END`;
  return `TRY_CAST(${expr} AS DOUBLE)`;
}

/**
 * The SQL for a source with these columns. `source` is a FROM item that yields the columns and a
 * row number `rn` in file order (DuckDB: `read_json(...) WITH ORDINALITY`; a warehouse: a table
 * with an ordering column). Fields are found as `resolveColumns` finds them for CSV and JSONL.
 *
 * @example
 * itemTableSql("runs", ["item", "condition", "score"]).rows.includes("GROUP BY condition, item") // true
 */
export function itemTableSql(source: string, columns: readonly string[], options: { columns?: ColumnMap; dialect?: SqlDialect; condition?: string } = {}): ItemTableSql {
  const dialect = options.dialect === undefined ? "duckdb" : checkChoice("dialect", options.dialect, SQL_DIALECTS);
  const { found, missing } = resolveColumns(columns, options.columns);
  if (missing.length) throw new RangeError(`column ${JSON.stringify(missing[0].name)} (for ${missing[0].field}) is not in the source; columns: ${columns.join(", ")}`);
  for (const field of ["item", "score"] as const) {
    if (found[field] === undefined) throw new RangeError(`no ${field} column in the source; columns: ${columns.join(", ")} (name it with columns.${field})`);
  }
  if (found.condition === undefined && options.condition === undefined) {
    throw new RangeError(`no condition column in the source; columns: ${columns.join(", ")} (name it with columns.condition, or give a condition)`);
  }
  const col = (field: RecordField): string | undefined => (found[field] === undefined ? undefined : quote(found[field]!, dialect));
  const orNull = (field: RecordField, wrap: (c: string) => string): string => {
    const c = col(field);
    return c === undefined ? "NULL" : wrap(c);
  };
  const str = (c: string) => text(c, dialect);
  const condition = col("condition") !== undefined && options.condition === undefined
    ? str(col("condition")!)
    : `'${options.condition!.replace(/'/g, "''")}'`;
  const error = col("error");
  const refused = col("refused");
  const truthy = (c: string) => `lower(trim(${str(c)})) IN ('true', '1', 'yes')`;
  const status = [
    error === undefined ? undefined : `WHEN ${error} IS NOT NULL AND trim(${str(error)}) <> '' THEN 2`,
    refused === undefined ? undefined : `WHEN ${refused} IS NOT NULL AND ${truthy(refused)} THEN 1`,
  ].filter(Boolean);
  const records = `rec AS (
  SELECT rn,
    ${condition} AS condition,
    ${str(col("item")!)} AS item,
    ${tryNumber(col("score")!, dialect)} AS score,
    ${str(col("score")!)} AS raw_score,
    ${orNull("cluster", str)} AS cluster,
    ${orNull("answer", str)} AS answer,
    ${orNull("target", str)} AS target,
    ${orNull("choices", (c) => tryNumber(c, dialect))} AS choices,
    ${status.length ? `CASE ${status.join(" ")} ELSE 0 END` : "0"} AS status
  FROM ${source}
)`;
  const rows = `WITH ${records}
SELECT condition, item, min(rn) AS first,
  count(DISTINCT cluster) AS clusters, min(cluster) AS cluster, max(cluster) AS cluster_other,
  count(DISTINCT choices) AS choice_counts, min(choices) AS choices,
  count(DISTINCT target) AS targets, min(target) AS target, max(target) AS target_other,
  sum(CASE WHEN status = 0 THEN 1 ELSE 0 END) AS answered,
  coalesce(sum(CASE WHEN status = 0 THEN score END), 0) AS sum,
  coalesce(sum(CASE WHEN status = 0 THEN score * score END), 0) AS sum_squares,
  sum(CASE WHEN status = 1 THEN 1 ELSE 0 END) AS refused,
  sum(CASE WHEN status = 2 THEN 1 ELSE 0 END) AS errors
FROM rec
GROUP BY condition, item
ORDER BY first`;
  const answers = `WITH ${records}
SELECT condition, item, coalesce(answer, '') AS answer, status, count(*) AS n, min(rn) AS first
FROM rec
GROUP BY condition, item, coalesce(answer, ''), status
ORDER BY first`;
  const firstBad = `WITH ${records}
SELECT rn, condition, item, raw_score FROM rec
WHERE item IS NULL OR trim(item) = '' OR condition IS NULL OR trim(condition) = ''
  OR (status <> 2 AND (score IS NULL OR score < 0 OR score > 1))
ORDER BY rn
LIMIT 1`;
  return { records, rows, answers, firstBad };
}

/** The fields the aggregation reads, for messages. */
export const ITEM_TABLE_FIELDS = USED;
