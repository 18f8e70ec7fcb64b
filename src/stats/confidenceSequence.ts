/**
 * Anytime-valid inference for a bounded mean and a paired gap: confidence sequences (intervals that
 * hold at every sample size at once, so a run may look after every item and stop whenever it likes)
 * and the matching anytime p-values, after Waudby-Smith & Ramdas (2024), "Estimating means of bounded
 * random variables by betting", JRSS-B 86(1):1–27. The formulas and the grid are in ./bettingCS.ts.
 *
 * Two ways in: a streaming sequence (`createConfidenceSequence`, `createPairedGapSequence`) that
 * takes one observation at a time and reports the current interval and p-value, for a collector
 * that decides when to stop; and batch functions over an array (`confidenceSequence`,
 * `pairedGapConfidenceSequence`) that return the whole path, for monitoring after the fact.
 */
import type { Alternative, Interval } from "./types.js";
import { EmpiricalBernsteinEngine, HedgedCapitalEngine, type SequenceEngine } from "./bettingCS.js";
import { checkAlternative, checkChoice, checkFinite, checkNumberArray, checkOpenUnit, checkOptions, checkPositiveInteger, show } from "./validate.js";

export type ConfidenceSequenceMethod = "betting" | "empirical-bernstein";
export const CONFIDENCE_SEQUENCE_METHODS: readonly ConfidenceSequenceMethod[] = ["betting", "empirical-bernstein"];

export interface ConfidenceSequenceOptions {
  /** Error rate α of the whole sequence (the chance that the truth is ever outside), default 0.05. */
  alpha?: number;
  /**
   * `betting` (default): the hedged-capital CS (Theorem 3), narrower, computed on a grid.
   * `empirical-bernstein`: the closed-form PrPl-EB CS (Theorem 2).
   */
  method?: ConfidenceSequenceMethod;
  /**
   * `two-sided` (default) reports both bounds and tests mean ≠ null; `greater` reports a lower bound
   * only and tests mean > null (e.g. accuracy above chance); `less` the reverse.
   */
  alternative?: Alternative;
  /** Null value of the p-value: a mean in (0, 1), default 0.5; for a paired gap in (−1, 1), default 0. */
  nullValue?: number;
  /** Truncation c of the bets, in (0, 1); default 0.5 (the paper uses 1/2 or 3/4). */
  truncation?: number;
  /** Betting only: the CS is kept on the grid m = j/gridSize of the [0, 1] scale; default 1000. */
  gridSize?: number;
}

/** The state of a sequence after `count` observations. */
export interface ConfidenceSequenceState extends Interval {
  /** The mean of the observations so far (NaN before the first). */
  estimate: number;
  /** The anytime-valid bounds: the running intersection, so they never widen. */
  lower: number;
  upper: number;
  /** 1 − alpha. */
  level: number;
  alpha: number;
  alternative: Alternative;
  /** Number of observations pushed. */
  count: number;
  /** The value the p-value tests. */
  nullValue: number;
  /**
   * Anytime-valid p-value: min(1, 1 / the largest e-value so far). It is ≤ alpha exactly when nullValue
   * is not strictly inside (lower, upper) (with betting, exactly so when nullValue is on the grid).
   */
  pValue: number;
  /** The e-process at nullValue now (its expectation is ≤ 1 at any stopping time under the null). */
  eValue: number;
}

/** A confidence sequence that takes observations one at a time. */
export interface ConfidenceSequence {
  readonly count: number;
  /** Add one observation and return the new state. */
  push(value: number): ConfidenceSequenceState;
  current(): ConfidenceSequenceState;
}

/** The path of a sequence over a batch: entry t − 1 is the state after t observations. */
export interface ConfidenceSequencePath {
  estimate: number[];
  lower: number[];
  upper: number[];
  pValue: number[];
  final: ConfidenceSequenceState;
}

/** The scale the observations live on, and the affine map to the [0, 1] scale the engines use. */
interface Scale {
  low: number;
  high: number;
  defaultNull: number;
  what: string;
}
const UNIT: Scale = { low: 0, high: 1, defaultNull: 0.5, what: "mean" };
/** Paired differences d ∈ [−1, 1] go to (d + 1)/2 ∈ [0, 1]; the interval comes back by 2y − 1. */
const GAP: Scale = { low: -1, high: 1, defaultNull: 0, what: "paired gap" };

const toUnit = (scale: Scale, v: number) => (scale.low === 0 ? v : (v - scale.low) / (scale.high - scale.low));
const fromUnit = (scale: Scale, u: number) => (scale.low === 0 ? u : scale.low + u * (scale.high - scale.low));

const METHOD_NAMES: Record<ConfidenceSequenceMethod, string> = {
  betting: "hedged-capital betting confidence sequence (Waudby-Smith & Ramdas 2024, Theorem 3)",
  "empirical-bernstein": "predictable plug-in empirical-Bernstein confidence sequence (Waudby-Smith & Ramdas 2024, Theorem 2)",
};

class StreamingSequence implements ConfidenceSequence {
  private readonly engine: SequenceEngine;
  private readonly alpha: number;
  private readonly method: ConfidenceSequenceMethod;
  private readonly alternative: Alternative;
  private readonly nullValue: number;
  private sum = 0;

  constructor(private readonly scale: Scale, options: ConfidenceSequenceOptions | undefined) {
    const opts = checkOptions("options", options);
    this.alpha = opts.alpha === undefined ? 0.05 : checkOpenUnit("alpha", opts.alpha);
    this.method = opts.method === undefined ? "betting" : checkChoice("method", opts.method, CONFIDENCE_SEQUENCE_METHODS);
    this.alternative = checkAlternative(opts.alternative);
    this.nullValue = opts.nullValue === undefined ? scale.defaultNull : checkFinite("nullValue", opts.nullValue);
    if (!(this.nullValue > scale.low && this.nullValue < scale.high)) {
      throw new RangeError(`nullValue must be strictly between ${scale.low} and ${scale.high} for a ${scale.what}, got ${this.nullValue}`);
    }
    const truncation = opts.truncation === undefined ? 0.5 : checkOpenUnit("truncation", opts.truncation);
    const gridSize = opts.gridSize === undefined ? 1000 : checkPositiveInteger("gridSize", opts.gridSize);
    if (gridSize < 2 || gridSize > 1e6) throw new RangeError(`gridSize must be between 2 and 1000000, got ${gridSize}`);
    const nullUnit = toUnit(scale, this.nullValue);
    this.engine = this.method === "betting"
      ? new HedgedCapitalEngine(this.alpha, this.alternative, truncation, nullUnit, gridSize)
      : new EmpiricalBernsteinEngine(this.alpha, this.alternative, truncation, nullUnit);
  }

  get count(): number {
    return this.engine.count;
  }

  push(value: number): ConfidenceSequenceState {
    this.check(value, `value (observation ${this.count + 1})`);
    this.add(value);
    return this.current();
  }

  /** Range check with the caller's name for the value. */
  check(value: unknown, name: string): void {
    const v = checkFinite(name, value);
    if (!(v >= this.scale.low && v <= this.scale.high)) {
      throw new RangeError(`${name} must be between ${this.scale.low} and ${this.scale.high} for a ${this.scale.what}, got ${show(v)}`);
    }
  }

  add(value: number): void {
    this.sum += value;
    this.engine.push(toUnit(this.scale, value));
  }

  current(): ConfidenceSequenceState {
    const { engine, scale } = this;
    let lower = engine.lower;
    let upper = engine.upper;
    // An empty running intersection (probability ≤ α under the model) is reported as the point where the bounds crossed.
    if (lower > upper) lower = upper = (lower + upper) / 2;
    return {
      estimate: engine.count === 0 ? NaN : this.sum / engine.count,
      lower: fromUnit(scale, lower),
      upper: fromUnit(scale, upper),
      level: 1 - this.alpha,
      method: METHOD_NAMES[this.method],
      alpha: this.alpha,
      alternative: this.alternative,
      count: engine.count,
      nullValue: this.nullValue,
      pValue: engine.pValue,
      eValue: engine.eValue,
    };
  }
}

function runBatch(scale: Scale, values: ArrayLike<number>, name: string, options: ConfidenceSequenceOptions | undefined): ConfidenceSequencePath {
  const data = checkNumberArray(name, values);
  const sequence = new StreamingSequence(scale, options);
  for (let i = 0; i < data.length; i++) sequence.check(data[i], `${name}[${i}]`);
  const path: Omit<ConfidenceSequencePath, "final"> = { estimate: [], lower: [], upper: [], pValue: [] };
  for (let i = 0; i < data.length; i++) {
    sequence.add(data[i]);
    const state = sequence.current();
    path.estimate.push(state.estimate);
    path.lower.push(state.lower);
    path.upper.push(state.upper);
    path.pValue.push(state.pValue);
  }
  return { ...path, final: sequence.current() };
}

/**
 * A confidence sequence for the mean of observations in [0, 1] (binary scores, or each item's mean
 * over K samples), fed one observation at a time, with the anytime-valid p-value for `nullValue`.
 * Valid for i.i.d. observations, and more generally whenever each has conditional mean μ given the
 * past; valid at any stopping time, however often it is looked at.
 *
 * Betting (default), Waudby-Smith & Ramdas (2024), Theorem 3: with
 * λ̇_t = √(2 log(2/α) / (σ̂²_{t−1} t log(1 + t))), the CS is {m : max(½K_t⁺(m), ½K_t⁻(m)) < 1/α}
 * intersected over time, K_t^±(m) = Π (1 ± λ_i^±(m)(X_i − m)), λ⁺ ≤ c/m, λ⁻ ≤ c/(1 − m); kept on a
 * grid of m (the bounds are rounded outward to it). Empirical-Bernstein, their Theorem 2: the CS is
 * (Σ λ_i X_i ± (log(2/α) + Σ v_i ψ_E(λ_i))) / Σ λ_i with λ_t = min(λ̇_t, c). One-sided sequences put
 * all of α on one side (θ = 1 or 0, log(1/α)). The p-value is min(1, 1 / max_{s≤t} E_s(m0)) with E
 * the same capital at m0 (Ville's inequality), so it is ≤ α exactly when m0 is not strictly inside the CS.
 * Cost per observation: O(1) for empirical-Bernstein; for betting, O(grid points still inside the
 * interval), about 1 µs on average over 500 Bernoulli(½) observations with the default grid.
 *
 * @example
 * const cs = createConfidenceSequence({ alternative: "greater", nullValue: 0.5 });
 * for (let i = 0; i < 200; i++) cs.push(i % 4 === 0 ? 0 : 1);
 * cs.current() // { lower: 0.65, pValue: 1.89e-6 }
 */
export function createConfidenceSequence(options?: ConfidenceSequenceOptions): ConfidenceSequence {
  return new StreamingSequence(UNIT, options);
}

/**
 * A confidence sequence for a paired gap: each observation is one item's difference
 * treatment − baseline in [−1, 1] (binary or K-sample mean scores on the same item). The difference
 * d is mapped to (d + 1)/2 ∈ [0, 1], the sequence of `createConfidenceSequence` runs on that, and the
 * interval is mapped back by 2y − 1 (Waudby-Smith & Ramdas 2024 for [0, 1]; any bounded range is an
 * affine map of it). The p-value tests gap = `nullValue` (default 0), two-sided unless told.
 *
 * @example
 * const gap = createPairedGapSequence();
 * for (let i = 0; i < 300; i++) gap.push(i % 5 === 0 ? -1 : i % 5 === 1 ? 0 : 1);
 * gap.current() // { estimate: 0.4, lower: 0.236, upper: 0.542 }
 */
export function createPairedGapSequence(options?: ConfidenceSequenceOptions): ConfidenceSequence {
  return new StreamingSequence(GAP, options);
}

/**
 * The whole path of `createConfidenceSequence` over `values` in [0, 1]: the interval and anytime
 * p-value after each observation (same formulas and options).
 *
 * @example
 * const path = confidenceSequence([1, 1, 0, 1, 1, 1, 0, 1, 1, 1]);
 * path.final // { lower: 0.36, upper: 1, pValue: 0.312… }
 */
export function confidenceSequence(values: ArrayLike<number>, options?: ConfidenceSequenceOptions): ConfidenceSequencePath {
  return runBatch(UNIT, values, "values", options);
}

/**
 * The whole path of `createPairedGapSequence` over `differences` (treatment − baseline per item, in
 * [−1, 1]): the interval for the gap and the anytime p-value of gap = nullValue after each item.
 *
 * @example
 * pairedGapConfidenceSequence([1, 0, 1, -1, 0, 1]).final.lower // -0.612
 */
export function pairedGapConfidenceSequence(differences: ArrayLike<number>, options?: ConfidenceSequenceOptions): ConfidenceSequencePath {
  return runBatch(GAP, differences, "differences", options);
}
