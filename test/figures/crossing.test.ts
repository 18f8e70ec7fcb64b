/**
 * crossingPoint against hand-computed linear interpolation, and the density grid posteriorFigure
 * draws against R (test/fixtures/r/figures.R: qbeta for the grid's ends, dbeta on the grid).
 */
import { describe, expect, it } from "vitest";
import { ceilItems, crossingPoint } from "../../src/figures/crossing.js";
import { betaDensityCurve } from "../../src/figures/posterior.js";
import { expectClose, loadFixture } from "../helpers/close.js";

describe("crossingPoint", () => {
  it("interpolates between the two samples that straddle the level", () => {
    expectClose(crossingPoint([100, 200, 300], [0.5, 0.7, 0.9], 0.8)!, 250, "doc example");
    // 0.8 is 3/4 of the way from 0.2 to 1.0: 10 + 0.75 * 10.
    expectClose(crossingPoint([0, 10, 20], [0, 0.2, 1], 0.8)!, 17.5, "rising");
    // Falling curve: from 1 to −1 between x = 2 and 4 reaches 0 at 3.
    expect(crossingPoint([0, 2, 4], [3, 1, -1], 0)).toBe(3);
    expect(crossingPoint([0, 1], [0.8, 0.9], 0.8)).toBe(0);
    expect(crossingPoint([0, 1], [0.1, 0.2], 0.8)).toBeNull();
    expect(crossingPoint([0, 1, 2], [0.1, 0.8, 0.9], 0.8)).toBe(1);
  });
  it("rounds n up without counting floating-point dust as an extra item", () => {
    expect(ceilItems(250.00000000000003)).toBe(250);
    expect(ceilItems(250.01)).toBe(251);
    expect(ceilItems(3)).toBe(3);
  });
  it("rejects bad input", () => {
    expect(() => crossingPoint([0, 1], [0.1], 0.5)).toThrow(/same length/);
    expect(() => crossingPoint([1, 1], [0.1, 0.2], 0.5)).toThrow(/x must be increasing/);
    expect(() => crossingPoint([], [], 0.5)).toThrow(RangeError);
    expect(() => crossingPoint([0, 1], [0.1, 0.2], NaN)).toThrow(/level/);
  });
});

interface BetaCurve {
  a: number;
  b: number;
  chance: number;
  points: number;
  x: number[];
  density: number[];
}

describe("betaDensityCurve against R qbeta/dbeta", () => {
  const { betaCurves } = loadFixture<{ betaCurves: BetaCurve[] }>("figures.json");
  it.each(betaCurves.map((c) => [`Beta(${c.a}, ${c.b}), chance ${c.chance}`, c] as const))("%s", (_, c) => {
    const got = betaDensityCurve(c.a, c.b, c.chance, c.points);
    expect(got.x).toHaveLength(c.points);
    c.x.forEach((x, i) => expectClose(got.x[i], x, `x[${i}]`));
    c.density.forEach((d, i) => expectClose(got.density[i], d, `density[${i}]`));
  });
  it("matches the doc example dbeta(0.5, 2, 2) = 1.5", () => {
    expectClose(betaDensityCurve(2, 2, 0.5, 3).density[1], 1.5, "middle");
  });
  it("rejects bad parameters", () => {
    expect(() => betaDensityCurve(-1, 2, 0.5)).toThrow(/alpha/);
    expect(() => betaDensityCurve(1, Infinity, 0.5)).toThrow(/beta/);
    expect(() => betaDensityCurve(1, 2, 0.5, 1)).toThrow(/points/);
    expect(() => betaDensityCurve(1, 2, 0.5, 2.5)).toThrow(/points/);
  });
});
