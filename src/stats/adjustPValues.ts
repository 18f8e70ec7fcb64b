/**
 * Multiplicity adjustment: when several comparisons are tested at once, adjusted p-values keep the
 * family-wise error rate (Bonferroni, Holm, Hochberg, Hommel) or the false discovery rate (BH, BY)
 * at the nominal level when each is compared with alpha.
 */
import { checkChoice, checkNumberArray } from "./validate.js";

export type AdjustMethod = "bonferroni" | "holm" | "hochberg" | "hommel" | "bh" | "by";

const METHODS: readonly AdjustMethod[] = ["bonferroni", "holm", "hochberg", "hommel", "bh", "by"];

/**
 * Adjusted p-values, in the order given, equal to R's `p.adjust(p, method)` (`"bh"` is R's "BH",
 * `"by"` is "BY"). The arithmetic follows R's code step for step, so results agree to rounding.
 *
 * Sources: Holm (1979); Hochberg (1988); Hommel (1988) as computed by Wright (1992);
 * Benjamini & Hochberg (1995); Benjamini & Yekutieli (2001); R stats::p.adjust.
 *
 * @param pValues p-values in [0, 1] (at least one).
 * @param method `holm` (default, as in R), `bonferroni`, `hochberg`, `hommel`, `bh`, `by`.
 * @example
 * adjustPValues([0.01, 0.02, 0.03, 0.04, 0.05], "bh"); // [0.05, 0.05, 0.05, 0.05, 0.05]
 * adjustPValues([0.01, 0.04, 0.03], "holm"); // [0.03, 0.06, 0.06]
 */
export function adjustPValues(pValues: readonly number[] | Float64Array, method: AdjustMethod = "holm"): number[] {
  const p = Array.from(checkNumberArray("pValues", pValues));
  p.forEach((v, i) => {
    if (v < 0 || v > 1) throw new RangeError(`pValues[${i}] must be between 0 and 1, got ${v}`);
  });
  const m = checkChoice("method", method, METHODS);
  const n = p.length;
  if (n === 1) return p;
  switch (m) {
    case "bonferroni":
      return p.map((v) => Math.min(1, n * v));
    case "holm":
      return stepDown(p, (i) => n + 1 - i);
    case "hochberg":
      return stepUp(p, (i) => n + 1 - i);
    case "bh":
      return stepUp(p, (i) => n / i);
    case "by": {
      let q = 0;
      for (let k = 1; k <= n; k++) q += 1 / k;
      return stepUp(p, (i) => (q * n) / i);
    }
    case "hommel":
      return n === 2 ? stepUp(p, (i) => n + 1 - i) : hommel(p);
  }
}

/** Indices that sort p increasingly, ties in input order (R's `order`). */
function orderIncreasing(p: readonly number[]): number[] {
  return p.map((_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
}

/** Holm's step-down: cummax of factor(rank) × p along increasing p, capped at 1. */
function stepDown(p: readonly number[], factor: (rank: number) => number): number[] {
  const o = orderIncreasing(p);
  const out = new Array<number>(p.length);
  let running = -Infinity;
  o.forEach((idx, k) => {
    running = Math.max(running, factor(k + 1) * p[idx]);
    out[idx] = Math.min(1, running);
  });
  return out;
}

/** Step-up (Hochberg, BH, BY): cummin of factor(rank) × p along decreasing p, capped at 1. */
function stepUp(p: readonly number[], factor: (rank: number) => number): number[] {
  const n = p.length;
  // R: o <- order(p, decreasing = TRUE), with i = n:1 the increasing rank of each.
  const o = p.map((_, i) => i).sort((a, b) => p[b] - p[a] || a - b);
  const out = new Array<number>(n);
  let running = Infinity;
  o.forEach((idx, k) => {
    running = Math.min(running, factor(n - k) * p[idx]);
    out[idx] = Math.min(1, running);
  });
  return out;
}

/** Hommel's procedure, transcribed from R's p.adjust (O(n^2)). */
function hommel(pIn: readonly number[]): number[] {
  const n = pIn.length;
  const o = orderIncreasing(pIn);
  const p = o.map((i) => pIn[i]);
  let start = Infinity;
  for (let i = 1; i <= n; i++) start = Math.min(start, (n * p[i - 1]) / i);
  const q = new Array<number>(n).fill(start);
  const pa = new Array<number>(n).fill(start);
  for (let j = n - 1; j >= 2; j--) {
    // ij = 1..(n-j+1), i2 = (n-j+2)..n in R's 1-based indexing.
    let q1 = Infinity;
    for (let k = 2; k <= j; k++) q1 = Math.min(q1, (j * p[n - j + k - 1]) / k);
    for (let i = 0; i < n - j + 1; i++) q[i] = Math.min(j * p[i], q1);
    for (let i = n - j + 1; i < n; i++) q[i] = q[n - j];
    for (let i = 0; i < n; i++) pa[i] = Math.max(pa[i], q[i]);
  }
  const out = new Array<number>(n);
  o.forEach((idx, k) => {
    out[idx] = Math.max(pa[k], p[k]);
  });
  return out;
}
