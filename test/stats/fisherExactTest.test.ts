import { describe, expect, it } from "vitest";
import { fisherExactTest } from "../../src/stats/fisherExactTest.js";
import type { Alternative } from "../../src/stats/types.js";
import { closeness, loadFixture, missesOf } from "../helpers/close.js";

type Num = number | "Inf" | "-Inf";
/** A case of test/fixtures/r/two-sample.R: `call` runs fisher.test at a tight uniroot tolerance and at R's default. */
interface FisherCase {
  call: string; table: [number, number, number, number]; alternative: Alternative; level: number; or: number;
  pValue: number; oddsRatio: Num; lower: Num; upper: Num; orDefault: Num; pValueDefault: number;
}
const { fisher } = loadFixture<{ fisher: FisherCase[] }>("two-sample.json");
const num = (x: Num) => (x === "Inf" ? Infinity : x === "-Inf" ? -Infinity : x);
const run = (c: FisherCase) => {
  const [a, b, cc, d] = c.table;
  return fisherExactTest([[a, b], [cc, d]], { alternative: c.alternative, level: c.level, conditionalOddsRatio: c.or });
};

describe("fisherExactTest against R fisher.test", () => {
  it(`p-value, conditional MLE and interval equal R fisher.test (uniroot at tight tolerance) on ${fisher.length} tables`, () => {
    const misses: string[] = [];
    for (const c of fisher) {
      const r = run(c);
      misses.push(...missesOf(c.call, [
        ["pValue", r.pValue, c.pValue], ["oddsRatio", r.oddsRatio, num(c.oddsRatio)], ["lower", r.lower, num(c.lower)], ["upper", r.upper, num(c.upper)],
      ]));
      expect(r.alternative).toBe(c.alternative);
      expect(r.level).toBe(c.level);
    }
    expect(misses).toEqual([]);
  });

  it("the odds ratio is the one plain R fisher.test reports, within its default uniroot tolerance", () => {
    // R solves for t = ψ on (0, 1) or t = 1/ψ, stopping at |Δt| ≈ .Machine$double.eps^0.25 = 1.2e-4.
    const toT = (psi: number) => (psi > 1 ? 1 / psi : psi);
    const misses: string[] = [];
    for (const c of fisher) {
      const r = run(c);
      const gap = Math.abs(toT(r.oddsRatio) - toT(num(c.orDefault)));
      const miss = (gap > 2.5e-4 ? `t differs by ${gap}` : null) ?? closeness(r.pValue, c.pValueDefault);
      if (miss) misses.push(`${c.call}: ${miss}`);
    }
    expect(misses).toEqual([]);
  });

  it("covers the cases the brief asks for", () => {
    const alts = new Set(fisher.map((c) => c.alternative));
    const lv = new Set(fisher.map((c) => c.level));
    expect([...alts].sort()).toEqual(["greater", "less", "two-sided"]);
    expect([...lv].sort()).toEqual([0.9, 0.95, 0.99]);
    expect(fisher.some((c) => c.oddsRatio === 0)).toBe(true);
    expect(fisher.some((c) => c.oddsRatio === "Inf")).toBe(true);
    expect(fisher.some((c) => c.or !== 1)).toBe(true);
    expect(Math.max(...fisher.map((c) => c.table.reduce((s, x) => s + x, 0)))).toBeGreaterThan(2000);
  });

  it("the doc example [[3, 1], [1, 3]] equals R fisher.test(matrix(c(3, 1, 1, 3), 2))", () => {
    const r = fisherExactTest([[3, 1], [1, 3]]);
    // R: fisher.test(matrix(c(3, 1, 1, 3), 2)) p-value = 0.4857, odds ratio 6.408309 (default tolerance).
    expect(r.pValue).toBeCloseTo(0.4857142857142857, 14);
    expect(r.oddsRatio.toFixed(4)).toBe("6.4083");
    expect(r.method).toBe("fisher");
  });

  it("n = 20,000: [[5100, 4900], [4800, 5200]] equals R fisher.test", () => {
    // R 4.2.2, fisher.test with uniroot tol 1e-300: p 2.3472435867292686e-05, OR 1.1275442483502995,
    // CI 1.0662908960471349 to 1.1923302818403347.
    const r = fisherExactTest([[5100, 4900], [4800, 5200]]);
    expect(closeness(r.pValue, 2.3472435867292686e-5)).toBeNull();
    expect(closeness(r.oddsRatio, 1.1275442483502995)).toBeNull();
    expect(closeness(r.lower, 1.0662908960471349)).toBeNull();
    expect(closeness(r.upper, 1.1923302818403347)).toBeNull();
  });

  it("an empty row gives p = 1 and the interval [0, Inf], as R", () => {
    const r = fisherExactTest([[0, 0], [3, 4]]);
    expect(r.pValue).toBe(1);
    expect(r.oddsRatio).toBe(0);
    expect(r.lower).toBe(0);
    expect(r.upper).toBe(Infinity);
  });
});

describe("fisherExactTest bad input", () => {
  it.each([
    [[[1, 2], [3]], TypeError, /table must be a 2 x 2 array/],
    [[[1, 2, 3], [3, 4, 5]], TypeError, /table must be a 2 x 2 array/],
    ["1 2 3 4", TypeError, /table must be a 2 x 2 array/],
    [[[1, -2], [3, 4]], RangeError, /table\[0\]\[1\] must be a non-negative count, got -2/],
    [[[1, 2], [3.5, 4]], RangeError, /table\[1\]\[0\] must be an integer count, got 3.5/],
    [[[1, 2], [3, NaN]], TypeError, /table\[1\]\[1\] must be a number, got NaN/],
    [[[0, 0], [0, 0]], RangeError, /table must hold at least one count/],
  ])("%j throws", (table, type, message) => {
    expect(() => fisherExactTest(table as number[][])).toThrow(type);
    expect(() => fisherExactTest(table as number[][])).toThrow(message);
  });
  it("rejects bad options", () => {
    const t = [[3, 1], [1, 3]];
    expect(() => fisherExactTest(t, { alternative: "bigger" as never })).toThrow(/alternative must be one of .*got "bigger"/);
    expect(() => fisherExactTest(t, { level: 1 })).toThrow(/level must be strictly between 0 and 1, got 1/);
    expect(() => fisherExactTest(t, { conditionalOddsRatio: -1 })).toThrow(/conditionalOddsRatio must be at least 0, got -1/);
    expect(() => fisherExactTest(t, { conditionalOddsRatio: Infinity })).toThrow(/conditionalOddsRatio must be finite/);
    expect(() => fisherExactTest(t, "two-sided" as never)).toThrow(TypeError);
  });
});

describe("fisherExactTest against exact enumeration of the hypergeometric", () => {
  // Hypergeometric probabilities from binomial coefficients that are exact integers in double (n ≤ 14).
  const choose = (n: number, k: number): number => {
    let c = 1;
    for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
    return Math.round(c);
  };
  it("one- and two-sided p-values of every table with up to 7 per row", () => {
    const misses: string[] = [];
    let tables = 0;
    for (let r1 = 1; r1 <= 7; r1++) for (let r2 = 1; r2 <= 7; r2++) for (let a = 0; a <= r1; a++) for (let c = 0; c <= r2; c++) {
      const m = a + c, k = r1, N = r1 + r2;
      const lo = Math.max(0, k - (N - m)), hi = Math.min(k, m);
      const prob = (x: number) => (choose(m, x) * choose(N - m, k - x)) / choose(N, k);
      let less = 0, greater = 0, two = 0;
      for (let x = lo; x <= hi; x++) {
        if (x <= a) less += prob(x);
        if (x >= a) greater += prob(x);
        if (prob(x) <= prob(a) * (1 + 1e-7)) two += prob(x);
      }
      const table = [[a, r1 - a], [c, r2 - c]];
      for (const [alternative, expected] of [["less", less], ["greater", greater], ["two-sided", Math.min(two, 1)]] as const) {
        const miss = closeness(fisherExactTest(table, { alternative }).pValue, expected, 1e-12);
        if (miss) misses.push(`${JSON.stringify(table)} ${alternative}: ${miss}`);
      }
      tables++;
    }
    expect(tables).toBe(1225);
    expect(misses).toEqual([]);
  });

  it("never returns NaN: every table with up to 6 per row, every alternative", () => {
    for (let r1 = 0; r1 <= 6; r1++) for (let r2 = 0; r2 <= 6; r2++) for (let a = 0; a <= r1; a++) for (let c = 0; c <= r2; c++) {
      if (r1 + r2 === 0) continue;
      for (const alternative of ["two-sided", "less", "greater"] as const) {
        const r = fisherExactTest([[a, r1 - a], [c, r2 - c]], { alternative });
        for (const v of [r.pValue, r.oddsRatio, r.lower, r.upper]) expect(Number.isNaN(v)).toBe(false);
        expect(r.lower).toBeLessThanOrEqual(r.oddsRatio);
        expect(r.upper).toBeGreaterThanOrEqual(r.oddsRatio);
      }
    }
  });
});
