import { describe, expect, it } from "vitest";
import { binomialTest } from "../../src/stats/binomialTest.js";
import type { Alternative } from "../../src/stats/types.js";
import { loadFixture, missesOf } from "../helpers/close.js";

/** A case of test/fixtures/r/one-rate.R: `call` is the R expression that gave pValue, lower and upper. */
interface TestCase {
  call: string; k: number; n: number; p: number; alternative: Alternative; level: number; midP: boolean;
  pValue: number; lower: number; upper: number;
}
const { binomialTest: cases } = loadFixture<{ binomialTest: TestCase[] }>("one-rate.json");

describe("binomialTest against R binom.test", () => {
  const exact = cases.filter((c) => !c.midP);
  const mid = cases.filter((c) => c.midP);
  it(`equals R binom.test's p-value and Clopper-Pearson interval on ${exact.length} tests (n up to 1e7)`, () => {
    const misses: string[] = [];
    for (const c of exact) {
      const r = binomialTest(c.k, c.n, { p: c.p, alternative: c.alternative, level: c.level });
      misses.push(...missesOf(c.call, [["pValue", r.pValue, c.pValue], ["lower", r.lower, c.lower], ["upper", r.upper, c.upper]]));
      expect(r.statistic).toBe(c.k);
      expect(r.estimate).toBe(c.k / c.n);
    }
    expect(misses).toEqual([]);
    expect(Math.max(...exact.map((c) => c.n))).toBe(1e7);
  });

  it(`mid-p: equals the p-values R enumerates from dbinom and the bounds R's uniroot finds on ${mid.length} cases`, () => {
    const misses: string[] = [];
    for (const c of mid) {
      const r = binomialTest(c.k, c.n, { p: c.p, alternative: c.alternative, level: c.level, midP: true });
      misses.push(...missesOf(c.call, [["pValue", r.pValue, c.pValue], ["lower", r.lower, c.lower], ["upper", r.upper, c.upper]]));
      expect(r.method).toMatch(/mid-p/);
    }
    expect(misses).toEqual([]);
  });

  it("gives the brief's values, as R binom.test(510, 1000, alternative = \"greater\") and its kin print them", () => {
    expect(binomialTest(510, 1000, { alternative: "greater" }).pValue.toFixed(7)).toBe("0.2739864");
    expect(binomialTest(510, 1000).pValue.toFixed(7)).toBe("0.5479727");
    expect(binomialTest(5100, 10000, { alternative: "greater" }).pValue.toFixed(8)).toBe("0.02329276");
    const r = binomialTest(3, 10, { p: 0.25 });
    expect(r).toMatchObject({ alternative: "two-sided", method: "Exact binomial test", statistic: 3, p: 0.25, level: 0.95 });
  });

  it("rejects bad input naming the argument and value", () => {
    expect(() => binomialTest(3, 10, { p: 0 })).toThrow(/p must be strictly between 0 and 1, got 0/);
    expect(() => binomialTest(3, 10, { p: 1.2 })).toThrow(RangeError);
    expect(() => binomialTest(3, 10, { alternative: "bigger" as Alternative })).toThrow(/alternative.*"bigger"/);
    expect(() => binomialTest(11, 10)).toThrow(/successes \(11\)/);
    expect(() => binomialTest(3, 10, { level: 95 })).toThrow(/level.*95/);
    expect(() => binomialTest(3, 10, { midP: "yes" as unknown as boolean })).toThrow(/midP.*"yes"/);
    expect(() => binomialTest(3, 10, { p: NaN })).toThrow(TypeError);
  });
});
