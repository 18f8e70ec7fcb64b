import { describe, expect, it } from "vitest";
import { pairedDifference } from "../../src/stats/pairedDifference.js";
import { meanCI } from "../../src/stats/meanCI.js";
import type { Alternative } from "../../src/stats/types.js";
import { expectClose, loadFixture, missesOf } from "../helpers/close.js";

/** A case of test/fixtures/r/paired.R: `call` is the R expression over `a`, `b` and `clusters` that gave its values. */
interface Case {
  call: string;
  a: number[];
  b: number[];
  level: number;
  alternative: Alternative;
  estimate: number;
  se: number;
  lower: number;
  upper: number;
  statistic: number;
  pValue: number;
  correlation: number;
  clusters?: (string | number)[];
}
const { paired: cases } = loadFixture<{ paired: Case[] }>("paired.json");

describe("pairedDifference against R", () => {
  // R: estimate mean(A) − mean(B); SE sqrt((var(A) + var(B) − 2 cov(A, B))/n), or the clustered loop
  // on A − B; p from pnorm; correlation cor(A, B) (0 for a constant side).
  it(`equals R on ${cases.length} paired score vectors (${cases.filter((c) => c.clusters).length} clustered)`, () => {
    const misses: string[] = [];
    for (const c of cases) {
      const r = pairedDifference(c.a, c.b, { level: c.level, alternative: c.alternative, clusters: c.clusters });
      expect(r.method).toBe(c.clusters ? "paired-clustered" : "paired-clt");
      const keys = ["estimate", "se", "lower", "upper", "statistic", "pValue", "correlation"] as const;
      misses.push(...missesOf(c.call, keys.map((key) => [key, r[key], c[key]] as const)));
    }
    expect(misses).toEqual([]);
  });
});

describe("pairedDifference properties", () => {
  it("documented example: A = [1,1,0,1,1], B = [0,1,0,0,1]", () => {
    const r = pairedDifference([1, 1, 0, 1, 1], [0, 1, 0, 0, 1]);
    expectClose(r.estimate, 0.4, "estimate");
    expectClose(r.se, Math.sqrt(0.3 / 5), "se");
    expect(r).toMatchObject({ meanA: 0.8, meanB: 0.4, n: 5, alternative: "two-sided" });
  });

  it("equals meanCI of the differences (same SE, same interval)", () => {
    const a = [0.9, 0.1, 0.5, 0.7, 0.3, 1];
    const b = [0.4, 0.2, 0.5, 0.1, 0.3, 0.6];
    const clusters = ["x", "x", "y", "y", "z", "z"];
    const d = a.map((v, i) => v - b[i]);
    const r = pairedDifference(a, b, { clusters });
    const m = meanCI(d, { clusters });
    expectClose(r.se, m.se, "se");
    expectClose(r.lower, m.lower, "lower");
  });

  it("identical sides: estimate 0, SE 0, p = 1, correlation 1", () => {
    const r = pairedDifference([1, 0, 1], [1, 0, 1]);
    expect(r).toMatchObject({ estimate: 0, se: 0, pValue: 1, statistic: 0, correlation: 1 });
  });

  it("a constant shift: SE 0 and p = 0 (a gap with no spread), statistic Infinity", () => {
    const r = pairedDifference([0.5, 0.7, 0.9], [0.25, 0.45, 0.65]);
    expect(r.se).toBeCloseTo(0, 15);
    expect(Number.isNaN(r.pValue)).toBe(false);
    expect(r.pValue).toBeLessThan(1e-12);
  });

  it("a constant side gives correlation 0, not NaN", () => {
    expect(pairedDifference([1, 1, 1, 1], [0, 1, 0, 1]).correlation).toBe(0);
  });

  it("one-sided p-values split the two-sided one", () => {
    const a = [1, 1, 0, 1, 1, 1, 0, 1];
    const b = [0, 1, 0, 0, 1, 0, 0, 1];
    const two = pairedDifference(a, b).pValue;
    const greater = pairedDifference(a, b, { alternative: "greater" }).pValue;
    const less = pairedDifference(a, b, { alternative: "less" }).pValue;
    expectClose(greater, two / 2, "greater");
    expectClose(less, 1 - two / 2, "less");
  });
});

describe("pairedDifference bad input", () => {
  it("rejects unequal lengths, empty or one-item arrays and NaN scores", () => {
    expect(() => pairedDifference([1, 0, 1], [1, 0])).toThrow(/scoresA and scoresB must have the same length, got 3 and 2/);
    expect(() => pairedDifference([], [])).toThrow(/scoresA must hold at least 2 values, got 0/);
    expect(() => pairedDifference([1], [0])).toThrow(RangeError);
    expect(() => pairedDifference([1, 0], [0, Number.NaN])).toThrow(/scoresB\[1\] must be a number, got NaN/);
  });

  it("rejects clusters of the wrong length, a bad level and an unknown alternative", () => {
    expect(() => pairedDifference([1, 0], [0, 0], { clusters: [1] })).toThrow(/same length, got 2 and 1/);
    expect(() => pairedDifference([1, 0], [0, 0], { level: 0 })).toThrow(/level must be strictly between 0 and 1, got 0/);
    expect(() => pairedDifference([1, 0], [0, 0], { alternative: "up" as Alternative })).toThrow(/alternative must be one of/);
  });
});
