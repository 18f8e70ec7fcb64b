import { describe, expect, it } from "vitest";
import { welchTest, type WelchTestOptions } from "../../src/stats/welchTest.js";
import { closeness, loadFixture } from "../helpers/close.js";

type Value = number | string;
const num = (v: Value): number => (typeof v === "number" ? v : v.startsWith("-") ? -Infinity : Infinity);

interface Case {
  name: string;
  a: number[];
  b: number[];
  options: WelchTestOptions;
  call: string;
  expected: Record<string, Value>;
}
const fixture = loadFixture<{ welchTest: Case[]; degenerate: { welchTest: Case[] } }>("small-sample.json");

function misses(cases: Case[]): string[] {
  const out: string[] = [];
  for (const c of cases) {
    const r = welchTest(c.a, c.b, c.options) as unknown as Record<string, number>;
    for (const key of Object.keys(c.expected)) {
      const miss = closeness(r[key], num(c.expected[key]));
      if (miss) out.push(`${c.name} ${JSON.stringify(c.options)} ${key}: ${miss} [${c.call}]`);
    }
  }
  return out;
}

describe("welchTest against R", () => {
  it(`statistic, df, p, interval and se equal R t.test(a, b) (var.equal = FALSE), all alternatives (${fixture.welchTest.length} cases)`, () => {
    expect(new Set(fixture.welchTest.map((c) => c.options.alternative))).toEqual(new Set(["two-sided", "greater", "less"]));
    expect(misses(fixture.welchTest)).toEqual([]);
  });
});

describe("welchTest on two constant samples (where R stops: data are essentially constant)", () => {
  const cases = fixture.degenerate.welchTest;
  it(`p is the exact permutation test, = R enumeration with combn (${cases.length} cases); never p = 0`, () => {
    expect(misses(cases)).toEqual([]);
    for (const c of cases) {
      const r = welchTest(c.a, c.b, c.options);
      expect(r).toMatchObject({ degenerate: true, fallback: "permutation", se: 0 });
      expect(r.pValue).toBeGreaterThan(0);
    }
  });
});

describe("welchTest argument errors name the argument and the value", () => {
  it("needs two scores a side, finite numbers and a known alternative", () => {
    expect(() => welchTest([1], [0, 1])).toThrow(/scoresA must hold at least 2 values, got 1/);
    expect(() => welchTest([1, 0], [0, Infinity])).toThrow(/scoresB\[1\] must be finite, got Infinity/);
    expect(() => welchTest([1, 0], [0, 1], { alternative: "bigger" as "greater" })).toThrow(/alternative must be one of/);
  });
});
