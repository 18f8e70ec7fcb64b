import { describe, expect, it } from "vitest";
import { binomialTest } from "../../src/stats/binomialTest.js";
import {
  type ConfidenceSequenceMethod,
  type ConfidenceSequenceOptions,
  confidenceSequence,
  createConfidenceSequence,
  createPairedGapSequence,
  pairedGapConfidenceSequence,
} from "../../src/stats/confidenceSequence.js";
import { createRandom, type Random } from "../../src/stats/random.js";
import type { Alternative } from "../../src/stats/types.js";
import { loadFixture, missesOf } from "../helpers/close.js";

const METHODS: ConfidenceSequenceMethod[] = ["betting", "empirical-bernstein"];
const ALTERNATIVES: Alternative[] = ["two-sided", "greater", "less"];

const bernoulli = (rng: Random, p: number, n: number) => Array.from({ length: n }, () => (rng.next() < p ? 1 : 0));

/** A case of test/fixtures/r/confidence-sequence.R: `call` is the R expression over `x` that gave the paths. */
interface Case {
  call: string;
  method: ConfidenceSequenceMethod;
  x: number[];
  alpha: number;
  truncation: number;
  alternative: Alternative;
  nullValue: number;
  gridSize?: number;
  lower: number[];
  upper: number[];
  pValue: number[];
}
const { cases } = loadFixture<{ cases: Case[] }>("confidence-sequence.json");

describe("confidence sequences against R", () => {
  it(`the whole path (bounds and anytime p-value after every observation) equals R's vectorised transcription of Theorems 2 and 3 on ${cases.length} cases`, () => {
    const misses: string[] = [];
    for (const c of cases) {
      const path = confidenceSequence(c.x, {
        method: c.method, alpha: c.alpha, truncation: c.truncation, alternative: c.alternative, nullValue: c.nullValue, gridSize: c.gridSize,
      });
      for (const key of ["lower", "upper", "pValue"] as const) {
        misses.push(...missesOf(c.call, path[key].map((v, i) => [`${key}[${i}]`, v, c[key][i]] as const)));
      }
    }
    expect(misses).toEqual([]);
  });
});

describe("exact identities", () => {
  it("before any observation the interval is the whole range and the p-value is 1", () => {
    for (const method of METHODS) {
      for (const alternative of ALTERNATIVES) {
        const mean = createConfidenceSequence({ method, alternative }).current();
        expect([mean.count, mean.lower, mean.upper, mean.pValue, mean.eValue]).toEqual([0, 0, 1, 1, 1]);
        expect(mean.estimate).toBeNaN();
        const gap = createPairedGapSequence({ method, alternative }).current();
        expect([gap.lower, gap.upper, gap.pValue]).toEqual([-1, 1, 1]);
      }
    }
  });

  it("the intervals are nested (running intersection): lower never falls, upper never rises, and the p-value never rises", () => {
    const x = bernoulli(createRandom("nested"), 0.3, 400);
    for (const method of METHODS) {
      for (const alternative of ALTERNATIVES) {
        const path = confidenceSequence(x, { method, alternative, nullValue: 0.35 });
        for (let t = 1; t < x.length; t++) {
          expect(path.lower[t]).toBeGreaterThanOrEqual(path.lower[t - 1]);
          expect(path.upper[t]).toBeLessThanOrEqual(path.upper[t - 1]);
          expect(path.pValue[t]).toBeLessThanOrEqual(path.pValue[t - 1]);
          expect(path.lower[t]).toBeLessThanOrEqual(path.upper[t]);
        }
        if (alternative === "greater") expect(path.upper.every((u) => u === 1)).toBe(true);
        if (alternative === "less") expect(path.lower.every((l) => l === 0)).toBe(true);
      }
    }
  });

  it("reflection: the sequence of 1 − x is 1 minus the sequence of x, and `less` of 1 − x is `greater` of x", () => {
    const rng = createRandom("reflect");
    const x = Array.from({ length: 300 }, () => rng.next() ** 2);
    const mirrored = x.map((v) => 1 - v);
    for (const method of METHODS) {
      const a = confidenceSequence(x, { method, nullValue: 0.3 });
      const b = confidenceSequence(mirrored, { method, nullValue: 0.7 });
      const g = confidenceSequence(x, { method, nullValue: 0.3, alternative: "greater" });
      const l = confidenceSequence(mirrored, { method, nullValue: 0.7, alternative: "less" });
      for (let t = 0; t < x.length; t++) {
        expect(b.lower[t]).toBeCloseTo(1 - a.upper[t], 12);
        expect(b.upper[t]).toBeCloseTo(1 - a.lower[t], 12);
        expect(b.pValue[t]).toBeCloseTo(a.pValue[t], 12);
        expect(l.upper[t]).toBeCloseTo(1 - g.lower[t], 12);
        expect(l.pValue[t]).toBeCloseTo(g.pValue[t], 12);
      }
    }
  });

  it("symmetric data (every observation ½, every gap 0) give an interval symmetric about the centre", () => {
    for (const method of METHODS) {
      const mean = confidenceSequence(new Array(250).fill(0.5), { method });
      const gap = pairedGapConfidenceSequence(new Array(250).fill(0), { method });
      for (let t = 0; t < 250; t++) {
        expect(mean.lower[t] + mean.upper[t]).toBeCloseTo(1, 12);
        expect(gap.lower[t] + gap.upper[t]).toBeCloseTo(0, 12);
      }
      expect(mean.final.upper - mean.final.lower).toBeLessThan(0.1);
    }
  });

  it("the anytime p-value is ≤ α exactly when the null is not strictly inside the interval (the CS and the test agree)", () => {
    const rng = createRandom("duality");
    for (const method of METHODS) {
      for (const alternative of ALTERNATIVES) {
        for (const p of [0.5, 0.58, 0.42]) {
          const path = confidenceSequence(bernoulli(rng, p, 600), { method, alternative, nullValue: 0.5 });
          for (let t = 0; t < 600; t++) {
            const excluded = !(path.lower[t] < 0.5 && 0.5 < path.upper[t]);
            expect(path.pValue[t] <= 0.05, `${method} ${alternative} p=${p} t=${t + 1}`).toBe(excluded);
          }
        }
      }
    }
  });
});

/**
 * An independent evaluation of the hedged capital at any m from the whole history (Theorem 3), for
 * the exact bounds that the grid must bracket.
 */
function runningMaxCapital(x: readonly number[], m: number, side: "plus" | "minus", alpha: number, c = 0.5): number {
  let mean = 0.5;
  let sum = 0;
  let squares = 0;
  let capital = 1;
  let best = 1;
  for (let i = 0; i < x.length; i++) {
    const t = i + 1;
    const bet = Math.sqrt((2 * Math.log(2 / alpha)) / (((0.25 + squares) / t) * t * Math.log(1 + t)));
    const d = x[i] - m;
    capital *= side === "plus" ? 1 + Math.min(bet, c / m) * d : 1 - Math.min(bet, c / (1 - m)) * d;
    best = Math.max(best, capital / 2);
    sum += x[i];
    mean = (0.5 + sum) / (t + 1);
    squares += (x[i] - mean) ** 2;
  }
  return best;
}

/** The m where a monotone running-max capital crosses 1/α, by bisection. */
function crossing(x: readonly number[], side: "plus" | "minus", alpha: number): number {
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    const excluded = runningMaxCapital(x, mid, side, alpha) >= 1 / alpha;
    // K⁺ excludes small m, K⁻ large m.
    if ((side === "plus") === excluded) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe("the betting CS on a grid", () => {
  it("brackets the exact bounds (bisection on the capital over the whole history) within one grid step, outward", () => {
    const rng = createRandom("grid");
    for (const gridSize of [40, 1000]) {
      for (const p of [0.2, 0.5, 0.85]) {
        const x = Array.from({ length: 300 }, () => rng.binomial(4, p) / 4);
        const final = confidenceSequence(x, { gridSize }).final;
        const lower = crossing(x, "plus", 0.05);
        const upper = crossing(x, "minus", 0.05);
        expect(final.lower).toBeLessThanOrEqual(lower);
        expect(lower - final.lower).toBeLessThanOrEqual(1 / gridSize + 1e-12);
        expect(final.upper).toBeGreaterThanOrEqual(upper);
        expect(final.upper - upper).toBeLessThanOrEqual(1 / gridSize + 1e-12);
      }
    }
  });

  it("is narrower than PrPl-EB on low-variance data at t = 1000 (the paper's point: betting adapts where Bernstein's bound is loose)", () => {
    for (const truncation of [0.5, 0.75]) {
      let narrower = 0;
      for (let seed = 0; seed < 20; seed++) {
        const rng = createRandom(seed);
        const x = Array.from({ length: 1000 }, () => 0.4 + 0.2 * rng.next());
        const betting = confidenceSequence(x, { truncation }).final;
        const eb = confidenceSequence(x, { truncation, method: "empirical-bernstein" }).final;
        if (betting.upper - betting.lower < eb.upper - eb.lower) narrower++;
      }
      expect(narrower).toBe(20);
    }
  });
});

describe("paired gap", () => {
  it("is the [0, 1] sequence of (d + 1)/2 mapped back by 2y − 1, with the null 0 at ½", () => {
    const rng = createRandom("gap");
    const d = Array.from({ length: 300 }, () => (rng.next() < 0.55 ? 1 : 0) - (rng.next() < 0.45 ? 1 : 0));
    for (const method of METHODS) {
      const gap = pairedGapConfidenceSequence(d, { method });
      const unit = confidenceSequence(d.map((v) => (v + 1) / 2), { method, nullValue: 0.5 });
      for (let t = 0; t < d.length; t++) {
        expect(gap.lower[t]).toBeCloseTo(2 * unit.lower[t] - 1, 14);
        expect(gap.upper[t]).toBeCloseTo(2 * unit.upper[t] - 1, 14);
        expect(gap.pValue[t]).toBe(unit.pValue[t]);
      }
      expect(gap.final.estimate).toBeCloseTo(d.reduce((s, v) => s + v, 0) / d.length, 14);
    }
  });

  it("streams the same states as the batch function", () => {
    const d = [1, 0, 0, 1, -1, 1, 1, 0, 1, 1, 0.5, -0.25];
    const stream = createPairedGapSequence({ alternative: "greater" });
    const states = d.map((v) => stream.push(v));
    const batch = pairedGapConfidenceSequence(d, { alternative: "greater" });
    expect(states.map((s) => s.lower)).toEqual(batch.lower);
    expect(states.map((s) => s.pValue)).toEqual(batch.pValue);
    expect(stream.current()).toEqual(batch.final);
    expect(stream.count).toBe(d.length);
  });
});

describe("bad input", () => {
  it("names the argument and the value", () => {
    expect(() => createConfidenceSequence().push(1.5)).toThrow(/value \(observation 1\) must be between 0 and 1 for a mean, got 1.5/);
    expect(() => createPairedGapSequence().push(-2)).toThrow(/between -1 and 1 for a paired gap, got -2/);
    expect(() => createConfidenceSequence().push(Number.NaN)).toThrow(TypeError);
    expect(() => confidenceSequence([0, 1, 2])).toThrow(/values\[2\] must be between 0 and 1/);
    expect(() => confidenceSequence([])).toThrow(/values must hold at least 1 value/);
    expect(() => pairedGapConfidenceSequence([0, 1.5])).toThrow(/differences\[1\]/);
    expect(() => createConfidenceSequence({ alpha: 0 })).toThrow(/alpha must be strictly between 0 and 1, got 0/);
    expect(() => createConfidenceSequence({ method: "hoeffding" } as unknown as ConfidenceSequenceOptions)).toThrow(/method must be one of/);
    expect(() => createConfidenceSequence({ nullValue: 1 })).toThrow(/nullValue must be strictly between 0 and 1 for a mean, got 1/);
    expect(() => createPairedGapSequence({ nullValue: -1 })).toThrow(/nullValue must be strictly between -1 and 1/);
    expect(() => createConfidenceSequence({ truncation: 1 })).toThrow(/truncation/);
    expect(() => createConfidenceSequence({ gridSize: 1 })).toThrow(/gridSize must be between 2 and 1000000, got 1/);
    expect(() => createConfidenceSequence({ alternative: "up" as Alternative })).toThrow(/alternative/);
  });
});

/** Monte Carlo standard error of a rate α over `reps` replications. */
const mcse = (alpha: number, reps: number) => Math.sqrt((alpha * (1 - alpha)) / reps);

describe("validity under optional stopping, by simulation (300 replications of 500 observations)", () => {
  const REPS = 300;
  const N = 500;
  const ALPHA = 0.05;
  const bound = ALPHA + 2 * mcse(ALPHA, REPS);

  /** Share of replications whose interval misses `truth` at some t ≤ N. */
  function miscoverage(seed: string, draw: (rng: Random) => number, truth: number, options: ConfidenceSequenceOptions): number {
    const rng = createRandom(seed);
    let missed = 0;
    for (let r = 0; r < REPS; r++) {
      const cs = createConfidenceSequence(options);
      for (let t = 0; t < N; t++) {
        const s = cs.push(draw(rng));
        if (s.lower > truth || s.upper < truth) {
          missed++;
          break;
        }
      }
    }
    return missed / REPS;
  }

  it(`time-uniform miscoverage ≤ α + 2 MC SE (${bound.toFixed(3)}) for binary scores and 5-sample item means`, () => {
    const scenarios: [string, (rng: Random) => number, number][] = [
      ["Bernoulli(0.5)", (rng) => (rng.next() < 0.5 ? 1 : 0), 0.5],
      ["Bernoulli(0.9)", (rng) => (rng.next() < 0.9 ? 1 : 0), 0.9],
      ["Binomial(5, 0.8)/5", (rng) => rng.binomial(5, 0.8) / 5, 0.8],
    ];
    for (const method of METHODS) {
      for (const [name, draw, truth] of scenarios) {
        const rate = miscoverage(`coverage ${name} ${method}`, draw, truth, { method });
        expect(rate, `${method}, ${name}: miscoverage ${rate}`).toBeLessThanOrEqual(bound);
      }
    }
  });

  it("stopping at the first anytime p < 0.05 keeps the type-I error ≤ α + 2 MC SE; stopping at the first exact binomial p < 0.05 does not", () => {
    const rng = createRandom("type I");
    let anytimeTwoSided = 0;
    let anytimeGreater = 0;
    let naive = 0;
    for (let r = 0; r < REPS; r++) {
      const twoSided = createConfidenceSequence();
      const greater = createConfidenceSequence({ alternative: "greater" });
      let [a, g, n] = [false, false, false];
      let successes = 0;
      for (let t = 1; t <= N; t++) {
        const x = rng.next() < 0.5 ? 1 : 0;
        successes += x;
        a ||= twoSided.push(x).pValue < ALPHA;
        g ||= greater.push(x).pValue < ALPHA;
        n ||= binomialTest(successes, t).pValue < ALPHA;
      }
      anytimeTwoSided += +a;
      anytimeGreater += +g;
      naive += +n;
    }
    expect(anytimeTwoSided / REPS, "two-sided").toBeLessThanOrEqual(bound);
    expect(anytimeGreater / REPS, "greater").toBeLessThanOrEqual(bound);
    // Peeking after every item at a fixed-n test: the false-positive rate is several times α.
    expect(naive / REPS, "naive binomial test").toBeGreaterThan(0.15);
  });

  it("for a paired gap of 0 (two conditions at 70% on the same items), the anytime test holds α and the peeking exact McNemar test does not", () => {
    const rng = createRandom("paired null");
    let anytime = 0;
    let naive = 0;
    for (let r = 0; r < REPS; r++) {
      const gap = createPairedGapSequence();
      let [a, n] = [false, false];
      let [wins, discordant] = [0, 0];
      for (let t = 1; t <= N; t++) {
        const d = (rng.next() < 0.7 ? 1 : 0) - (rng.next() < 0.7 ? 1 : 0);
        a ||= gap.push(d).pValue < ALPHA;
        if (d !== 0) {
          discordant++;
          if (d > 0) wins++;
          n ||= binomialTest(wins, discordant).pValue < ALPHA;
        }
      }
      anytime += +a;
      naive += +n;
    }
    expect(anytime / REPS).toBeLessThanOrEqual(bound);
    expect(naive / REPS).toBeGreaterThan(0.15);
  });
});
