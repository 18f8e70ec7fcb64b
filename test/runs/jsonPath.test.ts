import { describe, expect, it } from "vitest";
import { keysNearPath, valueAtPath } from "../../src/runs/jsonPath.js";

describe("valueAtPath", () => {
  it("walks dotted paths through objects and arrays", () => {
    const row = { metadata: { subject: "law", tags: ["a", "b"] }, doc: { choices: [1, 2, 3] } };
    expect(valueAtPath(row, "metadata.subject")).toBe("law");
    expect(valueAtPath(row, "metadata.tags.1")).toBe("b");
    expect(valueAtPath(row, "doc.choices")).toEqual([1, 2, 3]);
    expect(valueAtPath(row, "metadata.missing")).toBeUndefined();
    expect(valueAtPath(row, "nothing.at.all")).toBeUndefined();
  });
  it("finds a key that contains dots as a whole before splitting it", () => {
    expect(valueAtPath({ "score.v2": 1, score: { v2: 0 } }, "score.v2")).toBe(1);
    expect(valueAtPath({ "a.b": { c: 3 } }, "a.b.c")).toBe(3);
  });
  it("lists the keys at the deepest step that exists", () => {
    expect(keysNearPath({ metadata: { subject: 1, source: 2 } }, "metadata.subjcet")).toEqual(["metadata.subject", "metadata.source"]);
    expect(keysNearPath({ a: 1 }, "b")).toEqual(["a"]);
  });
});
