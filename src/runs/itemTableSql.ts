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
import { CHOICES_MESSAGE, DUPLICATE_MESSAGE, REFUSED_MESSAGE, SAMPLE_MESSAGE } from "./buildRecord.js";
import { SCORE_MESSAGE } from "./scoreValue.js";
import { SQL_DIALECTS, blankValue, jsTrim, quote, rawValue, scoreNumber, sqlText, wholeNumber, type SqlDialect } from "./sqlValues.js";

export { SQL_DIALECTS, type SqlDialect } from "./sqlValues.js";

/** The fields the aggregation reads; `item` and `score` are required. */
const USED: readonly RecordField[] = ["item", "condition", "score", "sample", "cluster", "answer", "target", "choices", "refused", "error"];

/** The SQL of one aggregation: the answers as records (`records`), the item file, the groups in item order. */
export interface ItemTableSql {
  /**
   * Common table expressions ending in `rec(rn, condition, item, score, raw_score, cluster, answer,
   * target, choices, raw_choices, sample, raw_sample, raw_refused, status, fault)`: `answer` is ''
   * when there is none, `status` 0 answered, 1 refused, 2 error, `sample` -1 where none is given (as
   * the loaders read it), and `fault` the first of the loaders' checks the row fails (`FAULT_MESSAGES`), 0 none.
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
   * first row (`item_first`), its least and greatest cluster, target and option count and whether
   * its samples are distinct (`samples_distinct`: 1, 0, or NULL where `anyDuplicate` must tell) are
   * on its first group only (null elsewhere), so few strings cross into JavaScript; counts are
   * doubles. Every row carries `bad_total`, the answers anywhere that fail a check, and
   * `repeated_items`, the items whose samples repeat, so the loader knows at the first row whether
   * the file has a bad answer (which comes before any item's second cluster, as in the loaders).
   */
  orderedGroups: string;
  /** The first answer (`rn, condition, item, raw_score, raw_sample, raw_choices, raw_refused, sample, problem, first_rn`) that fails a check or repeats a (condition, item, sample); `problem` indexes `FAULT_MESSAGES`, `first_rn` is the first of a duplicate's kind. */
  firstBad: string;
  /** The first 10 such answers, as `firstBad`, and how many there are in all (`total`). */
  badRecords: string;
  /** A (condition, item, sample) that more than one answer has, if any: the exact check behind `samples_distinct`. */
  anyDuplicate: string;
}

/** The columns of an item file (`evalgap convert --items`, the SQL `items`), which `loadItemTable` reads back. */
export const ITEM_FILE_COLUMNS = ["condition", "item", "cluster", "choices", "target", "answered", "sum", "sum_squares", "refused", "errors", "answers"] as const;

/**
 * Columns of the SQL's item file that `loadItemTable` checks when present: order of first
 * appearance, a second cluster, target or option count within one item, answers that fail the
 * loaders' checks and answers that repeat a (condition, item, sample), with the first of each.
 * (`bad_scores`, the name item files of evalgap 0.1 gave `bad_answers`, is read as it.)
 */
export const ITEM_FILE_CHECKS = ["first_row", "cluster_other", "target_other", "choices_other", "bad_answers", "bad_scores", "bad_first_row", "duplicate_answers", "duplicate_first_row"] as const;

/** The answer counts of a (condition, item) as one value: a DuckDB list, else JSON text (a CSV export keeps it). */
function answerList(dialect: SqlDialect): string {
  if (dialect === "postgres") return "json_agg(json_build_object('answer', answer, 'status', status, 'n', n) ORDER BY first_row)";
  if (dialect === "bigquery") return "TO_JSON_STRING(ARRAY_AGG(STRUCT(answer AS answer, status AS status, n AS n) ORDER BY first_row))";
  return "list({'answer': answer, 'status': status, 'n': n} ORDER BY first_row)";
}

/**
 * The SQL for a source with these columns. `source` is a FROM item that yields the columns and a
 * row number `rn` in file order (DuckDB: `read_json(...) WITH ORDINALITY`; a warehouse: a table
 * with an ordering column). Fields are found as `resolveColumns` finds them for CSV and JSONL.
 * `run` names a column of the condition repeats are checked within, when the table's condition is
 * another column (`groupBy`); by default the condition itself.
 *
 * @example
 * itemTableSql("runs", ["item", "condition", "score"]).orderedGroups.includes("GROUP BY condition, item, answer, status, cluster, target, choices") // true
 */
export function itemTableSql(source: string, columns: readonly string[], options: { columns?: ColumnMap; dialect?: SqlDialect; condition?: string; skipBad?: boolean; run?: string } = {}): ItemTableSql {
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
  const str = (c: string) => sqlText(c, dialect);
  const condition = col("condition") !== undefined && options.condition === undefined
    ? str(col("condition")!)
    : `'${options.condition!.replace(/'/g, "''")}'`;
  const error = col("error");
  const refused = col("refused");
  const blank = (c: string) => blankValue(c, dialect);
  const flagWord = (c: string, words: string) => `lower(trim(${str(c)})) IN (${words})`;
  const status = [
    error === undefined ? undefined : `WHEN NOT ${blank(error)} THEN 2`,
    refused === undefined ? undefined : `WHEN ${refused} IS NOT NULL AND ${flagWord(refused, "'true', '1', 'yes'")} THEN 1`,
  ].filter(Boolean);
  const sample = col("sample");
  const choices = col("choices");
  // Each value as the loaders read it (buildRecord). An expression named more than once (as these are,
  // in the checks below) DuckDB computes once for every row, so each names the source column itself,
  // never a text made from a numeric column (see blankValue).
  const statusValue = status.length ? `CASE ${status.join(" ")} ELSE 0 END` : "0";
  const scoreValue = scoreNumber(col("score")!, dialect);
  const whole = (c: string) => wholeNumber(c, dialect);
  // A blank sample reads as -1, so NULL is a sample that is not a whole number.
  const sampleValue = sample === undefined ? "CAST(-1 AS BIGINT)" : `CASE WHEN ${whole(sample)} IS NOT NULL THEN ${whole(sample)} WHEN ${blank(sample)} THEN CAST(-1 AS BIGINT) END`;
  const choicesValue = choices === undefined ? "NULL" : whole(choices);
  // The loaders' checks of a row's values, in their order, the first that fails naming the problem
  // (FAULT_MESSAGES). Each is a CASE whose dearer part (a blank test) runs only on the rows that
  // fail the cheap part: DuckDB evaluates a CASE branch only for its rows, both sides of an AND for all.
  const valueFaults = [
    // An error with no score is an answer that failed (kept, counted as an error); any other score must be in [0, 1].
    `WHEN CASE WHEN ${scoreValue} IS NULL OR ${scoreValue} < 0 OR ${scoreValue} > 1 THEN ${error === undefined ? "true" : `NOT (${statusValue} = 2 AND ${blank(col("score")!)})`} ELSE false END THEN 3`,
    sample === undefined ? undefined : `WHEN (${sampleValue}) IS NULL THEN 4`,
    choices === undefined ? undefined : `WHEN CASE WHEN ${choicesValue} IS NULL OR ${choicesValue} < 2 THEN NOT ${blank(choices)} ELSE false END THEN 5`,
    refused === undefined ? undefined : `WHEN CASE WHEN ${flagWord(refused, "'true', '1', 'yes', 'false', '0', 'no'")} THEN false ELSE NOT ${blank(refused)} END THEN 6`,
  ].filter(Boolean);
  // An empty item or condition is a property of a whole group, checked on the (trimmed) groups in the aggregation; row by row only to find the first.
  const T = (c: string) => jsTrim(c, dialect);
  const emptyKey = (c: string) => `${c} IS NULL OR ${T(c)} = ''`;
  const fields = `fields AS (
  SELECT rn,
    ${condition} AS condition,
    ${str(col("item")!)} AS item,
    ${scoreValue} AS score,
    ${rawValue(col("score")!, dialect)} AS raw_score,
    ${orNull("cluster", str)} AS cluster,
    ${col("answer") === undefined ? "''" : `coalesce(${str(col("answer")!)}, '')`} AS answer,
    ${orNull("target", str)} AS target,
    ${choicesValue} AS choices,
    ${orNull("choices", (c) => rawValue(c, dialect))} AS raw_choices,
    ${sampleValue} AS sample,
    ${orNull("sample", (c) => rawValue(c, dialect))} AS raw_sample,
    ${orNull("refused", (c) => rawValue(c, dialect))} AS raw_refused,
    ${options.run === undefined ? condition : str(quote(options.run, dialect))} AS run,
    ${statusValue} AS status,
    ${valueFaults.length ? `CASE ${valueFaults.join("\n      ")} ELSE 0 END` : "0"} AS value_fault
  FROM ${source}
)`;
  const records = `${fields},
rec AS (
  SELECT fields.*, CASE WHEN ${emptyKey("item")} THEN 1 WHEN ${emptyKey("condition")} THEN 2 ELSE value_fault END AS fault
  FROM fields
)`;
  // A usable answer's occurrence among the usable answers of its (condition, item, sample): the loaders keep the first and call the others duplicates.
  const checked = `checked AS (
  SELECT rec.*, CASE WHEN fault <> 0 THEN fault WHEN occurrence > 1 THEN ${DUPLICATE_FAULT} ELSE 0 END AS problem
  FROM (
    SELECT rec.*,
      row_number() OVER (PARTITION BY fault = 0, run_key, item_key, sample ORDER BY rn) AS occurrence,
      min(rn) OVER (PARTITION BY fault = 0, run_key, item_key, sample) AS first_rn
    FROM (SELECT rec.*, ${T("run")} AS run_key, ${T("item")} AS item_key FROM rec) rec
  ) rec
)`;
  // "groups" is a reserved word in BigQuery; group sums are named apart from the function sum.
  // Two levels: the answers grouped by their text as it is (cheap, on every row), then those few
  // groups read as the loaders read text, trimmed and blank as missing (" A" is "A"). The item file
  // merges groups that trimming makes equal; the loader's stream leaves that to JavaScript (an
  // item's groups arrive together), which saves DuckDB a second aggregation.
  const groupsCteOf = (itemFileColumns: boolean, head: string) => {
    const trimmed = `SELECT ${T("condition")} AS condition, ${T("item")} AS item, coalesce(${T("answer")}, '') AS answer, status,
      NULLIF(${T("cluster")}, '') AS cluster, NULLIF(${T("target")}, '') AS target, choices,
      n, score_sum, score_squares, first_row,${itemFileColumns ? "" : " sample_least, sample_greatest, sample_hashes,"} bad_answers${itemFileColumns ? ", bad_first_row" : ""}
    FROM raw_groups`;
    return `raw_groups AS (
  SELECT condition, item, answer, status, cluster, target, choices, count(*) AS n,
    coalesce(sum(score), 0) AS score_sum, coalesce(sum(score * score), 0) AS score_squares, min(rn) AS first_row,${itemFileColumns ? "" : `
    min(sample) AS sample_least, max(sample) AS sample_greatest, bit_xor(hash(CAST(sample AS BIGINT))) AS sample_hashes,`}
    sum(CASE WHEN value_fault <> 0 THEN 1 ELSE 0 END) AS bad_answers${itemFileColumns ? `,
    min(CASE WHEN value_fault <> 0 THEN rn END) AS bad_first_row` : ""}
  FROM ${options.skipBad ? "checked\n  WHERE problem = 0" : "rec"}
  GROUP BY condition, item, answer, status, cluster, target, choices
),
${head}${itemFileColumns ? `
  SELECT condition, item, answer, status,
    min(cluster) AS cluster, max(cluster) AS cluster_other, min(target) AS target, max(target) AS target_other,
    min(choices) AS choices, max(choices) AS choices_other,
    sum(n) AS n, sum(score_sum) AS score_sum, sum(score_squares) AS score_squares, min(first_row) AS first_row,
    sum(bad_answers) AS bad_answers, min(bad_first_row) AS bad_first_row
  FROM (
    ${trimmed}
  ) trimmed
  GROUP BY condition, item, answer, status` : `
  ${trimmed}`}
)`;
  };
  const duplicates = `duplicates AS (
  SELECT ${T("condition")} AS condition, item_key AS item, count(*) AS duplicate_answers, min(rn) AS duplicate_first_row
  FROM checked
  WHERE problem = ${DUPLICATE_FAULT}
  GROUP BY ${T("condition")}, item_key
)`;
  const items = `WITH ${records},
${checked},
${duplicates},
${groupsCteOf(true, "answer_groups AS (")}
SELECT g.condition, g.item,
  min(cluster) AS cluster, min(choices) AS choices, min(target) AS target,
  sum(CASE WHEN status = 0 THEN n ELSE 0 END) AS answered,
  sum(CASE WHEN status = 0 THEN score_sum ELSE 0 END) AS sum,
  sum(CASE WHEN status = 0 THEN score_squares ELSE 0 END) AS sum_squares,
  sum(CASE WHEN status = 1 THEN n ELSE 0 END) AS refused,
  sum(CASE WHEN status = 2 THEN n ELSE 0 END) AS errors,
  ${answerList(dialect)} AS answers,
  min(first_row) AS first_row,
  max(cluster_other) AS cluster_other, max(target_other) AS target_other, max(choices_other) AS choices_other,
  sum(bad_answers) AS bad_answers, min(bad_first_row) AS bad_first_row,
  min(d.duplicate_answers) AS duplicate_answers, min(d.duplicate_first_row) AS duplicate_first_row
FROM answer_groups g LEFT JOIN duplicates d ON g.condition = d.condition AND g.item = d.item
GROUP BY g.condition, g.item
ORDER BY first_row`;
  const head = (value: string) => `CASE WHEN g.first_row = h.item_first THEN ${value} END`;
  const orderedGroups = `WITH ${records},${options.skipBad ? `
${checked},` : ""}
${groupsCteOf(false, "answer_groups AS MATERIALIZED (")},
item_heads AS MATERIALIZED (
  SELECT condition, item, min(first_row) AS item_first,
    min(cluster) AS cluster, max(cluster) AS cluster_other,
    min(target) AS target, max(target) AS target_other,
    min(choices) AS choices, max(choices) AS choices_other,
    sum(n) AS answers, min(sample_least) AS sample_least, max(sample_greatest) AS sample_greatest, bit_xor(sample_hashes) AS sample_hashes
  FROM answer_groups
  GROUP BY condition, item
),
${SAMPLE_CHECK},
problems AS (
  SELECT (SELECT sum(bad_answers + CASE WHEN condition IS NULL OR condition = '' OR item IS NULL OR item = '' THEN 1 ELSE 0 END) FROM answer_groups) AS bad_total,
    ${options.run === undefined ? `(SELECT count(*) FROM item_heads h LEFT JOIN full_ranges r ON r.low = h.sample_least AND r.high = h.sample_greatest WHERE (${SAMPLES_DISTINCT}) = 0)` : "0"} AS repeated_items
)
SELECT ${head("g.condition")} AS condition, ${head("g.item")} AS item, g.answer, CAST(g.status AS INTEGER) AS status,
  CAST(g.n AS DOUBLE) AS n, CAST(g.score_sum AS DOUBLE) AS score_sum, CAST(g.score_squares AS DOUBLE) AS score_squares,
  CAST(g.first_row AS DOUBLE) AS first_row, CAST(h.item_first AS DOUBLE) AS item_first,
  ${head("h.cluster")} AS cluster, ${head("h.cluster_other")} AS cluster_other,
  ${head("h.target")} AS target, ${head("h.target_other")} AS target_other,
  ${head("CAST(h.choices AS DOUBLE)")} AS choices, ${head("CAST(h.choices_other AS DOUBLE)")} AS choices_other,
  ${options.run === undefined ? head(SAMPLES_DISTINCT) : "CAST(NULL AS INTEGER)"} AS samples_distinct,
  CAST(p.bad_total AS DOUBLE) AS bad_total, CAST(p.repeated_items AS DOUBLE) AS repeated_items
FROM answer_groups g JOIN item_heads h ON g.condition IS NOT DISTINCT FROM h.condition AND g.item IS NOT DISTINCT FROM h.item
LEFT JOIN full_ranges r ON r.low = h.sample_least AND r.high = h.sample_greatest
CROSS JOIN problems p
ORDER BY h.item_first, g.first_row`;
  const problemColumns = "rn, condition, item, raw_score, raw_sample, raw_choices, raw_refused, run_key, item_key, sample, problem, first_rn";
  const firstBad = `WITH ${records},
${checked}
SELECT ${problemColumns} FROM checked
WHERE problem <> 0
ORDER BY rn
LIMIT 1`;
  const badRecords = `WITH ${records},
${checked}
SELECT ${problemColumns}, count(*) OVER () AS total FROM checked
WHERE problem <> 0
ORDER BY rn
LIMIT 10`;
  const anyDuplicate = `WITH ${records}
SELECT ${T("run")} AS run, ${T("item")} AS item, sample FROM rec
GROUP BY ${T("run")}, ${T("item")}, sample
HAVING count(*) > 1
LIMIT 1`;
  return { records, items, orderedGroups, firstBad, badRecords, anyDuplicate };
}

/** The problem code of a usable answer whose (condition, item, sample) came before. */
const DUPLICATE_FAULT = 7;

/**
 * An answer's problem (`problem` in `firstBad` and `badRecords`) in the loaders' words, 0 for none.
 * The value shown is the raw field named (`item` and `condition` for a duplicate).
 */
export const FAULT_MESSAGES: Readonly<Record<number, { message: string; field: "item" | "condition" | "raw_score" | "raw_sample" | "raw_choices" | "raw_refused" | "duplicate" }>> = {
  1: { message: "empty item id", field: "item" },
  2: { message: "empty condition", field: "condition" },
  3: { message: SCORE_MESSAGE, field: "raw_score" },
  4: { message: SAMPLE_MESSAGE, field: "raw_sample" },
  5: { message: CHOICES_MESSAGE, field: "raw_choices" },
  6: { message: REFUSED_MESSAGE, field: "raw_refused" },
  [DUPLICATE_FAULT]: { message: DUPLICATE_MESSAGE, field: "duplicate" },
};

/**
 * Whether an item's samples (the sample column, -1 where there is none, as the loaders read it) are
 * distinct, from its count of answers and the least, greatest and the XOR of the hashes of its
 * samples: fewer values in the range than answers means a repeat; exactly as many means distinct if
 * and only if they are the whole range, which the XOR of hashes tells (a repeat that kept the count
 * and range changes it unless two 64-bit hashes collide); more (samples with gaps) leaves it NULL,
 * for the exact query `anyDuplicate` to settle. (The range is a HUGEINT: samples may span all of BIGINT.)
 */
const SAMPLES_DISTINCT = `CASE WHEN CAST(h.sample_greatest AS HUGEINT) - h.sample_least + 1 < h.answers THEN 0
    WHEN CAST(h.sample_greatest AS HUGEINT) - h.sample_least + 1 = h.answers THEN CASE WHEN h.sample_hashes = r.hashes THEN 1 ELSE 0 END END`;

/** The XOR of the hashes of every whole range of samples some item has (DuckDB), for `SAMPLES_DISTINCT`. */
const SAMPLE_CHECK = `full_ranges AS (
  SELECT low, high, bit_xor(hash(CAST(k AS BIGINT))) AS hashes
  FROM (SELECT DISTINCT sample_least AS low, sample_greatest AS high FROM item_heads WHERE CAST(sample_greatest AS HUGEINT) - sample_least + 1 = answers) ranges,
    LATERAL (SELECT unnest(range(low, high + 1)) AS k)
  GROUP BY low, high
)`;

/** The fields the aggregation reads, for messages. */
export const ITEM_TABLE_FIELDS = USED;
