/** The figure functions' input checks: non-empty rows, labels, intervals, counts. */
import { describe, expect, it } from "vitest";
import { checkEstimate, checkOptionalCount, checkOptionalText, checkRows, checkText } from "../../src/figures/check.js";

describe("checks", () => {
  it("throw errors that name the argument and the value", () => {
    expect(() => checkRows("rows", [])).toThrow("rows must hold at least one row, got 0");
    expect(() => checkRows("rows", [3])).toThrow(TypeError);
    expect(() => checkText("label", "")).toThrow('label must not be empty, got ""');
    expect(checkOptionalText("finding", undefined)).toBeUndefined();
    expect(() => checkEstimate("rows[0]", { estimate: 0.5, lower: 0.6, upper: 0.7 }, true)).toThrow(RangeError);
    expect(() => checkOptionalCount("n", 2.5)).toThrow("n must be an integer count, got 2.5");
  });
});
