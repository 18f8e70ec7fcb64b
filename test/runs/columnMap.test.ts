/** "Did you mean" for a missing column (src/runs/columnMap.ts): offered only when the name is close. */
import { describe, expect, it } from "vitest";
import { closestHint, closestName, editDistance, missingColumnMessage, suggestionDistance } from "../../src/runs/columnMap.js";
import { loadRuns } from "../../src/runs/index.js";
import { writeTemp } from "./paths.js";

describe("editDistance (Damerau–Levenshtein, optimal string alignment)", () => {
  it("counts a swap of neighbours as one edit (Levenshtein counts two)", () => {
    expect(editDistance("socre", "score")).toBe(1);
    expect(editDistance("ab", "ba")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3); // the textbook case, no swaps in it
    expect(editDistance("ca", "abc")).toBe(3); // OSA, not unrestricted Damerau (2): no edit of a swapped pair
    expect(editDistance("", "abc")).toBe(3);
  });
});

describe("closestName", () => {
  it("offers a name within max(1, ⌊length/3⌋) edits, ignoring case", () => {
    expect(suggestionDistance("id")).toBe(1);
    expect(suggestionDistance("score")).toBe(1);
    expect(suggestionDistance("problem_id")).toBe(3);
    expect(closestName("Socre", ["item", "score"])).toBe("score");
    expect(closestName("problem_id", ["Problem ID", "Source", "Score"])).toBe("Problem ID");
  });

  it("offers nothing when every name is far: a far guess misleads", () => {
    // "cost" is 3 edits from "score": it used to be offered as the closest.
    expect(closestName("score", ["item", "condition", "cost"])).toBeUndefined();
    expect(closestHint("score", ["item", "condition", "cost"])).toBe("");
    expect(closestName("accuracy", ["id", "arm", "correct"])).toBeUndefined();
  });

  it("the missing-column message keeps the list of columns and drops a far suggestion", async () => {
    expect(missingColumnMessage("score", "score", ["item", "cost"])).toBe('missing required column "score" (for score); columns present: "item", "cost"');
    expect(missingColumnMessage("score", "score", ["item", "Scor"])).toBe('missing required column "score" (for score); columns present: "item", "Scor"; closest: "Scor"');
    const file = writeTemp("run.csv", "item,condition,cost\n1,a,1\n");
    await expect(loadRuns(file)).rejects.toThrow(`${file}, line 1: missing required column "score" (for score); columns present: "item", "condition", "cost"`);
    await expect(loadRuns(file)).rejects.not.toThrow(/closest/);
  });
});
