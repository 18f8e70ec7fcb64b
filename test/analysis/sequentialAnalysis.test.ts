/**
 * sequentialAnalysis: the walk over a file's items is the confidence sequence of src/stats run on
 * the item means in order of first appearance (checked against `confidenceSequence` and
 * `pairedGapConfidenceSequence` on the same numbers), and the decisions and saved calls follow from
 * the path by their definitions, on constructed data.
 */
import { describe, expect, it } from "vitest";
import { sequentialAgainstChance, sequentialDecision, sequentialGap } from "../../src/analysis/sequentialAnalysis.js";
import { confidenceSequence, pairedGapConfidenceSequence } from "../../src/stats/confidenceSequence.js";
import { createRandom } from "../../src/stats/random.js";
import type { RunRecord } from "../../src/runs/record.js";

/** Deterministic 0/1 scores: item i, sample s, with success rate p. */
function draws(n: number, k: number, p: number, seed: number): number[][] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => Array.from({ length: k }, () => (random.next() < p ? 1 : 0)));
}

describe("sequentialAgainstChance", () => {
  // 80 items × 2 samples, 4 options; the second samples come after all the first ones, so an
  // item's mean uses records far apart in the file, and the order is still that of first appearance.
  const scores = draws(80, 2, 0.45, 7);
  const records: RunRecord[] = [0, 1].flatMap((s) => scores.map((row, i) => ({ item: `q${String(79 - i).padStart(2, "0")}`, condition: "A", score: row[s], sample: s, choices: 4 })));
  const analysis = sequentialAgainstChance(records);

  it("is confidenceSequence(greater, chance = 1/options) on the item means in order of first appearance", () => {
    const means = scores.map((row) => (row[0] + row[1]) / 2);
    const path = confidenceSequence(means, { alternative: "greater", nullValue: 0.25 });
    expect(analysis.nullValue).toBe(0.25);
    expect(analysis.chanceKind).toBe("uniform");
    expect(analysis.steps.map((s) => s.item)).toEqual(scores.map((_, i) => `q${String(79 - i).padStart(2, "0")}`));
    expect(analysis.steps.map((s) => s.estimate)).toEqual(path.estimate);
    expect(analysis.steps.map((s) => s.lower)).toEqual(path.lower);
    expect(analysis.steps.map((s) => s.upper)).toEqual(path.upper);
    expect(analysis.steps.map((s) => s.pValue)).toEqual(path.pValue);
  });

  it("decides at the first item whose lower bound passes chance, and counts the calls after it as saved", () => {
    const first = analysis.steps.findIndex((s) => s.lower > 0.25) + 1;
    expect(first).toBeGreaterThan(1);
    expect(analysis.decidedAt).toBe(first);
    expect(analysis.decision).toBe("excludes");
    expect(analysis.decisionLabel).toBe("decided: excludes chance");
    // 2 samples per item, one condition.
    expect(analysis.calls).toBe(160);
    expect(analysis.callsSaved).toBe((80 - first) * 2);
    expect(analysis.sentence).toMatch(new RegExp(`excluded chance at item ${first}, where stopping would have saved ${(80 - first) * 2} of 160 calls`));
  });

  it("takes a given chance rate, and refuses one estimated from the items", () => {
    const given = sequentialAgainstChance(records, { chance: 0.4 });
    expect(given.chanceKind).toBe("given");
    expect(given.steps.map((s) => s.pValue)).toEqual(confidenceSequence(scores.map((r) => (r[0] + r[1]) / 2), { alternative: "greater", nullValue: 0.4 }).pValue);
    const free = records.map(({ choices: _, ...r }) => ({ ...r, target: `${r.item} answer` }));
    expect(() => sequentialAgainstChance(free)).toThrow(/chance "uniform" does not apply/);
    expect(() => sequentialAgainstChance(records, { chance: "majority" as never })).toThrow(/chance must be a number in \(0, 1\) or "uniform"/);
  });

  it("names the condition when there are several, and checks its options", () => {
    const two = [...records, { item: "x", condition: "B", score: 1, choices: 4 }];
    expect(() => sequentialAgainstChance(two)).toThrow(/2 conditions \("A", "B"\); name one as condition/);
    expect(sequentialAgainstChance(two, { condition: "A" }).items).toBe(80);
    expect(() => sequentialAgainstChance(two, { condition: "C" })).toThrow(/condition "C" is not in the records/);
    expect(() => sequentialAgainstChance(records, { margin: 1 })).toThrow(/margin must be a number in \[0, 1\), got 1/);
    expect(() => sequentialAgainstChance(records, { alpha: 0 })).toThrow(/alpha/);
  });
});

describe("sequentialGap", () => {
  const base = draws(120, 3, 0.6, 11);
  const treat = draws(120, 3, 0.62, 12);
  // Treatment's records first, in reverse item order; baseline's after, in item order; item 0 is
  // missing from baseline, and one treatment record errored (left out of the score, still a call).
  const records: RunRecord[] = [
    ...treat.flatMap((row, i) => row.map((score, s) => ({ item: `i${119 - i}`, condition: "T", score, sample: s }))).map((r, j) => (j === 5 ? { ...r, error: "timeout", score: 0 } : r)),
    ...base.flatMap((row, i) => (i === 0 ? [] : row.map((score, s) => ({ item: `i${i}`, condition: "B", score, sample: s })))),
    { item: "other", condition: "C", score: 1 },
  ];
  const analysis = sequentialGap(records, { baseline: "B", treatment: "T", margin: 0.05 });

  it("is pairedGapConfidenceSequence on treatment − baseline item means, over items both answered, in order of first appearance", () => {
    const order = treat.map((_, i) => 119 - i).filter((i) => i !== 0);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // Record 5 is treatment item i118's third sample (rows of 3: i119 s0–s2, i118 s0–s2).
    const treatMean = (i: number) => (i === 118 ? mean(treat[1].slice(0, 2)) : mean(treat[119 - i]));
    const differences = order.map((i) => treatMean(i) - mean(base[i]));
    const path = pairedGapConfidenceSequence(differences);
    expect(analysis.steps.map((s) => s.item)).toEqual(order.map((i) => `i${i}`));
    expect(analysis.items).toBe(119);
    for (const key of ["estimate", "lower", "upper", "pValue"] as const) {
      analysis.steps.forEach((s, t) => expect(s[key]).toBeCloseTo(path[key][t], 12));
    }
    expect(analysis.alternative).toBe("two-sided");
    // Every record of the 119 paired items under B and T is a call, the errored one included.
    expect(analysis.calls).toBe(119 * 6);
  });

  it("reports each step's decision by the rule, and the first one as the run's", () => {
    for (const s of analysis.steps) expect(s.decision).toBe(sequentialDecision(s, { nullValue: 0, margin: 0.05 }));
    const first = analysis.steps.find((s) => s.decision !== "undecided");
    expect(analysis.decidedAt).toBe(first?.items);
    if (first === undefined) {
      expect(analysis.decisionLabel).toBe("undecided");
      expect(analysis.callsSaved).toBe(0);
    }
  });

  it("refuses conditions that are not there or the same, and pairs with nothing in common", () => {
    expect(() => sequentialGap(records, { baseline: "B", treatment: "X" })).toThrow(/treatment "X" is not in the records/);
    expect(() => sequentialGap(records, { baseline: "B", treatment: "B" })).toThrow(/must differ/);
    expect(() => sequentialGap(records, { baseline: "B", treatment: "C" })).toThrow(/no item is scored under both "B" and "C"/);
  });
});

describe("decisions on constructed data", () => {
  it("sequentialDecision: excludes beats within-margin; a margin of 0 never settles", () => {
    expect(sequentialDecision({ lower: 0.01, upper: 0.3 }, { nullValue: 0, margin: 0.02 })).toBe("excludes");
    expect(sequentialDecision({ lower: -0.3, upper: -0.01 }, { nullValue: 0, margin: 0.02 })).toBe("excludes");
    expect(sequentialDecision({ lower: 0.005, upper: 0.015 }, { nullValue: 0, margin: 0.02 })).toBe("excludes");
    expect(sequentialDecision({ lower: -0.015, upper: 0.012 }, { nullValue: 0, margin: 0.02 })).toBe("within-margin");
    expect(sequentialDecision({ lower: -0.015, upper: 0.012 }, { nullValue: 0, margin: 0 })).toBe("undecided");
    expect(sequentialDecision({ lower: -0.03, upper: 0.012 }, { nullValue: 0, margin: 0.02 })).toBe("undecided");
    // A one-sided sequence's upper bound is 1: it can only exclude.
    expect(sequentialDecision({ lower: 0.2, upper: 1 }, { nullValue: 0.25, margin: 0.02 })).toBe("undecided");
    expect(sequentialDecision({ lower: 0.26, upper: 1 }, { nullValue: 0.25, margin: 0.02 })).toBe("excludes");
  });

  it("identical conditions settle within the margin; the saved calls are items left × 2 conditions × K", () => {
    const n = 600;
    const same = draws(n, 2, 0.7, 3);
    const records: RunRecord[] = ["B", "T"].flatMap((condition) => same.flatMap((row, i) => row.map((score, s) => ({ item: `q${i}`, condition, score, sample: s }))));
    const analysis = sequentialGap(records, { baseline: "B", treatment: "T", margin: 0.1 });
    // Every difference is 0: the interval closes in on 0 and first lies inside ±10 pp at the item below.
    const path = pairedGapConfidenceSequence(new Array(n).fill(0));
    const first = path.lower.findIndex((lo, t) => lo >= -0.1 && path.upper[t] <= 0.1) + 1;
    expect(first).toBeGreaterThan(1);
    expect(analysis.decision).toBe("within-margin");
    expect(analysis.decisionLabel).toBe("settled: within ±10.0 pp");
    expect(analysis.decidedAt).toBe(first);
    expect(analysis.callsSaved).toBe((n - first) * 2 * 2);
    expect(analysis.sentence).toMatch(/settled within ±10\.0 pp at item/);
  });

  it("a file read while it grows gives the same steps for the items already complete", () => {
    const rows = draws(100, 1, 0.8, 5);
    const records: RunRecord[] = rows.map((row, i) => ({ item: `q${i}`, condition: "A", score: row[0], choices: 2 }));
    const full = sequentialAgainstChance(records);
    const half = sequentialAgainstChance(records.slice(0, 50));
    expect(half.steps).toEqual(full.steps.slice(0, 50));
  });

  it("warns when the items come in clusters, which the sequence treats as independent, and not otherwise", () => {
    const records = Array.from({ length: 120 }, (_, i) => ({ item: `q${i % 60}`, condition: i < 60 ? "A" : "B", score: (i * 7) % 3 === 0 ? 0 : 1, cluster: `c${i % 6}` }));
    const clustered = sequentialGap(records, { baseline: "A", treatment: "B" });
    expect(clustered.warnings).toEqual(["the items come in 6 clusters, and the sequence treats items as independent: when clusters differ, its interval is too narrow"]);
    const plain = sequentialGap(records.map(({ cluster, ...r }) => r), { baseline: "A", treatment: "B" });
    expect(plain.warnings).toEqual([]);
    expect(sequentialAgainstChance(records.filter((r) => r.condition === "A"), { chance: 0.5 }).warnings).toHaveLength(1);
  });
});
