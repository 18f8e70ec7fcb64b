import { describe, expect, it } from "vitest";
import { sampleSizeOneProportion, type PlanningMethod } from "../../src/stats/sampleSizeOneProportion.js";
import { minimumDetectableEffect } from "../../src/stats/minimumDetectableEffect.js";
import type { Alternative } from "../../src/stats/types.js";
import { closeness, loadFixture } from "../helpers/close.js";

interface SSCase { p0: number; p1: number; alpha: number; power: number; alternative: Alternative; method: PlanningMethod; n: number; achievedPower?: number }
interface MDECase { n: number; p0: number; alpha: number; power: number; alternative: Alternative; paired: boolean; discordance?: number; method: PlanningMethod; p1: number; mde: number }
const fixture = loadFixture<{ sampleSize: SSCase[]; mde: MDECase[] }>("one-rate.json");

describe("sampleSizeOneProportion", () => {
  const normal = fixture.sampleSize.filter((c) => c.method === "normal");
  const exact = fixture.sampleSize.filter((c) => c.method === "exact");
  it(`matches the Fleiss formula evaluated in R on ${normal.length} plans`, () => {
    const misses: string[] = [];
    for (const c of normal) {
      const miss = closeness(sampleSizeOneProportion(c).n, c.n);
      if (miss) misses.push(`${c.p0}->${c.p1} ${c.alternative} a=${c.alpha} pw=${c.power}: ${miss}`);
    }
    expect(misses).toEqual([]);
  });

  it(`matches R's enumeration of binom.test power (first n reaching it) on ${exact.length} plans`, () => {
    for (const c of exact) {
      const r = sampleSizeOneProportion(c);
      expect(r.n, `${c.p0}->${c.p1} ${c.alternative}`).toBe(c.n);
      expect(closeness(r.achievedPower, c.achievedPower!)).toBeNull();
    }
    expect(exact.length).toBeGreaterThanOrEqual(10);
  });

  it("gives the brief's value: 0.5 vs 0.51 one-sided needs 15454.3 items", () => {
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

describe("minimumDetectableEffect", () => {
  it(`matches uniroot on the power functions written in R on ${fixture.mde.length} cases (normal, exact, paired)`, () => {
    const misses: string[] = [];
    for (const c of fixture.mde) {
      const r = minimumDetectableEffect(c);
      for (const f of ["p1", "mde"] as const) {
        // uniroot is run to an absolute tolerance of 1e-15 on p1 (1e-16 on the paired gap).
        const miss = closeness(r[f], c[f], 1e-9, 1e-14);
        if (miss) misses.push(`${c.method}${c.paired ? " paired" : ""} n=${c.n} p0=${c.p0} ${c.alternative} ${f}: ${miss}`);
      }
    }
    expect(misses).toEqual([]);
    expect(new Set(fixture.mde.map((c) => `${c.method}${c.paired}`)).size).toBe(3);
  });

  it("gives the brief's value: n = 1000 against 50%, one-sided, detects 53.9%", () => {
    const r = minimumDetectableEffect({ n: 1000, p0: 0.5, alpha: 0.05, power: 0.8, alternative: "greater" });
    expect((100 * r.p1).toFixed(1)).toBe("53.9");
    expect(r.mde).toBeCloseTo(r.p1 - 0.5, 15);
    // and it inverts the planning formula
    expect(closeness(sampleSizeOneProportion({ p0: 0.5, p1: r.p1, alternative: "greater" }).n, 1000)).toBeNull();
  });

  it("rejects bad input naming the argument and value", () => {
    expect(() => minimumDetectableEffect({ n: 0 })).toThrow(/n must be at least 1, got 0/);
    expect(() => minimumDetectableEffect({ n: 10.5 })).toThrow(/n.*10\.5/);
    expect(() => minimumDetectableEffect({ n: 1, alternative: "greater" })).toThrow(/n \(1\) is too small/);
    expect(() => minimumDetectableEffect({ n: 100, paired: true })).toThrow(/discordance is required/);
    expect(() => minimumDetectableEffect({ n: 100, paired: true, discordance: 1.5 })).toThrow(/discordance.*1\.5/);
    expect(() => minimumDetectableEffect({ n: 100, discordance: 0.2 })).toThrow(/discordance applies only when paired/);
    expect(() => minimumDetectableEffect({ n: 100, paired: true, discordance: 0.2, method: "exact" })).toThrow(/method/);
    expect(() => minimumDetectableEffect({ n: 100, p0: 0 })).toThrow(/p0.*0/);
    expect(() => minimumDetectableEffect({ n: 2, alternative: "greater", method: "exact", alpha: 0.01 })).toThrow(/never reject/);
  });
});
