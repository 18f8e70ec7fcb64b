/** The generator's knobs (src/tasks/valueInference/knobs.ts): defaults, and one clear error per impossible value. */
import { describe, expect, it } from "vitest";
import { generateValueInferenceTasks } from "../../../src/tasks/valueInference/generateTasks.js";
import { DEFAULT_KNOBS, resolveKnobs } from "../../../src/tasks/valueInference/knobs.js";

describe("resolveKnobs", () => {
  it("fills in the defaults and keeps what is given (undefined counts as not given)", () => {
    expect(resolveKnobs()).toEqual(DEFAULT_KNOBS);
    expect(resolveKnobs({ beta: 5, candidates: undefined })).toEqual({ ...DEFAULT_KNOBS, beta: 5 });
  });

  const bad: [string, Parameters<typeof resolveKnobs>[0], string][] = [
    ["items ≤ 0", { items: 0 }, "items must be an integer from 1 to 1000000, got 0"],
    ["fractional items", { items: 2.5 }, "items must be an integer from 1 to 1000000, got 2.5"],
    ["β = 0", { beta: 0 }, "beta must be a finite number greater than 0, got 0"],
    ["β < 0", { beta: -1 }, "beta must be a finite number greater than 0, got -1"],
    ["β infinite", { beta: Infinity }, "beta must be a finite number greater than 0, got Infinity"],
    ["too many walks", { trajectories: 6 }, "trajectories must be an integer from 1 to 5, got 6"],
    ["one candidate", { candidates: 1 }, "candidates must be an integer from 2 to 6, got 1"],
    ["k above the profiles available", { kinds: 2, levels: [0, 1], candidates: 5 }, "candidates 5 is more than the profiles available: 2 kinds with 2 levels give 4 distinct profiles"],
    ["k above the profiles near an anchor", { radius: 1, candidates: 5 }, "candidates 5 is more than the profiles available: some anchors have only 4 distinct profiles within radius 1"],
    ["a grid too small", { size: 3, kinds: 4, objectsPerKind: 2 }, "size 3 is too small: 4 kinds × 2 objects and 2 start cells need 10 cells, a 3×3 grid has 9"],
    ["a range whose small end is too small", { size: [4, 9], kinds: 4, objectsPerKind: 4 }, "size 4 is too small: 4 kinds × 4 objects and 2 start cells need 18 cells, a 4×4 grid has 16"],
    ["a size off the scale", { size: 13 }, "size must be an integer from 3 to 12 (or a range such as 5-9), got \"13\""],
    ["a backwards range", { size: [9, 5] }, "size must be a range from smaller to larger, got 9-5"],
    ["one kind", { kinds: 1 }, "kinds must be an integer from 2 to 4, got 1"],
    ["one level", { levels: [1] }, "levels must be at least two finite numbers in increasing order, got 1"],
    ["levels out of order", { levels: [0, 2, 1] }, "levels must be at least two finite numbers in increasing order, got 0,2,1"],
    ["radius 0", { radius: 0 }, "radius must be an integer from 1 to 1000, got 0"],
    ["discount 1", { discount: 1 }, "discount must be strictly between 0 and 1, got 1"],
    ["negative step cost", { stepCost: -0.1 }, "stepCost must be a finite number ≥ 0, got -0.1"],
    ["a negative seed", { seed: -1 }, "seed must be a non-negative integer or a string, got -1"],
    ["an unknown question", { question: "why" as never }, 'question must be one of "profile", "compare", "both", got "why"'],
  ];
  for (const [what, knobs, message] of bad) {
    it(`rejects ${what}, naming the knob and the value`, () => {
      expect(() => resolveKnobs(knobs)).toThrow(new RangeError(message));
    });
  }

  it("names the knobs as the caller calls them (the CLI's flags)", () => {
    expect(() => resolveKnobs({ objectsPerKind: 9 }, (k) => (k === "objectsPerKind" ? "--objects" : k))).toThrow("--objects must be an integer from 1 to 5, got 9");
  });

  it("does not limit k by the profile space when only yes/no questions are asked", () => {
    expect(resolveKnobs({ kinds: 2, levels: [0, 1], candidates: 6, question: "compare" }).candidates).toBe(6);
  });
});

describe("the issue's impossible knobs, through the generator", () => {
  // Issue 15: k above the profiles a world can tell apart, β ≤ 0, a grid too small for its objects.
  it("generateValueInferenceTasks throws before drawing anything, naming the knob and its value", () => {
    expect(() => generateValueInferenceTasks({ items: 5, kinds: 2, levels: [0, 1], candidates: 6 })).toThrow(
      new RangeError("candidates 6 is more than the profiles available: 2 kinds with 2 levels give 4 distinct profiles"),
    );
    expect(() => generateValueInferenceTasks({ items: 5, beta: -0.5 })).toThrow(new RangeError("beta must be a finite number greater than 0, got -0.5"));
    expect(() => generateValueInferenceTasks({ items: 5, size: [3, 9], kinds: 4, objectsPerKind: 2, trajectories: 2 })).toThrow(
      new RangeError("size 3 is too small: 4 kinds × 2 objects and 2 start cells need 10 cells, a 3×3 grid has 9"),
    );
  });
});
