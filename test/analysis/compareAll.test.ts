import { describe, expect, it } from "vitest";
import { compareAll } from "../../src/analysis/compareAll.js";
import { compareConditions } from "../../src/analysis/compareConditions.js";
import type { RunRecord } from "../../src/runs/record.js";
import type { Cell } from "../../validate/designs.js";
import { cellModel, cellStream, simulateRecords } from "../../validate/simulate.js";
import { expectClose, loadFixture, missesOf } from "../helpers/close.js";
import { fx } from "./fixture.js";

describe("compareAll (against R t.test(paired = TRUE) and p.adjust)", () => {
  const f = { ...fx.compareAll, ...fx.compareAllPairedT };

  it("compares every condition with the baseline and adjusts by Holm", () => {
    const all = compareAll(f.records, { baseline: "t0" });
    expect(all.map((c) => c.treatment)).toEqual(["t1", "t2", "t3"]);
    all.forEach((c, i) => {
      expect(c).toMatchObject({ baseline: "t0", paired: true, method: "paired-t", correction: "holm" });
      expectClose(c.estimate, f.estimates[i], `estimate ${i}`);
      expectClose(c.pValue, f.raw[i], `raw p ${i}`);
      expectClose(c.adjustedPValue, f.holm[i], `holm ${i}`);
      expect(c.significantAdjusted).toBe(f.holm[i] < 0.05);
    });
  });

  it("takes another correction, or none", () => {
    const bonf = compareAll(f.records, { baseline: "t0", correction: "bonferroni" });
    bonf.forEach((c, i) => expectClose(c.adjustedPValue, f.bonferroni[i], `bonferroni ${i}`));
    compareAll(f.records, { baseline: "t0", correction: "none" }).forEach((c, i) => expectClose(c.adjustedPValue, f.raw[i], `none ${i}`));
  });

  it("rejects an unknown baseline or correction", () => {
    expect(() => compareAll(f.records, { baseline: "t9" })).toThrow(/baseline "t9" is not a condition of these records; they have "t0", "t1", "t2", "t3"/);
    expect(() => compareAll(f.records, { baseline: "t0", correction: "fdr" as "bh" })).toThrow(/correction must be one of .*got "fdr"/);
    expect(() => compareAll(f.records.filter((r) => r.condition === "t0"), { baseline: "t0" })).toThrow(/only the baseline/);
  });
});

/** A family of test/fixtures/r/all-pairs.R: pairs (higher, lower) in accuracy order, with R's numbers. */
interface Family {
  call: string;
  records: RunRecord[];
  order: string[];
  accuracy: number[];
  higher: string[];
  lower: string[];
  estimates: number[];
  raw: number[];
  holm: number[];
  bonferroni: number[];
  hochberg: number[];
  hommel: number[];
  bh: number[];
  simultaneousLower?: number[];
  simultaneousUpper?: number[];
  letters: Record<string, string>;
}
const { graded, binary } = loadFixture<{ graded: Family; binary: Family }>("all-pairs.json");
const METHODS = ["holm", "bonferroni", "hochberg", "hommel", "bh"] as const;

describe("compareAll with pairs: \"all\" (against R t.test, binom.test, p.adjust and multcompLetters)", () => {
  it("graded scores: every pair by paired t, adjusted five ways, Bonferroni simultaneous intervals (R t.test conf.level = 1 − 0.05/6)", () => {
    const r = compareAll(graded.records, { pairs: "all" });
    expect(r.conditions.map((c) => c.condition)).toEqual(graded.order);
    r.conditions.forEach((c, i) => expectClose(c.accuracy, graded.accuracy[i], `accuracy ${c.condition}`));
    expect(r.comparisons.map((c) => [c.treatment, c.baseline])).toEqual(graded.higher.map((h, k) => [h, graded.lower[k]]));
    expect(r).toMatchObject({ pairs: "all", correction: "holm", alpha: 0.05, level: 0.95, intervalMethod: "bonferroni", independentPairs: 0 });
    expectClose(r.simultaneousPairLevel, 1 - 0.05 / 6, "pair level");
    const misses = r.comparisons.flatMap((c, k) => {
      expect(c.method).toBe("paired-t");
      return missesOf(graded.call, [
        [`estimate ${k}`, c.estimate, graded.estimates[k]],
        [`p ${k}`, c.pValue, graded.raw[k]],
        [`holm ${k}`, c.adjustedPValue, graded.holm[k]],
        [`simultaneous lower ${k}`, c.simultaneousLower, graded.simultaneousLower![k]],
        [`simultaneous upper ${k}`, c.simultaneousUpper, graded.simultaneousUpper![k]],
      ]);
    });
    expect(misses).toEqual([]);
    // The pair's own interval stays at 95%, inside the family's wider one.
    r.comparisons.forEach((c) => expect(c.simultaneousLower < c.lower && c.upper < c.simultaneousUpper).toBe(true));
    for (const method of METHODS) {
      const adjusted = compareAll(graded.records, { pairs: "all", correction: method }).comparisons.map((c) => c.adjustedPValue);
      expect(missesOf(`${graded.call} (${method})`, adjusted.map((p, k) => [`${method} ${k}`, p, graded[method][k]] as const))).toEqual([]);
    }
    expect(r.conditions.map((c) => c.letters)).toEqual(graded.order.map((c) => graded.letters[c]));
    expect(r.groups).toEqual([["A", "B"], ["D", "C"]]);
    expect(r.sentence).toBe("A and B are ahead of D and C after Holm's adjustment (α = 0.05): every difference between the groups is significant; within each group the order is not decisive.");
  });

  it("one 0/1 answer per item: McNemar exact on every pair (R binom.test), overlapping tie groups, and the simultaneous interval is compareConditions at 1 − 0.05/6", () => {
    const r = compareAll(binary.records, { pairs: "all" });
    expect(r.conditions.map((c) => c.condition)).toEqual(binary.order);
    const misses = r.comparisons.flatMap((c, k) => {
      expect([c.treatment, c.baseline, c.method]).toEqual([binary.higher[k], binary.lower[k], "mcnemar-exact, tango interval"]);
      const family = compareConditions(binary.records, { baseline: c.baseline, treatment: c.treatment, level: 1 - 0.05 / 6 });
      expect([c.simultaneousLower, c.simultaneousUpper]).toEqual([family.lower, family.upper]);
      return missesOf(binary.call, [[`estimate ${k}`, c.estimate, binary.estimates[k]], [`p ${k}`, c.pValue, binary.raw[k]]]);
    });
    expect(misses).toEqual([]);
    for (const method of METHODS) {
      const adjusted = compareAll(binary.records, { pairs: "all", correction: method }).comparisons.map((c) => c.adjustedPValue);
      expect(missesOf(`${binary.call} (${method})`, adjusted.map((p, k) => [`${method} ${k}`, p, binary[method][k]] as const))).toEqual([]);
    }
    expect(r.conditions.map((c) => c.letters)).toEqual(["a", "ab", "ab", "b"]);
    expect(r.conditions.map((c) => c.letters)).toEqual(binary.order.map((c) => binary.letters[c]));
    expect(r.sentence).toBe("Z is ahead of W after Holm's adjustment (α = 0.05), the only significant one of the six pairwise differences; the rest are not decisive (tie groups: Z, Y and X (a); Y, X and W (b)).");
    // Bonferroni agrees here (6 × 0.0056 < 0.05), and its interval for Z − W is the one that excludes zero.
    const bonf = compareAll(binary.records, { pairs: "all", correction: "bonferroni" });
    expect(bonf.comparisons.filter((c) => c.significantAdjusted).map((c) => `${c.treatment}-${c.baseline}`)).toEqual(["Z-W"]);
    expect(bonf.comparisons.filter((c) => c.simultaneousLower > 0 || c.simultaneousUpper < 0).map((c) => `${c.treatment}-${c.baseline}`)).toEqual(["Z-W"]);
    const none = compareAll(binary.records, { pairs: "all", correction: "bh", alpha: 0.01 });
    expect(none.sentence).toBe("None of the six pairwise differences among Z, Y, X and W is significant after the Benjamini–Hochberg false-discovery-rate adjustment (α = 0.01) — the ranking is not decisive.");
  });

  it("the sentence when nothing differs, for two conditions, and when every pair differs", () => {
    const tied = graded.records.filter((r) => r.condition === "A" || r.condition === "B");
    const two = compareAll(tied, { pairs: "all" });
    expect(two.comparisons).toHaveLength(1);
    expect(two.simultaneousPairLevel).toBe(0.95);
    expect([two.comparisons[0].simultaneousLower, two.comparisons[0].simultaneousUpper]).toEqual([two.comparisons[0].lower, two.comparisons[0].upper]);
    expect(two.sentence).toBe("The difference between A and B includes zero (95% simultaneous intervals, Bonferroni; not significant after Holm's adjustment, α = 0.05) — the order is not decisive.");
    const close = graded.records.filter((r) => r.condition !== "D").map((r) => (r.condition === "C" ? { ...r, condition: "E", score: Math.min(1, r.score + 0.1) } : r));
    const three = compareAll(close, { pairs: "all" });
    expect(three.conditions.every((c) => c.letters === "a")).toBe(true);
    expect(three.sentence).toBe("All three pairwise differences among A, B and E include zero (95% simultaneous intervals, Bonferroni; none significant after Holm's adjustment, α = 0.05) — the ranking is not decisive.");
    const apart = graded.records.map((r) => ({ ...r, score: Math.min(1, Math.max(0, r.score + { A: 0.3, B: 0.15, C: -0.15, D: 0 }[r.condition as "A"]!)) }));
    expect(compareAll(apart, { pairs: "all" }).sentence).toBe("All six pairwise differences are significant after Holm's adjustment (α = 0.05): the order A > B > D > C is decisive.");
  });

  it("counts the pairs that fell back to independent samples (no shared items)", () => {
    const renamed = graded.records.map((r) => (r.condition === "D" ? { ...r, item: `d${r.item}` } : r));
    const r = compareAll(renamed, { pairs: "all" });
    expect(r.independentPairs).toBe(3);
    expect(r.comparisons.filter((c) => !c.paired).map((c) => c.method)).toEqual(["welch-t", "welch-t", "welch-t"]);
    expect(r.comparisons.find((c) => !c.paired)!.warnings[0]).toMatch(/^no item pairs across the two conditions/);
  });

  it("rejects what has no meaning for all pairs", () => {
    expect(() => compareAll(graded.records, { pairs: "all", baseline: "A" })).toThrow(/baseline "A" has no role when every pair is compared \(pairs "all"\)/);
    expect(() => compareAll(graded.records, { pairs: "all", alternative: "greater" })).toThrow(/alternative must be "two-sided" when every pair is compared.*got "greater"/);
    expect(() => compareAll(graded.records.filter((r) => r.condition === "A"), { pairs: "all" })).toThrow(/records hold only one condition \("A"\); all pairs need at least two/);
    expect(() => compareAll(graded.records, { pairs: "some" as "all" })).toThrow(/pairs must be one of "baseline", "all", got "some"/);
    expect(() => compareAll(graded.records, { pairs: "all", correction: "fdr" as "bh" })).toThrow(/correction must be one of .*got "fdr"/);
    const errored = [...graded.records, { item: "1", condition: "Q", score: 0, error: "timeout" }];
    expect(() => compareAll(errored, { pairs: "all" })).toThrow(/condition "Q" has no scored records/);
    expect(() => compareAll(graded.records, { pairs: "all", level: 1.5 })).toThrow(/level must be/);
  });
});

describe("compareAll with pairs: \"all\" keeps the family-wise error (seeded simulation)", () => {
  it("four conditions of equal true accuracy, paired items, one answer each: any Holm-adjusted pair significant ≤ α + 2 MC SE", () => {
    // validate/simulate.ts: logit p = μ + item effect, the item effect correlated 0.5 across conditions.
    const cell: Cell = { id: "compareAll all pairs fwer", design: "compare-all", items: 60, samples: 1, clusters: 0, icc: 0, pairCorrelation: 0.5, rates: [0.7, 0.7, 0.7, 0.7] };
    const model = cellModel(cell);
    const stream = cellStream(cell, "test ");
    const reps = 400;
    let familyErrors = 0;
    let rawErrors = 0;
    for (let rep = 0; rep < reps; rep++) {
      const r = compareAll(simulateRecords(model, stream), { pairs: "all" });
      if (r.comparisons.some((c) => c.significantAdjusted)) familyErrors++;
      if (r.comparisons.some((c) => c.pValue < 0.05)) rawErrors++;
    }
    const alpha = 0.05;
    const fwer = familyErrors / reps;
    expect(fwer).toBeLessThanOrEqual(alpha + 2 * Math.sqrt((alpha * (1 - alpha)) / reps));
    // Without the adjustment six tests at 5% err more often: the check above has something to catch.
    expect(rawErrors).toBeGreaterThan(familyErrors);
  }, 20_000);
});
