import { describe, expect, it } from "vitest";
import { minimumDetectableEffect } from "../../src/stats/minimumDetectableEffect.js";
import { sampleSizeOneProportion, type PlanningMethod } from "../../src/stats/sampleSizeOneProportion.js";
import type { Alternative } from "../../src/stats/types.js";
import { closeness, loadFixture, missesOf } from "../helpers/close.js";

/** A case of test/fixtures/r/one-rate.R: `call` is the R uniroot that gave p1 and mde. */
interface MDECase { call: string; n: number; p0: number; alpha: number; power: number; alternative: Alternative; paired: boolean; discordance?: number; method: PlanningMethod; p1: number; mde: number }
const fixture = loadFixture<{ mde: MDECase[] }>("one-rate.json");

describe("minimumDetectableEffect", () => {
  it(`equals R's uniroot on the power functions written in R on ${fixture.mde.length} cases (normal, exact binom.test, paired Connor 1987)`, () => {
    const misses: string[] = [];
    for (const c of fixture.mde) {
      const r = minimumDetectableEffect(c);
      // uniroot is run to an absolute tolerance of 1e-15 on p1 (1e-16 on the paired gap).
      misses.push(...missesOf(c.call, [["p1", r.p1, c.p1], ["mde", r.mde, c.mde]], 1e-9, 1e-14));
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
