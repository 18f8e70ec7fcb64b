/**
 * Argument checks shared by every statistics function. Each throws a `TypeError` (wrong kind of
 * value, NaN) or a `RangeError` (right kind, outside the allowed range) whose message names the
 * argument and the value, so a caller can tell at once which input was wrong.
 */
import type { Alternative } from "./types.js";

/** Render a value for an error message without throwing on odd inputs. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value == null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a typed array of length ${(value as unknown as ArrayLike<unknown>).length}`;
  return typeof value;
}

/** A finite number (NaN and ±Infinity are rejected). */
export function checkFinite(name: string, value: unknown): number {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new TypeError(`${name} must be a number, got ${show(value)}`);
  }
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${show(value)}`);
  return value;
}

/** A non-negative integer count (successes, trials, cell counts). */
export function checkCount(name: string, value: unknown): number {
  const x = checkFinite(name, value);
  if (!Number.isInteger(x)) throw new RangeError(`${name} must be an integer count, got ${x}`);
  if (x < 0) throw new RangeError(`${name} must be a non-negative count, got ${x}`);
  return x;
}

/** A positive integer (resamples, sample sizes that must be at least 1). */
export function checkPositiveInteger(name: string, value: unknown): number {
  const x = checkCount(name, value);
  if (x < 1) throw new RangeError(`${name} must be at least 1, got ${x}`);
  return x;
}

/** `successes` and `trials` as counts with successes ≤ trials and trials ≥ 1. */
export function checkSuccessesTrials(
  successes: unknown,
  trials: unknown,
  names: [string, string] = ["successes", "trials"],
): [number, number] {
  const k = checkCount(names[0], successes);
  const n = checkCount(names[1], trials);
  if (n < 1) throw new RangeError(`${names[1]} must be at least 1, got ${n}`);
  if (k > n) throw new RangeError(`${names[0]} (${k}) must not exceed ${names[1]} (${n})`);
  return [k, n];
}

/** A probability strictly inside (0, 1): null rates, alpha, power. */
export function checkOpenUnit(name: string, value: unknown): number {
  const x = checkFinite(name, value);
  if (!(x > 0 && x < 1)) throw new RangeError(`${name} must be strictly between 0 and 1, got ${x}`);
  return x;
}

/** A probability in the closed interval [0, 1]. */
export function checkClosedUnit(name: string, value: unknown): number {
  const x = checkFinite(name, value);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${x}`);
  return x;
}

/** A confidence level in (0, 1); `undefined` gives the default 0.95. */
export function checkLevel(value: unknown, fallback = 0.95): number {
  return value === undefined ? fallback : checkOpenUnit("level", value);
}

const ALTERNATIVES: readonly Alternative[] = ["two-sided", "greater", "less"];

/** One of `two-sided`, `greater`, `less`; `undefined` gives the default. */
export function checkAlternative(value: unknown, fallback: Alternative = "two-sided"): Alternative {
  if (value === undefined) return fallback;
  return checkChoice("alternative", value, ALTERNATIVES);
}

/** One of a fixed list of strings (method names and the like). */
export function checkChoice<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new RangeError(`${name} must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${show(value)}`);
  }
  return value as T;
}

/** A non-empty array (or typed array) of finite numbers, returned as a Float64Array. */
export function checkNumberArray(name: string, value: unknown, minLength = 1): Float64Array {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    throw new TypeError(`${name} must be an array of numbers, got ${show(value)}`);
  }
  const arr = value as ArrayLike<unknown>;
  if (arr.length < minLength) {
    throw new RangeError(`${name} must hold at least ${minLength} value${minLength === 1 ? "" : "s"}, got ${arr.length}`);
  }
  const out = new Float64Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (typeof v !== "number" || Number.isNaN(v)) throw new TypeError(`${name}[${i}] must be a number, got ${show(v)}`);
    if (!Number.isFinite(v)) throw new RangeError(`${name}[${i}] must be finite, got ${v}`);
    out[i] = v;
  }
  return out;
}

/** Two arrays that must pair up element by element. */
export function checkSameLength(nameA: string, a: ArrayLike<unknown>, nameB: string, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) {
    throw new RangeError(`${nameA} and ${nameB} must have the same length, got ${a.length} and ${b.length}`);
  }
}

/** An options argument: undefined or a plain object. */
export function checkOptions<T extends object>(name: string, value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an options object, got ${show(value)}`);
  }
  return value;
}
