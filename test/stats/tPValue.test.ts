import { describe, expect, it } from "vitest";
import { tPValue } from "../../src/stats/tPValue.js";
import { zPValue } from "../../src/stats/zPValue.js";
import type { Alternative } from "../../src/stats/types.js";
import { loadFixture, missesOf } from "../helpers/close.js";

/** A case of test/fixtures/r/distributions.R: `call` is the R pt expression that gave `pValue`. */
interface Case { call: string; estimate: number; se: number; df: number; alternative: Alternative; pValue: number }
const { tPValue: cases } = loadFixture<{ tPValue: Case[] }>("distributions.json");

describe("tPValue against R pt", () => {
  it(`equals R 2 * pt(-abs(t), df), pt(t, df, lower.tail = FALSE) and pt(t, df) on ${cases.length} cases`, () => {
    const misses: string[] = [];
    for (const c of cases) misses.push(...missesOf(c.call, [["pValue", tPValue(c.estimate, c.se, c.df, c.alternative), c.pValue]]));
    expect(misses).toEqual([]);
  });

  it("df = Infinity and se = 0 are the normal test's (zPValue)", () => {
    expect(tPValue(0.05, 0.025, Infinity, "greater")).toBe(zPValue(0.05, 0.025, "greater"));
    expect(tPValue(0, 0, 5, "two-sided")).toBe(1);
    expect(() => tPValue(0.05, 0.025, 0, "greater")).toThrow(/df must be positive, got 0/);
  });
});
