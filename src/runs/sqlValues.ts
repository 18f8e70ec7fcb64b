/**
 * How the SQL of `itemTableSql` reads a value as the JS loaders read it (buildRecord, scoreValue):
 * text trimmed as JavaScript trims it, blank as missing, scores from numbers or labels, whole
 * numbers written several ways, and in DuckDB JSON values of mixed kinds without their quotes, all
 * without making text of a numeric column (DuckDB computes an expression a query names twice on
 * every row, and folds `typeof()` to a constant, which these lean on).
 */

export const SQL_DIALECTS = ["duckdb", "postgres", "bigquery"] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

export function quote(name: string, dialect: SqlDialect): string {
  return dialect === "bigquery" ? `\`${name.replace(/`/g, "\\`")}\`` : `"${name.replace(/"/g, '""')}"`;
}

/** A value as text, as the loaders read it (see below for DuckDB's JSON columns). */
export function sqlText(expr: string, dialect: SqlDialect = "duckdb"): string {
  if (dialect === "bigquery") return `CAST(${expr} AS STRING)`;
  if (dialect === "postgres") return `CAST(${expr} AS VARCHAR)`;
  // DuckDB's JSON reader types a column of mixed kinds (3 beside "2") JSON, whose text keeps the
  // quotes; its values are read as the loaders read them, a string without quotes, a number as
  // written. typeof() is folded to a constant, so other columns are cast as before.
  return `CASE WHEN typeof(${expr}) = 'JSON' THEN json_extract_string(CAST(${expr} AS JSON), '$') ELSE CAST(${expr} AS VARCHAR) END`;
}

export function tryNumber(expr: string, dialect: SqlDialect): string {
  // Postgres has no TRY_CAST: a score that is not a number is caught by firstBad's regex there.
  if (dialect === "bigquery") return `SAFE_CAST(${expr} AS FLOAT64)`;
  if (dialect === "postgres") return `CASE WHEN ${sqlText(expr, dialect)} ~ '^\\s*[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?\\s*$' THEN CAST(${sqlText(expr, dialect)} AS DOUBLE PRECISION) END`;
  return `CASE WHEN typeof(${expr}) = 'JSON' THEN TRY_CAST(${sqlText(expr, dialect)} AS DOUBLE) ELSE TRY_CAST(${expr} AS DOUBLE) END`;
}

/**
 * A score as `scoreValue` reads it: Inspect's labels C, I, P, N (1, 0, 0.5, 0), the words true,
 * false, yes, no, correct, incorrect, else the number (NULL when it is none of these).
 */
export function scoreNumber(expr: string, dialect: SqlDialect): string {
  const word = `upper(trim(${sqlText(expr, dialect)}))`;
  const cases = Object.entries(SCORE_WORDS).map(([w, x]) => `WHEN '${w}' THEN ${x.toFixed(1)}`).join(" ");
  // The number first; a label is read only where there is none (CASE evaluates a branch only for
  // the rows that take it, so a numeric column is never cast to text: coalesce would, at 4× the cost).
  const number = tryNumber(expr, dialect);
  return `CASE WHEN ${number} IS NOT NULL THEN ${number} ELSE CASE ${word} ${cases} END END`;
}

const SCORE_WORDS: Readonly<Record<string, number>> = { C: 1, I: 0, P: 0.5, N: 0, TRUE: 1, FALSE: 0, YES: 1, NO: 0, CORRECT: 1, INCORRECT: 0 };

/**
 * A value for a message, as JSON text in DuckDB (the loader parses it back: a JSON number stays a
 * number, a string a string, as the JS loaders show them); elsewhere the value (messages are DuckDB's).
 */
export function rawValue(expr: string, dialect: SqlDialect): string {
  return dialect === "duckdb" ? `CASE WHEN typeof(${expr}) = 'JSON' THEN CAST(${expr} AS VARCHAR) ELSE CAST(to_json(${expr}) AS VARCHAR) END` : expr;
}

/** The whitespace JavaScript's String.prototype.trim removes, as code points. */
const JS_WHITESPACE = [9, 10, 11, 12, 13, 32, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288, 65279];

/** JS_WHITESPACE as an SQL string: escapes where the dialect has them (DuckDB has none for \v or beyond ASCII). */
function whitespaceLiteral(dialect: SqlDialect): string {
  const escaped = (c: number) => (c === 9 ? "\\t" : c === 10 ? "\\n" : c === 12 ? "\\f" : c === 13 ? "\\r" : c === 32 ? " " : `\\u${c.toString(16).padStart(4, "0")}`);
  if (dialect === "postgres") return `E'${JS_WHITESPACE.map(escaped).join("")}'`;
  if (dialect === "bigquery") return `'${JS_WHITESPACE.map(escaped).join("")}'`;
  const ascii = JS_WHITESPACE.filter((c) => c < 128 && c !== 11);
  return `(E'${ascii.map(escaped).join("")}' || chr(11) || '${String.fromCodePoint(...JS_WHITESPACE.filter((c) => c >= 128))}')`;
}

/**
 * Text as the JS loaders trim it (buildRecord's trimmed): untouched unless its first or last
 * character is a space or control character, then trimmed of all of JS's whitespace.
 */
export function jsTrim(expr: string, dialect: SqlDialect): string {
  const chars = whitespaceLiteral(dialect);
  if (dialect === "bigquery") {
    return `CASE WHEN ${expr} <> '' AND (UNICODE(${expr}) <= 32 OR UNICODE(SUBSTR(${expr}, -1)) <= 32) THEN TRIM(${expr}, ${chars}) ELSE ${expr} END`;
  }
  const trim = dialect === "postgres" ? `btrim(${expr}, ${chars})` : `trim(${expr}, ${chars})`;
  return `CASE WHEN ${expr} <> '' AND (ascii(${expr}) <= 32 OR ascii(right(${expr}, 1)) <= 32) THEN ${trim} ELSE ${expr} END`;
}

/** DuckDB's numeric types, told by `typeof()`, which DuckDB folds to a constant: no row of a numeric column is cast to text. */
const INTEGER = `IN ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT')`;
const NUMERIC = `IN ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT', 'FLOAT', 'DOUBLE')`;

/**
 * Whether a value is missing or blank text, as the loaders' isBlank. In DuckDB a numeric column is
 * blank only where NULL: its text is never made, which matters because DuckDB computes an
 * expression that a query names twice for every row, needed or not.
 */
export function blankValue(expr: string, dialect: SqlDialect): string {
  if (dialect !== "duckdb") return `coalesce(trim(${sqlText(expr, dialect)}), '') = ''`;
  // A pattern, not trim(): trim(x) would be shared with the other tests of x, and computed on every row.
  return `CASE WHEN typeof(${expr}) ${NUMERIC} THEN ${expr} IS NULL ELSE regexp_full_match(coalesce(${sqlText(expr, dialect)}, ''), '\\s*') END`;
}

/** A text that is a whole number ≥ 0 (as the loaders' wholeNumber reads it) as an integer, else NULL. */
export function wholeNumber(expr: string, dialect: SqlDialect): string {
  const t = sqlText(expr, dialect);
  if (dialect === "bigquery") return `CASE WHEN REGEXP_CONTAINS(${t}, r'^\\s*[0-9]+(\\.0*)?\\s*$') THEN CAST(CAST(TRIM(${t}) AS FLOAT64) AS INT64) END`;
  if (dialect === "postgres") return `CASE WHEN ${t} ~ '^\\s*[0-9]+(\\.0*)?\\s*$' THEN CAST(CAST(trim(${t}) AS DOUBLE PRECISION) AS BIGINT) END`;
  // DuckDB folds typeof() to a constant, so a numeric column (JSON, Parquet) is never cast to text;
  // text is tried against plain digits first, then the loaders' full pattern.
  const number = `TRY_CAST(${expr} AS DOUBLE)`;
  const integer = `CASE WHEN TRY_CAST(${expr} AS BIGINT) >= 0 THEN TRY_CAST(${expr} AS BIGINT) END`;
  const numeric = `CASE WHEN ${number} >= 0 AND ${number} = floor(${number}) THEN TRY_CAST(${number} AS BIGINT) END`;
  const textual = `CASE WHEN regexp_full_match(${t}, '[0-9]+') THEN TRY_CAST(${t} AS BIGINT) WHEN regexp_full_match(${t}, '\\s*[0-9]+(\\.0*)?\\s*') THEN TRY_CAST(TRY_CAST(trim(${t}) AS DOUBLE) AS BIGINT) END`;
  return `CASE WHEN typeof(${expr}) ${INTEGER} THEN ${integer} WHEN typeof(${expr}) ${NUMERIC} OR typeof(${expr}) LIKE 'DECIMAL%' THEN ${numeric} ELSE ${textual} END`;
}
