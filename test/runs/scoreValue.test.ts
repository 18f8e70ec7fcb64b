import { describe, expect, it } from "vitest";
import { scoreValue } from "../../src/runs/scoreValue.js";
import { parseLenientJson, quoteBareTokens } from "../../src/runs/lenientJson.js";

describe("scoreValue", () => {
  it("maps Inspect's labels as its value_to_float does: C 1, I 0, P 0.5, N 0", () => {
    expect(["C", "I", "P", "N"].map(scoreValue)).toEqual([1, 0, 0.5, 0]);
  });
  it("keeps numbers in [0, 1] and numeric strings; booleans are 1/0", () => {
    expect([0, 0.25, 1, " 0.5 ", "1.0", ".75", true, false, "true"].map(scoreValue)).toEqual([0, 0.25, 1, 0.5, 1, 0.75, 1, 0, 1]);
  });
  it("refuses what is not a score", () => {
    for (const v of [2, -0.1, "1.5", "x", "", "NaN", NaN, null, undefined, {}, "0x1", "CC"]) expect(scoreValue(v)).toBeUndefined();
  });
});

describe("parseLenientJson", () => {
  it("accepts bare NaN and Infinity tokens as Python writes them, but not inside strings", () => {
    expect(parseLenientJson('{"value": NaN, "b": [Infinity, -Infinity], "s": "NaN here"}')).toEqual({
      value: "NaN", b: ["Infinity", "-Infinity"], s: "NaN here",
    });
    expect(quoteBareTokens('{"a": "x\\"NaN", "b": NaN}')).toBe('{"a": "x\\"NaN", "b": "NaN"}');
  });
  it("still throws on JSON that is broken for another reason", () => {
    expect(() => parseLenientJson('{"value": NaN,')).toThrow(SyntaxError);
  });
});
