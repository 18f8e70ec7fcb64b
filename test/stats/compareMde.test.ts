import { describe, expect, it } from "vitest";
import { compareMde } from "../../src/stats/compareMde.js";
import type { Alternative } from "../../src/stats/types.js";
import { closeness, loadFixture, missesOf } from "../helpers/close.js";

/** A case of test/fixtures/r/distributions.R: `call` is the R qnorm expression that gave `mde`. */
interface Case { call: string; se: number; alpha: number; power: number; alternative: Alternative; mde: number }
const { compareMde: cases } = loadFixture<{ compareMde: Case[] }>("distributions.json");

describe("compareMde against R qnorm (Miller 2024, §5)", () => {
  it(`equals R (qnorm(1 - alpha / 2) + qnorm(power)) * se, or qnorm(1 - alpha) one-sided, on ${cases.length} cases`, () => {
    const misses: string[] = [];
    for (const c of cases) misses.push(...missesOf(c.call, [["mde", compareMde(c), c.mde]]));
    expect(misses).toEqual([]);
    expect(new Set(cases.map((c) => c.alternative))).toEqual(new Set(["two-sided", "greater", "less"]));
  });

  it("the doc example equals R (qnorm(0.975) + qnorm(0.8)) * 0.01 = 0.028015852181129678", () => {
    const mde = compareMde({ se: 0.01, alpha: 0.05, power: 0.8, alternative: "two-sided" });
    expect(closeness(mde, 0.028015852181129678)).toBeNull();
  });
});
