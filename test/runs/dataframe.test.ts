import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { fromDataFrame, loadRuns, toDataFrame, type RunRecord } from "../../src/runs/index.js";
import { POPULARITY, temperatureDir } from "./paths.js";

describe("danfojs bridge", () => {
  it("round-trips records with optional fields and meta through a DataFrame", async () => {
    const records: RunRecord[] = [
      { item: "q1", condition: "a", score: 1, sample: 1, cluster: "s1", answer: "B", target: "B", choices: 4, meta: { tokens: 12 } },
      { item: "q1", condition: "a", score: 0.1, sample: 2, cluster: "s1", refused: true },
      { item: "q2", condition: "b", score: 0, error: "timeout" },
    ];
    const df = await toDataFrame(records);
    expect(df.shape).toEqual([3, 11]);
    expect(df.columns).toEqual(["item", "condition", "score", "sample", "cluster", "answer", "target", "choices", "refused", "error", "meta.tokens"]);
    expect(fromDataFrame(df)).toEqual(records);
  });

  it("round-trips a real load (an Inspect log and a temperature CSV)", async () => {
    const inspect = await loadRuns(POPULARITY);
    expect(fromDataFrame(await toDataFrame(inspect))).toEqual(inspect);
    const csv = await loadRuns(join(temperatureDir, "gpt-4 - chain_of_thought - comprehensive-100 - temp-0.0.csv"), {
      columns: { item: "Problem ID", cluster: "Source" }, repeats: { answers: /^Answer \d+$/, key: "Correct Answer" }, condition: "0.0", onNote: () => {},
    });
    const df = await toDataFrame(csv);
    expect(df.shape[0]).toBe(1000);
    expect(fromDataFrame(df)).toEqual(csv);
  });

  it("maps DataFrame columns named otherwise, and checks values like any table", async () => {
    const danfo = await import("danfojs-node");
    const df = new danfo.DataFrame({ q: ["1", "2"], arm: ["x", "x"], correct: [1, 0] });
    expect(fromDataFrame(df, { item: "q", condition: "arm", score: "correct" })).toEqual([
      { item: "1", condition: "x", score: 1 }, { item: "2", condition: "x", score: 0 },
    ]);
    expect(() => fromDataFrame(df)).toThrow(/column "item" \(for item\) not in the DataFrame; columns present: q, arm, correct/);
    const bad = new danfo.DataFrame({ item: ["1"], condition: ["x"], score: [3] });
    expect(() => fromDataFrame(bad)).toThrow(/DataFrame, entry row 0: score is not a number in \[0, 1\].*\(value: 3\)/);
  });

  it("refuses what is not records or not a DataFrame", async () => {
    await expect(toDataFrame([])).rejects.toThrow(/records must be a non-empty array/);
    expect(() => fromDataFrame({} as never)).toThrow(TypeError);
  });
});
