import { describe, expect, it } from "vitest";
import { clusterRobustSE, type ClusterVcov } from "../../src/stats/clusterRobustSE.js";
import { closeness, expectClose, loadFixture } from "../helpers/close.js";

interface Case {
  name: string;
  scores: number[];
  clusters: number[] | null;
  options: { vcov?: ClusterVcov; df?: string };
  call: string;
  expected: { estimate: number; se: number; df: number };
}
// The meanCI cases with df "satterthwaite" carry clubSandwich's SE and df_Satt for each vcov.
const cases = loadFixture<{ meanCI: Case[] }>("small-sample.json").meanCI.filter((c) => c.options.df === "satterthwaite");

describe("clusterRobustSE against R clubSandwich", () => {
  it(`SE and Satterthwaite df equal coef_test(lm(y ~ 1), vcov, cluster, test = "Satterthwaite") (${cases.length} cases: CR0, CR1, CR2; C = 3 to 30)`, () => {
    expect(new Set(cases.map((c) => c.options.vcov))).toEqual(new Set(["CR0", "CR1", "CR2"]));
    const misses: string[] = [];
    for (const c of cases) {
      const r = clusterRobustSE(c.scores, c.clusters!, { vcov: c.options.vcov });
      expect(r.clusters).toBe(new Set(c.clusters).size);
      for (const key of ["estimate", "se", "df"] as const) {
        const miss = closeness(r[key], c.expected[key]);
        if (miss) misses.push(`${c.name} ${c.options.vcov} ${key}: ${miss}`);
      }
    }
    expect(misses).toEqual([]);
  });
});

describe("clusterRobustSE properties (exact algebra of the intercept-only model)", () => {
  it("balanced clusters: the Satterthwaite df is C − 1 for every vcov", () => {
    const values = [0.2, 1, 0.4, 0.8, 0.6, 0.6, 0, 1, 1, 0.4, 0.2, 0.8];
    for (const vcov of ["CR0", "CR1", "CR2"] as const) {
      expectClose(clusterRobustSE(values, [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4], { vcov }).df, 3, vcov);
    }
  });

  it("CR2 with singleton clusters is sd/√n (the HC2 of a mean); CR1 is CR0 · sqrt(C/(C − 1))", () => {
    const values = [0.2, 1, 0.4, 0.8, 0.6, 0.9, 0];
    const n = values.length;
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    expectClose(clusterRobustSE(values, values.map((_, i) => i)).se, sd / Math.sqrt(n), "CR2 singletons");
    const clusters = [1, 1, 2, 2, 2, 3, 3];
    const cr0 = clusterRobustSE(values, clusters, { vcov: "CR0" }).se;
    expectClose(clusterRobustSE(values, clusters, { vcov: "CR1" }).se, cr0 * Math.sqrt(3 / 2), "CR1");
  });

  it("defaults to CR2", () => {
    expect(clusterRobustSE([1, 0, 1, 1], ["a", "a", "b", "b"]).vcov).toBe("CR2");
  });

  it("errors name the argument and the value", () => {
    expect(() => clusterRobustSE([1, 0, 1], [1, 1, 1])).toThrow(/clusters must hold at least 2 distinct labels for a cluster-robust standard error, got 1/);
    expect(() => clusterRobustSE([1, 0, 1], [1, 2])).toThrow(/scores and clusters must have the same length, got 3 and 2/);
    expect(() => clusterRobustSE([1, 0, 1], [1, 2, 2], { vcov: "HC2" as ClusterVcov })).toThrow(/vcov must be one of "CR0", "CR1", "CR2", got "HC2"/);
    expect(() => clusterRobustSE([1, Number.NaN], [1, 2])).toThrow(/scores\[1\] must be a number, got NaN/);
  });
});
