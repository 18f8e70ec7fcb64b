import { describe, expect, it } from "vitest";
import { moverDifference } from "../../src/stats/moverDifference.js";
import { proportionCI } from "../../src/stats/proportionCI.js";
import { closeness, loadFixture } from "../helpers/close.js";

type Pair = [number, number] | null;
interface Case { k1: number; n1: number; k2: number; n2: number; level: number; newcomb: Pair }
const { cases } = loadFixture<{ cases: Case[] }>("two-sample-statsmodels.json");

describe("moverDifference", () => {
  it("with Wilson limits and r = 0 is Newcombe's hybrid score interval (statsmodels confint_proportions_2indep method='newcomb')", () => {
    const misses: string[] = [];
    let checked = 0;
    for (const c of cases) {
      if (!c.newcomb) continue;
      const wilson = (k: number, n: number) => {
        const ci = proportionCI(k, n, { level: c.level, method: "wilson" });
        return { estimate: k / n, lower: ci.lower, upper: ci.upper };
      };
      const r = moverDifference(wilson(c.k1, c.n1), wilson(c.k2, c.n2), 0);
      const call = `confint_proportions_2indep(${c.k1}, ${c.n1}, ${c.k2}, ${c.n2}, method="newcomb", alpha=${+(1 - c.level).toFixed(12)})`;
      for (const [got, want, side] of [[r.lower, c.newcomb[0], "lower"], [r.upper, c.newcomb[1], "upper"]] as const) {
        const m = closeness(got, want, 1e-9, 1e-13);
        if (m) misses.push(`${call} ${side}: ${m}`);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
    expect(misses).toEqual([]);
  });

  it("uses the side of each interval the difference moves toward, and the correlation shrinks both spans (Zou & Donner 2008, eq. 7)", () => {
    const a = { estimate: 0.9, lower: 0.7, upper: 0.95 };
    const b = { estimate: 0.6, lower: 0.5, upper: 0.8 };
    const r = moverDifference(a, b, 0.5);
    // By hand: L = 0.3 − √(0.2² + 0.2² − 2·0.5·0.2·0.2), U = 0.3 + √(0.05² + 0.1² − 2·0.5·0.05·0.1)
    expect(r.lower).toBeCloseTo(0.3 - Math.sqrt(0.04), 14);
    expect(r.upper).toBeCloseTo(0.3 + Math.sqrt(0.0025 + 0.01 - 0.005), 14);
    expect(moverDifference(a, b, 0.9).upper - moverDifference(a, b, 0.9).lower).toBeLessThan(r.upper - r.lower);
    // Identical symmetric intervals with r = 1 give a zero-width interval at the difference;
    // asymmetric ones keep |down − up| on each side.
    const symmetric = { estimate: 0.5, lower: 0.4, upper: 0.6 };
    expect(moverDifference(symmetric, symmetric, 1)).toEqual({ estimate: 0, lower: 0, upper: 0 });
    expect(moverDifference(a, a, 1).lower).toBeCloseTo(-0.15, 14);
  });

  it("refuses limits that do not bracket the estimate and correlations outside [-1, 1]", () => {
    expect(() => moverDifference({ estimate: 0.5, lower: 0.6, upper: 0.7 }, { estimate: 0.5, lower: 0.4, upper: 0.6 }, 0)).toThrow(/first must satisfy lower ≤ estimate ≤ upper/);
    expect(() => moverDifference({ estimate: 0.5, lower: 0.4, upper: 0.6 }, { estimate: 0.5, lower: 0.4, upper: 0.6 }, 1.5)).toThrow(/correlation must be in \[-1, 1\], got 1.5/);
  });
});
