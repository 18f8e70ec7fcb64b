import { describe, expect, it } from "vitest";
import { beatsChance } from "../../src/analysis/beatsChance.js";
import { summarize } from "../../src/analysis/summarize.js";
import type { RunRecord } from "../../src/runs/record.js";
import { expectClose } from "../helpers/close.js";
import { fx } from "./fixture.js";

describe("beatsChance on counts (R binom.test, prop.test, pbeta)", () => {
  it("510 of 1,000 does not beat 50%: p = 0.2739864", () => {
    const f = fx.countsChance[0];
    const v = beatsChance({ successes: 510, trials: 1000 });
    expect(v).toMatchObject({ chance: 0.5, chanceKind: "uniform", alternative: "greater", method: "exact-binomial", significant: false, items: 1000 });
    expectClose(v.pValue, f.pValue, "pValue");
    expectClose(v.lower, f.cpLower, "lower (R binom.test conf.int)");
    expectClose(v.upper, f.cpUpper, "upper (R binom.test conf.int)");
    expectClose(v.probabilityAboveChance, f.probabilityAbove, "probabilityAboveChance");
    expect(v.detectableRate).toBeCloseTo(0.539, 3);
    expect(v.sentence).toBe(
      "51.0% (510 of 1,000 items; 95% CI 47.9–54.1%) does not beat chance (50%, uniform, two options assumed): one-sided exact p = 0.27. At this n, only a true rate of 53.9% or more would be detected 80% of the time.",
    );
  });

  it("5,100 of 10,000 beats 50%: p = 0.02329276", () => {
    const f = fx.countsChance[1];
    const v = beatsChance({ successes: 5100, trials: 10000 });
    expect(v.significant).toBe(true);
    expectClose(v.pValue, f.pValue, "pValue");
    expectClose(v.probabilityAboveChance, f.probabilityAbove, "probabilityAboveChance");
    expect(v.sentence).toMatch(/^51\.0% \(5,100 of 10,000 items; 95% CI 50\.0–52\.0%\) beats chance \(50%, uniform, two options assumed\): one-sided exact p = 0\.023\./);
  });

  it("takes a given chance rate and tells equivalence within the margin", () => {
    const v = beatsChance({ successes: 250, trials: 1000 }, { chance: 0.25 });
    expect(v).toMatchObject({ chance: 0.25, chanceKind: "given", significant: false, equivalent: true, margin: 0.05 });
    expectClose(v.equivalencePValue, fx.countsEquivalence.p250, "exact TOST p");
    expectClose(beatsChance({ successes: 510, trials: 1000 }).equivalencePValue, fx.countsEquivalence.p510, "exact TOST p, 510");
    expect(beatsChance({ successes: 250, trials: 1000 }, { chance: 0.25, margin: 0.01 }).equivalent).toBe(false);
  });

  it("equivalence when chance ± margin passes 0: only the upper edge's exact test remains", () => {
    const v = beatsChance({ successes: 5, trials: 100 }, { chance: 0.02 });
    expectClose(v.equivalencePValue, fx.countsEquivalence.pEdge, "pbinom(5, 100, 0.07)");
  });

  it("says so when n is too small for any rate to be detected, and writes tiny p-values as p < 0.0001", () => {
    const one = beatsChance({ successes: 1, trials: 1 });
    expect(one).toMatchObject({ detectableRate: 1, mde: 0.5 });
    expect(one.sentence).toMatch(/At this n, not even a true rate of 100% would be detected 80% of the time\. Thin ground: only 1 items/);
    expect(beatsChance({ successes: 100, trials: 100 }).sentence).toContain("one-sided exact p < 0.0001.");
  });

  it("rejects bad counts and options, naming them", () => {
    expect(() => beatsChance({ successes: 11, trials: 10 })).toThrow(/successes \(11\) must not exceed trials \(10\)/);
    expect(() => beatsChance({ successes: 1.5, trials: 10 })).toThrow(/successes must be an integer count, got 1.5/);
    expect(() => beatsChance({ successes: 5, trials: 10 }, { chance: "majority" })).toThrow(/chance "majority" needs records/);
    expect(() => beatsChance({ successes: 5, trials: 10 }, { chance: 0 })).toThrow(/chance must be strictly between 0 and 1, got 0/);
    expect(() => beatsChance({ successes: 5, trials: 10 }, { alternative: "bigger" as "greater" })).toThrow(/alternative must be one of/);
    expect(() => beatsChance({ successes: 5, trials: 10 }, { margin: 2 })).toThrow(/margin must be strictly between 0 and 1, got 2/);
  });
});

describe("beatsChance on records", () => {
  it("one binary answer per item: exact binomial against the chosen baseline", () => {
    const f = fx.single;
    const uniform = beatsChance(f.records, { chance: "uniform" });
    expect(uniform).toMatchObject({ chance: 0.25, chanceKind: "uniform", method: "exact-binomial", items: 120, successes: f.successes });
    expectClose(uniform.pValue, f.uniformP, "uniform p");
    expectClose(uniform.lower, f.clopperPearson[0], "lower (R binom.test conf.int)");
    const majority = beatsChance(f.records, { chance: "majority" });
    expectClose(majority.chance, f.majority, "majority");
    // Majority is estimated from these items: the model against a guesser that always gives the most
    // common key, paired on the items (R: binom.test(b, b + c) over the discordant items), not a fixed p0.
    expect(majority).toMatchObject({ method: "mcnemar-exact vs majority guesser", chanceEstimated: true });
    expectClose(majority.pValue, f.majorityGuesserP, "majority guesser p");
    expect(majority.pValue).toBeGreaterThan(f.majorityP); // the fixed-p0 test ignores that majority was estimated
  });

  it("auto takes 1/options when every item names its options, and lists the majority it passed over", () => {
    const f = fx.single;
    const v = beatsChance(f.records);
    expectClose(v.baselines.marginal!, f.marginal, "marginal");
    expect(v.baselines).toMatchObject({ uniform: 0.25, majority: f.majority });
    expect(v).toMatchObject({ chanceKind: "uniform", chance: 0.25 });
    expectClose(v.pValue, f.uniformP, "uniform p");
    expect(v.chanceReasons[1]).toMatchObject({ kind: "majority", applies: false, value: f.majority });
    expect(v.chanceReasons[1].why).toMatch(/^the options are known, so auto takes uniform; a guesser always answering the most common key would score/);
  });

  it("auto takes the highest baseline when the items do not name their options", () => {
    const f = fx.single;
    const v = beatsChance(f.records.map(({ choices, ...r }) => r));
    expect(v).toMatchObject({ chanceKind: "majority", chance: f.majority });
    expectClose(v.pValue, f.majorityGuesserP, "majority guesser p");
  });

  it("against the marginal baseline: a seeded permutation of answers across items", () => {
    const v = beatsChance(fx.single.records, { chance: "marginal", resamples: 999, seed: 3 });
    expect(v.method).toBe("permutation of answers across items");
    expect(v.pValue).toBe(0.001); // 58% right against 26% expected: no shuffle comes close
    expect(beatsChance(fx.single.records, { chance: "marginal", resamples: 999, seed: 3 }).pValue).toBe(v.pValue);
  });

  it("repeats in clusters: Korn–Graubard, the exact tail on the effective number of answers", () => {
    const f = fx.repeated;
    const kg = fx.repeatedKornGraubard;
    const v = beatsChance(f.records);
    expect(v).toMatchObject({ method: "korn-graubard", chance: 0.5, items: 60, samplesPerItem: 5, significant: false });
    expectClose(v.accuracy, kg.clusters.estimate, "accuracy");
    expectClose(v.se, kg.clusters.se, "se");
    expectClose(v.lower, kg.clusters.lower, "lower");
    // R: pbeta(0.5, n*p, n*(1 - p) + 1) with n* taken at the one-sided tail 0.05
    expectClose(v.pValue, kg.pClusters, "pValue");
    const noClusters = beatsChance(f.records.map(({ cluster: _c, ...r }) => r));
    expectClose(noClusters.pValue, kg.pItems, "pValue by items");
    expect(v.sentence).toMatch(/^49\.7% \(mean of 60 items; 95% CI 33\.8–65\.6%\) does not beat chance \(50%, uniform, two options assumed\): one-sided Korn–Graubard exact p = 0\.58\./);
  });

  it("needs a condition when the records hold several", () => {
    const both = [...fx.single.records, ...fx.repeated.records];
    expect(() => beatsChance(both)).toThrow(/records hold 2 conditions \("single", "repeated"\); choose one/);
    expect(beatsChance(both, { condition: "repeated" }).items).toBe(60);
    expect(() => beatsChance(both, { condition: "x" })).toThrow(/condition "x" is not in these records/);
  });

  it("counts errors and refusals of the condition", () => {
    const records: RunRecord[] = [
      ...[1, 1, 1, 0, 1, 1, 0, 1].map((score, i) => ({ item: `q${i}`, condition: "A", score })),
      { item: "r", condition: "A", score: 1, refused: true },
      { item: "e", condition: "A", score: 0, error: "500" },
    ];
    const v = beatsChance(records);
    expect(v.counts).toMatchObject({ records: 10, errors: 1, refusals: 1 });
    expect(v).toMatchObject({ items: 9, successes: 6 });
  });
});

describe("a sample that is merely all right (or all wrong) is never certainty", () => {
  // Ten items asked 5 times each, every answer right: the spread is zero, so no SE can be estimated.
  const allRight: RunRecord[] = Array.from({ length: 10 }, (_, i) => [0, 1, 2, 3, 4].map((k) => ({ item: `q${i}`, condition: "A", score: 1, sample: k }))).flat();

  it("beatsChance: exact on the items, p = 0.5^10 (R binom.test(10, 10, 0.5, alternative = \"greater\")), never 0", () => {
    const v = beatsChance(allRight);
    expect(v.method).toBe("korn-graubard");
    expectClose(v.pValue, 0.5 ** 10, "binom.test(10, 10, alternative = \"greater\")$p.value");
    expect(v.pValue).toBeGreaterThan(0);
    expect(v.probabilityAboveChance).toBeLessThan(1);
    expect(v.warnings).toContain("every answer is right: the sample shows no spread, so the interval is exact on items, not estimated from the spread");
  });

  it("summarize: the interval is Clopper–Pearson on the 10 items (R binom.test(10, 10)$conf.int), not [1, 1]", () => {
    const [r] = summarize(allRight);
    expectClose(r.lower, 0.69150289218123, "binom.test(10, 10)$conf.int[1]");
    expect(r.upper).toBe(1);
  });

  it("in 5 clusters: exact on the clusters, p = 0.5^5", () => {
    const clustered = allRight.map((r) => ({ ...r, cluster: `c${Number(r.item.slice(1)) % 5}` }));
    const v = beatsChance(clustered);
    expectClose(v.pValue, 0.5 ** 5, "binom.test(5, 5, alternative = \"greater\")$p.value");
    expectClose(v.lower, 0.478176249895019, "binom.test(5, 5)$conf.int[1]");
  });

  it("all wrong: p = 1 against chance, and the upper limit is exact on the items", () => {
    const allWrong = allRight.map((r) => ({ ...r, score: 0 }));
    const v = beatsChance(allWrong);
    expect(v.pValue).toBe(1);
    expectClose(v.upper, 0.30849710781877, "binom.test(0, 10)$conf.int[2]");
  });
});

describe("chance picked on principle, through beatsChance", () => {
  it("four-choice items with balanced keys: the exact binomial test at 25% (R binom.test(9, 20, 0.25, alternative = \"greater\"))", () => {
    const keys = "ABCD".repeat(5).split("");
    const records: RunRecord[] = keys.map((target, i) => ({ item: `q${i}`, condition: "A", score: i < 9 ? 1 : 0, target, answer: i < 9 ? target : "A", choices: 4 }));
    const v = beatsChance(records);
    expect(v).toMatchObject({ chance: 0.25, chanceKind: "uniform", method: "exact-binomial", chanceEstimated: false });
    expectClose(v.pValue, 0.0409251677065186, "binom.test(9, 20, 0.25, alternative = \"greater\")$p.value");
    expect(v.sentence).toContain("chance (25%, uniform over 4 options)");
  });

  it("free-text targets: majority does not apply, and the verdict says why", () => {
    const records: RunRecord[] = ["12", "7", "42", "3.5", "100", "19", "8", "64"].map((target, i) => ({ item: `q${i}`, condition: "A", score: i % 2, target, answer: i % 2 ? target : "0" }));
    const v = beatsChance(records);
    expect(v.baselines.majority).toBeUndefined();
    expect(v.chanceReasons.find((r) => r.kind === "majority")).toMatchObject({ applies: false, why: "the targets are not a closed label set (8 distinct in 8 items; labels must repeat)" });
    expect(() => beatsChance(records, { chance: "majority" })).toThrow(/chance "majority" does not apply to these records: the targets are not a closed label set/);
  });
});

describe("a permutation p-value states its resolution", () => {
  it("against the marginal baseline the sentence says how many permutations and the smallest p they allow", () => {
    const v = beatsChance(fx.single.records, { chance: "marginal", resamples: 999, seed: 3 });
    expect(v.permutations).toBe(999);
    expect(v.sentence).toContain("one-sided permutation p = 0.001 (999 permutations; none below 0.001).");
  });
});
