/**
 * Input checks for figure functions, on top of the statistics checks: non-empty row lists, labels,
 * and intervals that contain their estimate. They throw TypeError/RangeError naming the argument.
 */
import { checkClosedUnit, checkCount, checkFinite, show } from "../stats/validate.js";

/**
 * A non-empty array of row objects.
 *
 * @example
 * checkRows("rows", []); // throws RangeError "rows must hold at least one row, got 0"
 */
export function checkRows<T>(name: string, rows: unknown): T[] {
  if (!Array.isArray(rows)) throw new TypeError(`${name} must be an array of rows, got ${show(rows)}`);
  if (rows.length === 0) throw new RangeError(`${name} must hold at least one row, got 0`);
  rows.forEach((r, i) => {
    if (typeof r !== "object" || r === null || Array.isArray(r)) {
      throw new TypeError(`${name}[${i}] must be an object, got ${show(r)}`);
    }
  });
  return rows as T[];
}

/**
 * A non-empty string used as a label or title.
 *
 * @example
 * checkText("label", ""); // throws RangeError 'label must not be empty, got ""'
 */
export function checkText(name: string, value: unknown): string {
  if (typeof value !== "string") throw new TypeError(`${name} must be a string, got ${show(value)}`);
  if (value.trim() === "") throw new RangeError(`${name} must not be empty, got ${show(value)}`);
  return value;
}

/**
 * An optional string (undefined passes through).
 *
 * @example
 * checkOptionalText("finding", undefined); // undefined
 */
export function checkOptionalText(name: string, value: unknown): string | undefined {
  return value === undefined ? undefined : checkText(name, value);
}

/**
 * An estimate with its interval: finite numbers with lower ≤ estimate ≤ upper. `unit` restricts all
 * three to [0, 1] (rates); otherwise they are differences and may be negative.
 *
 * @example
 * checkEstimate("rows[0]", { estimate: 0.5, lower: 0.6, upper: 0.7 }, true); // throws RangeError
 */
export function checkEstimate(
  name: string,
  row: { estimate?: unknown; lower?: unknown; upper?: unknown },
  unit: boolean,
): { estimate: number; lower: number; upper: number } {
  const check = unit ? checkClosedUnit : checkFinite;
  const estimate = check(`${name}.estimate`, row.estimate);
  const lower = check(`${name}.lower`, row.lower);
  const upper = check(`${name}.upper`, row.upper);
  if (!(lower <= estimate && estimate <= upper)) {
    throw new RangeError(`${name} must have lower ≤ estimate ≤ upper, got ${lower}, ${estimate}, ${upper}`);
  }
  return { estimate, lower, upper };
}

/**
 * An optional sample size (a non-negative integer).
 *
 * @example
 * checkOptionalCount("n", 2.5); // throws RangeError "n must be an integer count, got 2.5"
 */
export function checkOptionalCount(name: string, value: unknown): number | undefined {
  return value === undefined ? undefined : checkCount(name, value);
}
