/**
 * The anytime-valid part of `npm run validate`: the confidence sequences behind `evalgap run --until
 * decided` and `evalgap monitor` (src/stats/confidenceSequence.ts, Waudby-Smith & Ramdas 2024) under
 * optional stopping after every item, on binary scores and on item means of K answers.
 *
 * Per scenario and replication, a stream of `items` item scores is drawn from the grid's model
 * (validate/simulate.ts: logit p = μ_j + v_item, v ~ N(0, 1), shared across conditions with latent
 * correlation ρ; μ_j calibrated so that the population mean is the nominal rate), and the sequence
 * takes them one at a time. Measured, each with its Monte Carlo SE √(p̂(1 − p̂)/R):
 *  - time-uniform coverage: the two-sided 95% sequence holds the truth at every t ≤ items at once
 *    (one miss anywhere on the path counts as a miss);
 *  - type I under continuous monitoring (null scenarios): the rule of `--until decided` (the
 *    sequence excludes the null, `sequentialDecision`) fires at some t ≤ items — the one-sided
 *    `greater` sequence against chance, the two-sided one for a paired gap of 0;
 *  - beside it, the naive rule "stop at the first fixed-n p < 0.05", checked after every item from
 *    the 10th: exact binomial test (one-sided) or exact McNemar test on binary scores, a t test on
 *    item means. Its error is not bounded by α, and grows with the number of looks.
 * Both sequence methods are measured on the same streams: `betting` (the default) and
 * `empirical-bernstein` (PrPl-EB). Pass: every coverage ≥ 95% and every type I ≤ 5% (point
 * estimates; the sequences are valid at any n, so no tolerance is granted here).
 */
import { binomialTest, createConfidenceSequence, createPairedGapSequence, sequentialDecision, tPValue, type ConfidenceSequence, type ConfidenceSequenceMethod } from "../src/index.js";
import { createRandom, type Random } from "../src/stats/random.js";
import { ALPHA } from "./designs.js";
import { NormalSource } from "./simulate.js";
import { expit, ITEM_SD, solveMu } from "./truth.js";

export const SEQUENTIAL_LEVEL = 1 - ALPHA;
/** The thresholds of the sequential checks: the nominal ones, no allowance (see the module comment). */
export const SEQUENTIAL_MIN_COVERAGE = 1 - ALPHA;
export const SEQUENTIAL_MAX_TYPE_I = ALPHA;
/** The naive tester starts peeking at this item (a t test needs a few items before its SE means anything). */
export const NAIVE_FIRST_LOOK = 10;
export const SEQUENTIAL_METHODS: readonly ConfidenceSequenceMethod[] = ["betting", "empirical-bernstein"];

export interface SequentialScenario {
  /** Stable name, also the seed of its stream; starts with "sequential" so `--filter sequential` finds them all. */
  id: string;
  /** One rate against chance, or the paired gap B − A of two conditions on the same items. */
  design: "one-rate" | "paired";
  /** Answers per item: 1 (binary scores) or K (the score is the item's mean of K answers). */
  samples: number;
  /** True population rates, baseline first. */
  rates: readonly number[];
  /** Latent correlation of an item's difficulty across the two conditions (paired only). */
  pairCorrelation: number;
  /** One rate: the chance rate tested with --against-chance (a null scenario when it equals the rate). */
  chance?: number;
}

/** The scenarios: nulls (rate = chance, gap 0) for type I and coverage, real effects for coverage. */
export const SEQUENTIAL_SCENARIOS: readonly SequentialScenario[] = [
  { id: "sequential one-rate K=1 p=0.25 chance=0.25", design: "one-rate", samples: 1, rates: [0.25], pairCorrelation: 0, chance: 0.25 },
  { id: "sequential one-rate K=5 p=0.25 chance=0.25", design: "one-rate", samples: 5, rates: [0.25], pairCorrelation: 0, chance: 0.25 },
  { id: "sequential paired K=1 rho=0.8 p=0.7/0.7", design: "paired", samples: 1, rates: [0.7, 0.7], pairCorrelation: 0.8 },
  { id: "sequential paired K=5 rho=0.8 p=0.7/0.7", design: "paired", samples: 5, rates: [0.7, 0.7], pairCorrelation: 0.8 },
  { id: "sequential one-rate K=1 p=0.7", design: "one-rate", samples: 1, rates: [0.7], pairCorrelation: 0 },
  { id: "sequential one-rate K=5 p=0.9", design: "one-rate", samples: 5, rates: [0.9], pairCorrelation: 0 },
  { id: "sequential paired K=1 rho=0.8 p=0.6/0.7", design: "paired", samples: 1, rates: [0.6, 0.7], pairCorrelation: 0.8 },
  { id: "sequential paired K=5 rho=0.3 p=0.6/0.7", design: "paired", samples: 5, rates: [0.6, 0.7], pairCorrelation: 0.3 },
];

export interface SequentialOptions {
  /** Replications per scenario (default 2000). */
  reps?: number;
  /** Items per replication, each a look (default 500). */
  items?: number;
}

/** A rate over the replications with its Monte Carlo SE. */
export interface Estimate {
  hits: number;
  reps: number;
  rate: number;
  mcse: number;
}

export interface SequentialResult {
  scenario: SequentialScenario;
  /** The estimand: the rate, or the gap of the rates. */
  truth: number;
  /** The null the stopping rule tests, for null scenarios (chance, or 0). */
  nullValue?: number;
  reps: number;
  items: number;
  /** Time-uniform coverage of the two-sided sequence, per method. */
  coverage: Record<ConfidenceSequenceMethod, Estimate>;
  /** Null scenarios: the stopping rule ever excludes the null, per method. */
  typeI?: Record<ConfidenceSequenceMethod, Estimate>;
  /** Null scenarios: the naive fixed-n test ever gives p < α, and the test used. */
  naive?: Estimate & { test: string };
  /** Mean width of the two-sided betting sequence after the last item, so a reader sees its price. */
  finalWidth: number;
  seconds: number;
  pass: boolean;
}

function estimate(hits: number, reps: number): Estimate {
  const rate = hits / reps;
  return { hits, reps, rate, mcse: Math.sqrt((rate * (1 - rate)) / reps) };
}

export function isNullScenario(s: SequentialScenario): boolean {
  return s.design === "one-rate" ? s.chance === s.rates[0] : s.rates[0] === s.rates[1];
}

/** The naive test's name, for the report. */
export function naiveTestName(s: SequentialScenario): string {
  if (s.samples === 1) return s.design === "one-rate" ? "exact binomial test, greater" : "exact McNemar test";
  return s.design === "one-rate" ? "one-sample t test on item means, greater" : "paired t test on item means";
}

/** One replication's item scores: per item, the score of each condition (a 0/1 answer, or the mean of K). */
class ItemStream {
  private readonly normal: NormalSource;
  private readonly mus: number[];
  private readonly own: number;
  private readonly shared: number;
  constructor(private readonly scenario: SequentialScenario, private readonly rng: Random) {
    this.normal = new NormalSource(rng);
    this.mus = scenario.rates.map((r) => solveMu(r, ITEM_SD));
    this.shared = Math.sqrt(scenario.pairCorrelation);
    this.own = Math.sqrt(1 - scenario.pairCorrelation);
  }
  next(out: number[]): void {
    const { samples } = this.scenario;
    const w = this.shared > 0 ? this.normal.next() : 0;
    for (let j = 0; j < this.mus.length; j++) {
      const p = expit(this.mus[j] + ITEM_SD * (this.shared * w + this.own * this.normal.next()));
      out[j] = samples === 1 ? (this.rng.next() < p ? 1 : 0) : this.rng.binomial(samples, p) / samples;
    }
  }
}

/** Running sums for the naive tests. */
class NaiveTest {
  private n = 0;
  private sum = 0;
  private sumSq = 0;
  private successes = 0;
  private discordant = 0;
  constructor(private readonly scenario: SequentialScenario, private readonly nullValue: number) {}
  /** Add the item's value (the score, or the paired difference) and say whether p < α now. */
  push(value: number): boolean {
    const s = this.scenario;
    this.n++;
    this.sum += value;
    this.sumSq += value * value;
    if (s.samples === 1 && s.design === "one-rate") this.successes += value;
    if (s.samples === 1 && s.design === "paired" && value !== 0) {
      this.discordant++;
      if (value > 0) this.successes++;
    }
    if (this.n < NAIVE_FIRST_LOOK) return false;
    if (s.samples === 1) {
      if (s.design === "one-rate") return binomialTest(this.successes, this.n, { p: this.nullValue, alternative: "greater" }).pValue < ALPHA;
      return this.discordant > 0 && binomialTest(this.successes, this.discordant).pValue < ALPHA;
    }
    const mean = this.sum / this.n;
    const variance = Math.max(0, (this.sumSq - this.n * mean * mean) / (this.n - 1));
    if (variance === 0) return false;
    return tPValue(mean - this.nullValue, Math.sqrt(variance / this.n), this.n - 1, s.design === "one-rate" ? "greater" : "two-sided") < ALPHA;
  }
}

/** Measure one scenario: `reps` seeded replications of `items` looks each. */
export function measureSequential(scenario: SequentialScenario, options: SequentialOptions = {}): SequentialResult {
  const reps = options.reps ?? 2000;
  const items = options.items ?? 500;
  const started = performance.now();
  const paired = scenario.design === "paired";
  const truth = paired ? scenario.rates[1] - scenario.rates[0] : scenario.rates[0];
  const isNull = isNullScenario(scenario);
  const nullValue = isNull ? (paired ? 0 : scenario.chance!) : undefined;
  const rng = createRandom(`evalgap validation ${scenario.id}`);
  const covered = { betting: 0, "empirical-bernstein": 0 };
  const rejected = { betting: 0, "empirical-bernstein": 0 };
  let naiveRejected = 0;
  let widthSum = 0;
  const scores = [0, 0];
  for (let r = 0; r < reps; r++) {
    const stream = new ItemStream(scenario, rng);
    const twoSided = new Map<ConfidenceSequenceMethod, ConfidenceSequence>();
    const rule = new Map<ConfidenceSequenceMethod, ConfidenceSequence>();
    for (const method of SEQUENTIAL_METHODS) {
      twoSided.set(method, paired ? createPairedGapSequence({ method }) : createConfidenceSequence({ method }));
      if (nullValue !== undefined) rule.set(method, paired ? twoSided.get(method)! : createConfidenceSequence({ method, alternative: "greater", nullValue }));
    }
    const missed = new Set<ConfidenceSequenceMethod>();
    const fired = new Set<ConfidenceSequenceMethod>();
    const naive = nullValue === undefined ? undefined : new NaiveTest(scenario, nullValue);
    let naiveFired = false;
    for (let t = 0; t < items; t++) {
      stream.next(scores);
      const value = paired ? scores[1] - scores[0] : scores[0];
      for (const method of SEQUENTIAL_METHODS) {
        const state = twoSided.get(method)!.push(value);
        if (state.lower > truth || state.upper < truth) missed.add(method);
        if (method === "betting" && t === items - 1) widthSum += state.upper - state.lower;
        if (nullValue === undefined) continue;
        const ruleState = paired ? state : rule.get(method)!.push(value);
        if (sequentialDecision(ruleState, { nullValue, margin: 0 }) === "excludes") fired.add(method);
      }
      if (naive && !naiveFired) naiveFired = naive.push(value);
    }
    for (const method of SEQUENTIAL_METHODS) {
      if (!missed.has(method)) covered[method]++;
      if (fired.has(method)) rejected[method]++;
    }
    naiveRejected += +naiveFired;
  }
  const coverage = { betting: estimate(covered.betting, reps), "empirical-bernstein": estimate(covered["empirical-bernstein"], reps) };
  const typeI = nullValue === undefined ? undefined : { betting: estimate(rejected.betting, reps), "empirical-bernstein": estimate(rejected["empirical-bernstein"], reps) };
  const pass =
    SEQUENTIAL_METHODS.every((m) => coverage[m].rate >= SEQUENTIAL_MIN_COVERAGE) && (!typeI || SEQUENTIAL_METHODS.every((m) => typeI[m].rate <= SEQUENTIAL_MAX_TYPE_I));
  return {
    scenario,
    truth,
    ...(nullValue !== undefined ? { nullValue } : {}),
    reps,
    items,
    coverage,
    ...(typeI ? { typeI, naive: { ...estimate(naiveRejected, reps), test: naiveTestName(scenario) } } : {}),
    finalWidth: widthSum / reps,
    seconds: (performance.now() - started) / 1000,
    pass,
  };
}
