/**
 * confidenceSequenceFigure as data: the band closes over the steps, the estimate is a line, the
 * first decision is marked, chance or 0 and ±margin are reference lines, and a gap is drawn in points.
 */
import { describe, expect, it } from "vitest";
import { confidenceSequenceFigure } from "../../src/figures/confidenceSequence.js";
import { sequentialGap } from "../../src/analysis/sequentialAnalysis.js";
import { loadRuns } from "../../src/runs/loadRuns.js";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Obj, subtitleOf, titleOf } from "./helpers.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const rate = [
  { items: 1, estimate: 1, lower: 0.05, upper: 1, decision: "undecided" as const },
  { items: 2, estimate: 1, lower: 0.2, upper: 1, decision: "undecided" as const },
  { items: 3, estimate: 0.667, lower: 0.3, upper: 1, decision: "excludes" as const },
  { items: 4, estimate: 0.75, lower: 0.35, upper: 1, decision: "excludes" as const },
];

describe("confidenceSequenceFigure", () => {
  it("draws the band, the estimate, chance, and a marker at the first decision", () => {
    const fig = confidenceSequenceFigure(rate, { chance: 0.25 });
    expect(fig.data.map((d) => d.name)).toEqual(["anytime-valid interval", "accuracy", "first decision"]);
    expect(fig.data[0].x).toEqual([1, 2, 3, 4, 4, 3, 2, 1]);
    expect(fig.data[0].y).toEqual([1, 1, 1, 1, 0.35, 0.3, 0.2, 0.05]);
    expect(fig.data[0].fill).toBe("toself");
    expect(fig.data[1].y).toEqual([1, 1, 0.667, 0.75]);
    expect(fig.data[2]).toMatchObject({ mode: "markers", x: [3], y: [0.667] });
    const shapes = fig.layout.shapes as Obj[];
    expect(shapes.map((s) => [s.y0 ?? null, s.x0])).toContainEqual([0.25, 0]);
    expect(shapes.some((s) => s.xref === "x" && s.x0 === 3)).toBe(true);
    expect((fig.layout.annotations as Obj[]).map((a) => a.text).sort()).toEqual(["chance 25%", "decided at 3"]);
    expect(titleOf(fig)).toBe("Excludes chance after 3 of 4 items");
    expect(subtitleOf(fig)).toBe("band: anytime-valid 95% confidence sequence, valid at every item");
    expect((fig.layout.yaxis as Obj).tickformat).toBe(".0%");
  });

  it("draws a gap in points with 0 and ±margin, from the analysis of the simulated file", async () => {
    const records = await loadRuns([join(root, "data/simulated/research-vs-production-simulated.jsonl")]);
    const analysis = sequentialGap(records, { baseline: "research: Claude 3.5 Sonnet", treatment: "production: Claude 3.5 Sonnet", margin: 0.02 });
    const fig = confidenceSequenceFigure(analysis.steps, { margin: analysis.margin, baseline: "research", treatment: "production" });
    expect(fig.data[1].y).toHaveLength(300);
    expect((fig.data[1].y as number[])[299]).toBeCloseTo(100 * analysis.steps[299].estimate, 10);
    expect(fig.data[2]).toMatchObject({ x: [analysis.decidedAt] });
    const ys = (fig.layout.shapes as Obj[]).filter((s) => s.yref === "y").map((s) => s.y0).sort((a, b) => a - b);
    expect(ys).toEqual([-2, 0, 2]);
    expect((fig.layout.annotations as Obj[]).map((a) => a.text).sort()).toEqual([`decided at ${analysis.decidedAt}`, "no gap (dotted: ±2.0 pp margin)"]);
    expect(((fig.layout.yaxis as Obj).title as Obj).text).toBe("Gap, production − research (points)");
    expect(titleOf(fig)).toBe(`Excludes 0 after ${analysis.decidedAt} of 300 items`);
  });

  it("marks no decision when there is none, and the one asked for with decidedAt", () => {
    const undecided = rate.map((s) => ({ ...s, decision: "undecided" as const }));
    const fig = confidenceSequenceFigure(undecided, { chance: 0.5 });
    expect(fig.data).toHaveLength(2);
    expect(titleOf(fig)).toBe("Undecided after 4 items: 75.0%");
    const settled = confidenceSequenceFigure(
      [{ items: 10, estimate: 0, lower: -0.3, upper: 0.3 }, { items: 20, estimate: 0.01, lower: -0.05, upper: 0.04 }],
      { margin: 0.05, decidedAt: 20, finding: "No meaningful difference" },
    );
    expect(settled.data[2]).toMatchObject({ x: [20], y: [1] });
    expect(titleOf(settled)).toBe("No meaningful difference");
  });

  it("rejects bad steps and options, naming them", () => {
    expect(() => confidenceSequenceFigure([])).toThrow(/steps/);
    expect(() => confidenceSequenceFigure([rate[1], rate[0]], { chance: 0.25 })).toThrow(/increasing order of items; steps\[1\]\.items is 1 after 2/);
    expect(() => confidenceSequenceFigure([{ ...rate[0], lower: -0.1 }], { chance: 0.25 })).toThrow(/steps\[0\]\.lower must be between 0 and 1 for a rate, got -0\.1/);
    expect(() => confidenceSequenceFigure([{ ...rate[0], lower: 0.9, upper: 0.5 }], { chance: 0.25 })).toThrow(/lower ≤ upper/);
    expect(() => confidenceSequenceFigure([{ ...rate[0], items: 1.5 }])).toThrow(/steps\[0\]\.items must be a positive integer/);
    expect(() => confidenceSequenceFigure(rate, { chance: 2 })).toThrow(/chance/);
    expect(() => confidenceSequenceFigure(rate, { decidedAt: 7 })).toThrow(/decidedAt must be the items of one of the steps, got 7/);
  });
});
