import { describe, expect, it } from "vitest";
import { pairedDifference, type PairedDifferenceOptions } from "../../src/stats/pairedDifference.js";
import { closeness, loadFixture } from "../helpers/close.js";

type Value = number | string;
const num = (v: Value): number => (typeof v === "number" ? v : v.startsWith("-") ? -Infinity : Infinity);

interface Case {
  name: string;
  a: number[];
  b: number[];
  clusters: number[] | null;
  options: PairedDifferenceOptions;
  call: string;
  expected: Record<string, Value>;
}
const fixture = loadFixture<{ pairedDifference: Case[]; degenerate: { pairedDifference: Case[] } }>("small-sample.json");

function misses(cases: Case[], keys: string[]): string[] {
  const out: string[] = [];
  for (const c of cases) {
    const r = pairedDifference(c.a, c.b, { ...c.options, clusters: c.clusters ?? undefined }) as unknown as Record<string, number>;
    for (const key of keys) {
      const miss = closeness(r[key], num(c.expected[key]));
      if (miss) out.push(`${c.name} ${JSON.stringify(c.options)} ${key}: ${miss} [${c.call}]`);
    }
  }
  return out;
}

const keys = ["estimate", "se", "df", "statistic", "pValue", "lower", "upper"];
const onItems = fixture.pairedDifference.filter((c) => !c.clusters);
const clustered = fixture.pairedDifference.filter((c) => c.clusters);

describe("pairedDifference small-sample options against R", () => {
  it(`df "n-1" equals R t.test(a, b, paired = TRUE) for all three alternatives (${onItems.length} cases, n = 2 to 20)`, () => {
    expect(misses(onItems, keys)).toEqual([]);
  });

  it(`vcov CR0/CR1/CR2 with Satterthwaite or C − 1 df equal clubSandwich coef_test(lm(I(a - b) ~ 1)) (${clustered.length} cases)`, () => {
    expect(clustered.length).toBeGreaterThan(60);
    expect(misses(clustered, keys)).toEqual([]);
  });
});

describe("pairedDifference on a degenerate sample (every unit's difference the same)", () => {
  const cases = fixture.degenerate.pairedDifference;
  it(`under the small-sample options: the exact sign test on the units, = R binom.test(m, m) (${cases.length} cases)`, () => {
    const out: string[] = [];
    for (const c of cases) {
      const r = pairedDifference(c.a, c.b, { ...c.options, clusters: c.clusters ?? undefined });
      expect(r).toMatchObject({ degenerate: true, fallback: "sign-test", se: 0 });
      expect(r.pValue).toBeGreaterThan(0); // never SE 0 with p = 0
      for (const key of ["estimate", "pValue"] as const) {
        const miss = closeness(r[key], num(c.expected[key]));
        if (miss) out.push(`${c.name} ${key}: ${miss} [${c.call}]`);
      }
    }
    expect(out).toEqual([]);
  });

  it("both conditions all right: no gap, statistic 0, p = 1 (0.5 one-sided), with t", () => {
    const ones = [1, 1, 1, 1, 1];
    expect(pairedDifference(ones, ones, { df: "n-1" })).toMatchObject({ estimate: 0, se: 0, statistic: 0, pValue: 1, degenerate: true });
    expect(pairedDifference(ones, ones, { df: "n-1", alternative: "greater" }).pValue).toBe(0.5);
  });

  it("by default keeps the old answer for a constant shift (z, p = 0), flagged degenerate", () => {
    const r = pairedDifference([1, 1, 1], [0, 0, 0]);
    expect(r).toMatchObject({ se: 0, statistic: Infinity, pValue: 0, degenerate: true, df: Infinity });
    expect(r.fallback).toBeUndefined();
  });
});

describe("pairedDifference small-sample options", () => {
  it("default results gain df = Infinity and keep every old field", () => {
    const r = pairedDifference([1, 1, 0, 1, 1], [0, 1, 0, 0, 1]);
    expect(r).toMatchObject({ method: "paired-clt", df: Infinity, estimate: 0.4, alternative: "two-sided" });
    expect(Object.keys(r)).toEqual(expect.arrayContaining(["lower", "upper", "pValue", "statistic", "correlation", "meanA", "meanB", "n"]));
  });

  it("errors name the argument: vcov without clusters, Satterthwaite without vcov", () => {
    expect(() => pairedDifference([1, 0], [0, 0], { vcov: "CR2" })).toThrow(/vcov "CR2" needs clusters/);
    expect(() => pairedDifference([1, 0, 1], [0, 0, 1], { df: "satterthwaite", clusters: [1, 2, 2] })).toThrow(/df "satterthwaite" needs vcov/);
  });
});
