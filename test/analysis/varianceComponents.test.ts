import { describe, expect, it } from "vitest";
import { mean, sampleVariance } from "simple-statistics";
import { varianceComponents } from "../../src/analysis/varianceComponents.js";
import type { RunRecord } from "../../src/runs/record.js";

/** Items answered K times under A and B; `scores[i] = [A answers, B answers]`. */
function records(scores: [number[], number[]][]): RunRecord[] {
  return scores.flatMap(([a, b], i) => [
    ...a.map((score, sample) => ({ item: `q${i}`, condition: "A", score, sample })),
    ...b.map((score, sample) => ({ item: `q${i}`, condition: "B", score, sample })),
  ]);
}

describe("varianceComponents", () => {
  it("matches the method-of-moments values worked by hand", () => {
    // Item means A | B: 1|1, 0|0.5, 1|0.5, 0|1 → gaps 0, 0.5, −0.5, 1: mean 0.25, sample variance 1.25/3.
    // Within-item sample variances (K = 2): A all 0; B 0, 0.5, 0.5, 0 → σ² = (0 + 0.5 + 0.5 + 0)/4 = 0.25.
    // ω² = 1.25/3 − 0.25/2 = 0.291666…
    const v = varianceComponents(
      records([
        [[1, 1], [1, 1]],
        [[0, 0], [0, 1]],
        [[1, 1], [1, 0]],
        [[0, 0], [1, 1]],
      ]),
      { baseline: "A", treatment: "B" },
    );
    expect(v).toMatchObject({ items: 4, samples: 2 });
    expect(v.gap).toBeCloseTo(0.25, 15);
    expect(v.itemGapVariance).toBeCloseTo(1.25 / 3, 15);
    expect(v.sigma2).toBeCloseTo(0.25, 15);
    expect(v.omega2).toBeCloseTo(1.25 / 3 - 0.125, 15);
  });

  it("leaves out errored records and needs two repeated shared items", () => {
    const base = records([
      [[1, 0], [1, 1]],
      [[0, 0], [1, 0]],
    ]);
    const withError = [...base, { item: "q0", condition: "A", score: 0, sample: 2, error: "timeout" }];
    expect(varianceComponents(withError, { baseline: "A", treatment: "B" })).toEqual(varianceComponents(base, { baseline: "A", treatment: "B" }));
    expect(() => varianceComponents(base.slice(0, 4), { baseline: "A", treatment: "B" })).toThrow(/at least 2 items/);
    expect(() => varianceComponents(base, { baseline: "A", treatment: "C" })).toThrow(/"C"/);
    expect(() => varianceComponents(base, { baseline: 3 as never, treatment: "B" })).toThrow(TypeError);
  });
});

describe("simple-statistics' mean and sampleVariance, as varianceComponents and itemScores use them", () => {
  // Exact rational arithmetic: every double is an integer multiple of 2^-1074, so x·2^1074 is a BigInt.
  const SCALE = 1074n;
  function scaled(x: number): bigint {
    if (x === 0) return 0n;
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, Math.abs(x));
    const bits = view.getBigUint64(0);
    const exponent = Number((bits >> 52n) & 0x7ffn);
    const fraction = bits & ((1n << 52n) - 1n);
    const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
    const shift = BigInt(Math.max(exponent, 1) - 1075) + SCALE; // x = mantissa · 2^(e − 1075)
    return (x < 0 ? -1n : 1n) * (mantissa << shift);
  }
  const relative = (diff: bigint, exact: bigint) => Number((diff < 0n ? -diff : diff) * 10n ** 18n / exact) / 1e18;

  // 100,000 item means of 7 graded answers each (k/7 is never exact in binary), as in a large eval.
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const xs = Array.from({ length: 100_000 }, () => {
    let s = 0;
    for (let j = 0; j < 7; j++) s += next() < 0.6 ? 1 : 0;
    return s / 7;
  });
  const n = BigInt(xs.length);
  const s1 = xs.reduce((s, x) => s + scaled(x), 0n);
  const s2 = xs.reduce((s, x) => s + scaled(x) * scaled(x), 0n);

  it("mean is within 2^-52 (relative) of the exact mean", () => {
    // mean · n · 2^1074 against Σ x · 2^1074
    expect(relative(scaled(mean(xs)) * n - s1, s1)).toBeLessThan(2 ** -52);
  });

  it("sampleVariance (two passes) is within 1e-12 (relative) of the exact n − 1 variance", () => {
    // var = (n Σx² − (Σx)²) / (n (n − 1)); both sides scaled by 2^2148
    const exact = n * s2 - s1 * s1;
    const got = scaled(sampleVariance(xs)) * (1n << SCALE) * n * (n - 1n);
    expect(relative(got - exact, exact)).toBeLessThan(1e-12);
  });
});
