import { describe, expect, it } from "vitest";
import { needsMover, pairedRateGap, rateCorrelation } from "../../src/analysis/pairedRateGap.js";
import type { ItemScore } from "../../src/analysis/itemScores.js";

const items = (means: number[], cluster?: (i: number) => string): ItemScore[] =>
  means.map((mean, i) => ({ item: `q${i}`, mean, samples: 5, binary: true, answers: [], ...(cluster ? { cluster: cluster(i) } : {}) }));

describe("pairedRateGap", () => {
  const base = items([0.8, 1, 1, 0.8, 1, 1, 0.6, 1, 0.4, 1, 1, 0.8], (i) => `c${i % 4}`);
  const treat = items([1, 1, 1, 1, 1, 0.8, 1, 1, 1, 1, 1, 1], (i) => `c${i % 4}`);

  it("its p-value is the interval's dual: at level 1 − p the limit on the far side of 0 is 0", () => {
    // 60 items in 30 clusters: the baseline 70% right, the treatment 97% (near the edge: 30 × 0.03 < 5).
    const b = items(Array.from({ length: 60 }, (_, i) => (i % 10 < 3 ? 0.4 : 0.8 + 0.2 * (i % 2))), (i) => `c${i % 30}`);
    const t = items(Array.from({ length: 60 }, (_, i) => (i % 20 === 0 ? 0.4 : 1)), (i) => `c${i % 30}`);
    const gap = pairedRateGap(b, t, true, 0.95, "two-sided");
    expect(gap.exactOnClusters).toBe(true);
    expect(gap.pValue).toBeGreaterThan(1e-6);
    expect(gap.pValue).toBeLessThan(0.05);
    const atP = pairedRateGap(b, t, true, 1 - gap.pValue, "two-sided");
    expect(Math.abs(atP.lower)).toBeLessThan(1e-9);
    // One-sided: half toward the estimate's side, 1 − half against it.
    expect(pairedRateGap(b, t, true, 0.95, "greater").pValue).toBeCloseTo(gap.pValue / 2, 14);
    expect(pairedRateGap(b, t, true, 0.95, "less").pValue).toBeCloseTo(1 - gap.pValue / 2, 14);
  });

  it("with few clusters near the edge the interval is exact on clusters and can be wide: 4 clusters give p = 1 for a 12-point gap", () => {
    const gap = pairedRateGap(base, treat, true, 0.95, "two-sided");
    expect(gap.estimate).toBeCloseTo(1.4 / 12, 14);
    expect(gap.exactOnClusters).toBe(true);
    // Clopper–Pearson on 4 trials is wide even at level → 0, so no level excludes 0.
    expect(gap.pValue).toBe(1);
    expect(gap.lower).toBeLessThan(-0.5);
  });

  it("never reports p = 0 or a zero-width interval when one condition is all right", () => {
    const gap = pairedRateGap(base, treat.map((s) => ({ ...s, mean: 1 })), true, 0.95, "two-sided");
    expect(gap.pValue).toBeGreaterThan(0.01);
    expect(gap.upper - gap.lower).toBeGreaterThan(0.2);
    expect(gap.correlation).toBe(0);
  });

  it("the rule applies to 0/1 answers near the edge only", () => {
    expect(needsMover(base, treat, 4)).toBe(true);
    expect(needsMover(items([0.4, 0.6, 0.6, 0.4]), items([0.6, 0.4, 0.4, 0.6]), 4)).toBe(false);
    expect(needsMover(base.map((s) => ({ ...s, binary: false })), treat, 4)).toBe(false);
  });

  it("the correlation of the rates is the cosine of the units' residual sums (by hand)", () => {
    // Units a, b: residual sums of base (0.5 − 0.75) + (1 − 0.75) → a: −0.25 + 0.25... written out:
    const b = items([0.5, 1, 1, 0.5], (i) => (i < 2 ? "a" : "b")); // a: 1.5, b: 1.5 → equal means: no spread
    const t = items([1, 0.5, 0.5, 0.5], (i) => (i < 2 ? "a" : "b"));
    expect(rateCorrelation(b, t, ["a", "a", "b", "b"])).toBe(0);
    const b2 = items([1, 1, 0.5, 0.5], (i) => (i < 2 ? "a" : "b")); // residual sums 0.5, −0.5
    const t2 = items([1, 0.5, 0.5, 0.5], (i) => (i < 2 ? "a" : "b")); // mean 0.625: sums 0.25, −0.25
    expect(rateCorrelation(b2, t2, ["a", "a", "b", "b"])).toBeCloseTo(1, 14);
    const t3 = items([0.5, 0.5, 1, 0.5], (i) => (i < 2 ? "a" : "b")); // sums −0.25, 0.25
    expect(rateCorrelation(b2, t3, ["a", "a", "b", "b"])).toBeCloseTo(-1, 14);
  });
});
