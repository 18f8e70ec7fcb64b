/**
 * Permutation tests of a difference between two conditions: under the null hypothesis the labels
 * are exchangeable, so the observed statistic is compared with its values over re-labellings —
 * sign flips of the paired differences (the two scores of an item swap), or shuffles of the group
 * labels when the samples are independent.
 */
import { createRandom, type Random } from "./random.js";
import type { Alternative, TestResult } from "./types.js";
import { checkAlternative, checkNumberArray, checkOptions, checkPositiveInteger, checkSameLength, show } from "./validate.js";

export interface PermutationOptions {
  /** Paired items (a[i] and b[i] are the same item): sign-flip test. Default false. */
  paired?: boolean;
  /** Monte-Carlo re-labellings (default 10,000); also the cap for exact enumeration. */
  resamples?: number;
  /** Seed of the generator (default 1). */
  seed?: number | string;
  alternative?: Alternative;
  /** Custom statistic of the (re-labelled) groups; default mean(a) − mean(b). */
  statistic?: (a: number[], b: number[]) => number;
}

export interface PermutationResult extends TestResult {
  /** The observed test statistic (mean(a) − mean(b) unless a custom statistic was given). */
  statistic: number;
  /** mean(a) − mean(b). */
  estimate: number;
  /** True when every re-labelling was enumerated (the p-value is then exact). */
  exact: boolean;
  /** Re-labellings evaluated: all of them when exact, else the Monte-Carlo count. */
  resamples: number;
  seed: number | string;
}

/** Relative tolerance for ties: values this close to the observed statistic count as extreme. */
const TIE_TOLERANCE = 1e-9;

/**
 * Permutation test of a − b: sign flips of the differences when `paired`, label shuffles otherwise.
 *
 * Exact when the number of distinct re-labellings (2^n paired, C(n1 + n2, n1) unpaired) is at most
 * `resamples`: the p-value is then the share of re-labellings at least as extreme as the observed
 * one. Otherwise Monte-Carlo with p = (1 + #extreme) / (1 + resamples), never zero (Phipson &
 * Smyth 2010, "Permutation p-values should never be zero"). "At least as extreme": T* ≥ T (greater),
 * T* ≤ T (less), |T*| ≥ |T| (two-sided), where ties within a relative 1e-9 of the data scale
 * (the largest |value|; the largest |statistic| for a custom statistic) count as extreme, so
 * rounding in sums cannot break exact ties in scored data.
 *
 * @example
 * permutationTest([1, 1, 1, 0, 1, 1], [0, 1, 0, 0, 0, 1], { paired: true }).pValue; // 0.25 (exact: 16 of 64 sign flips)
 */
export function permutationTest(
  a: readonly number[] | Float64Array,
  b: readonly number[] | Float64Array,
  options?: PermutationOptions,
): PermutationResult {
  const x = checkNumberArray("a", a);
  const y = checkNumberArray("b", b);
  const opts = checkOptions("options", options);
  const paired = opts.paired ?? false;
  if (typeof paired !== "boolean") throw new TypeError(`paired must be true or false, got ${show(paired)}`);
  if (paired) checkSameLength("a", x, "b", y);
  const resamples = opts.resamples === undefined ? 10000 : checkPositiveInteger("resamples", opts.resamples);
  const alternative = checkAlternative(opts.alternative);
  const seed = opts.seed ?? 1;
  const custom = opts.statistic;
  if (custom !== undefined && typeof custom !== "function") {
    throw new TypeError(`statistic must be a function of (a, b), got ${show(custom)}`);
  }
  const estimate = mean(x) - mean(y);
  const total = paired ? Math.pow(2, x.length) : binomialAtMost(x.length + y.length, x.length, resamples);
  const exact = total <= resamples;
  const rng = createRandom(seed);

  let observed: number;
  let extreme: number;
  if (custom) {
    const run = customDistribution(x, y, paired, exact, resamples, rng, custom);
    observed = run.observed;
    const scale = run.values.reduce((m, v) => Math.max(m, Math.abs(v)), Math.abs(observed));
    extreme = countExtreme(run.values, observed, TIE_TOLERANCE * scale, alternative);
  } else if (paired) {
    const d = x.map((v, i) => v - y[i]);
    observed = estimate;
    const values = exact ? signFlipAll(d) : signFlipSample(d, resamples, rng);
    extreme = countExtreme(values, sum(d) / d.length, TIE_TOLERANCE * maxAbs(d), alternative);
  } else {
    const all = concat(x, y);
    observed = estimate;
    const values = exact ? shuffleAll(all, x.length) : shuffleSample(all, x.length, resamples, rng);
    extreme = countExtreme(values, meanGap(sum(x), sum(all), x.length, y.length), TIE_TOLERANCE * maxAbs(all), alternative);
  }
  const count = exact ? total : resamples;
  const pValue = exact ? extreme / count : (1 + extreme) / (1 + resamples);
  const design = paired ? "sign-flip permutation test (paired)" : "label-shuffle permutation test";
  return {
    pValue: Math.min(1, pValue),
    alternative,
    method: `${exact ? "exact" : "Monte-Carlo"} ${design}${custom ? ", custom statistic" : ""}`,
    statistic: observed,
    estimate,
    exact,
    resamples: count,
    seed,
  };
}

function countExtreme(values: Float64Array, observed: number, tol: number, alternative: Alternative): number {
  let count = 0;
  if (alternative === "greater") {
    for (let i = 0; i < values.length; i++) if (values[i] >= observed - tol) count++;
  } else if (alternative === "less") {
    for (let i = 0; i < values.length; i++) if (values[i] <= observed + tol) count++;
  } else {
    const edge = Math.abs(observed) - tol;
    for (let i = 0; i < values.length; i++) if (Math.abs(values[i]) >= edge) count++;
  }
  return count;
}

/** Mean of s·d over all 2^n sign vectors, by meet in the middle: each is one sum of two halves. */
function signFlipAll(d: Float64Array): Float64Array {
  const n = d.length;
  const h = n >> 1;
  const left = subsetSigned(d.subarray(0, h));
  const right = subsetSigned(d.subarray(h));
  const out = new Float64Array(left.length * right.length);
  let k = 0;
  for (let i = 0; i < left.length; i++) for (let j = 0; j < right.length; j++) out[k++] = (left[i] + right[j]) / n;
  return out;
}

/** Σ ±d_i for every sign vector of a short array. */
function subsetSigned(d: Float64Array): Float64Array {
  const out = new Float64Array(1 << d.length);
  for (let mask = 0; mask < out.length; mask++) {
    let s = 0;
    for (let i = 0; i < d.length; i++) s += mask & (1 << i) ? -d[i] : d[i];
    out[mask] = s;
  }
  return out;
}

function signFlipSample(d: Float64Array, resamples: number, rng: Random): Float64Array {
  const n = d.length;
  const out = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    let bits = 0;
    for (let i = 0; i < n; i++) {
      if ((i & 31) === 0) bits = rng.uint32();
      s += bits & 1 ? -d[i] : d[i];
      bits >>>= 1;
    }
    out[b] = s / n;
  }
  return out;
}

/** mean(group A) − mean(group B) from the sum of group A and the grand total. */
function meanGap(sumA: number, total: number, n1: number, n2: number): number {
  return sumA / n1 - (total - sumA) / n2;
}

/** The mean gap for every choice of n1 items as group A (combinations in lexicographic order). */
function shuffleAll(all: Float64Array, n1: number): Float64Array {
  const N = all.length;
  const n2 = N - n1;
  const total = sum(all);
  const out: number[] = [];
  const walk = (start: number, left: number, partial: number): void => {
    if (left === 0) {
      out.push(meanGap(partial, total, n1, n2));
      return;
    }
    for (let i = start; i <= N - left; i++) walk(i + 1, left - 1, partial + all[i]);
  };
  walk(0, n1, 0);
  return Float64Array.from(out);
}

/** Random label shuffles by a partial Fisher–Yates shuffle of the first n1 positions. */
function shuffleSample(all: Float64Array, n1: number, resamples: number, rng: Random): Float64Array {
  const N = all.length;
  const total = sum(all);
  const order = Int32Array.from({ length: N }, (_, i) => i);
  const out = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n1; i++) {
      // Continuing from the previous arrangement is fine: a uniform pick from any order is uniform.
      const j = i + rng.int(N - i);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
      s += all[order[i]];
    }
    out[b] = meanGap(s, total, n1, N - n1);
  }
  return out;
}

/** A user statistic over every (or randomly drawn) re-labelling. */
function customDistribution(
  x: Float64Array,
  y: Float64Array,
  paired: boolean,
  exact: boolean,
  resamples: number,
  rng: Random,
  statistic: (a: number[], b: number[]) => number,
): { observed: number; values: Float64Array } {
  const call = (a: number[], b: number[], what: string): number => {
    const v = statistic(a, b);
    if (typeof v !== "number" || !Number.isFinite(v)) throw new TypeError(`statistic must return a finite number, got ${show(v)} on ${what}`);
    return v;
  };
  const observed = call(Array.from(x), Array.from(y), "the observed data");
  const values: number[] = [];
  if (paired) {
    const n = x.length;
    const relabel = (flip: (i: number) => boolean): number => {
      const a: number[] = new Array(n);
      const b: number[] = new Array(n);
      for (let i = 0; i < n; i++) [a[i], b[i]] = flip(i) ? [y[i], x[i]] : [x[i], y[i]];
      return call(a, b, "a re-labelling");
    };
    if (exact) for (let mask = 0; mask < Math.pow(2, n); mask++) values.push(relabel((i) => Math.floor(mask / Math.pow(2, i)) % 2 === 1));
    else for (let r = 0; r < resamples; r++) values.push(relabel(() => (rng.uint32() & 1) === 1));
  } else {
    const all = concat(x, y);
    const N = all.length;
    const n1 = x.length;
    const split = (inA: Uint8Array): number => {
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < N; i++) (inA[i] ? a : b).push(all[i]);
      return call(a, b, "a re-labelling");
    };
    const inA = new Uint8Array(N);
    if (exact) {
      const walk = (start: number, left: number): void => {
        if (left === 0) {
          values.push(split(inA));
          return;
        }
        for (let i = start; i <= N - left; i++) {
          inA[i] = 1;
          walk(i + 1, left - 1);
          inA[i] = 0;
        }
      };
      walk(0, n1);
    } else {
      const order = Int32Array.from({ length: N }, (_, i) => i);
      for (let r = 0; r < resamples; r++) {
        inA.fill(0);
        for (let i = 0; i < n1; i++) {
          const j = i + rng.int(N - i);
          const t = order[i];
          order[i] = order[j];
          order[j] = t;
          inA[order[i]] = 1;
        }
        values.push(split(inA));
      }
    }
  }
  return { observed, values: Float64Array.from(values) };
}

/** C(n, k), or a number above `cap` as soon as it is known to exceed it. */
function binomialAtMost(n: number, k: number, cap: number): number {
  let c = 1;
  const m = Math.min(k, n - k);
  for (let i = 1; i <= m; i++) {
    c = (c * (n - m + i)) / i;
    if (c > cap) return Infinity;
  }
  return Math.round(c);
}

function sum(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}

function mean(v: Float64Array): number {
  return sum(v) / v.length;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

function concat(x: Float64Array, y: Float64Array): Float64Array {
  const all = new Float64Array(x.length + y.length);
  all.set(x);
  all.set(y, x.length);
  return all;
}
