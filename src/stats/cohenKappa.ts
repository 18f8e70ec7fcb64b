/**
 * Cohen's kappa: how much two raters (or two graders, or a grader and a gold label) agree beyond
 * what their label frequencies alone would produce by chance.
 */
import { qnorm } from "./distributions.js";
import type { Interval } from "./types.js";
import { checkCount, checkLevel, checkOptions, checkSameLength, show } from "./validate.js";

export interface CohenKappaOptions {
  level?: number;
}

export interface CohenKappaResult extends Interval {
  method: "cohen";
  /** Asymptotic standard error (Fleiss, Cohen & Everitt 1969), as R DescTools `CohenKappa`. */
  se: number;
  /** Share of items on which the raters agree (the diagonal). */
  observedAgreement: number;
  /** Agreement expected by chance from the two raters' marginal frequencies. */
  expectedAgreement: number;
  /** Number of items rated. */
  n: number;
}

type Label = string | number;

function isTable(value: unknown): value is unknown[][] {
  return Array.isArray(value) && value.length > 0 && value.every((row) => Array.isArray(row));
}

/** Cross-tabulate two equal-length label arrays over the union of their labels. */
function tabulate(ratingsA: unknown, ratingsB: unknown): number[][] {
  const arrays = [ratingsA, ratingsB].map((value, k) => {
    const name = k === 0 ? "ratingsA" : "ratingsB";
    if (!Array.isArray(value)) throw new TypeError(`${name} must be an array of labels, got ${show(value)}`);
    if (value.length === 0) throw new RangeError(`${name} must hold at least 1 label, got 0`);
    value.forEach((label, i) => {
      if (typeof label === "string") return;
      if (typeof label !== "number" || Number.isNaN(label)) {
        throw new TypeError(`${name}[${i}] must be a string or number label, got ${show(label)}`);
      }
    });
    return value as Label[];
  });
  const [a, b] = arrays;
  checkSameLength("ratingsA", a, "ratingsB", b);
  const index = new Map<Label, number>();
  for (const label of [...a, ...b]) if (!index.has(label)) index.set(label, index.size);
  const k = index.size;
  const table = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < a.length; i++) table[index.get(a[i])!][index.get(b[i])!] += 1;
  return table;
}

/** Validate a square table of non-negative integer counts (rows: rater A, columns: rater B). */
function checkTable(value: unknown[][]): number[][] {
  const k = value.length;
  return value.map((row, i) => {
    if (row.length !== k) {
      throw new RangeError(`table must be square, got ${k} rows but row ${i} has ${row.length} columns`);
    }
    return row.map((cell, j) => checkCount(`table[${i}][${j}]`, cell));
  });
}

/**
 * Unweighted Cohen's kappa with the large-sample interval kappa ± z·SE.
 *
 * kappa = (po − pe)/(1 − pe), po = Σ p_ii, pe = Σ p_i. p_.i. The SE is Fleiss, Cohen & Everitt
 * (1969, Psychol Bull 72:323), as R DescTools `CohenKappa` computes it:
 *   SE² = [ Σ_ij p_ij (δ_ij − (p_.i + p_j.)(1 − κ))² − (κ − pe(1 − κ))² ] / ( n (1 − pe)² ),
 * with p_i. the row (rater A) and p_.j the column (rater B) shares. Like DescTools, the interval is
 * not clipped to [−1, 1]. Kappa is undefined when pe = 1 (both raters used one and the same
 * label throughout), which throws.
 *
 * Call as `cohenKappa(table)` with a square count table, or `cohenKappa(ratingsA, ratingsB)` with
 * two equal-length arrays of labels (the table is built over the union of their labels).
 *
 * @example
 * // Fleiss, Cohen & Everitt (1969) table, n = 200: published kappa .429
 * cohenKappa([[106, 10, 4], [22, 28, 10], [2, 12, 6]]).estimate; // 0.42857142857142855
 */
export function cohenKappa(table: number[][], options?: CohenKappaOptions): CohenKappaResult;
export function cohenKappa(ratingsA: Label[], ratingsB: Label[], options?: CohenKappaOptions): CohenKappaResult;
export function cohenKappa(
  first: number[][] | Label[],
  second?: Label[] | CohenKappaOptions,
  third?: CohenKappaOptions,
): CohenKappaResult {
  let counts: number[][];
  let options: CohenKappaOptions | undefined;
  if (isTable(first)) {
    counts = checkTable(first);
    options = second as CohenKappaOptions | undefined;
  } else {
    if (!Array.isArray(second)) {
      throw new TypeError(
        `cohenKappa needs a square count table or two label arrays; ratingsB must be an array, got ${show(second)}`,
      );
    }
    counts = tabulate(first, second);
    options = third;
  }
  const opts = checkOptions("options", options);
  const level = checkLevel(opts.level);

  const k = counts.length;
  let n = 0;
  for (const row of counts) for (const cell of row) n += cell;
  if (n < 1) throw new RangeError(`table must hold at least one item, got ${n}`);
  const rows = counts.map((row) => row.reduce((s, x) => s + x, 0) / n);
  const cols = counts[0].map((_, j) => counts.reduce((s, row) => s + row[j], 0) / n);
  let po = 0;
  let pe = 0;
  for (let i = 0; i < k; i++) {
    po += counts[i][i] / n;
    pe += rows[i] * cols[i];
  }
  if (!(pe < 1)) {
    throw new RangeError(
      `kappa is undefined when expected agreement is 1 (both raters gave one and the same label to every item), got ${pe}`,
    );
  }
  const kappa = (po - pe) / (1 - pe);

  let weighted = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const p = counts[i][j] / n;
      if (p === 0) continue;
      const term = (i === j ? 1 : 0) - (cols[i] + rows[j]) * (1 - kappa);
      weighted += p * term * term;
    }
  }
  const centre = kappa - pe * (1 - kappa);
  const se = Math.sqrt(Math.max(0, weighted - centre * centre) / ((1 - pe) * (1 - pe)) / n);
  const z = -qnorm((1 - level) / 2);
  return {
    estimate: kappa,
    se,
    lower: kappa - z * se,
    upper: kappa + z * se,
    level,
    method: "cohen",
    observedAgreement: po,
    expectedAgreement: pe,
    n,
  };
}
