/**
 * Bootstrap confidence intervals: resample the items (or whole clusters) with replacement,
 * recompute the statistic, and read the interval off the replicates — percentile, or BCa
 * (bias-corrected and accelerated), following Efron & Tibshirani (1993), "An Introduction to the
 * Bootstrap", ch. 13–14, with R's boot package quantile rule (`boot:::norm.inter`).
 */
import { pnorm, qnorm } from "./distributions.js";
import { createRandom, type Random } from "./random.js";
import type { Interval } from "./types.js";
import { checkChoice, checkCount, checkFinite, checkLevel, checkNumberArray, checkOptions, checkPositiveInteger, show } from "./validate.js";

/** Paired binary outcomes on the same items: right under both, A only, B only, neither. */
export interface PairedCounts {
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

export type BootstrapMethod = "percentile" | "bca";

export interface BootstrapOptions {
  /** Number of bootstrap resamples (default 10,000; at least 2). */
  resamples?: number;
  /** Seed of the generator (default 1): the same seed gives the same interval. */
  seed?: number | string;
  /** Confidence level (default 0.95). */
  level?: number;
  /** `percentile` (default) or `bca`. */
  method?: BootstrapMethod;
  /** Cluster label of each item: whole clusters are resampled (and left out by BCa's jackknife). */
  clusters?: readonly (string | number)[];
}

export interface BootstrapResult extends Interval {
  /** Resamples drawn. */
  resamples: number;
  /** Bootstrap standard error: the standard deviation of the replicates (divisor B − 1). */
  se: number;
  seed: number | string;
  /** BCa only: bias correction z0 = Φ⁻¹(share of replicates below the estimate). */
  z0?: number;
  /** BCa only: acceleration from the jackknife (Efron & Tibshirani eq. 14.15). */
  acceleration?: number;
}

const DEFAULT_SEED = 1;

/**
 * Bootstrap confidence interval for any statistic of a sample.
 *
 * - `data` an array of anything (numbers, rows) and `statistic` a function of a resampled array.
 *   The array passed to `statistic` is reused between calls (copy it if you keep it; sorting it in
 *   place is fine); `statistic` must be symmetric in the items and return a finite number. BCa
 *   adds one call per item (per cluster with `clusters`) on the sample without that item, so it
 *   costs n extra evaluations: for n = 100,000 that is 100,000 more calls than resamples.
 * - Fast path for a paired binary gap: `data` the counts `{ both, onlyA, onlyB, neither }` and
 *   `statistic` the string `"paired-difference"`, the estimate of pA − pB = (onlyA − onlyB) / n.
 *   Each resample is one Multinomial(n, counts / n) draw instead of n item draws, which has
 *   exactly the distribution of the item bootstrap; the jackknife is exact in closed form.
 *
 * Percentile: the level's tail quantiles of the replicates. BCa: those quantiles moved by the
 * bias correction z0 and the jackknife acceleration a (Efron & Tibshirani 1993, eqs. 14.9–14.15).
 * Quantiles of the replicates use boot's rule (order statistic (B + 1)·α, interpolated on the normal
 * scale), so given the same replicates and influence values this equals `boot.ci(type = c("perc",
 * "bca"))` with `L = (n − 1)(mean(jack) − jack)` — E&T's centring; boot's default centres on t0.
 *
 * @example
 * bootstrapCI({ both: 50, onlyA: 30, onlyB: 20, neither: 900 }, "paired-difference",
 *   { seed: 7, resamples: 2000 }); // estimate 0.01, lower -0.004, upper 0.023 (exact bootstrap quantiles -0.004, 0.024)
 */
export function bootstrapCI(data: PairedCounts, statistic: "paired-difference", options?: BootstrapOptions): BootstrapResult;
export function bootstrapCI<T>(data: readonly T[], statistic: (sample: T[]) => number, options?: BootstrapOptions): BootstrapResult;
export function bootstrapCI<T>(
  data: readonly T[] | PairedCounts,
  statistic: ((sample: T[]) => number) | "paired-difference",
  options?: BootstrapOptions,
): BootstrapResult {
  const opts = checkOptions("options", options);
  const resamples = opts.resamples === undefined ? 10000 : checkPositiveInteger("resamples", opts.resamples);
  if (resamples < 2) throw new RangeError(`resamples must be at least 2, got ${resamples}`);
  const level = checkLevel(opts.level);
  const method = opts.method === undefined ? "percentile" : checkChoice("method", opts.method, ["percentile", "bca"] as const);
  const seed = opts.seed ?? DEFAULT_SEED;
  const rng = createRandom(seed);

  let estimate: number;
  let replicates: Float64Array;
  let acceleration: () => number;
  if (statistic === "paired-difference") {
    if (opts.clusters !== undefined) throw new TypeError(`clusters cannot be used with paired counts, got ${show(opts.clusters)}`);
    const counts = checkPairedCounts(data);
    const n = counts.both + counts.onlyA + counts.onlyB + counts.neither;
    estimate = (counts.onlyA - counts.onlyB) / n;
    replicates = resamplePairedCounts(counts, resamples, rng);
    acceleration = () => pairedCountsAcceleration(counts);
  } else {
    if (typeof statistic !== "function") {
      throw new TypeError(`statistic must be a function of a resampled array or "paired-difference", got ${show(statistic)}`);
    }
    if (!Array.isArray(data)) throw new TypeError(`data must be an array or paired counts, got ${show(data)}`);
    const items = data as readonly T[];
    if (items.length < 1) throw new RangeError(`data must hold at least 1 item, got 0`);
    const groups = opts.clusters === undefined ? undefined : clusterGroups(opts.clusters, items.length);
    estimate = evaluate(statistic, items.slice(), "the data");
    replicates = groups ? resampleClusters(items, groups, statistic, resamples, rng) : resampleItems(items, statistic, resamples, rng);
    acceleration = () => jackknifeAcceleration(jackknifeValues(items, statistic, opts.clusters));
  }

  const interval = bootstrapInterval(replicates, estimate, { level, method, acceleration });
  return { estimate, ...interval, level, method, resamples, se: standardDeviation(replicates), seed };
}

/** The interval read off given replicates: the part of `bootstrapCI` that R can check directly. */
export function bootstrapInterval(
  replicates: ArrayLike<number>,
  estimate: number,
  options: { level?: number; method?: BootstrapMethod; acceleration?: number | (() => number); jackknife?: ArrayLike<number> },
): { lower: number; upper: number; z0?: number; acceleration?: number } {
  const level = checkLevel(options.level);
  const method = options.method === undefined ? "percentile" : checkChoice("method", options.method, ["percentile", "bca"] as const);
  checkFinite("estimate", estimate);
  const sorted = checkNumberArray("replicates", replicates).sort();
  const tail = (1 - level) / 2;
  if (method === "percentile") {
    return { lower: normInter(sorted, tail), upper: normInter(sorted, 1 - tail) };
  }
  const a =
    typeof options.acceleration === "function"
      ? options.acceleration()
      : options.acceleration ?? jackknifeAcceleration(options.jackknife ?? []);
  const R = sorted.length;
  if (sorted[0] === sorted[R - 1]) return { lower: sorted[0], upper: sorted[0], z0: 0, acceleration: a };
  let below = 0;
  while (below < R && sorted[below] < estimate) below++;
  if (below === 0 || below === R) {
    throw new RangeError(
      `bca needs replicates on both sides of the estimate ${estimate} (${below} of ${R} below): the bias correction is infinite; use method "percentile"`,
    );
  }
  const z0 = qnorm(below / R);
  const adjusted = (alpha: number): number => {
    const z = qnorm(alpha);
    return pnorm(z0 + (z0 + z) / (1 - a * (z0 + z)));
  };
  return { lower: normInter(sorted, adjusted(tail)), upper: normInter(sorted, adjusted(1 - tail)), z0, acceleration: a };
}

/**
 * The α quantile of sorted replicates by boot's rule (`boot:::norm.inter`): the order statistic
 * at (B + 1)·α, interpolated between neighbours on the normal-quantile scale, the extremes beyond.
 */
export function normInter(sorted: ArrayLike<number>, alpha: number): number {
  const R = sorted.length;
  const rk = (R + 1) * alpha;
  const k = Math.trunc(rk);
  if (k <= 0) return sorted[0];
  if (k >= R) return sorted[R - 1];
  if (k === rk) return sorted[k - 1];
  const zk = qnorm(k / (R + 1));
  const zk1 = qnorm((k + 1) / (R + 1));
  const lo = sorted[k - 1];
  const hi = sorted[k];
  return lo + ((qnorm(alpha) - zk) / (zk1 - zk)) * (hi - lo);
}

/**
 * Acceleration from jackknife values θ(i): a = Σ d³ / (6 (Σ d²)^{3/2}) with d = mean(θ(·)) − θ(i)
 * (Efron & Tibshirani 1993, eq. 14.15); 0 when every jackknife value is the same.
 */
export function jackknifeAcceleration(values: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let total = 0;
  let mean = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights ? weights[i] : 1;
    total += w;
    mean += w * values[i];
  }
  if (total < 2) throw new RangeError(`bca needs at least 2 items (or clusters) for the jackknife, got ${total}`);
  mean /= total;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights ? weights[i] : 1;
    const d = mean - values[i];
    s2 += w * d * d;
    s3 += w * d * d * d;
  }
  return s2 > 0 ? s3 / (6 * Math.pow(s2, 1.5)) : 0;
}

/**
 * Leave-one-out values of the statistic: without item i, or without cluster g (clusters in order
 * of first appearance) when `clusters` is given.
 */
export function jackknifeValues<T>(data: readonly T[], statistic: (sample: T[]) => number, clusters?: readonly (string | number)[]): Float64Array {
  if (clusters !== undefined) {
    const groups = clusterGroups(clusters, data.length);
    const out = new Float64Array(groups.length);
    groups.forEach((members, g) => {
      const drop = new Set(members);
      out[g] = evaluate(statistic, data.filter((_, i) => !drop.has(i)), `the data without cluster ${g + 1}`);
    });
    return out;
  }
  const n = data.length;
  if (n < 2) throw new RangeError(`the jackknife needs at least 2 items, got ${n}`);
  // base = data without item i; moving to i + 1 changes one slot. The statistic gets a copy, so
  // one that sorts its argument in place cannot corrupt base (the copy costs no more than a mean).
  const base = data.slice(1);
  const work = base.slice();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n - 1; j++) work[j] = base[j];
    out[i] = evaluate(statistic, work, `the data without item ${i}`);
    if (i < n - 1) base[i] = data[i];
  }
  return out;
}

function resampleItems<T>(data: readonly T[], statistic: (s: T[]) => number, resamples: number, rng: Random): Float64Array {
  const sample = data.slice();
  const out = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    rng.sampleInto(data, sample);
    out[b] = evaluate(statistic, sample, `resample ${b + 1}`);
  }
  return out;
}

function resampleClusters<T>(
  data: readonly T[],
  groups: number[][],
  statistic: (s: T[]) => number,
  resamples: number,
  rng: Random,
): Float64Array {
  const G = groups.length;
  const pick = new Int32Array(G);
  const out = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    rng.fillInt(pick, G);
    const sample: T[] = [];
    for (let g = 0; g < G; g++) for (const i of groups[pick[g]]) sample.push(data[i]);
    out[b] = evaluate(statistic, sample, `resample ${b + 1}`);
  }
  return out;
}

function resamplePairedCounts(c: PairedCounts, resamples: number, rng: Random): Float64Array {
  const n = c.both + c.onlyA + c.onlyB + c.neither;
  const weights = [c.onlyA, c.onlyB, c.both + c.neither];
  const out = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    const [a, bOnly] = rng.multinomial(n, weights);
    out[b] = (a - bOnly) / n;
  }
  return out;
}

/** Jackknife of (onlyA − onlyB) / n in closed form: four distinct leave-one-out values. */
function pairedCountsAcceleration(c: PairedCounts): number {
  const n = c.both + c.onlyA + c.onlyB + c.neither;
  if (n < 2) throw new RangeError(`bca needs at least 2 paired items for the jackknife, got ${n}`);
  const d = c.onlyA - c.onlyB;
  const values = [d / (n - 1), (d - 1) / (n - 1), (d + 1) / (n - 1)];
  return jackknifeAcceleration(values, [c.both + c.neither, c.onlyA, c.onlyB]);
}

function checkPairedCounts(data: unknown): PairedCounts {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new TypeError(`data must be paired counts { both, onlyA, onlyB, neither } for "paired-difference", got ${show(data)}`);
  }
  const d = data as Record<string, unknown>;
  const counts = {
    both: checkCount("both", d.both),
    onlyA: checkCount("onlyA", d.onlyA),
    onlyB: checkCount("onlyB", d.onlyB),
    neither: checkCount("neither", d.neither),
  };
  const n = counts.both + counts.onlyA + counts.onlyB + counts.neither;
  if (n < 1) throw new RangeError(`paired counts must hold at least 1 item, got ${n}`);
  return counts;
}

/** Item indices of each cluster, clusters in order of first appearance. */
function clusterGroups(clusters: unknown, n: number): number[][] {
  if (!Array.isArray(clusters)) throw new TypeError(`clusters must be an array of labels, got ${show(clusters)}`);
  if (clusters.length !== n) throw new RangeError(`data and clusters must have the same length, got ${n} and ${clusters.length}`);
  const byLabel = new Map<string | number, number[]>();
  clusters.forEach((label, i) => {
    if ((typeof label !== "string" && typeof label !== "number") || Number.isNaN(label)) {
      throw new TypeError(`clusters[${i}] must be a string or number label, got ${show(label)}`);
    }
    const members = byLabel.get(label);
    if (members) members.push(i);
    else byLabel.set(label, [i]);
  });
  return [...byLabel.values()];
}

function evaluate<T>(statistic: (s: T[]) => number, sample: T[], what: string): number {
  const v = statistic(sample);
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new TypeError(`statistic must return a finite number, got ${show(v)} on ${what}`);
  }
  return v;
}

function standardDeviation(x: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i];
  mean /= x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i] - mean) ** 2;
  return Math.sqrt(ss / (x.length - 1));
}
