import { describe, expect, it } from "vitest";
import { meanCI, type MeanCIOptions } from "../../src/stats/meanCI.js";
import { closeness, loadFixture } from "../helpers/close.js";

/** R writes infinities as strings ("Inf", "Infinity"); everything else is a number. */
type Value = number | string;
const num = (v: Value): number => (typeof v === "number" ? v : v.startsWith("-") ? -Infinity : Infinity);

interface Case {
  name: string;
  scores: number[];
  clusters: number[] | null;
  options: MeanCIOptions;
  call: string;
  expected: Record<string, Value>;
}
interface DegenerateCase extends Case {
  expected: { estimate: number; se: number; lower: number; upper: number; units: number };
}
const fixture = loadFixture<{ meanCI: Case[]; degenerate: { meanCI: DegenerateCase[] } }>("small-sample.json");

function misses(cases: Case[], keys: string[]): string[] {
  const out: string[] = [];
  for (const c of cases) {
    const r = meanCI(c.scores, { ...c.options, clusters: c.clusters ?? undefined }) as unknown as Record<string, number>;
    for (const key of keys) {
      const miss = closeness(r[key], num(c.expected[key]));
      if (miss) out.push(`${c.name} ${JSON.stringify(c.options)} ${key}: ${miss} [${c.call}]`);
    }
  }
  return out;
}

const keys = ["estimate", "se", "df", "lower", "upper"];
const robust = fixture.meanCI.filter((c) => c.options.vcov);
const tOnItems = fixture.meanCI.filter((c) => !c.clusters);
const millerT = fixture.meanCI.filter((c) => c.clusters && !c.options.vcov);

describe("meanCI small-sample options against R", () => {
  it(`vcov CR0/CR1/CR2 with df satterthwaite, clusters-1, normal equal clubSandwich coef_test + conf_int (${robust.length} cases, C = 3 to 30)`, () => {
    expect(robust.length).toBeGreaterThan(100);
    expect(misses(robust, keys)).toEqual([]);
  });

  it(`df "n-1" equals R t.test(scores)$conf.int, and a given df equals qt(·, df) (${tOnItems.length} cases, n = 2 to 20)`, () => {
    expect(misses(tOnItems, keys)).toEqual([]);
  });

  it(`Miller's clustered SE with df "clusters-1" equals R's literal pair loop with qt(·, C − 1) (${millerT.length} cases)`, () => {
    for (const c of millerT) expect(meanCI(c.scores, { ...c.options, clusters: c.clusters! }).vcov).toBe("miller");
    expect(misses(millerT, keys)).toEqual([]);
  });

  it("returns df, vcov and keeps method: Infinity and no vcov by default, the chosen ones otherwise", () => {
    const scores = [1, 0, 1, 1, 0, 1, 1, 1];
    const clusters = [1, 1, 2, 2, 3, 3, 4, 4];
    expect(meanCI(scores)).toMatchObject({ df: Infinity, method: "clt", degenerate: false });
    expect(meanCI(scores).vcov).toBeUndefined();
    expect(meanCI(scores, { clusters })).toMatchObject({ df: Infinity, method: "clustered", vcov: "miller" });
    expect(meanCI(scores, { clusters, vcov: "CR2", df: "clusters-1" })).toMatchObject({ df: 3, method: "clustered", vcov: "CR2" });
    expect(meanCI(scores, { df: "n-1" })).toMatchObject({ df: 7, method: "clt" });
  });
});

describe("meanCI on a degenerate sample (every answer right, or every answer wrong)", () => {
  it(`under the small-sample options: Clopper–Pearson on the units, = R binom.test(m, m) (${fixture.degenerate.meanCI.length} cases)`, () => {
    const out: string[] = [];
    for (const c of fixture.degenerate.meanCI) {
      const r = meanCI(c.scores, { ...c.options, clusters: c.clusters ?? undefined });
      expect(r).toMatchObject({ degenerate: true, fallback: "exact-units", se: 0, estimate: c.expected.estimate });
      expect(r.upper - r.lower).toBeGreaterThan(0.2);
      for (const key of ["lower", "upper"] as const) {
        const miss = closeness(r[key], c.expected[key]);
        if (miss) out.push(`${c.name} ${key}: ${miss} [${c.call}]`);
      }
    }
    expect(out).toEqual([]);
  });

  it("by default keeps the old zero-width interval, now flagged degenerate", () => {
    const r = meanCI([1, 1, 1, 1, 1]);
    expect(r).toMatchObject({ estimate: 1, se: 0, lower: 1, upper: 1, degenerate: true });
    expect(r.fallback).toBeUndefined();
  });

  it("equal cluster means that are not 0 or 1 (CR2's SE is 0): zero width, flagged, no fallback", () => {
    const r = meanCI([1, 0, 0, 1, 1, 0], { clusters: ["a", "a", "b", "b", "c", "c"], vcov: "CR2", df: "satterthwaite" });
    expect(r).toMatchObject({ estimate: 0.5, se: 0, lower: 0.5, upper: 0.5, degenerate: true });
    expect(r.fallback).toBeUndefined();
  });

  it("scores of 0.1 everywhere (a spread that is only rounding) count as degenerate, with SE exactly 0", () => {
    const r = meanCI([0.1, 0.1, 0.1], { df: "n-1" });
    expect(r.degenerate).toBe(true);
    expect(r.se).toBe(0);
  });
});

describe("meanCI small-sample argument errors name the argument and the value", () => {
  const scores = [1, 0, 1, 1];
  it.each([
    [{ vcov: "CR2" }, /vcov "CR2" needs clusters/],
    [{ vcov: "CR3", clusters: [1, 1, 2, 2] }, /vcov must be one of "CR0", "CR1", "CR2", got "CR3"/],
    [{ df: "n-1", clusters: [1, 1, 2, 2] }, /df "n-1" treats every score as independent/],
    [{ df: "clusters-1" }, /df "clusters-1" needs clusters/],
    [{ df: "satterthwaite", clusters: [1, 1, 2, 2] }, /df "satterthwaite" needs vcov/],
    [{ df: "t" }, /df must be one of "normal", "n-1", "clusters-1", "satterthwaite", got "t"/],
    [{ df: -2 }, /df must be a positive number of degrees of freedom, got -2/],
    [{ df: Number.NaN }, /df must be a number, got NaN/],
    [{ vcov: "CR1", clusters: [7, 7, 7, 7] }, /clusters must hold at least 2 distinct labels for vcov "CR1", got 1/],
    [{ df: "clusters-1", clusters: [7, 7, 7, 7] }, /clusters must hold at least 2 distinct labels for df "clusters-1", got 1/],
  ])("%j", (options, message) => {
    expect(() => meanCI(scores, options as MeanCIOptions)).toThrow(message);
  });
});
