import { describe, expect, it } from "vitest";
import { twoProportionTest } from "../../src/stats/twoProportionTest.js";
import type { Alternative } from "../../src/stats/types.js";
import { closeness, loadFixture, missesOf } from "../helpers/close.js";

/** Cases of test/fixtures/r/two-sample.R: `call` is the R prop.test or fisher.test that gave their values. */
interface PropCase {
  call: string; k1: number; n1: number; k2: number; n2: number; method: "z" | "z-cc"; alternative: Alternative; level: number;
  statistic: number; pValue: number; lower: number; upper: number;
}
interface FisherCase { call: string; table: [number, number, number, number]; alternative: Alternative; level: number; or: number; pValue: number }
const { prop, fisher } = loadFixture<{ prop: PropCase[]; fisher: FisherCase[] }>("two-sample.json");

describe("twoProportionTest z and z-cc against R prop.test", () => {
  it(`statistic, p-value and interval equal R prop.test on ${prop.length} cases`, () => {
    const misses: string[] = [];
    for (const c of prop) {
      const r = twoProportionTest(c.k1, c.n1, c.k2, c.n2, { method: c.method, alternative: c.alternative, level: c.level });
      misses.push(...missesOf(c.call, [
        ["statistic", r.statistic as number, c.statistic], ["pValue", r.pValue, c.pValue], ["lower", r.lower as number, c.lower], ["upper", r.upper as number, c.upper],
        ["estimate", r.estimate, c.k1 / c.n1 - c.k2 / c.n2],
      ]));
    }
    expect(misses).toEqual([]);
    expect(new Set(prop.map((c) => `${c.method} ${c.alternative}`)).size).toBe(6);
  });

  it("the doc example 15/20 vs 8/20 without correction equals R prop.test(c(15, 8), c(20, 20), correct = FALSE)", () => {
    // R: prop.test(c(15, 8), c(20, 20), correct = FALSE): X-squared = 5.0128, p-value = 0.02516
    const r = twoProportionTest(15, 20, 8, 20, { method: "z" });
    expect(closeness(r.statistic!, 5.0127877237851663)).toBeNull();
    expect(closeness(r.pValue, 0.025160759200408729)).toBeNull();
    expect(r.method).toBe("z");
  });

  it("both samples all failures (or all successes): statistic 0, p = 1 two-sided and 0.5 one-sided (R gives NaN)", () => {
    for (const [k1, n1, k2, n2] of [[0, 10, 0, 7], [10, 10, 7, 7]]) {
      for (const method of ["z", "z-cc"] as const) {
        expect(twoProportionTest(k1, n1, k2, n2, { method })).toMatchObject({ statistic: 0, pValue: 1, estimate: 0 });
        expect(twoProportionTest(k1, n1, k2, n2, { method, alternative: "greater" }).pValue).toBe(0.5);
      }
    }
  });
});

describe("twoProportionTest fisher against R fisher.test", () => {
  const cases = fisher.filter((c) => c.or === 1 && c.table[0] + c.table[1] > 0 && c.table[2] + c.table[3] > 0);
  it(`the default method's p-value equals R fisher.test's on ${cases.length} tables`, () => {
    const misses: string[] = [];
    for (const c of cases) {
      const [a, b, cc, d] = c.table;
      const r = twoProportionTest(a, a + b, cc, cc + d, { alternative: c.alternative });
      expect(r.method).toBe("fisher");
      misses.push(...missesOf(c.call, [["pValue", r.pValue, c.pValue]]));
    }
    expect(misses).toEqual([]);
  });
});

describe("twoProportionTest bad input", () => {
  it("rejects bad counts, naming the argument", () => {
    expect(() => twoProportionTest(-1, 10, 2, 10)).toThrow(/k1 must be a non-negative count, got -1/);
    expect(() => twoProportionTest(1, 10, 2.5, 10)).toThrow(/k2 must be an integer count, got 2.5/);
    expect(() => twoProportionTest(1, 10, 12, 10)).toThrow(/k2 \(12\) must not exceed n2 \(10\)/);
    expect(() => twoProportionTest(1, 0, 0, 10)).toThrow(/n1 must be at least 1, got 0/);
    expect(() => twoProportionTest(1, 10, 2, NaN)).toThrow(TypeError);
  });
  it("rejects an unknown method or alternative and a bad level", () => {
    expect(() => twoProportionTest(1, 10, 2, 10, { method: "chisq" as never })).toThrow(/method must be one of .*got "chisq"/);
    expect(() => twoProportionTest(1, 10, 2, 10, { alternative: "up" as never })).toThrow(/alternative must be one of .*got "up"/);
    expect(() => twoProportionTest(1, 10, 2, 10, { method: "z", level: 1.5 })).toThrow(RangeError);
    expect(() => twoProportionTest(1, 10, 2, 10, [] as never)).toThrow(TypeError);
  });
});
