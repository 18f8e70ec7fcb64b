import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project's promise: relative 1e-9 of R, or absolute 1e-13 where the reference is near zero.
 * Returns a message describing the miss, or null when within tolerance.
 */
export function closeness(actual: number, expected: number, rel = 1e-9, abs = 1e-13): string | null {
  if (Number.isNaN(expected)) return Number.isNaN(actual) ? null : `expected NaN, got ${actual}`;
  if (!Number.isFinite(expected)) return actual === expected ? null : `expected ${expected}, got ${actual}`;
  const diff = Math.abs(actual - expected);
  if (diff <= abs || diff <= rel * Math.abs(expected)) return null;
  return `expected ${expected}, got ${actual} (relative error ${(diff / Math.abs(expected)).toExponential(2)})`;
}

/** Throw with `label` when `actual` is not within tolerance of `expected`. */
export function expectClose(actual: number, expected: number, label = "", rel = 1e-9, abs = 1e-13): void {
  const miss = closeness(actual, expected, rel, abs);
  if (miss) throw new Error(`${label}: ${miss}`);
}

/**
 * The comparisons that miss, each as "<call>: <name>: <miss>". `call` is the command that produced
 * the reference case (the R expression in its `call` field, written by test/fixtures/r, or a
 * statsmodels call spelled from a py case), so a failure shows what to re-run.
 */
export function missesOf(
  call: string,
  checks: readonly (readonly [name: string, actual: number, expected: number])[],
  rel = 1e-9,
  abs = 1e-13,
): string[] {
  const out: string[] = [];
  for (const [name, actual, expected] of checks) {
    const miss = closeness(actual, expected, rel, abs);
    if (miss) out.push(`${call}: ${name}: ${miss}`);
  }
  return out;
}

const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");

/**
 * Read a JSON reference file from test/fixtures (written by the scripts in test/fixtures/r and
 * test/fixtures/py; see test/fixtures/make-fixtures.sh for which carry a `call` with each case).
 */
export function loadFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(fixturesDir, name), "utf8")) as T;
}
