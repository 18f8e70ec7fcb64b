import { describe, expect, it } from "vitest";
import { compareConditions, conditionItems } from "../../src/analysis/compareConditions.js";
import { alignItems } from "../../src/analysis/itemScores.js";
import { pairedDifference } from "../../src/stats/pairedDifference.js";
import { loadRuns } from "../../src/runs/loadRuns.js";
import type { RunRecord } from "../../src/runs/record.js";
import { expectClose } from "../helpers/close.js";
import { fx } from "./fixture.js";

/** gpt-4 at temperature 0.0 and 1.0: the same 100 questions × 10 samples, clustered by Source. */
function loadTemperatureRuns(): Promise<RunRecord[]> {
  const dir = new URL("../../../shared/real-runs/llm-temperature/", import.meta.url).pathname;
  const files = ["0.0", "1.0"].map((t) => `${dir}gpt-4 - chain_of_thought - comprehensive-100 - temp-${t}.csv`);
  return loadRuns(files, {
    columns: { item: "Problem ID", cluster: "Source", error: "Error" },
    conditionPattern: /temp-([\d.]+)\.csv$/,
    repeats: { answers: /^Answer \d+$/, key: "Correct Answer" },
    onNote: () => {},
  });
}

describe("compareConditions (against R, test/fixtures/r/analysis.R)", () => {
  it("paired single binary answers: McNemar exact, Tango interval, dropped items counted", () => {
    const f = fx.pairedBinary;
    const r = compareConditions(f.records, { baseline: "base", treatment: "treat" });
    expect(r).toMatchObject({ paired: true, items: 150, droppedItems: 3, baselineItems: 153, treatmentItems: 150, method: "mcnemar-exact, tango interval", significant: true });
    expectClose(r.estimate, f.estimate, "estimate");
    expectClose(r.pValue, f.pValue, "pValue");
    expectClose(r.lower, f.lower, "lower", 1e-7);
    expectClose(r.upper, f.upper, "upper", 1e-7);
    expectClose(r.se, f.se, "se");
    expectClose(r.correlation!, f.correlation, "correlation");
    expect(r.sentence).toBe(
      "treat − base = +13.3 pp (58.0% vs 44.7%; 95% CI +4.2 to +22.4 pp; paired on 150 items): two-sided McNemar exact p = 0.0066, significant at α = 0.05. 3 items under only one condition were left out. At this n, only a gap of 12.9 pp or more would be detected 80% of the time.",
    );
  });

  it("the gap is treatment − baseline: swapping them flips the sign and the interval", () => {
    const f = fx.pairedBinary;
    const r = compareConditions(f.records, { baseline: "treat", treatment: "base" });
    expectClose(r.estimate, -f.estimate, "estimate");
    expectClose(r.lower, -f.upper, "lower", 1e-7);
    expectClose(r.pValue, f.pValue, "pValue");
  });

  it("independent binary: Fisher exact and Newcombe's interval", () => {
    const f = fx.independentBinary;
    const r = compareConditions(f.records, { baseline: "old", treatment: "new" });
    expect(r).toMatchObject({ paired: false, items: 200, baselineItems: 90, treatmentItems: 110, droppedItems: 0, correlation: null, method: "fisher-exact, newcombe interval", significant: false });
    expectClose(r.estimate, f.estimate, "estimate");
    expectClose(r.lower, f.lower, "lower");
    expectClose(r.upper, f.upper, "upper");
    expectClose(r.pValue, f.pValue, "pValue");
    expectClose(r.se, f.se, "se");
  });

  it("independent graded scores: Welch t on item means (R t.test)", () => {
    const f = fx.independentGradedWelch;
    const r = compareConditions(fx.independentGraded.records, { baseline: "ga", treatment: "gb" });
    expect(r.method).toBe("welch-t");
    for (const k of ["estimate", "se", "lower", "upper", "pValue", "df"] as const) expectClose(r[k]!, f[k], k);
  });

  it("pairing: 'independent' overrides matching items", () => {
    const r = compareConditions(fx.pairedBinary.records, { baseline: "base", treatment: "treat", pairing: "independent" });
    expect(r.paired).toBe(false);
    expect(r.method).toBe("fisher-exact, newcombe interval");
  });

  it("real runs: gpt-4 at temperature 1.0 vs 0.0 (same 100 questions × 10 samples, clustered by Source): near the edge with 10 clusters, MOVER on the two rates' intervals (R mover() in analysis.R)", async () => {
    const f = fx.realTemperature;
    const records = await loadTemperatureRuns();
    const r = compareConditions(records, { baseline: "0.0", treatment: "1.0" });
    // ~80% right over 10 sources: 10 × 0.2 = 2 clusters' worth of wrong answers (< 5), so each rate
    // is exact on its clusters and the gap is their MOVER combination.
    expect(r).toMatchObject({ paired: true, items: f.items, droppedItems: f.dropped, method: "paired-mover-korn-graubard", clusters: 10 });
    expect(r.counts.baseline.errors).toBe(f.errors0);
    expect(r.counts.treatment.errors).toBe(f.errors1);
    const mover = fx.realTemperatureMover;
    for (const k of ["estimate", "lower", "upper", "correlation"] as const) expectClose(r[k]!, mover[k], `${mover.call} ${k}`);
    // R's uniroot stops at tol 1e-12 on log α: the p-values agree to that.
    expect(Math.abs(r.pValue - mover.pValue)).toBeLessThan(1e-9);
    expect(r.significant).toBe(false);
    expect(r.warnings).toEqual([
      "only 10 clusters (fewer than 20): the interval rests on 10 cluster means",
      "a rate near the edge with few clusters: each rate's interval is exact on its 10 clusters (conservative)",
    ]);
    expect(r.sentence).toMatch(/ Thin ground: only 10 clusters \(fewer than 20\).*exact on its 10 clusters \(conservative\)\.$/);
  });

  it("the CR2 paired t on the same real runs equals clubSandwich (pairedDifference, the method away from the edge)", async () => {
    const records = await loadTemperatureRuns();
    const { base, treat } = conditionItems(records, { baseline: "0.0", treatment: "1.0" });
    const { pairs } = alignItems(base, treat);
    const d = pairedDifference(pairs.map(([, t]) => t.mean), pairs.map(([b]) => b.mean), { clusters: pairs.map(([b]) => b.cluster!), vcov: "CR2", df: "satterthwaite" });
    const cr2 = fx.realTemperatureCR2;
    for (const k of ["estimate", "se", "lower", "upper", "pValue", "df"] as const) expectClose(d[k]!, cr2[k], `CR2 ${k}`);
  });

  it("clusters turn a binary paired comparison into the CR2 paired t", () => {
    const withClusters: RunRecord[] = fx.pairedBinary.records.map((r) => ({ ...r, cluster: `c${Number(r.item) % 5}` }));
    expect(compareConditions(withClusters, { baseline: "base", treatment: "treat" }).method).toBe("paired-t-cr2");
  });

  it("a gap without spread (every item right under one, wrong under the other) gets an exact sign test, never p = 0", () => {
    const records: RunRecord[] = [0, 1, 2, 3, 4, 5].flatMap((i) => [0, 1].flatMap((k) => [
      { item: `q${i}`, condition: "A", score: 0, sample: k },
      { item: `q${i}`, condition: "B", score: 1, sample: k },
    ]));
    const r = compareConditions(records, { baseline: "A", treatment: "B" });
    expect(r).toMatchObject({ method: "paired-sign-test", estimate: 1 });
    expectClose(r.pValue, 2 * 0.5 ** 6, "R binom.test(6, 6)$p.value");
    expect(r.warnings).toContain("every item's difference is the same: the gap shows no spread, so the test counts signs (exact)");
  });

  it("says so when no item pairs across the conditions (a key that differs by prompt text), and not when items pair", () => {
    const records: RunRecord[] = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((i) => [
      { item: `direct: q${i}`, condition: "A", score: i % 2 },
      { item: `cot: q${i}`, condition: "B", score: i < 6 ? 1 : 0 },
    ]);
    const r = compareConditions(records, { baseline: "A", treatment: "B" });
    expect(r.paired).toBe(false);
    expect(r.warnings[0]).toBe("no item pairs across the two conditions (8 and 8 items, none shared): compared as independent samples; if they are the same questions, key the items so they match");
    expect(r.sentence).toContain("Thin ground: no item pairs across the two conditions");
    expect(compareConditions(records, { baseline: "A", treatment: "B", pairing: "independent" }).warnings.join(" ")).not.toMatch(/pair across/);
    expect(compareConditions(fx.pairedBinary.records, { baseline: "base", treatment: "treat" }).warnings.join(" ")).not.toMatch(/pair across/);
  });

  it("rejects unknown conditions and bad options, naming them", () => {
    const recs = fx.pairedBinary.records;
    expect(() => compareConditions(recs, { baseline: "base", treatment: "nope" })).toThrow(/treatment "nope" is not a condition of these records; they have "base", "treat"/);
    expect(() => compareConditions(recs, { baseline: "base", treatment: "base" })).toThrow(/must differ/);
    expect(() => compareConditions(recs, { baseline: 3 as unknown as string, treatment: "treat" })).toThrow(/baseline must name a condition, got 3/);
    expect(() => compareConditions(recs, { baseline: "base", treatment: "treat", pairing: "matched" as "auto" })).toThrow(/pairing must be one of/);
    expect(() => compareConditions(recs, { baseline: "base", treatment: "treat", alpha: 0 })).toThrow(/alpha must be strictly between 0 and 1, got 0/);
    const errored: RunRecord[] = [...recs, { item: "1", condition: "broken", score: 0, error: "x" }];
    expect(() => compareConditions(errored, { baseline: "base", treatment: "broken" })).toThrow(/treatment "broken" has no scored records \(1 of 1 are errors\)/);
  });
});
