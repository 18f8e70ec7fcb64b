import { describe, expect, it } from "vitest";
import { meanCI } from "../../src/stats/meanCI.js";
import { expectClose, loadFixture, missesOf } from "../helpers/close.js";

/** A case of test/fixtures/r/paired.R: `call` is the R expression over `scores` and `clusters` that gave its values. */
interface Case {
  call: string;
  scores: number[];
  level: number;
  estimate: number;
  se: number;
  lower: number;
  upper: number;
  clusters?: (string | number)[];
  clustered?: { se: number; lower: number; upper: number; count: number };
}
const { means: cases } = loadFixture<{ means: Case[] }>("paired.json");

function compare(call: string, got: object, want: Record<string, number>, misses: string[]) {
  misses.push(...missesOf(call, Object.keys(want).map((key) => [key, (got as Record<string, number>)[key], want[key]] as const)));
}

describe("meanCI against R", () => {
  it(`CLT standard error sd/sqrt(n) and z interval equal R on ${cases.length} score vectors`, () => {
    const misses: string[] = [];
    for (const c of cases) {
      const r = meanCI(c.scores, { level: c.level });
      expect(r.method).toBe("clt");
      compare(c.call, r, { estimate: c.estimate, se: c.se, lower: c.lower, upper: c.upper }, misses);
    }
    expect(misses).toEqual([]);
  });

  const clustered = cases.filter((c) => c.clusters);
  it(`Miller (2024)'s clustered SE equals R's literal loop over pairs i != j in a cluster on ${clustered.length} vectors`, () => {
    const misses: string[] = [];
    for (const c of clustered) {
      const r = meanCI(c.scores, { level: c.level, clusters: c.clusters });
      expect(r.method).toBe("clustered");
      expect(r.clusters).toBe(c.clustered!.count);
      compare(c.call, r, { estimate: c.estimate, se: c.clustered!.se, lower: c.clustered!.lower, upper: c.clustered!.upper }, misses);
    }
    expect(misses).toEqual([]);
  });
});

describe("meanCI properties", () => {
  it("singleton clusters give exactly the CLT SE (Miller adds only cross terms; no sqrt((n-1)/n))", () => {
    const scores = [1, 0, 1, 1, 0, 1, 0.5, 0.25];
    const plain = meanCI(scores);
    const single = meanCI(scores, { clusters: scores.map((_, i) => `item${i}`) });
    expectClose(single.se, plain.se, "singleton clusters");
    // The bare sandwich (1/n²)·Σ_c(Σ dev)² would instead be SE_CLT · sqrt((n − 1)/n).
    expect(Math.abs(single.se - plain.se * Math.sqrt(7 / 8))).toBeGreaterThan(1e-3);
  });

  it("one cluster holding everything gives SE = sqrt(Σdev²/(n²(n−1))) (the cluster sum of deviations is 0)", () => {
    const scores = [1, 0, 0, 1, 1];
    const r = meanCI(scores, { clusters: [7, 7, 7, 7, 7] });
    // Σdev² = 3·0.16 + 2·0.36 = 1.2; 1.2 / (25 · 4) = 0.012
    expectClose(r.se, Math.sqrt(0.012), "single cluster");
  });

  it("documented examples: SE 0.25 plain; clustered by pairs sqrt(0.046875)", () => {
    expect(meanCI([1, 0, 1, 1]).se).toBe(0.25);
    expectClose(meanCI([1, 0, 1, 1], { clusters: ["a", "a", "b", "b"] }).se, Math.sqrt(0.046875), "pairs");
  });

  it("constant scores give SE 0 and a zero-width interval, not NaN", () => {
    const r = meanCI([1, 1, 1]);
    expect(r).toMatchObject({ estimate: 1, se: 0, lower: 1, upper: 1, n: 3 });
  });
});

describe("meanCI bad input", () => {
  it("rejects empty, single-value, non-numeric and NaN scores", () => {
    expect(() => meanCI([])).toThrow(/scores must hold at least 2 values, got 0/);
    expect(() => meanCI([0.5])).toThrow(RangeError);
    expect(() => meanCI("0101" as unknown as number[])).toThrow(TypeError);
    expect(() => meanCI([1, Number.NaN])).toThrow(/scores\[1\] must be a number, got NaN/);
    expect(() => meanCI([1, Infinity])).toThrow(/scores\[1\] must be finite/);
  });

  it("rejects clusters of the wrong length or with NaN labels, and a bad level", () => {
    expect(() => meanCI([1, 0, 1], { clusters: ["a", "b"] })).toThrow(/scores and clusters must have the same length, got 3 and 2/);
    expect(() => meanCI([1, 0], { clusters: ["a", Number.NaN] })).toThrow(/clusters\[1\] must be a string or number label, got NaN/);
    expect(() => meanCI([1, 0], { clusters: "ab" as unknown as string[] })).toThrow(TypeError);
    expect(() => meanCI([1, 0], { level: 1 })).toThrow(/level must be strictly between 0 and 1, got 1/);
  });
});
