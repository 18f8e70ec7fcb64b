import { describe, expect, it } from "vitest";
import { permutationTest } from "../../src/stats/permutationTest.js";
import type { Alternative } from "../../src/stats/types.js";
import { expectClose, loadFixture } from "../helpers/close.js";

/** A case of test/fixtures/r/resampling.R: `call` is the R enumeration over the case's `a` and `b` that gave `p`. */
interface PermCase {
  call: string;
  paired: boolean;
  a: number[] | number;
  b: number[] | number;
  p: Record<Alternative, number>;
  total: number;
}
const fixture = loadFixture<{ permutation: PermCase[]; permutationLarge: PermCase[]; permutationMedian: PermCase[] }>("resampling.json");
// jsonlite writes length-1 vectors as scalars (auto_unbox).
const asArray = (v: number[] | number): number[] => (Array.isArray(v) ? v : [v]);
const alternatives: Alternative[] = ["two-sided", "greater", "less"];
const median = (v: number[]): number => {
  const s = [...v].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

describe("exact permutation p-values equal R's brute-force enumeration", () => {
  const { permutation } = fixture;
  it(`on ${permutation.length} data sets × 3 alternatives (binary, Likert, continuous, fractional scores)`, () => {
    let checked = 0;
    for (const c of permutation) {
      for (const alternative of alternatives) {
        const r = permutationTest(asArray(c.a), asArray(c.b), { paired: c.paired, alternative, resamples: Math.max(10000, c.total) });
        expect(r.exact).toBe(true);
        expect(r.resamples).toBe(c.total);
        expectClose(r.pValue, c.p[alternative], `${c.call} with a = [${asArray(c.a)}], b = [${asArray(c.b)}]: ${alternative}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(200);
  });

  it("with a custom statistic (difference in medians), equal to R's enumeration", () => {
    for (const c of fixture.permutationMedian) {
      for (const alternative of alternatives) {
        const r = permutationTest(asArray(c.a), asArray(c.b), {
          alternative,
          resamples: c.total,
          statistic: (a, b) => median(a) - median(b),
        });
        expect(r.exact).toBe(true);
        expectClose(r.pValue, c.p[alternative], `${c.call} with a = [${asArray(c.a)}], b = [${asArray(c.b)}]: ${alternative}`);
      }
    }
  });

  it("on the larger problems too, when resamples allows full enumeration", () => {
    for (const c of fixture.permutationLarge) {
      const r = permutationTest(asArray(c.a), asArray(c.b), { paired: c.paired, resamples: c.total });
      expect(r.exact).toBe(true);
      expectClose(r.pValue, c.p["two-sided"], `${c.call}: two-sided`);
    }
  });
});

describe("Monte-Carlo permutation p-values", () => {
  it("fall within a binomial error bound of the exact p (2^16 sign flips, C(18, 9) shuffles)", () => {
    const B = 10000;
    for (const c of fixture.permutationLarge) {
      for (const alternative of alternatives) {
        const r = permutationTest(asArray(c.a), asArray(c.b), { paired: c.paired, alternative, resamples: B, seed: 99 });
        expect(r.exact).toBe(false);
        expect(r.resamples).toBe(B);
        const p = c.p[alternative];
        expect(Math.abs(r.pValue - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / B) + 2 / B);
      }
    }
  });

  it("with a custom statistic, within the same bound", () => {
    const c = fixture.permutationMedian[2];
    const r = permutationTest(asArray(c.a), asArray(c.b), { resamples: 400, seed: 4, statistic: (a, b) => median(a) - median(b) });
    expect(r.exact).toBe(false);
    const p = c.p["two-sided"];
    expect(Math.abs(r.pValue - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / 400) + 2 / 400);
  });

  it("are never zero (Phipson & Smyth 2010): (1 + #extreme) / (1 + resamples)", () => {
    const a = Array.from({ length: 40 }, (_, i) => 1 + i / 10);
    const b = a.map(() => 0);
    const paired = permutationTest(a, b, { paired: true, resamples: 999, alternative: "greater" });
    expect(paired.pValue).toBe(1 / 1000);
    const unpaired = permutationTest(a, b, { resamples: 999 });
    expect(unpaired.pValue).toBe(1 / 1000);
    expect(unpaired.method).toBe("Monte-Carlo label-shuffle permutation test");
  });

  it("are reproducible from the seed", () => {
    const a = [0.3, 0.9, 0.4, 0.8, 0.7, 0.6, 0.2, 0.9, 0.75, 0.5, 0.66, 0.3, 0.1, 0.95, 0.8];
    const b = [0.2, 0.5, 0.5, 0.6, 0.7, 0.3, 0.1, 0.8, 0.7, 0.45, 0.6, 0.2, 0.15, 0.9, 0.7];
    const r1 = permutationTest(a, b, { paired: true, resamples: 2000, seed: "s" });
    const r2 = permutationTest(a, b, { paired: true, resamples: 2000, seed: "s" });
    expect(r1).toEqual(r2);
    expect(r1.seed).toBe("s");
  });
});

describe("permutationTest result", () => {
  it("doc example: 16 of 64 sign flips are as extreme → p = 0.25", () => {
    const r = permutationTest([1, 1, 1, 0, 1, 1], [0, 1, 0, 0, 0, 1], { paired: true });
    // Differences (1, 0, 1, 0, 1, 0): |sum| = 3 needs the three ones to share a sign: 2 · 2^3 of 2^6.
    expect(r).toMatchObject({
      pValue: 0.25,
      alternative: "two-sided",
      method: "exact sign-flip permutation test (paired)",
      exact: true,
      resamples: 64,
    });
    expect(r.statistic).toBe(0.5);
    expect(r.estimate).toBe(0.5);
  });

  it("a single pair: both signs, p = 1 two-sided", () => {
    expect(permutationTest([1], [0], { paired: true }).pValue).toBe(1);
  });
});

describe("permutationTest bad input", () => {
  it("rejects bad arguments, naming them", () => {
    expect(() => permutationTest([], [1])).toThrow(/a .*0/);
    expect(() => permutationTest([1], [Number.NaN])).toThrow(/b\[0\].*NaN/);
    expect(() => permutationTest([1, 2], [1], { paired: true })).toThrow(/same length.*2 and 1/);
    expect(() => permutationTest([1], [1], { paired: "yes" as unknown as boolean })).toThrow(/paired/);
    expect(() => permutationTest([1], [1], { resamples: 0 })).toThrow(/resamples.*0/);
    expect(() => permutationTest([1], [1], { alternative: "bigger" as Alternative })).toThrow(/alternative.*"bigger"/);
    expect(() => permutationTest([1], [1], { seed: 1.5 })).toThrow(/seed/);
    expect(() => permutationTest([1], [1], { statistic: 3 as unknown as () => number })).toThrow(/statistic/);
    expect(() => permutationTest([1, 2], [3], { statistic: () => Number.NaN })).toThrow(/statistic.*NaN/);
  });
});
