import { describe, expect, it } from "vitest";
import { betaPosterior } from "../../src/stats/betaPosterior.js";
import { closeness, loadFixture, missesOf } from "../helpers/close.js";

/** A case of test/fixtures/r/one-rate.R: `call` is the R qbeta/pbeta expression that gave its values. */
interface BPCase { call: string; k: number; n: number; prior: [number, number]; level: number; p0: number; mean: number; lower: number; upper: number; probabilityAbove: number; alpha: number; beta: number }
const fixture = loadFixture<{ betaPosterior: BPCase[] }>("one-rate.json");

describe("betaPosterior against R qbeta/pbeta", () => {
  it(`equals R on ${fixture.betaPosterior.length} posteriors`, () => {
    const misses: string[] = [];
    fixture.betaPosterior.forEach((c, i) => {
      // alternate the two accepted prior spellings
      const prior = i % 2 === 0 ? c.prior : { alpha: c.prior[0], beta: c.prior[1] };
      const r = betaPosterior(c.k, c.n, { prior, level: c.level, p0: c.p0 });
      misses.push(...missesOf(c.call, (["mean", "lower", "upper", "probabilityAbove", "alpha", "beta"] as const).map((f) => [f, r[f], c[f]] as const)));
    });
    expect(misses).toEqual([]);
  });

  it("has a uniform default prior, and the documented example equals the enumeration P(Bin(11, 1/2) <= 7)", () => {
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
