import { describe, expect, it } from "vitest";
import { proportionCI, PROPORTION_CI_METHODS, type ProportionCIMethod } from "../../src/stats/proportionCI.js";
import { loadFixture, missesOf } from "../helpers/close.js";

/** A case of test/fixtures/r/one-rate.R: `call` is the R expression that gave lower and upper. */
interface CICase { call: string; k: number; n: number; level: number; method: ProportionCIMethod; lower: number; upper: number }
const { proportionCI: cases } = loadFixture<{ proportionCI: CICase[] }>("one-rate.json");

describe("proportionCI against R", () => {
  it(`equals R on ${cases.length * 2} bounds (prop.test, binom.test, qbeta, the Agresti-Coull and Wald formulas, uniroot mid-p)`, () => {
    const misses: string[] = [];
    for (const c of cases) {
      const r = proportionCI(c.k, c.n, { level: c.level, method: c.method });
      misses.push(...missesOf(c.call, [["lower", r.lower, c.lower], ["upper", r.upper, c.upper]]));
    }
    expect(misses).toEqual([]);
    expect(new Set(cases.map((c) => c.method))).toEqual(new Set(PROPORTION_CI_METHODS));
    expect(cases.some((c) => c.n === 1e9)).toBe(true);
  });

  it("the brief's 510/1000 gives the Wilson interval of R prop.test(510, 1000, correct = FALSE): [0.4790375, 0.5408860]", () => {
    const r = proportionCI(510, 1000);
    expect(r.method).toBe("wilson");
    expect(r.level).toBe(0.95);
    expect(r.estimate).toBe(0.51);
    expect(r.lower.toFixed(7)).toBe("0.4790375");
    expect(r.upper.toFixed(7)).toBe("0.5408860");
  });

  // Newcombe (1998), Stat Med 17:857-872, Table I: 95% limits for 81/263, 15/148, 0/20, 1/29.
  // Methods 3 (score), 4 (score, CC), 5 (exact), 6 (mid-p) and 1 (Wald, which the paper does not clip).
  const newcombe: Record<string, Partial<Record<ProportionCIMethod, [number, number]>>> = {
    "81/263": { wilson: [0.2553, 0.3662], "wilson-cc": [0.2535, 0.3682], "clopper-pearson": [0.2527, 0.3676], "mid-p": [0.2544, 0.3658], wald: [0.2522, 0.3638] },
    "15/148": { wilson: [0.0624, 0.1605], "wilson-cc": [0.0598, 0.1644], "clopper-pearson": [0.0578, 0.1617], "mid-p": [0.0601, 0.1581], wald: [0.0527, 0.1500] },
    "0/20": { wilson: [0, 0.1611], "wilson-cc": [0, 0.2005], "clopper-pearson": [0, 0.1684], "mid-p": [0, 0.1391] },
    "1/29": { wilson: [0.0061, 0.1718], "wilson-cc": [0.0018, 0.1963], "clopper-pearson": [0.0009, 0.1776], "mid-p": [0.0017, 0.1585] },
  };
  it("reproduces Newcombe (1998) Table I to its four printed decimals", () => {
    let checked = 0;
    for (const [key, methods] of Object.entries(newcombe)) {
      const [k, n] = key.split("/").map(Number);
      for (const [method, [lo, hi]] of Object.entries(methods)) {
        const r = proportionCI(k, n, { method: method as ProportionCIMethod });
        expect([r.lower.toFixed(4), r.upper.toFixed(4)], `${method} ${key}`).toEqual([lo.toFixed(4), hi.toFixed(4)]);
        checked++;
      }
    }
    expect(checked).toBe(18);
  });

  it("keeps every bound inside [0, 1] with lower <= estimate <= upper", () => {
    for (const method of PROPORTION_CI_METHODS) for (const [k, n] of [[0, 1], [1, 1], [0, 7], [7, 7], [3, 7], [1, 1e9], [1e9, 1e9]]) {
      const r = proportionCI(k, n, { method, level: 0.99 });
      expect(r.lower).toBeGreaterThanOrEqual(0);
      expect(r.upper).toBeLessThanOrEqual(1);
      expect(r.lower).toBeLessThanOrEqual(r.estimate);
      expect(r.upper).toBeGreaterThanOrEqual(r.estimate);
    }
  });

  it("rejects bad input naming the argument and value", () => {
    expect(() => proportionCI(5, 3)).toThrow(RangeError);
    expect(() => proportionCI(5, 3)).toThrow(/successes \(5\).*trials \(3\)/);
    expect(() => proportionCI(-1, 3)).toThrow(/successes.*-1/);
    expect(() => proportionCI(1.5, 3)).toThrow(/successes.*1\.5/);
    expect(() => proportionCI(0, 0)).toThrow(/trials.*0/);
    expect(() => proportionCI(NaN, 3)).toThrow(TypeError);
    expect(() => proportionCI(1, 3, { level: 1 })).toThrow(/level.*1/);
    expect(() => proportionCI(1, 3, { level: 0 })).toThrow(RangeError);
    expect(() => proportionCI(1, 3, { method: "exact" as ProportionCIMethod })).toThrow(/method.*"exact"/);
  });
});
