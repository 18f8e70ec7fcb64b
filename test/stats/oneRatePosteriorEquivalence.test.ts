import { describe, expect, it } from "vitest";
import { betaPosterior } from "../../src/stats/betaPosterior.js";
import { equivalenceTest } from "../../src/stats/equivalenceTest.js";
import { closeness, loadFixture } from "../helpers/close.js";

interface BPCase { k: number; n: number; prior: [number, number]; level: number; p0: number; mean: number; lower: number; upper: number; probabilityAbove: number; alpha: number; beta: number }
interface EqCase { k: number; n: number; p0: number; margin: number; alpha: number; pLower: number; pUpper: number; pValue: number; lower: number; upper: number }
interface TostCase { k1: number; n1: number; k2: number; n2: number; margin: number; alpha: number; method: "agresti-caffo" | "wald"; pValue: number; pLower: number; pUpper: number; lower: number; upper: number }
const fixture = loadFixture<{ betaPosterior: BPCase[]; equivalence: EqCase[] }>("one-rate.json");
const tost = loadFixture<{ cases: TostCase[] }>("tost.json").cases;

function compare(label: string, actual: Record<string, unknown>, expected: Record<string, unknown>, fields: string[], misses: string[]) {
  for (const f of fields) {
    const miss = closeness(actual[f] as number, expected[f] as number);
    if (miss) misses.push(`${label} ${f}: ${miss}`);
  }
}

describe("betaPosterior against R qbeta/pbeta", () => {
  it(`matches R on ${fixture.betaPosterior.length} posteriors`, () => {
    const misses: string[] = [];
    fixture.betaPosterior.forEach((c, i) => {
      // alternate the two accepted prior spellings
      const prior = i % 2 === 0 ? c.prior : { alpha: c.prior[0], beta: c.prior[1] };
      const r = betaPosterior(c.k, c.n, { prior, level: c.level, p0: c.p0 });
      compare(`${c.k}/${c.n} prior ${c.prior}`, { ...r }, { ...c }, ["mean", "lower", "upper", "probabilityAbove", "alpha", "beta"], misses);
    });
    expect(misses).toEqual([]);
  });

  it("has a uniform default prior and the documented example", () => {
    const r = betaPosterior(7, 10, { p0: 0.5 });
    expect([r.alpha, r.beta, r.level]).toEqual([8, 4, 0.95]);
    // P(Beta(8, 4) > 1/2) = P(Bin(11, 1/2) <= 7) = 1816 / 2048, by enumeration
    expect(closeness(r.probabilityAbove, 1816 / 2048)).toBeNull();
  });

  it("rejects bad input naming the argument and value", () => {
    expect(() => betaPosterior(3, 10, { prior: [0, 1] })).toThrow(/prior alpha must be positive, got 0/);
    expect(() => betaPosterior(3, 10, { prior: { alpha: 1, beta: -2 } })).toThrow(/prior beta.*-2/);
    expect(() => betaPosterior(3, 10, { prior: "flat" as unknown as [number, number] })).toThrow(TypeError);
    expect(() => betaPosterior(3, 10, { p0: 1 })).toThrow(/p0.*1/);
    expect(() => betaPosterior(3, 10, { level: -0.1 })).toThrow(/level/);
    expect(() => betaPosterior(11, 10)).toThrow(RangeError);
  });
});

describe("equivalenceTest (TOST)", () => {
  it(`one rate: matches R binom.test one-sided p-values and the 1 - 2 alpha CP interval on ${fixture.equivalence.length} cases`, () => {
    const misses: string[] = [];
    for (const c of fixture.equivalence) {
      const r = equivalenceTest({ successes: c.k, trials: c.n }, { p0: c.p0, margin: c.margin, alpha: c.alpha });
      compare(`${c.k}/${c.n} p0=${c.p0} m=${c.margin}`, { ...r }, { ...c }, ["pLower", "pUpper", "pValue", "lower", "upper"], misses);
      expect(r.equivalent).toBe(c.pValue < c.alpha);
      expect(r.equivalent).toBe(r.lower > c.p0 - c.margin && r.upper < c.p0 + c.margin);
      expect(r).toMatchObject({ alternative: "two-sided", method: "exact", level: 1 - 2 * c.alpha });
    }
    expect(misses).toEqual([]);
  });

  it(`two rates: matches statsmodels tost_proportions_2indep / confint_proportions_2indep on ${tost.length} cases`, () => {
    const misses: string[] = [];
    for (const c of tost) {
      const r = equivalenceTest({ k1: c.k1, n1: c.n1, k2: c.k2, n2: c.n2 }, { margin: c.margin, alpha: c.alpha, method: c.method });
      compare(`${c.k1}/${c.n1} vs ${c.k2}/${c.n2} m=${c.margin} ${c.method}`, { ...r }, { ...c }, ["pLower", "pUpper", "pValue", "lower", "upper"], misses);
      expect(r.estimate).toBe(c.k1 / c.n1 - c.k2 / c.n2);
    }
    expect(misses).toEqual([]);
  });

  it("gives the documented example", () => {
    const r = equivalenceTest({ successes: 260, trials: 1000 }, { p0: 0.25, margin: 0.05 });
    expect(r.pValue).toBe(r.pUpper);
    expect(r.pValue.toPrecision(7)).toBe("0.002907891"); // R binom.test(260, 1000, 0.3, "less")
    expect(r.equivalent).toBe(true);
  });

  it("rejects bad input naming the argument and value", () => {
    expect(() => equivalenceTest({ successes: 5, trials: 10 }, {} as { margin: number })).toThrow(/margin must be a number, got undefined/);
    expect(() => equivalenceTest({ successes: 5, trials: 10 }, { margin: -0.1 })).toThrow(/margin.*-0\.1/);
    expect(() => equivalenceTest({ successes: 5, trials: 10 }, { margin: 0.6 })).toThrow(/p0 ± margin/);
    expect(() => equivalenceTest({ successes: 5, trials: 10 }, { margin: 0.1, alpha: 0.6 })).toThrow(/alpha.*0\.6/);
    expect(() => equivalenceTest({ successes: 11, trials: 10 }, { margin: 0.1 })).toThrow(/successes \(11\)/);
    expect(() => equivalenceTest({ k1: 5, n1: 4, k2: 1, n2: 2 }, { margin: 0.1 })).toThrow(/k1 \(5\).*n1 \(4\)/);
    expect(() => equivalenceTest({ k1: 1, n1: 4, k2: 1, n2: 2 }, { margin: 0.1, method: "score" as "wald" })).toThrow(/method.*"score"/);
    expect(() => equivalenceTest({ k1: 0, n1: 4, k2: 0, n2: 2 }, { margin: 0.1, method: "wald" })).toThrow(/standard error is 0/);
    expect(() => equivalenceTest(null as unknown as { successes: number; trials: number }, { margin: 0.1 })).toThrow(TypeError);
  });
});
