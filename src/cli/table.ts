/**
 * Aligned plain-text tables for the terminal: text columns to the left, numbers to the right, so
 * a column of rates can be read down at a glance.
 */
import { formatPoints } from "../analysis/format.js";

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  /** `right` for numbers (default `left`). */
  align?: "left" | "right";
}

/**
 * Render rows as an aligned table with a header and a rule under it; columns are separated by two
 * spaces and trailing spaces are trimmed.
 *
 * @example
 * formatTable([{ n: "A", v: "1.0" }], [{ header: "name", value: (r) => r.n }, { header: "v", value: (r) => r.v, align: "right" }])
 * // "name    v\n----  ---\nA     1.0"
 */
export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const widths = columns.map((c, j) => Math.max(c.header.length, ...cells.map((r) => r[j].length)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, j) => (columns[j].align === "right" ? v.padStart(widths[j]) : v.padEnd(widths[j])))
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

/**
 * Two-column "name  value" lines for one result, names aligned.
 *
 * @example
 * formatPairs([["p-value", "0.27"], ["items", "1,000"]]) // "p-value  0.27\nitems    1,000"
 */
export function formatPairs(pairs: readonly (readonly [string, string])[]): string {
  const width = Math.max(...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
}

/**
 * The size of a difference of rates (a margin, a detectable gap) in percentage points, without a
 * sign: the unit the notebooks use for differences, where a bare "%" would read as a rate.
 *
 * @example
 * unsignedPoints(0.05) // "5.0 pp"
 */
export function unsignedPoints(x: number): string {
  return formatPoints(Math.abs(x)).replace(/^[+−]/, "");
}
