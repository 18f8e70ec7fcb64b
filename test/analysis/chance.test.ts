import { describe, expect, it } from "vitest";
import { chanceBaseline, majorityChance, marginalChance, uniformChance } from "../../src/analysis/chance.js";
import { itemScores, type ItemScore } from "../../src/analysis/itemScores.js";
import { marginalChanceTest } from "../../src/analysis/marginalChanceTest.js";
import type { RunRecord } from "../../src/runs/record.js";
import { expectClose } from "../helpers/close.js";

/** Items from (answers, target) pairs; score = answer matches target. */
function items(rows: [string[], string][], over: Partial<RunRecord> = {}): ItemScore[] {
  const records: RunRecord[] = rows.flatMap(([answers, target], i) =>
    answers.map((answer, k) => ({ item: `q${i}`, condition: "A", score: answer === target ? 1 : 0, sample: k, answer, target, ...over })),
  );
  return itemScores(records);
}

/** Every permutation of 0..n-1 (Heap's algorithm), for exact enumeration. */
function* permutations(n: number): Generator<number[]> {
  const a = Array.from({ length: n }, (_, i) => i);
  const c = new Array(n).fill(0);
  yield a.slice();
  let i = 0;
  while (i < n) {
    if (c[i] < i) {
      const j = i % 2 === 0 ? 0 : c[i];
      [a[j], a[i]] = [a[i], a[j]];
      yield a.slice();
      c[i]++;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

/** Score of a shuffle: answers of item perm[i] judged against target i (mean over items of the share right). */
function shuffledScore(rows: [string[], string][], perm: number[]): number {
  return rows.reduce((acc, [, target], i) => {
    const answers = rows[perm[i]][0];
    return acc + answers.filter((a) => a === target).length / answers.length;
  }, 0) / rows.length;
}

// Six items, uneven repeats, an answer ("D") that is never a key and an empty answer.
const ROWS: [string[], string][] = [
  [["A", "A", "B"], "A"],
  [["B"], "B"],
  [["A", "C"], "C"],
  [["D", ""], "A"],
  [["C", "C", "C", "A"], "B"],
  [["A"], "A"],
];

describe("uniform, majority and marginal chance", () => {
  it("uniform is the mean of 1/choices", () => {
    expectClose(uniformChance(items([[["A"], "A"], [["B"], "C"]]).map((s, i) => ({ ...s, choices: i === 0 ? 4 : 5 })))!, (1 / 4 + 1 / 5) / 2, "uniform");
  });

  it("uniform is 0.5 for two-way targets and undefined without choices or two-way targets", () => {
    expect(uniformChance(items([[["yes"], "yes"], [["no"], "no"], [["no"], "yes"]]))).toBe(0.5);
    expect(uniformChance(items(ROWS))).toBeUndefined();
  });

  it("majority is the share of the most common key", () => {
    expect(majorityChance(items(ROWS))).toBe(3 / 6);
    expect(majorityChance(itemScores([{ item: "a", condition: "A", score: 1 }]))).toBeUndefined();
  });

  it("marginal equals the mean score over every shuffle of answers across items (exact enumeration, 720 permutations)", () => {
    let sum = 0;
    let count = 0;
    for (const perm of permutations(ROWS.length)) {
      sum += shuffledScore(ROWS, perm);
      count++;
    }
    expect(count).toBe(720);
    expectClose(marginalChance(items(ROWS))!, sum / count, "marginal");
  });

  it("marginal needs targets and answers", () => {
    expect(marginalChance(itemScores([{ item: "a", condition: "A", score: 1, target: "A" }]))).toBeUndefined();
  });
});

describe("chanceBaseline", () => {
  it("auto takes majority over a closed label set, flagged as estimated, and lists every baseline with its reason", () => {
    const s = items(ROWS); // 6 items, keys A A C A B A... 3 labels: a closed set
    const b = chanceBaseline(s);
    expect(b.baselines.majority).toBe(0.5);
    // by hand: P(answer) A 29/72, B 16/72, C 15/72; keys A 1/2, B 1/3, C 1/6 → 0.3101852
    expectClose(b.baselines.marginal!, (29 / 72) * (1 / 2) + (16 / 72) * (1 / 3) + (15 / 72) * (1 / 6), "marginal");
    expect(b).toMatchObject({ chance: 0.5, chanceKind: "majority", estimated: true, majorityLabel: "a", clause: 'majority key "a", estimated' });
    expect(b.chanceReasons.map((r) => [r.kind, r.applies])).toEqual([["uniform", false], ["majority", true], ["marginal", false]]);
    expect(b.chanceReasons[0].why).toBe("no item names its options and the targets do not take two values");
    expect(b.chanceReasons[2].why).toMatch(/^never above majority/);
  });

  it("known option counts first: balanced four-choice keys give uniform 25% (a tie with majority goes to the exact baseline)", () => {
    const keys = ["A", "B", "C", "D", "A", "B", "C", "D"];
    const s = items(keys.map((k) => [["A"], k])).map((x) => ({ ...x, choices: 4 }));
    const b = chanceBaseline(s);
    expect(b.baselines).toMatchObject({ uniform: 0.25, majority: 0.25 });
    expect(b).toMatchObject({ chance: 0.25, chanceKind: "uniform", estimated: false, clause: "uniform over 4 options" });
    expect(b.chanceReasons[0].why).toBe("every item names its options (4)");
  });

  it("unbalanced keys with known options: 1/options, the known baseline, with majority listed as passed over", () => {
    const s = items(ROWS).map((x) => ({ ...x, choices: 4 }));
    const b = chanceBaseline(s);
    expect(b).toMatchObject({ chance: 0.25, chanceKind: "uniform", clause: "uniform over 4 options" });
    expect(b.chanceReasons[1]).toMatchObject({ kind: "majority", value: 0.5, applies: false });
    expect(chanceBaseline(s, "majority")).toMatchObject({ chance: 0.5, chanceKind: "majority" });
  });

  it("unbalanced keys without known options: majority, when it is above uniform", () => {
    expect(chanceBaseline(items(ROWS))).toMatchObject({ chance: 0.5, chanceKind: "majority" });
  });

  it("free-text targets: majority does not apply, and says why", () => {
    const s = items(["12", "7", "42", "3.5", "100", "12"].map((t) => [["12"], t]));
    const b = chanceBaseline(s);
    expect(b.baselines.majority).toBeUndefined();
    expect(b.chanceReasons[1]).toMatchObject({ kind: "majority", applies: false, why: "the targets are not a closed label set (5 distinct in 6 items; labels must repeat)" });
    expect(b).toMatchObject({ chance: 0.5, chanceKind: "uniform", clause: "uniform, two options assumed" });
  });

  it("marginal is never picked by auto, even when it ties majority", () => {
    // answers all "A" on keys A, A, A, B, B, B: marginal = P(key A) = 1/2 = majority.
    const s = items(["A", "A", "A", "B", "B", "B"].map((t) => [["A"], t]));
    const b = chanceBaseline(s);
    expectClose(b.baselines.marginal!, 0.5, "marginal");
    expect(b.chanceKind).toBe("uniform"); // uniform 1/2 (two targets) ties majority 1/2: the exact baseline wins
    expect(b.chanceReasons[2]).toMatchObject({ kind: "marginal", applies: false });
  });

  it("labels are folded: \"Yes\" and \"yes \" are one label", () => {
    expect(uniformChance(items([[["yes"], "Yes"], [["no"], "no"], [["no"], "yes "]]))).toBe(0.5);
  });

  it("auto falls back to 0.5 (uniform) when nothing is known", () => {
    expect(chanceBaseline(itemScores([{ item: "a", condition: "A", score: 1 }]))).toMatchObject({ chance: 0.5, chanceKind: "uniform" });
  });

  it("takes a number as given and a named baseline when it applies", () => {
    expect(chanceBaseline(items(ROWS), 0.2)).toMatchObject({ chance: 0.2, chanceKind: "given" });
    expect(chanceBaseline(items(ROWS), "majority")).toMatchObject({ chance: 0.5, chanceKind: "majority" });
  });

  it("refuses a baseline that does not apply, a rate outside (0, 1) and an unknown name", () => {
    expect(() => chanceBaseline(items(ROWS), "uniform")).toThrow(/chance "uniform" does not apply to these records: no item names its options/);
    expect(() => chanceBaseline(items(ROWS), 1.5)).toThrow(/chance must be strictly between 0 and 1, got 1.5/);
    expect(() => chanceBaseline(items(ROWS), "random" as "auto")).toThrow(/chance must be a number in \(0, 1\) or one of .*got "random"/);
    expect(() => chanceBaseline(items([[["A"], "A"], [["A"], "A"]]), "majority")).toThrow(/chance "majority" does not apply to these records: every target is the same/);
  });
});

describe("marginalChanceTest", () => {
  // Eight single-answer items: 40,320 shuffles, few enough to enumerate.
  const rows: [string[], string][] = [
    [["A"], "A"], [["B"], "B"], [["C"], "C"], [["A"], "A"], [["B"], "C"], [["A"], "B"], [["C"], "C"], [["D"], "A"],
  ];

  function exactP(alternative: "greater" | "less" | "two-sided"): { p: number; mean: number } {
    const observed = shuffledScore(rows, rows.map((_, i) => i));
    const all: number[] = [];
    for (const perm of permutations(rows.length)) all.push(shuffledScore(rows, perm));
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    const eps = 1e-12;
    const hits = all.filter((s) =>
      alternative === "greater" ? s >= observed - eps : alternative === "less" ? s <= observed + eps : Math.abs(s - mean) >= Math.abs(observed - mean) - eps,
    ).length;
    return { p: hits / all.length, mean };
  }

  it.each(["greater", "less", "two-sided"] as const)("the seeded %s p-value is within 4 SE of the exact permutation p-value", (alternative) => {
    const { p, mean } = exactP(alternative);
    const resamples = 20000;
    const result = marginalChanceTest(items(rows), { resamples, seed: 7, alternative });
    expectClose(result.expected, mean, "expected");
    expectClose(result.statistic, 5 / 8, "statistic");
    expect(Math.abs(result.pValue - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / resamples) + 1 / resamples);
  });

  it("repeats the same p-value for the same seed", () => {
    const a = marginalChanceTest(items(rows), { resamples: 500, seed: "s" }).pValue;
    expect(marginalChanceTest(items(rows), { resamples: 500, seed: "s" }).pValue).toBe(a);
  });

  it("never returns 0: (1 + hits)/(1 + resamples)", () => {
    const perfect = "ABCDEFGH".split("").map((t) => [[t], t] as [string[], string]);
    expect(marginalChanceTest(items(perfect), { resamples: 999, seed: 1 }).pValue).toBe(0.001);
  });

  it("rejects bad options and too few items", () => {
    expect(() => marginalChanceTest(items(rows), { resamples: 0 })).toThrow(/resamples must be at least 1, got 0/);
    expect(() => marginalChanceTest(items(rows), { alternative: "up" as "less" })).toThrow(/alternative must be one of/);
    expect(() => marginalChanceTest(items([[["A"], "A"]]))).toThrow(/at least 2 items, got 1/);
  });
});
