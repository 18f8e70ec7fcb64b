import { describe, expect, it } from "vitest";
import { checkRecords, groupRecords, scoreRecords } from "../../src/analysis/records.js";
import type { RunRecord } from "../../src/runs/record.js";

const rec = (over: Partial<RunRecord> = {}): RunRecord => ({ item: "q1", condition: "A", score: 1, ...over });

describe("checkRecords", () => {
  it("accepts RunRecords and returns them", () => {
    const records = [rec(), rec({ item: "q2", score: 0.5, sample: 0, choices: 4, refused: false, cluster: "x" })];
    expect(checkRecords(records)).toBe(records);
  });

  it.each([
    ["not an array", "x", TypeError, /records must be an array/],
    ["an empty array", [], RangeError, /at least one record, got 0/],
    ["a non-object record", [3], TypeError, /records\[0\] must be a RunRecord object, got 3/],
    ["a missing item", [{ condition: "A", score: 1 }], TypeError, /records\[0\]\.item must be a string, got undefined/],
    ["an empty condition", [rec({ condition: " " })], RangeError, /records\[0\]\.condition must not be empty/],
    ["a NaN score", [rec({ score: NaN })], TypeError, /records\[0\]\.score must be a number, got NaN/],
    ["a score above 1", [rec(), rec({ score: 2 })], RangeError, /records\[1\]\.score must be between 0 and 1, got 2/],
    ["a negative sample", [rec({ sample: -1 })], RangeError, /sample must be a non-negative integer, got -1/],
    ["one choice", [rec({ choices: 1 })], RangeError, /choices must be an integer of at least 2, got 1/],
    ["a string refused", [rec({ refused: "yes" as unknown as boolean })], TypeError, /refused must be a boolean, got "yes"/],
    ["a numeric cluster", [rec({ cluster: 3 as unknown as string })], TypeError, /cluster must be a string, got 3/],
  ])("rejects %s", (_label, input, Kind, message) => {
    expect(() => checkRecords(input)).toThrow(Kind);
    expect(() => checkRecords(input)).toThrow(message);
  });

  it("allows any score on a record with an error (it is never scored as given)", () => {
    expect(() => checkRecords([rec({ score: NaN, error: "timeout" })])).not.toThrow();
  });
});

describe("scoreRecords", () => {
  const records: RunRecord[] = [
    rec({ item: "a", score: 1 }),
    rec({ item: "b", score: 1, refused: true }),
    rec({ item: "c", score: NaN, error: "timeout" }),
    rec({ item: "d", score: 0 }),
    rec({ item: "a", condition: "B", score: 0 }),
  ];

  it("leaves errors out and counts refusals as wrong by default", () => {
    const { records: scored, counts } = scoreRecords(records);
    expect(scored.filter((r) => r.condition === "A").map((r) => [r.item, r.score])).toEqual([["a", 1], ["b", 0], ["d", 0]]);
    expect(counts.get("A")).toEqual({ condition: "A", records: 4, scored: 3, errors: 1, refusals: 1, refusalRate: 1 / 3 });
    expect(counts.get("B")).toEqual({ condition: "B", records: 1, scored: 1, errors: 0, refusals: 0, refusalRate: 0 });
  });

  it("switches both rules by option", () => {
    const { records: scored, counts } = scoreRecords(records, { errors: "wrong", refusals: "exclude" });
    expect(scored.filter((r) => r.condition === "A").map((r) => [r.item, r.score])).toEqual([["a", 1], ["c", 0], ["d", 0]]);
    expect(counts.get("A")!.scored).toBe(3);
  });

  it("does not change the caller's records", () => {
    scoreRecords(records);
    expect(records[1].score).toBe(1);
  });

  it("reports a refusal rate of 0 when every record errored", () => {
    expect(scoreRecords([rec({ error: "x" })]).counts.get("A")!.refusalRate).toBe(0);
  });

  it("rejects unknown rules", () => {
    expect(() => scoreRecords(records, { errors: "drop" as "exclude" })).toThrow(/errors must be one of "exclude", "wrong", got "drop"/);
    expect(() => scoreRecords(records, { refusals: "keep" as "wrong" })).toThrow(RangeError);
  });
});

describe("groupRecords", () => {
  it("groups in order of first appearance", () => {
    const g = groupRecords([rec({ condition: "B" }), rec({ condition: "A" }), rec({ condition: "B", item: "q2" })], (r) => r.condition);
    expect([...g.keys()]).toEqual(["B", "A"]);
    expect(g.get("B")!.length).toBe(2);
  });
});
