import { describe, expect, it } from "vitest";
import { adjustPValues, type AdjustMethod } from "../../src/stats/adjustPValues.js";
import { closeness, loadFixture } from "../helpers/close.js";

/** A case of test/fixtures/r/resampling.R: `call` is the R p.adjust over the case's `p` that gave `expected`. */
interface Case { call: string; p: number[] | number; method: AdjustMethod; expected: number[] | number }
const { padjust } = loadFixture<{ padjust: Case[] }>("resampling.json");
// jsonlite writes length-1 vectors as scalars (auto_unbox).
const asArray = (v: number[] | number): number[] => (Array.isArray(v) ? v : [v]);
/** The six pairwise p-values of each family in test/fixtures/r/all-pairs.R, adjusted there by p.adjust. */
type Family = { call: string; raw: number[] } & Record<"holm" | "bonferroni" | "hochberg" | "hommel" | "bh", number[]>;
const families = loadFixture<{ graded: Family; binary: Family }>("all-pairs.json");

describe("adjustPValues against R p.adjust", () => {
  it(`equals R p.adjust on ${padjust.length} vectors (lengths 1 to 200, ties, zeros, ones)`, () => {
    expect(padjust.length).toBeGreaterThanOrEqual(300);
    const misses: string[] = [];
    for (const c of padjust) {
      const got = adjustPValues(asArray(c.p), c.method);
      const want = asArray(c.expected);
      expect(got.length).toBe(want.length);
      got.forEach((g, i) => {
        const miss = closeness(g, want[i]);
        if (miss) misses.push(`${c.call} with p of length ${want.length}, [${i}]: ${miss}`);
      });
    }
    expect(misses).toEqual([]);
  });

  it("covers every method, and hommel at lengths above 2", () => {
    for (const m of ["bonferroni", "holm", "hochberg", "hommel", "bh", "by"]) {
      expect(padjust.filter((c) => c.method === m && asArray(c.p).length > 2).length).toBeGreaterThan(40);
    }
  });

  it("Hommel and Benjamini–Hochberg equal R p.adjust within 1e-12 on every vector, and on the all-pairs families", () => {
    const misses: string[] = [];
    for (const c of padjust.filter((x) => x.method === "hommel" || x.method === "bh")) {
      const want = asArray(c.expected);
      adjustPValues(asArray(c.p), c.method).forEach((g, i) => {
        if (!(Math.abs(g - want[i]) <= 1e-12)) misses.push(`${c.call} [${i}]: ${g} vs ${want[i]}`);
      });
    }
    for (const [name, family] of [["graded", families.graded], ["binary", families.binary]] as const) {
      for (const method of ["holm", "bonferroni", "hochberg", "hommel", "bh"] as const) {
        adjustPValues(family.raw, method).forEach((g, i) => {
          if (!(Math.abs(g - family[method][i]) <= 1e-12)) misses.push(`${family.call} (${name}, ${method}) [${i}]: ${g} vs ${family[method][i]}`);
        });
      }
    }
    expect(misses).toEqual([]);
    expect(padjust.filter((x) => x.method === "hommel").length).toBeGreaterThan(50);
  });

  it("the doc examples equal R p.adjust(c(.01,.02,.03,.04,.05), 'BH') and p.adjust(c(.01,.04,.03), 'holm')", () => {
    // R prints 0.050000000000000003 for each BH value, i.e. the double nearest 0.05.
    expect(adjustPValues([0.01, 0.02, 0.03, 0.04, 0.05], "bh")).toEqual([0.05, 0.05, 0.05, 0.05, 0.05]);
    expect(adjustPValues([0.01, 0.04, 0.03], "holm")).toEqual([0.03, 0.06, 0.06]);
    expect(adjustPValues([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
  });

  it("returns a single p-value unchanged and accepts a Float64Array", () => {
    expect(adjustPValues([0.3], "bonferroni")).toEqual([0.3]);
    expect(adjustPValues(new Float64Array([0.01, 0.5]), "bonferroni")).toEqual([0.02, 1]);
  });

  it("rejects bad input, naming the argument and value", () => {
    expect(() => adjustPValues([], "holm")).toThrow(/pValues.*0/);
    expect(() => adjustPValues([0.1, Number.NaN], "holm")).toThrow(/pValues\[1\].*NaN/);
    expect(() => adjustPValues([0.1, 1.2], "holm")).toThrow(/pValues\[1\].*1.2/);
    expect(() => adjustPValues([-0.1], "holm")).toThrow(RangeError);
    expect(() => adjustPValues([0.1, Infinity], "holm")).toThrow(RangeError);
    expect(() => adjustPValues([0.1], "BH" as AdjustMethod)).toThrow(/method.*"BH"/);
    expect(() => adjustPValues("0.1" as unknown as number[], "holm")).toThrow(TypeError);
  });
});
