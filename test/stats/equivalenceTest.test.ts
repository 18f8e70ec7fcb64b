import { describe, expect, it } from "vitest";
import { equivalenceTest } from "../../src/stats/equivalenceTest.js";
import { loadFixture, missesOf } from "../helpers/close.js";

/** A case of test/fixtures/r/one-rate.R: `call` is the R binom.test expression that gave its values. */
interface EqCase { call: string; k: number; n: number; p0: number; margin: number; alpha: number; pLower: number; pUpper: number; pValue: number; lower: number; upper: number }
/** A case of test/fixtures/py/tost.py (statsmodels 0.13.5), which writes no call: statsmodelsCall spells it. */
interface TostCase { k1: number; n1: number; k2: number; n2: number; margin: number; alpha: number; method: "agresti-caffo" | "wald"; pValue: number; pLower: number; pUpper: number; lower: number; upper: number }
const fixture = loadFixture<{ equivalence: EqCase[] }>("one-rate.json");
const tost = loadFixture<{ cases: TostCase[] }>("tost.json").cases;

const FIELDS = ["pLower", "pUpper", "pValue", "lower", "upper"] as const;
const statsmodelsCall = (c: TostCase) =>
  `tost_proportions_2indep(${c.k1}, ${c.n1}, ${c.k2}, ${c.n2}, ${-c.margin}, ${c.margin}, method="${c.method}") and ` +
  `confint_proportions_2indep(${c.k1}, ${c.n1}, ${c.k2}, ${c.n2}, method="${c.method}", alpha=${2 * c.alpha})`;

describe("equivalenceTest (TOST)", () => {
  it(`one rate: equals R binom.test's one-sided p-values and 1 - 2 alpha Clopper-Pearson interval on ${fixture.equivalence.length} cases`, () => {
    const misses: string[] = [];
    for (const c of fixture.equivalence) {
      const r = equivalenceTest({ successes: c.k, trials: c.n }, { p0: c.p0, margin: c.margin, alpha: c.alpha });
      misses.push(...missesOf(c.call, FIELDS.map((f) => [f, r[f], c[f]] as const)));
      expect(r.equivalent, c.call).toBe(c.pValue < c.alpha);
      expect(r.equivalent, c.call).toBe(r.lower > c.p0 - c.margin && r.upper < c.p0 + c.margin);
      expect(r).toMatchObject({ alternative: "two-sided", method: "exact", level: 1 - 2 * c.alpha });
    }
    expect(misses).toEqual([]);
  });

  it(`two rates: equals statsmodels tost_proportions_2indep / confint_proportions_2indep on ${tost.length} cases`, () => {
    const misses: string[] = [];
    for (const c of tost) {
      const r = equivalenceTest({ k1: c.k1, n1: c.n1, k2: c.k2, n2: c.n2 }, { margin: c.margin, alpha: c.alpha, method: c.method });
      misses.push(...missesOf(statsmodelsCall(c), FIELDS.map((f) => [f, r[f], c[f]] as const)));
      expect(r.estimate).toBe(c.k1 / c.n1 - c.k2 / c.n2);
    }
    expect(misses).toEqual([]);
  });

  it("gives the documented example: p = R binom.test(260, 1000, 0.3, \"less\")$p.value", () => {
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
