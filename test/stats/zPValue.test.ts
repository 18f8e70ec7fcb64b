import { describe, expect, it } from "vitest";
import { zPValue } from "../../src/stats/zPValue.js";
import type { Alternative } from "../../src/stats/types.js";
import { closeness, loadFixture, missesOf } from "../helpers/close.js";

/** A case of test/fixtures/r/distributions.R: `call` is the R pnorm expression that gave `pValue`. */
interface Case { call: string; estimate: number; se: number; alternative: Alternative; pValue: number }
const { zPValue: cases } = loadFixture<{ zPValue: Case[] }>("distributions.json");

describe("zPValue against R pnorm", () => {
  it(`equals R 2 * pnorm(-abs(z)), pnorm(z, lower.tail = FALSE) and pnorm(z) on ${cases.length} cases, z = estimate / se`, () => {
    const misses: string[] = [];
    for (const c of cases) misses.push(...missesOf(c.call, [["pValue", zPValue(c.estimate, c.se, c.alternative), c.pValue]]));
    expect(misses).toEqual([]);
    expect(new Set(cases.map((c) => c.alternative))).toEqual(new Set(["two-sided", "greater", "less"]));
  });

  it("with se = 0 follows R's infinite z (p is 0 on the tested side, 1 off it), and gives 1 for a zero estimate, where R's 0 / 0 is NaN", () => {
    expect(cases.filter((c) => c.se === 0).length).toBeGreaterThan(20);
    for (const alternative of ["two-sided", "greater", "less"] as const) expect(zPValue(0, 0, alternative)).toBe(1);
  });

  it("the doc example equals R 2 * pnorm(-2) = 0.045500263896358424", () => {
    expect(closeness(zPValue(0.05, 0.025, "two-sided"), 0.045500263896358424)).toBeNull();
    // one-sided halves split the two-sided p: R pnorm(-2) and pnorm(2)
    expect(closeness(zPValue(0.05, 0.025, "greater"), 0.022750131948179212)).toBeNull();
    expect(closeness(zPValue(0.05, 0.025, "less"), 0.97724986805182079)).toBeNull();
  });
});
