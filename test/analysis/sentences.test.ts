/** The sentences of src/analysis/sentences.ts that no analysis test reaches in every branch: the all-pairs family sentence. */
import { describe, expect, it } from "vitest";
import { correctionName, familySentence, type FamilyPairInput, type FamilySentenceInput } from "../../src/analysis/sentences.js";
import { tieGroups } from "../../src/analysis/tieGroups.js";

/** A family from a gap per pair (higher − lower in the order given) and the pairs that are significant. */
function family(names: string[], gaps: Record<string, number>, significant: string[], correction: FamilySentenceInput["correction"] = "holm"): FamilySentenceInput {
  const comparisons: FamilyPairInput[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const key = `${names[i]}-${names[j]}`;
      const estimate = gaps[key] ?? 0.01;
      const sig = significant.includes(key);
      comparisons.push({ treatment: names[i], baseline: names[j], estimate, significantAdjusted: sig, simultaneousLower: sig ? estimate / 2 : estimate - 0.05, simultaneousUpper: estimate + 0.05 });
    }
  }
  const display = tieGroups(names, comparisons.filter((c) => c.significantAdjusted).map((c) => [c.treatment, c.baseline]));
  return { conditions: names.map((condition) => ({ condition })), comparisons, groups: display.groups, correction, alpha: 0.05, level: 0.95 };
}

describe("familySentence", () => {
  it("the doc example: two groups", () => {
    expect(familySentence(family(["A", "B", "C"], { "A-C": 0.12, "B-C": 0.11 }, ["A-C", "B-C"]))).toBe(
      "A and B are ahead of C after Holm's adjustment (α = 0.05): every difference between the groups is significant; within A and B the order is not decisive.",
    );
  });

  it("three groups in a chain", () => {
    const v = family(["A", "B", "C", "D", "E"], {}, ["A-C", "A-D", "A-E", "B-C", "B-D", "B-E", "C-D", "C-E"]);
    expect(familySentence(v)).toBe(
      "A and B are ahead of C; C is ahead of D and E after Holm's adjustment (α = 0.05): every difference between the groups is significant; within each group the order is not decisive.",
    );
  });

  it("overlapping groups: each lead named, then the tie groups with their letters", () => {
    const v = family(["A", "B", "C", "D"], {}, ["A-C", "A-D", "B-D"]);
    expect(familySentence(v)).toBe(
      "A is ahead of C and D, and B is ahead of D after Holm's adjustment (α = 0.05), three of the six pairwise differences significant; the rest are not decisive (tie groups: A and B (a); B and C (b); C and D (c)).",
    );
  });

  it("a lead against the overall order (a negative paired gap) is said as it is", () => {
    const v = family(["A", "B", "C"], { "A-C": -0.04 }, ["A-C"]);
    expect(familySentence(v)).toBe(
      "C is ahead of A after Holm's adjustment (α = 0.05), the only significant one of the three pairwise differences; the rest are not decisive (tie groups: A and B (a); B and C (b)).",
    );
  });

  it("two conditions, and no adjustment", () => {
    expect(familySentence(family(["A", "B"], { "A-B": 0.2 }, ["A-B"], "none"))).toBe("A is ahead of B without adjustment for multiple comparisons (α = 0.05).");
    const notCovering = { ...family(["A", "B"], { "A-B": 0.2 }, []), comparisons: [{ treatment: "A", baseline: "B", estimate: 0.2, significantAdjusted: false, simultaneousLower: 0.01, simultaneousUpper: 0.4 }] };
    expect(familySentence(notCovering)).toBe("The difference between A and B is not significant after Holm's adjustment (α = 0.05) — the order is not decisive.");
  });

  it("names every correction", () => {
    expect((["holm", "bonferroni", "hochberg", "hommel", "bh", "by", "none"] as const).map(correctionName)).toEqual([
      "Holm's adjustment", "Bonferroni's adjustment", "Hochberg's adjustment", "Hommel's adjustment",
      "the Benjamini–Hochberg false-discovery-rate adjustment", "the Benjamini–Yekutieli false-discovery-rate adjustment", "no adjustment for multiple comparisons",
    ]);
  });
});
