import { describe, expect, it } from "vitest";
import { powerTwoProportions } from "../../src/stats/powerTwoProportions.js";
import { closeness, loadFixture, missesOf } from "../helpers/close.js";

/** A case of test/fixtures/r/two-sample.R: `call` is the R power.prop.test that gave the solved-for value. */
interface PowerCase {
  call: string; p1: number; p2: number; alpha: number; alternative: "two-sided" | "one-sided"; given: "n" | "power" | "p2"; n: number; power: number;
}
const { power: cases } = loadFixture<{ power: PowerCase[] }>("two-sample.json");

describe("powerTwoProportions against R power.prop.test", () => {
  const byN = cases.filter((c) => c.given === "n");
  const byPower = cases.filter((c) => c.given === "power");
  it(`power from n equals R on ${byN.length} grid points`, () => {
    const misses: string[] = [];
    for (const c of byN) {
      const r = powerTwoProportions({ p1: c.p1, p2: c.p2, n: c.n, alpha: c.alpha, alternative: c.alternative });
      misses.push(...missesOf(c.call, [["power", r.power, c.power]]));
      expect(r.n).toBe(c.n);
    }
    expect(misses).toEqual([]);
  });
  it(`n from power equals R's uniroot at tol = 1e-12 on ${byPower.length} grid points`, () => {
    const misses: string[] = [];
    for (const c of byPower) {
      const r = powerTwoProportions({ p1: c.p1, p2: c.p2, power: c.power, alpha: c.alpha, alternative: c.alternative });
      misses.push(...missesOf(c.call, [["n", r.n, c.n]]));
      expect(r.power).toBe(c.power);
      // And plugging n back in gives the target power.
      const back = powerTwoProportions({ p1: c.p1, p2: c.p2, n: r.n, alpha: c.alpha, alternative: c.alternative });
      misses.push(...missesOf(`plug-back of ${c.call}`, [["power", back.power, c.power]]));
    }
    expect(misses).toEqual([]);
  });
  const byP2 = cases.filter((c) => c.given === "p2");
  it(`p2 from n and power equals R's uniroot at tol = 1e-12 on ${byP2.length} grid points`, () => {
    expect(byP2.length).toBeGreaterThan(100);
    const misses: string[] = [];
    for (const c of byP2) {
      const r = powerTwoProportions({ p1: c.p1, n: c.n, power: c.power, alpha: c.alpha, alternative: c.alternative });
      // R's uniroot stops within 1e-12 of the root; ours bisects to adjacent doubles.
      misses.push(...missesOf(c.call, [["p2", r.p2, c.p2]], 1e-9, 1e-11));
      expect(r.p2).toBeGreaterThan(c.p1);
    }
    expect(misses).toEqual([]);
  });

  it("the doc example: p1 = .62, p2 = .51, power = .8 needs n = 317.6711 per group, as R power.prop.test", () => {
    const r = powerTwoProportions({ p1: 0.62, p2: 0.51, power: 0.8 });
    expect(r.n.toFixed(4)).toBe("317.6711");
    // R: power.prop.test(p1 = .62, p2 = .51, power = .8, tol = 1e-12)$n
    expect(closeness(r.n, 317.6711404888681)).toBeNull();
    expect(r).toMatchObject({ power: 0.8, p1: 0.62, p2: 0.51, alpha: 0.05, alternative: "two-sided" });
  });
});

describe("powerTwoProportions bad input", () => {
  it("needs both n and power to solve for p2, and an n that can reach the power", () => {
    expect(() => powerTwoProportions({ p1: 0.5, n: 100 })).toThrow(/to solve for p2 give both n and power/);
    expect(() => powerTwoProportions({ p1: 0.5, power: 0.8 })).toThrow(TypeError);
    expect(() => powerTwoProportions({ p1: 0.9, n: 2, power: 0.99 })).toThrow(/n \(2\) is too small/);
  });

  it("needs exactly one of n and power", () => {
    expect(() => powerTwoProportions({ p1: 0.6, p2: 0.5 })).toThrow(/give exactly one of n and power/);
    expect(() => powerTwoProportions({ p1: 0.6, p2: 0.5, n: 100, power: 0.8 })).toThrow(TypeError);
  });
  it("rejects rates, alpha and power outside (0, 1)", () => {
    expect(() => powerTwoProportions({ p1: 1.2, p2: 0.5, n: 10 })).toThrow(/p1 must be strictly between 0 and 1, got 1.2/);
    expect(() => powerTwoProportions({ p1: 0.6, p2: 0, n: 10 })).toThrow(/p2 must be strictly between 0 and 1, got 0/);
    expect(() => powerTwoProportions({ p1: 0.6, p2: NaN, n: 10 })).toThrow(TypeError);
    expect(() => powerTwoProportions({ p1: 0.6, p2: 0.5, n: 10, alpha: 5 })).toThrow(/alpha must be strictly between 0 and 1, got 5/);
    expect(() => powerTwoProportions({ p1: 0.6, p2: 0.5, power: 1 })).toThrow(/power must be strictly between 0 and 1, got 1/);
  });
  it("rejects a non-positive n, an unknown alternative, equal rates when solving for n, and a power below its n = 0 floor", () => {
    expect(() => powerTwoProportions({ p1: 0.6, p2: 0.5, n: 0 })).toThrow(/n must be positive, got 0/);
    expect(() => powerTwoProportions({ p1: 0.6, p2: 0.5, n: -3 })).toThrow(RangeError);
    expect(() => powerTwoProportions({ p1: 0.6, p2: 0.5, n: 10, alternative: "greater" as never })).toThrow(/alternative must be one of "two-sided", "one-sided", got "greater"/);
    expect(() => powerTwoProportions({ p1: 0.5, p2: 0.5, power: 0.8 })).toThrow(/p1 and p2 must differ/);
    expect(() => powerTwoProportions({ p1: 0.6, p2: 0.5, power: 0.01 })).toThrow(/power must exceed the power at n = 0/);
    expect(() => powerTwoProportions(null as never)).toThrow(TypeError);
  });
});
