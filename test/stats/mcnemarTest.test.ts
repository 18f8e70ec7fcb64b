import { describe, expect, it } from "vitest";
import { mcnemarTest, type McNemarMethod } from "../../src/stats/mcnemarTest.js";
import type { Alternative } from "../../src/stats/types.js";
import { expectClose, loadFixture, missesOf } from "../helpers/close.js";

/** A case of test/fixtures/r/paired.R: `call` is the R expression that gave pValue and statistic. */
interface Case { call: string; b: number; c: number; method: McNemarMethod; alternative: Alternative; pValue: number; statistic: number }
const { mcnemar: cases } = loadFixture<{ mcnemar: Case[] }>("paired.json");

describe("mcnemarTest against R", () => {
  it(`equals R binom.test, mcnemar.test, prop.test and the mid-p enumeration on ${cases.length} cases`, () => {
    const misses: string[] = [];
    for (const c of cases) {
      const r = mcnemarTest(c.b, c.c, { method: c.method, alternative: c.alternative });
      misses.push(...missesOf(`${c.method} ${c.alternative}: ${c.call}`, [["pValue", r.pValue, c.pValue], ["statistic", r.statistic, c.statistic]]));
    }
    expect(misses).toEqual([]);
  });

  it("covers every method and alternative in the reference", () => {
    const seen = new Set(cases.map((c) => `${c.method}/${c.alternative}`));
    expect(seen.size).toBe(12);
  });
});

describe("mcnemarTest published and edge values", () => {
  // Fagerland, Lydersen & Laake (2013), BMC Med Res Methodol 13:91, Bentur et al. data (b = 1, c = 7):
  // exact conditional p = 0.070, mid-p = 0.039, asymptotic McNemar p = 0.034.
  it("matches the Fagerland et al. (2013) worked example and its enumeration", () => {
    expect(mcnemarTest(1, 7).pValue.toFixed(3)).toBe("0.070");
    expect(mcnemarTest(1, 7, { method: "mid-p" }).pValue.toFixed(3)).toBe("0.039");
    expect(mcnemarTest(1, 7, { method: "asymptotic" }).pValue.toFixed(3)).toBe("0.034");
    // by enumeration: 2 * (1 + 8) / 256 and 2 * (1 + 8/2) / 256
    expectClose(mcnemarTest(1, 7).pValue, 18 / 256, "exact");
    expectClose(mcnemarTest(1, 7, { method: "mid-p" }).pValue, 10 / 256, "mid-p");
  });

  it("gives p = 1 (not NaN) with no discordant items, for every method and alternative", () => {
    for (const method of ["exact", "mid-p", "asymptotic", "asymptotic-cc"] as const) {
      for (const alternative of ["two-sided", "greater", "less"] as const) {
        const r = mcnemarTest(0, 0, { method, alternative });
        expect(r.pValue).toBe(1);
        expect(r.estimate).toBeUndefined();
        expect(Number.isNaN(r.statistic)).toBe(false);
      }
    }
  });

  it("gives p = 1 two-sided when b = c, and reports b/(b+c) as the estimate", () => {
    for (const method of ["exact", "mid-p", "asymptotic", "asymptotic-cc"] as const) {
      expect(mcnemarTest(4, 4, { method }).pValue).toBe(1);
    }
    expect(mcnemarTest(3, 1).estimate).toBe(0.75);
    expect(mcnemarTest(3, 1).discordant).toBe(4);
  });

  it("uses exact as the default method and two-sided as the default alternative", () => {
    const r = mcnemarTest(2, 9);
    expect(r.method).toBe("exact");
    expect(r.alternative).toBe("two-sided");
  });
});

describe("mcnemarTest bad input", () => {
  it("rejects negative, fractional and non-numeric counts naming the argument", () => {
    expect(() => mcnemarTest(-1, 3)).toThrow(RangeError);
    expect(() => mcnemarTest(-1, 3)).toThrow(/b must be a non-negative count, got -1/);
    expect(() => mcnemarTest(2, 1.5)).toThrow(/c must be an integer count, got 1.5/);
    expect(() => mcnemarTest(Number.NaN, 1)).toThrow(TypeError);
    expect(() => mcnemarTest(2, Infinity)).toThrow(/c must be finite/);
  });

  it("rejects unknown methods and alternatives", () => {
    expect(() => mcnemarTest(2, 3, { method: "fisher" as McNemarMethod })).toThrow(/method must be one of .* got "fisher"/);
    expect(() => mcnemarTest(2, 3, { alternative: "two.sided" as Alternative })).toThrow(/alternative must be one of/);
  });
});
