/** The prompt text (src/tasks/valueInference/renderPrompt.ts): grid, positions, walks and the question. */
import { describe, expect, it } from "vitest";
import { position, renderGrid, renderPrompt, renderTrajectory } from "../../../src/tasks/valueInference/renderPrompt.js";
import type { GridWorld } from "../../../src/tasks/valueInference/gridWorld.js";

// 3×3: a hat at (1,3), a key at (3,1).
const world: GridWorld = {
  id: "w",
  size: 3,
  kinds: [{ name: "hat", plural: "hats", symbol: "H" }, { name: "key", plural: "keys", symbol: "K" }],
  objectAt: Int8Array.from([-1, -1, 0, -1, -1, -1, 1, -1, -1]),
};
const rules = { beta: 2, discount: 0.95, stepCost: 0.1, levels: [0, 1, 2, 3], maxSteps: 4 };
const collected = { cells: [4, 1, 2], moves: [0, 1], collected: 0 };
const cutOff = { cells: [4, 4, 5, 4, 5], moves: [4, 1, 3, 1], collected: -1 };

describe("renderGrid and position", () => {
  it("draws the grid with numbered rows and columns, aligned", () => {
    expect(renderGrid(world)).toBe(["      1  2  3", "  1   .  .  H", "  2   .  .  .", "  3   K  .  ."].join("\n"));
  });

  it("writes cells as (row,column) from 1", () => {
    expect([0, 2, 4, 6].map((c) => position(3, c))).toEqual(["(1,1)", "(1,3)", "(2,2)", "(3,1)"]);
  });
});

describe("renderTrajectory", () => {
  it("joins the positions with arrows and says how the walk ended", () => {
    expect(renderTrajectory(world, collected, 4)).toBe("(2,2) → (1,2) → (1,3): collected a hat.");
    expect(renderTrajectory(world, cutOff, 4)).toBe("(2,2) → (2,2) → (2,3) → (2,2) → (2,3): not watched beyond 4 moves; nothing collected yet.");
  });
});

describe("renderPrompt", () => {
  it("a profile question lists the options by letter and asks for one", () => {
    const prompt = renderPrompt(world, [collected, cutOff], { kind: "profile", options: [[3, 0], [0, 3], [1, 1]] }, rules);
    expect(prompt).toContain("  H = hat (1 on the grid)\n  K = key (1 on the grid)\n  . = empty ground");
    expect(prompt).toContain("Each kind of object is worth 0, 1, 2 or 3 to this person");
    expect(prompt).toContain("Every step costs them 0.1, and a reward t steps away is worth 0.95^t");
    expect(prompt).toContain("β = 2");
    expect(prompt).toContain("We watched 2 walks, each from a different starting square:\nWalk 1: (2,2) → (1,2) → (1,3): collected a hat.\nWalk 2: ");
    expect(prompt).toContain("A. hat 3, key 0\nB. hat 0, key 3\nC. hat 1, key 1\n");
    expect(prompt.endsWith('Finish with a line "Answer: X", where X is the letter of one option (A–C).')).toBe(true);
  });

  it("a compare question names the two kinds and the prior, and asks yes or no", () => {
    const prompt = renderPrompt(world, [collected], { kind: "compare", more: 1, less: 0 }, rules);
    expect(prompt).toContain("We watched one walk:\n");
    expect(prompt).toContain("Does this person value keys more than hats? This person values keys and hats differently;");
    expect(prompt.endsWith('Finish with a line "Answer: Yes" or "Answer: No".')).toBe(true);
  });
});
