import { describe, expect, it } from "vitest";
import { estimateRate } from "../../src/analysis/estimateRate.js";
import { itemScores } from "../../src/analysis/itemScores.js";
import { summarize } from "../../src/analysis/summarize.js";
import type { RunRecord } from "../../src/runs/record.js";
import { expectClose } from "../helpers/close.js";
import { fx } from "./fixture.js";

describe("summarize (against R, test/fixtures/r/analysis.R)", () => {
  const rows = summarize([...fx.single.records, ...fx.repeated.records]);

  it("uses Clopper–Pearson for one binary answer per item (R binom.test)", () => {
    const r = rows.find((x) => x.group === "single")!;
    expect(r).toMatchObject({ items: 120, samplesPerItem: 1, method: "clopper-pearson", records: 120, errors: 0, refusals: 0 });
    expectClose(r.accuracy, fx.single.successes / fx.single.n, "accuracy");
    expectClose(r.lower, fx.single.clopperPearson[0], "lower");
    expectClose(r.upper, fx.single.clopperPearson[1], "upper");
  });

  it("uses Korn–Graubard with clusters as units for 0/1 repeats in clusters (R svyciprop beta, effective size in [C, n])", () => {
    const r = rows.find((x) => x.group === "repeated")!;
    const kg = fx.repeatedKornGraubard.clusters;
    expect(r).toMatchObject({ items: 60, samplesPerItem: 5, method: "korn-graubard", clusters: 6, df: 5 });
    expectClose(r.accuracy, kg.estimate, "accuracy");
    expectClose(r.se, kg.se, "se");
    expectClose(r.lower, kg.lower, "lower");
    expectClose(r.upper, kg.upper, "upper");
    expect(r.warnings).toEqual(["only 6 clusters (fewer than 20): the interval rests on 6 cluster means"]);
  });

  it("uses Korn–Graubard with items as units for 0/1 repeats without clusters", () => {
    const noClusters = fx.repeated.records.map(({ cluster: _c, ...r }) => r);
    const [r] = summarize(noClusters);
    const kg = fx.repeatedKornGraubard.items;
    expect(r).toMatchObject({ method: "korn-graubard", df: 59 });
    expectClose(r.se, kg.se, "se");
    expectClose(r.lower, kg.lower, "lower");
    expectClose(r.upper, kg.upper, "upper");
  });

  it("groups by model, cluster or a function", () => {
    const byCluster = summarize(fx.repeated.records, { by: "cluster" });
    expect(byCluster.map((r) => r.group)).toEqual(["s1", "s2", "s3", "s4", "s5", "s6"]);
    expect(byCluster.every((r) => r.method === "korn-graubard" && r.items === 10)).toBe(true);
    for (const r of byCluster) expectClose(r.lower, fx.repeatedKornGraubard.perCluster[r.group].lower, `${r.group} lower`);
    expect(summarize(fx.single.records, { by: "model" })[0].group).toBe("(none)");
    expect(summarize(fx.single.records, { by: (r) => (Number(r.item) <= 60 ? "first" : "second") }).map((r) => r.items)).toEqual([60, 60]);
  });

  it("reports errors and refusals per group and applies the rules", () => {
    const records: RunRecord[] = [
      { item: "a", condition: "A", score: 1 },
      { item: "b", condition: "A", score: 1, refused: true },
      { item: "c", condition: "A", score: 0, error: "timeout" },
      { item: "d", condition: "A", score: 1 },
    ];
    const [r] = summarize(records);
    expect(r).toMatchObject({ items: 3, records: 4, errors: 1, refusals: 1, refusalRate: 1 / 3 });
    expectClose(r.accuracy, 2 / 3, "accuracy");
    expect(summarize(records, { refusals: "exclude", errors: "wrong" })[0]).toMatchObject({ items: 3, accuracy: 2 / 3 });
  });

  it("rejects a bad grouping and bad options", () => {
    expect(() => summarize(fx.single.records, { by: "temperature" as "model" })).toThrow(/by must be "condition", "model", "cluster" or a function, got "temperature"/);
    expect(() => summarize(fx.single.records, { by: () => "" })).toThrow(/by must return a non-empty string/);
    expect(() => summarize(fx.single.records, { level: 95 })).toThrow(/level must be strictly between 0 and 1, got 95/);
    expect(() => summarize([])).toThrow(/at least one record/);
  });
});

describe("estimateRate", () => {
  it("needs two items for a standard error from item means", () => {
    expect(() => estimateRate(itemScores([{ item: "a", condition: "A", score: 0.5 }]))).toThrow(/at least 2 items, got 1/);
    expect(() => estimateRate([])).toThrow(/no scored items/);
  });
});
