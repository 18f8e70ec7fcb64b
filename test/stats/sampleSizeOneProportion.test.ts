import { describe, expect, it } from "vitest";
import { sampleSizeOneProportion, type PlanningMethod } from "../../src/stats/sampleSizeOneProportion.js";
import type { Alternative } from "../../src/stats/types.js";
import { closeness, loadFixture, missesOf } from "../helpers/close.js";

/** A case of test/fixtures/r/one-rate.R: `call` is the R expression that gave n (and achievedPower). */
interface SSCase { call: string; p0: number; p1: number; alpha: number; power: number; alternative: Alternative; method: PlanningMethod; n: number; achievedPower?: number }
const fixture = loadFixture<{ sampleSize: SSCase[] }>("one-rate.json");

describe("sampleSizeOneProportion", () => {
  const normal = fixture.sampleSize.filter((c) => c.method === "normal");
  const exact = fixture.sampleSize.filter((c) => c.method === "exact");
  it(`equals Fleiss' formula evaluated in R on ${normal.length} plans`, () => {
    const misses: string[] = [];
    for (const c of normal) misses.push(...missesOf(c.call, [["n", sampleSizeOneProportion(c).n, c.n]]));
    expect(misses).toEqual([]);
  });

  it(`equals R's search for the first n whose binom.test power reaches the target on ${exact.length} plans`, () => {
    for (const c of exact) {
      const r = sampleSizeOneProportion(c);
      expect(r.n, c.call).toBe(c.n);
      expect(closeness(r.achievedPower, c.achievedPower!), c.call).toBeNull();
    }
    expect(exact.length).toBeGreaterThanOrEqual(10);
  });

  it("gives the brief's value: 0.5 vs 0.51 one-sided needs 15454.3 items (R: Fleiss' formula, 15454.30027)", () => {
    const r = sampleSizeOneProportion({ p0: 0.5, p1: 0.51, alternative: "greater", method: "normal" });
    expect(r.n.toFixed(1)).toBe("15454.3");
  });

  it("rejects bad input naming the argument and value", () => {
    expect(() => sampleSizeOneProportion({ p0: 0.5, p1: 0.5 })).toThrow(/p1 must differ from p0/);
    expect(() => sampleSizeOneProportion({ p0: 0.5, p1: 0.4, alternative: "greater" })).toThrow(/p1 must exceed p0.*0\.4/);
    expect(() => sampleSizeOneProportion({ p0: 0.5, p1: 0.6, alternative: "less" })).toThrow(/p1 must be below p0.*0\.6/);
    expect(() => sampleSizeOneProportion({ p0: 1, p1: 0.6 })).toThrow(/p0.*1/);
    expect(() => sampleSizeOneProportion({ p0: 0.5, p1: 0.6, alpha: 0 })).toThrow(/alpha.*0/);
    expect(() => sampleSizeOneProportion({ p0: 0.5, p1: 0.6, power: 1 })).toThrow(/power.*1/);
    expect(() => sampleSizeOneProportion({ p0: 0.5, p1: 0.6, method: "bayes" as PlanningMethod })).toThrow(/method.*"bayes"/);
    expect(() => sampleSizeOneProportion({ p0: 0.5, p1: NaN })).toThrow(TypeError);
  });
});
