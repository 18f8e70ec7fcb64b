import { describe, expect, it } from "vitest";
import { compareAll } from "../../src/analysis/compareAll.js";
import { expectClose } from "../helpers/close.js";
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
