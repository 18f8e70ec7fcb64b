import { describe, expect, it } from "vitest";
import { alignItems, clusterLabels, describeItems, itemScores } from "../../src/analysis/itemScores.js";
import type { RunRecord } from "../../src/runs/record.js";

const rec = (item: string, score: number, over: Partial<RunRecord> = {}): RunRecord => ({ item, condition: "A", score, ...over });

describe("itemScores", () => {
  it("averages the repeats of each item, in order of first appearance", () => {
    const s = itemScores([rec("q2", 1, { sample: 0 }), rec("q1", 1), rec("q2", 0, { sample: 1 }), rec("q2", 0.5, { sample: 2 })]);
    expect(s.map((x) => [x.item, x.mean, x.samples, x.binary])).toEqual([["q2", 0.5, 3, false], ["q1", 1, 1, true]]);
  });

  it("keeps answers, target, choices and cluster", () => {
    const [s] = itemScores([rec("q", 1, { answer: "B", target: "B", choices: 4, cluster: "c" }), rec("q", 0, { target: "B" })]);
    expect(s).toMatchObject({ answers: ["B", ""], target: "B", choices: 4, cluster: "c" });
  });

  it.each([
    ["cluster", { cluster: "x" }, { cluster: "y" }],
    ["target", { target: "A" }, { target: "B" }],
    ["choices", { choices: 4 }, { choices: 5 }],
  ])("refuses an item with two values of %s", (field, a, b) => {
    expect(() => itemScores([rec("q", 1, a), rec("q", 0, b)])).toThrow(new RegExp(`item "q" has two values of ${field}`));
  });
});

describe("describeItems", () => {
  it("tells single binary answers from repeats and counts clusters", () => {
    const single = itemScores([rec("a", 1, { cluster: "x" }), rec("b", 0, { cluster: "y" })]);
    expect(describeItems(single)).toEqual({ items: 2, samplesPerItem: 1, singleBinary: true, clustered: true });
    const repeated = itemScores([rec("a", 1), rec("a", 0), rec("b", 1), rec("b", 1), rec("b", 1)]);
    expect(describeItems(repeated)).toEqual({ items: 2, samplesPerItem: 2.5, singleBinary: false, clustered: false });
    const oneCluster = itemScores([rec("a", 1, { cluster: "x" }), rec("b", 0, { cluster: "x" })]);
    expect(describeItems(oneCluster).clustered).toBe(false);
  });

  it("gives each unclustered item a cluster of its own", () => {
    const labels = clusterLabels(itemScores([rec("a", 1, { cluster: "x" }), rec("b", 0)]));
    expect(labels[0]).toBe("x");
    expect(new Set(labels).size).toBe(2);
  });
});

describe("alignItems", () => {
  it("pairs shared items and lists the rest", () => {
    const a = itemScores([rec("1", 1), rec("2", 0), rec("3", 1)]);
    const b = itemScores([rec("3", 0), rec("1", 1), rec("4", 1)]);
    const { pairs, onlyBaseline, onlyTreatment } = alignItems(a, b);
    expect(pairs.map(([x, y]) => [x.item, x.mean, y.mean])).toEqual([["1", 1, 1], ["3", 1, 0]]);
    expect(onlyBaseline).toEqual(["2"]);
    expect(onlyTreatment).toEqual(["4"]);
  });
});
