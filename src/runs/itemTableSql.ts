/**
 * The aggregation from answers to the item table, as SQL, in one scan of the answers: they are
 * grouped by (condition, item, answer, status, and the item's cluster, target and option count, so
 * that two of them within an item show as two groups) into counts, sums and sums of squares. Those
 * groups, few, are either streamed to the loader in item order (`orderedGroups`, what DuckDB runs on
 * files in `loadItemTable`) or rolled up to one row per (condition, item) with the answer counts in
 * a list (`items`, the item file that `evalgap sql` prints for a warehouse and `evalgap convert
 * --items` writes). Either result is all evalgap needs.
 */
import { checkChoice } from "../stats/validate.js";
import { resolveColumns, type ColumnMap, type RecordField } from "./columnMap.js";

export const SQL_DIALECTS = ["duckdb", "postgres", "bigquery"] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/** The fields the aggregation reads; `item` and `score` are required. */
const USED: readonly RecordField[] = ["item", "condition", "score", "cluster", "answer", "target", "choices", "refused", "error"];

/** The SQL of one aggregation: the answers as records (`records`), the item file, the groups in item order. */
export interface ItemTableSql {
  /**
   * A common table expression `rec(rn, condition, item, score, raw_score, cluster, answer, target,
   * choices, status)`; `answer` is '' when there is none, `status` 0 answered, 1 refused, 2 error.
   */
  records: string;
  /**
   * The item file: one row per (condition, item) in order of first appearance, columns
   * `ITEM_FILE_COLUMNS` and the checks `ITEM_FILE_CHECKS`; `answers` lists {answer, status, n} in
   * order of first appearance (DuckDB: a list of structs; Postgres and BigQuery: its JSON text).
   */
  items: string;
  /**
   * The groups as the loader streams them (DuckDB): ordered by their item's first row, then their
   * own, so an item's groups come together in order of first appearance; the item's strings, its
   * first row (`item_first`) and its least and greatest cluster, target and option count are on its
   * first group only (null elsewhere), so few strings cross into JavaScript; counts are doubles.
   * `bad` counts unusable answers in the group (a bad score, an empty item or condition).
   */
  orderedGroups: string;
  /** The first record that is not a usable answer: empty item or condition, a score outside [0, 1]. */
  firstBad: string;
  /** The first 10 records that are not usable answers (`rn, condition, item, raw_score`) and how many there are in all (`total`). */
  badRecords: string;
}

/** The columns of an item file (`evalgap convert --items`, the SQL `items`), which `loadItemTable` reads back. */
export const ITEM_FILE_COLUMNS = ["condition", "item", "cluster", "choices", "target", "answered", "sum", "sum_squares", "refused", "errors", "answers"] as const;

/**
 * Columns of the SQL's item file that `loadItemTable` checks when present: order of first
 * appearance, a second cluster, target or option count within one item, scores that were not numbers
 * in [0, 1] and where the first of them was.
 */
export const ITEM_FILE_CHECKS = ["first_row", "cluster_other", "target_other", "choices_other", "bad_scores", "bad_first_row"] as const;

function quote(name: string, dialect: SqlDialect): string {
  return dialect === "bigquery" ? `\`${name.replace(/`/g, "\\`")}\`` : `"${name.replace(/"/g, '""')}"`;
}

function text(expr: string, dialect: SqlDialect): string {
  return dialect === "bigquery" ? `CAST(${expr} AS STRING)` : `CAST(${expr} AS VARCHAR)`;
}

/** The answer counts of a (condition, item) as one value: a DuckDB list, else JSON text (a CSV export keeps it). */
function answerList(dialect: SqlDialect): string {
  if (dialect === "postgres") return "json_agg(json_build_object('answer', answer, 'status', status, 'n', n) ORDER BY first_row)";
  if (dialect === "bigquery") return "TO_JSON_STRING(ARRAY_AGG(STRUCT(answer AS answer, status AS status, n AS n) ORDER BY first_row))";
  return "list({'answer': answer, 'status': status, 'n': n} ORDER BY first_row)";
}

function tryNumber(expr: string, dialect: SqlDialect): string {
  // Postgres has no TRY_CAST: a score that is not a number is caught by firstBad's regex there.
  if (dialect === "bigquery") return `SAFE_CAST(${expr} AS FLOAT64)`;
  if (dialect === "postgres") return `CASE WHEN ${text(expr, dialect)} ~ '^\\s*[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?\\s*$' THEN CAST(${text(expr, dialect)} AS DOUBLE PRECISION) END`;
  return `TRY_CAST(${expr} AS DOUBLE)`;
}

/**
 * A score as `scoreValue` reads it: Inspect's labels C, I, P, N (1, 0, 0.5, 0), the words true,
 * false, yes, no, correct, incorrect, else the number (NULL when it is none of these).
 */
function scoreNumber(expr: string, dialect: SqlDialect): string {
  const word = `upper(trim(${text(expr, dialect)}))`;
  const cases = Object.entries(SCORE_WORDS).map(([w, x]) => `WHEN '${w}' THEN ${x.toFixed(1)}`).join(" ");
  // The number first; a label is read only where there is none (CASE evaluates a branch only for
  // the rows that take it, so a numeric column is never cast to text: coalesce would, at 4× the cost).
  const number = tryNumber(expr, dialect);
  return `CASE WHEN ${number} IS NOT NULL THEN ${number} ELSE CASE ${word} ${cases} END END`;
}

const SCORE_WORDS: Readonly<Record<string, number>> = { C: 1, I: 0, P: 0.5, N: 0, TRUE: 1, FALSE: 0, YES: 1, NO: 0, CORRECT: 1, INCORRECT: 0 };

/**
 * The SQL for a source with these columns. `source` is a FROM item that yields the columns and a
 * row number `rn` in file order (DuckDB: `read_json(...) WITH ORDINALITY`; a warehouse: a table
 * with an ordering column). Fields are found as `resolveColumns` finds them for CSV and JSONL.
 *
 * @example
 * itemTableSql("runs", ["item", "condition", "score"]).orderedGroups.includes("GROUP BY condition, item, answer, status, cluster, target, choices") // true
 */
export function itemTableSql(source: string, columns: readonly string[], options: { columns?: ColumnMap; dialect?: SqlDialect; condition?: string; skipBad?: boolean } = {}): ItemTableSql {
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
    ${scoreNumber(col("score")!, dialect)} AS score,
    ${str(col("score")!)} AS raw_score,
    ${orNull("cluster", str)} AS cluster,
    ${col("answer") === undefined ? "''" : `coalesce(${str(col("answer")!)}, '')`} AS answer,
    ${orNull("target", str)} AS target,
    ${orNull("choices", (c) => tryNumber(c, dialect))} AS choices,
    ${status.length ? `CASE ${status.join(" ")} ELSE 0 END` : "0"} AS status
  FROM ${source}
)`;
  const bad = "status <> 2 AND (score IS NULL OR score < 0 OR score > 1)";
  const badRecord = `item IS NULL OR trim(item) = '' OR condition IS NULL OR trim(condition) = ''
  OR (${bad})`;
  // "groups" is a reserved word in BigQuery; group sums are named apart from the function sum.
  // The loader's copy (materialised by DuckDB, so kept narrow) leaves out the item file's extra columns.
  const groupsCteOf = (itemFileColumns: boolean, head: string) => `${head}
  SELECT condition, item, answer, status, count(*) AS n,
    coalesce(sum(score), 0) AS score_sum,
    coalesce(sum(score * score), 0) AS score_squares,
    min(rn) AS first_row,
    cluster, target, choices,${itemFileColumns ? `
    cluster AS cluster_other, target AS target_other, choices AS choices_other,` : ""}
    sum(CASE WHEN ${bad} THEN 1 ELSE 0 END) AS bad_scores${itemFileColumns ? `,
    min(CASE WHEN ${bad} THEN rn END) AS bad_first_row` : ""}
  FROM rec${options.skipBad ? `
  WHERE NOT (${badRecord})` : ""}
  GROUP BY condition, item, answer, status, cluster, target, choices
)`;
  const groupsCte = groupsCteOf(true, "answer_groups AS (");
  const items = `WITH ${records},
${groupsCte}
SELECT condition, item,
  min(cluster) AS cluster, min(choices) AS choices, min(target) AS target,
  sum(CASE WHEN status = 0 THEN n ELSE 0 END) AS answered,
  sum(CASE WHEN status = 0 THEN score_sum ELSE 0 END) AS sum,
  sum(CASE WHEN status = 0 THEN score_squares ELSE 0 END) AS sum_squares,
  sum(CASE WHEN status = 1 THEN n ELSE 0 END) AS refused,
  sum(CASE WHEN status = 2 THEN n ELSE 0 END) AS errors,
  ${answerList(dialect)} AS answers,
  min(first_row) AS first_row,
  max(cluster_other) AS cluster_other, max(target_other) AS target_other, max(choices_other) AS choices_other,
  sum(bad_scores) AS bad_scores, min(bad_first_row) AS bad_first_row
FROM answer_groups
GROUP BY condition, item
ORDER BY first_row`;
  const head = (value: string) => `CASE WHEN g.first_row = h.item_first THEN ${value} END`;
  const emptyKey = (c: string) => `${c} IS NULL OR trim(${c}) = ''`;
  const orderedGroups = `WITH ${records},
${groupsCteOf(false, "answer_groups AS MATERIALIZED (")},
item_heads AS (
  SELECT condition, item, min(first_row) AS item_first,
    min(cluster) AS cluster, max(cluster) AS cluster_other,
    min(target) AS target, max(target) AS target_other,
    min(choices) AS choices, max(choices) AS choices_other
  FROM answer_groups
  GROUP BY condition, item
)
SELECT ${head("g.condition")} AS condition, ${head("g.item")} AS item, g.answer, CAST(g.status AS INTEGER) AS status,
  CAST(g.n AS DOUBLE) AS n, CAST(g.score_sum AS DOUBLE) AS score_sum, CAST(g.score_squares AS DOUBLE) AS score_squares,
  CAST(g.first_row AS DOUBLE) AS first_row, CAST(h.item_first AS DOUBLE) AS item_first,
  ${head("h.cluster")} AS cluster, ${head("h.cluster_other")} AS cluster_other,
  ${head("h.target")} AS target, ${head("h.target_other")} AS target_other,
  ${head("CAST(h.choices AS DOUBLE)")} AS choices, ${head("CAST(h.choices_other AS DOUBLE)")} AS choices_other,
  CAST(g.bad_scores AS DOUBLE) + CASE WHEN ${emptyKey("g.condition")} OR ${emptyKey("g.item")} THEN 1 ELSE 0 END AS bad
FROM answer_groups g JOIN item_heads h ON g.condition IS NOT DISTINCT FROM h.condition AND g.item IS NOT DISTINCT FROM h.item
ORDER BY h.item_first, g.first_row`;
  const firstBad = `WITH ${records}
SELECT rn, condition, item, raw_score FROM rec
WHERE ${badRecord}
ORDER BY rn
LIMIT 1`;
  const badRecords = `WITH ${records}
SELECT rn, condition, item, raw_score, count(*) OVER () AS total FROM rec
WHERE ${badRecord}
ORDER BY rn
LIMIT 10`;
  return { records, items, orderedGroups, firstBad, badRecords };
}

/** The fields the aggregation reads, for messages. */
export const ITEM_TABLE_FIELDS = USED;
