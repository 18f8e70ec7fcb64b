/**
 * Cluster-robust standard error of a mean — the intercept of `lm(y ~ 1)` — with the CR0, CR1 or CR2
 * sandwich and the Satterthwaite degrees of freedom of Bell & McCaffrey (2002), "Bias reduction in
 * standard errors for linear regression with multi-stage samples", Survey Methodology 28(2):169–181,
 * as R clubSandwich computes them (Pustejovsky & Tipton 2018, JBES 36(4):672–683).
 */
import { checkChoice, checkNumberArray, checkOptions, checkSameLength, show } from "./validate.js";

/** A cluster label: the passage, source or template an item belongs to. */
export type ClusterLabel = string | number;

export const CLUSTER_VCOV_TYPES = ["CR0", "CR1", "CR2"] as const;

/** Cluster-robust variance: CR0 (Liang–Zeger), CR1 (CR0 · C/(C − 1)), CR2 (Bell–McCaffrey). */
export type ClusterVcov = (typeof CLUSTER_VCOV_TYPES)[number];

export interface ClusterRobustSEOptions {
  /** Default `CR2`. */
  vcov?: ClusterVcov;
}

export interface ClusterRobustSEResult {
  /** The mean of the values (the OLS intercept). */
  estimate: number;
  se: number;
  /** Satterthwaite degrees of freedom for this `vcov` (clubSandwich `test = "Satterthwaite"`). */
  df: number;
  vcov: ClusterVcov;
  /** Number of distinct clusters. */
  clusters: number;
  /** Number of values. */
  n: number;
}

/** Check a clusters argument against the number of scores; returns the labels as an array. */
export function checkClusters(value: unknown, n: number, name = "clusters"): ClusterLabel[] {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    throw new TypeError(`${name} must be an array of labels, got ${show(value)}`);
  }
  const labels = Array.from(value as ArrayLike<unknown>);
  checkSameLength("scores", { length: n }, name, labels);
  labels.forEach((label, i) => {
    if (typeof label === "string") return;
    if (typeof label !== "number" || Number.isNaN(label)) {
      throw new TypeError(`${name}[${i}] must be a string or number label, got ${show(label)}`);
    }
  });
  return labels as ClusterLabel[];
}

/** Per-cluster count, sum and mean of `values`, in order of first appearance. */
export function clusterTotals(values: Float64Array, labels: ClusterLabel[]): { sizes: number[]; sums: number[]; means: number[] } {
  const index = new Map<ClusterLabel, number>();
  const sizes: number[] = [];
  const sums: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let g = index.get(labels[i]);
    if (g === undefined) {
      g = sizes.length;
      index.set(labels[i], g);
      sizes.push(0);
      sums.push(0);
    }
    sizes[g]++;
    sums[g] += values[i];
  }
  return { sizes, sums, means: sums.map((s, g) => s / sizes[g]) };
}

/**
 * True when every value in `values` is the same up to rounding (relative 1e-12 of the largest
 * magnitude): the spread that a standard error is estimated from is then zero.
 */
export function allEqual(values: ArrayLike<number>): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  return hi - lo <= 1e-12 * Math.max(Math.abs(lo), Math.abs(hi));
}

/**
 * The kernel of `clusterRobustSE` on checked input (at least two clusters). For the intercept-only
 * model X = 1 with identity working model, H_gg = J/n, so (I − H_gg)^{-1/2} scales the cluster's
 * residual sum S_g = Σ_{i∈g}(y_i − ȳ) by 1/sqrt(1 − f_g), f_g = n_g/n, and
 *   V_CR0 = Σ_g S_g² / n²,   V_CR1 = V_CR0 · C/(C − 1),   V_CR2 = Σ_g S_g² / (1 − f_g) / n².
 * The Satterthwaite df is (Σ_g p_g·p_g)² / Σ_{g,h} (p_g·p_h)² with p_g = (I − H)_{·g} A_g 1_g / n
 * (Bell & McCaffrey 2002, eq. 10; clubSandwich's working model Φ = I). Here
 * p_g·p_h = a_g a_h (δ_gh f_g − f_g f_h)/n with a_g² = 1/(1 − f_g) for CR2 and 1 otherwise (the CR1
 * scale cancels), which gives C − 1 for balanced clusters.
 */
export function clusterRobustVariance(
  values: Float64Array,
  labels: ClusterLabel[],
  vcov: ClusterVcov,
): { mean: number; variance: number; satterthwaiteDf: number; clusterCount: number } {
  const n = values.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += values[i];
  const mean = total / n;
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = values[i] - mean;
  const { sizes, sums } = clusterTotals(residuals, labels);
  const count = sizes.length;

  let meat = 0;
  const scale: number[] = []; // a_g²
  const share: number[] = []; // f_g
  for (let g = 0; g < count; g++) {
    share.push(sizes[g] / n);
    scale.push(vcov === "CR2" ? n / (n - sizes[g]) : 1);
    meat += sums[g] * sums[g] * scale[g];
  }
  let variance = meat / (n * n);
  if (vcov === "CR1") variance *= count / (count - 1);

  // Σ_g a_g² f_g(1 − f_g), and Σ_{g,h}(a_g a_h (δ f_g − f_g f_h))² split into g = h and g ≠ h;
  // the g ≠ h sum uses prefix and suffix sums so no large terms cancel.
  let trace = 0;
  let diagonal = 0;
  const cross = share.map((f, g) => scale[g] * f * f);
  for (let g = 0; g < count; g++) {
    const f = share[g];
    const rest = (n - sizes[g]) / n;
    trace += scale[g] * f * rest;
    diagonal += (scale[g] * f * rest) ** 2;
  }
  let offDiagonal = 0;
  let before = 0;
  const after = new Array<number>(count + 1).fill(0);
  for (let g = count - 1; g >= 0; g--) after[g] = after[g + 1] + cross[g];
  for (let g = 0; g < count; g++) {
    offDiagonal += cross[g] * (before + after[g + 1]);
    before += cross[g];
  }
  const satterthwaiteDf = (trace * trace) / (diagonal + offDiagonal);
  return { mean, variance, satterthwaiteDf, clusterCount: count };
}

/** Number of distinct labels, with an error naming `name` when there are fewer than two. */
export function checkTwoClusters(labels: ClusterLabel[], what: string, name = "clusters"): number {
  const count = new Set(labels).size;
  if (count < 2) throw new RangeError(`${name} must hold at least 2 distinct labels for ${what}, got ${count}`);
  return count;
}

/**
 * Cluster-robust standard error of the mean of `scores`, with its Satterthwaite degrees of freedom.
 * Equals R clubSandwich `coef_test(lm(y ~ 1), vcov = vcov, cluster = g, test = "Satterthwaite")`
 * (its `SE` and `df_Satt`); see `clusterRobustVariance` for the formulas. CR2 is the bias-reduced
 * sandwich of Bell & McCaffrey (2002): exact when the working model (independent, equal variances)
 * holds, and with singleton clusters it is sd/√n. Needs at least two clusters.
 *
 * @example
 * clusterRobustSE([1, 1, 0, 1, 0, 0, 1, 1], ["a", "a", "a", "b", "b", "c", "c", "c"]).se // 0.0456435… (R clubSandwich CR2)
 */
export function clusterRobustSE(
  scores: ArrayLike<number>,
  clusters: ArrayLike<ClusterLabel>,
  options?: ClusterRobustSEOptions,
): ClusterRobustSEResult {
  const checked = checkNumberArray("scores", scores, 2);
  const labels = checkClusters(clusters, checked.length);
  const opts = checkOptions("options", options);
  const vcov = opts.vcov === undefined ? "CR2" : checkChoice("vcov", opts.vcov, CLUSTER_VCOV_TYPES);
  checkTwoClusters(labels, "a cluster-robust standard error");
  const { mean, variance, satterthwaiteDf, clusterCount } = clusterRobustVariance(checked, labels, vcov);
  return { estimate: mean, se: Math.sqrt(variance), df: satterthwaiteDf, vcov, clusters: clusterCount, n: checked.length };
}
