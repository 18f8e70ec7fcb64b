/**
 * Two one-sided tests (TOST; Schuirmann 1987, J Pharmacokinet Biopharm 15:657): is a rate within
 * ± margin of p0, or a gap between two independent rates within ± margin of 0?
 */
import { binomialLowerTail, binomialUpperTail, pnorm, qnorm } from "./distributions.js";
import { clopperPearsonBounds } from "./proportionCI.js";
import { checkChoice, checkCount, checkFinite, checkOpenUnit, checkOptions, checkSuccessesTrials, show } from "./validate.js";

export interface OneRateEquivalenceInput {
  successes: number;
  trials: number;
}

export interface TwoRateEquivalenceInput {
  k1: number;
  n1: number;
  k2: number;
  n2: number;
}

export type EquivalenceMethod = "exact" | "agresti-caffo" | "wald";

export interface EquivalenceTestOptions {
  /** Half-width of the equivalence region (a fraction, e.g. 0.05). Required. */
  margin: number;
  /** One rate only: the centre of the region, default 0.5 (e.g. the chance rate). */
  p0?: number;
  /** Level of each one-sided test, default 0.05. */
  alpha?: number;
  /** Two rates only: `agresti-caffo` (default, as statsmodels) or `wald`. One rate is always `exact`. */
  method?: "agresti-caffo" | "wald";
}

export interface EquivalenceTestResult {
  /** The larger of the two one-sided p-values. */
  pValue: number;
  /** pValue < alpha: both one-sided nulls rejected. */
  equivalent: boolean;
  /** Observed rate k/n, or the observed gap k1/n1 − k2/n2. */
  estimate: number;
  /** The 1 − 2 alpha interval matching the two tests (equivalent ⇔ it lies inside the region). */
  lower: number;
  upper: number;
  level: number;
  margin: number;
  method: EquivalenceMethod;
  alternative: "two-sided";
  /** p-value against the lower edge (H0: value ≤ centre − margin). */
  pLower: number;
  /** p-value against the upper edge (H0: value ≥ centre + margin). */
  pUpper: number;
  /** The centre of the region: p0 for one rate, 0 for a gap. */
  center: number;
}

function isTwoRate(input: unknown): input is TwoRateEquivalenceInput {
  return typeof input === "object" && input !== null && "k1" in input;
}

/**
 * TOST for one rate or for the gap between two independent rates.
 *
 * One rate `{ successes, trials }`: two exact one-sided binomial tests, pLower = P(X ≥ k | p0 − margin)
 * and pUpper = P(X ≤ k | p0 + margin) (R `binom.test(k, n, p0 ∓ margin, "greater"/"less")`); the
 * interval is Clopper–Pearson at 1 − 2 alpha. Two rates `{ k1, n1, k2, n2 }`: z-tests of
 * p1 − p2 against −margin (larger) and +margin (smaller) with the Agresti–Caffo adjustment (one
 * success and one failure added to each group; Agresti & Caffo 2000), exactly statsmodels'
 * `tost_proportions_2indep(..., low=-margin, upp=margin, method='agresti-caffo')`, and its
 * `confint_proportions_2indep(..., alpha=2*alpha)` interval; `wald` skips the adjustment.
 *
 * @example
 * equivalenceTest({ successes: 260, trials: 1000 }, { p0: 0.25, margin: 0.05 }).pValue // 0.002907… (= R binom.test(260, 1000, 0.3, "less"))
 */
export function equivalenceTest(
  input: OneRateEquivalenceInput | TwoRateEquivalenceInput,
  options: EquivalenceTestOptions,
): EquivalenceTestResult {
  if (typeof input !== "object" || input === null) {
    throw new TypeError(`input must be { successes, trials } or { k1, n1, k2, n2 }, got ${show(input)}`);
  }
  const opts = checkOptions("options", options);
  const margin = checkFinite("margin", opts.margin);
  if (!(margin > 0 && margin < 1)) throw new RangeError(`margin must be strictly between 0 and 1, got ${margin}`);
  const alpha = opts.alpha === undefined ? 0.05 : checkOpenUnit("alpha", opts.alpha);
  if (!(alpha < 0.5)) throw new RangeError(`alpha must be below 0.5 for a 1 − 2 alpha interval, got ${alpha}`);
  const level = 1 - 2 * alpha;

  if (!isTwoRate(input)) {
    const { successes, trials } = input as OneRateEquivalenceInput;
    const [k, n] = checkSuccessesTrials(successes, trials);
    if (opts.method !== undefined && opts.method !== ("exact" as string)) {
      throw new RangeError(`method must be "exact" for one rate, got ${show(opts.method)}`);
    }
    const p0 = opts.p0 === undefined ? 0.5 : checkOpenUnit("p0", opts.p0);
    const [low, high] = [p0 - margin, p0 + margin];
    if (!(low > 0 && high < 1)) {
      throw new RangeError(`p0 ± margin must stay inside (0, 1), got [${low}, ${high}] from p0 ${p0} and margin ${margin}`);
    }
    const pLower = binomialUpperTail(k, n, low);
    const pUpper = binomialLowerTail(k, n, high);
    const pValue = Math.max(pLower, pUpper);
    const { lower, upper } = clopperPearsonBounds(k, n, alpha);
    return {
      pValue, equivalent: pValue < alpha, estimate: k / n, lower, upper, level, margin,
      method: "exact", alternative: "two-sided", pLower, pUpper, center: p0,
    };
  }

  const k1 = checkCount("k1", input.k1);
  const [k2, n2] = checkSuccessesTrials(input.k2, input.n2, ["k2", "n2"]);
  const n1 = checkSuccessesTrials(k1, input.n1, ["k1", "n1"])[1];
  if (opts.p0 !== undefined) throw new RangeError(`p0 applies only to one rate (a gap is centred on 0), got ${show(opts.p0)}`);
  const method = opts.method === undefined ? "agresti-caffo" : checkChoice("method", opts.method, ["agresti-caffo", "wald"] as const);
  const add = method === "agresti-caffo" ? 1 : 0;
  const a1 = (k1 + add) / (n1 + 2 * add);
  const a2 = (k2 + add) / (n2 + 2 * add);
  const gap = a1 - a2;
  const se = Math.sqrt((a1 * (1 - a1)) / (n1 + 2 * add) + (a2 * (1 - a2)) / (n2 + 2 * add));
  if (!(se > 0)) throw new RangeError(`the wald standard error is 0 for k1/n1 = ${k1}/${n1}, k2/n2 = ${k2}/${n2}; use agresti-caffo`);
  const pLower = pnorm((gap + margin) / se, false);
  const pUpper = pnorm((gap - margin) / se);
  const pValue = Math.max(pLower, pUpper);
  const z = qnorm(1 - alpha);
  return {
    pValue, equivalent: pValue < alpha, estimate: k1 / n1 - k2 / n2, lower: gap - z * se, upper: gap + z * se,
    level, margin, method, alternative: "two-sided", pLower, pUpper, center: 0,
  };
}
