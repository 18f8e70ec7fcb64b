import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clusteredProportionCI, kornGraubardSize } from "../../src/stats/clusteredProportionCI.js";
import { effectiveBinomialTest } from "../../src/stats/effectiveBinomialTest.js";
import type { Alternative } from "../../src/stats/types.js";
import { expectClose } from "../helpers/close.js";

interface TailCase { call: string; estimate: number; effectiveSize: number; p0: number; alternative: Alternative; pValue: number }
interface DualityCase { call: string; y: number[]; g: number[]; tail: number; p0: number; pValue: number }
const fx = JSON.parse(readFileSync(new URL("../fixtures/effective-binomial.json", import.meta.url), "utf8")) as {
  integer: TailCase[];
  fractional: TailCase[];
  duality: DualityCase[];
};

describe("effectiveBinomialTest (test/fixtures/r/effective-binomial.R)", () => {
  it(`equals R binom.test's one-sided p-values on integer trials (${fx.integer.length} cases)`, () => {
    for (const c of fx.integer) expectClose(effectiveBinomialTest(c.estimate, c.effectiveSize, c.p0, c.alternative), c.pValue, c.call, 1e-9);
  });

  it(`equals R pbeta's binomial tails on fractional trials (${fx.fractional.length} cases)`, () => {
    for (const c of fx.fractional) expectClose(effectiveBinomialTest(c.estimate, c.effectiveSize, c.p0, c.alternative), c.pValue, c.call, 1e-9);
  });

  it("is dual to survey::svyciprop(method = \"beta\"): at p0 = the lower limit of level 1 − 2a, p = a", () => {
    for (const c of fx.duality) {
      const ci = clusteredProportionCI(c.y, c.g);
      const size = kornGraubardSize({ estimate: ci.estimate, variance: ci.se ** 2, answers: c.y.length, clusters: ci.clusters, tail: c.tail, boundEffectiveSize: false });
      expectClose(effectiveBinomialTest(ci.estimate, size, c.p0, "greater"), c.pValue, c.call, 1e-9);
    }
  });

  it("two-sided is twice the smaller tail, at most 1", () => {
    const greater = effectiveBinomialTest(0.7, 10, 0.5, "greater");
    expect(effectiveBinomialTest(0.7, 10, 0.5)).toBe(2 * greater);
    expect(effectiveBinomialTest(0.5, 10, 0.5)).toBe(1);
  });

  it("at p̂ = 1 the p-value is p0^n, never 0", () => {
    expectClose(effectiveBinomialTest(1, 5, 0.5, "greater"), 0.5 ** 5, "binom.test(5, 5, 0.5, alternative = \"greater\")");
    expect(effectiveBinomialTest(0, 5, 0.5, "greater")).toBe(1);
  });

  it("rejects bad arguments, naming them", () => {
    expect(() => effectiveBinomialTest(1.2, 5, 0.5)).toThrow(/estimate must be a rate in \[0, 1\], got 1.2/);
    expect(() => effectiveBinomialTest(0.5, 0, 0.5)).toThrow(/effectiveSize must be positive, got 0/);
    expect(() => effectiveBinomialTest(0.5, 5, 1)).toThrow(/p0 must be strictly between 0 and 1/);
  });
});
