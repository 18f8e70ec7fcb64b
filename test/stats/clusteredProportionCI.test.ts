import { describe, expect, it } from "vitest";
import { clusteredProportionCI, type ClusteredProportionCIOptions } from "../../src/stats/clusteredProportionCI.js";
import { proportionCI } from "../../src/stats/proportionCI.js";
import { closeness, loadFixture } from "../helpers/close.js";

interface Case {
  name: string;
  scores: number[];
  clusters: number[];
  options: ClusteredProportionCIOptions;
  call: string;
  expected: Record<string, number>;
}
const fixture = loadFixture<{ clusteredProportionCI: Case[]; degenerate: { clusteredProportionCI: Case[] } }>("small-sample.json");

function misses(cases: Case[]): string[] {
  const out: string[] = [];
  for (const c of cases) {
    const r = clusteredProportionCI(c.scores, c.clusters, c.options) as unknown as Record<string, number>;
    for (const key of Object.keys(c.expected)) {
      const miss = closeness(r[key], c.expected[key]);
      if (miss) out.push(`${c.name} ${JSON.stringify(c.options)} ${key}: ${miss} [${c.call}]`);
    }
  }
  return out;
}

const plain = fixture.clusteredProportionCI.filter((c) => !c.options.boundEffectiveSize);
const bounded = fixture.clusteredProportionCI.filter((c) => c.options.boundEffectiveSize);

describe("clusteredProportionCI (Korn–Graubard) against R", () => {
  it(`equals survey::svyciprop(method = "beta") on svydesign(ids = ~g): limits, se, effective size, df, design effect (${plain.length} cases)`, () => {
    expect(plain.length).toBeGreaterThan(50);
    expect(misses(plain)).toEqual([]);
  });

  it(`boundEffectiveSize equals svyciprop's formula with p(1-p)/v clamped to [C, n] before the df adjustment (${bounded.length} cases)`, () => {
    expect(misses(bounded)).toEqual([]);
    // The three cases: the floor binds, the cap binds, neither binds (then it equals svyciprop).
    const [floor, cap, neither] = bounded;
    const r = (c: Case, bound: boolean) => clusteredProportionCI(c.scores, c.clusters, { ...c.options, boundEffectiveSize: bound });
    expect(r(floor, true).effectiveSize).toBeGreaterThan(r(floor, false).effectiveSize);
    expect(r(cap, true).effectiveSize).toBeLessThan(r(cap, false).effectiveSize);
    expect(r(neither, true)).toEqual(r(neither, false));
  });
});

describe("clusteredProportionCI on a degenerate sample (v̂ = 0: every answer right, wrong, or every cluster at one rate)", () => {
  const cases = fixture.degenerate.clusteredProportionCI;
  it(`falls back to Clopper–Pearson on the clusters (or answers), = R binom.test(C, C) / qbeta (${cases.length} cases)`, () => {
    expect(misses(cases)).toEqual([]);
    for (const c of cases) {
      const r = clusteredProportionCI(c.scores, c.clusters, c.options);
      expect(r).toMatchObject({ degenerate: true, fallback: c.options.degenerateTrials === "answers" ? "exact-answers" : "exact-clusters" });
      expect(r.upper - r.lower).toBeGreaterThan(0.05); // never a zero-width interval
    }
  });

  it("exact on clusters is wider than the binomial interval that counts every answer (rate 1, 5 clusters of 3)", () => {
    const r = clusteredProportionCI(Array(15).fill(1), [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5]);
    expect(r.lower).toBeLessThan(proportionCI(15, 15, { method: "clopper-pearson" }).lower);
    expect(r.designEffect).toBeUndefined();
  });
});

describe("clusteredProportionCI argument errors name the argument and the value", () => {
  it.each([
    [[1, 0.5, 1, 0], [1, 1, 2, 2], undefined, /scores\[1\] must be 0 or 1 \(a binary answer\), got 0.5/],
    [[1, 0, 1, 0], [1, 1, 1, 1], undefined, /clusters must hold at least 2 distinct labels for a clustered interval, got 1/],
    [[1, 0, 1, 0], [1, 1, 2], undefined, /scores and clusters must have the same length, got 4 and 3/],
    [[1, 0, 1, 0], [1, 1, 2, 2], { method: "wilson" }, /method must be one of "korn-graubard", got "wilson"/],
    [[1, 0, 1, 0], [1, 1, 2, 2], { degenerateTrials: "items" }, /degenerateTrials must be one of "clusters", "answers", got "items"/],
    [[1, 0, 1, 0], [1, 1, 2, 2], { boundEffectiveSize: "yes" }, /boundEffectiveSize must be true or false, got "yes"/],
    [[1, 0, 1, 0], [1, 1, 2, 2], { level: 95 }, /level must be strictly between 0 and 1, got 95/],
  ])("%j %j %j", (scores, clusters, options, message) => {
    expect(() => clusteredProportionCI(scores, clusters, options as ClusteredProportionCIOptions)).toThrow(message);
  });
});
