/**
 * forestFigure as data (labels, chance lines, title, errors) and as drawn: lines that coincide stay
 * visible under one label, chance labels stack above the plot, and the height follows the rows.
 */
import { describe, expect, it } from "vitest";
import { forestFigure, sampleSizePhrase } from "../../src/figures/forest.js";
import { expectClose } from "../helpers/close.js";
import { type Obj, subtitleOf, titleOf, untagged, zeroShot } from "./helpers.js";
import { chromiumForTests, drawnGeometry } from "./inspect.js";

describe("forestFigure", () => {
  it("matches the doc example: labels carry n, first row on top, chance line labelled", () => {
    const fig = forestFigure([zeroShot], { chance: { value: 0.5, kind: "uniform" } });
    expect(fig.data[0].y).toEqual(["zero-shot (n = 500)"]);
    expect(fig.data[0].x).toEqual([0.52]);
    const err = fig.data[0].error_x as Obj;
    expectClose(err.array[0], 0.5635 - 0.52, "upper arm");
    expectClose(err.arrayminus[0], 0.52 - 0.4762, "lower arm");
    expect(titleOf(fig)).toBe("zero-shot: 52.0% (95% CI 47.6%–56.4%)");
    expect((fig.layout.shapes as Obj[])[0]).toMatchObject({ x0: 0.5, x1: 0.5 });
    expect((fig.layout.annotations as Obj[])[0].text).toBe("chance (uniform) 50.0%");
    expect((fig.layout.yaxis as Obj).autorange).toBe("reversed");
    expect((fig.layout.xaxis as Obj).title.text).toBe("Accuracy (%)");
    expect(sampleSizePhrase([480, 500])).toBe("n = 480–500 items");
  });
  it("states the caller's finding and one label per chance kind", () => {
    const fig = forestFigure([zeroShot, { ...zeroShot, label: "cot", n: 480 }], {
      chance: [{ value: 0.25, kind: "uniform" }, { value: 0.4, kind: "majority" }],
      finding: "Both beat chance",
      level: 0.9,
    });
    expect(titleOf(fig)).toBe("Both beat chance");
    expect(subtitleOf(fig)).toBe("n = 480–500 items per condition · bars: 90% CI");
    expect((fig.layout.annotations as Obj[]).map((a) => a.text)).toEqual(["chance (uniform) 25.0%", "chance (majority) 40.0%"]);
  });
  it("takes a label for a reference line that is not chance, and keeps edge labels inside the plot", () => {
    const fig = forestFigure([zeroShot], {
      chance: [{ value: 0.45, kind: "floor", label: "weak = PGR 0" }, { value: 0.6, kind: "ceiling" }],
    });
    const notes = fig.layout.annotations as Obj[];
    expect(notes.map((a) => a.text)).toEqual(["weak = PGR 0", "chance (ceiling) 60.0%"]);
    // Range [0.43, 0.62]: 0.45 sits in the left quarter, 0.6 in the right quarter.
    expect(notes.map((a) => a.xanchor)).toEqual(["left", "right"]);
    expect(() => forestFigure([zeroShot], { chance: { value: 0.5, kind: "k", label: "" } })).toThrow(/chance\[0\]\.label/);
  });
  it("escapes label text that plotly would read as markup", () => {
    const fig = forestFigure([{ ...zeroShot, label: "a<b" }], { finding: "x < y & z" });
    expect((fig.layout as Obj).title.text).toBe("x &lt; y &amp; z");
  });
  it("draws chance lines that coincide with dashes taking turns, under one label naming each", () => {
    // Uniform and marginal chance are both 50% on a balanced yes/no set (notebook 1's chance baselines).
    const fig = forestFigure([{ ...zeroShot, label: "production" }], {
      chance: [{ value: 0.5, kind: "uniform, p = 0.37" }, { value: 0.55, kind: "majority, p = 0.89" }, { value: 0.5, kind: "marginal, p = 0.41" }],
    });
    const shapes = fig.layout.shapes as Obj[];
    expect(shapes).toHaveLength(3);
    const atHalf = shapes.filter((s) => s.x0 === 0.5);
    expect(atHalf.map((s) => s.line.dash)).toEqual(["8px,8px", "0px,8px,8px,0px"]);
    expect(new Set(atHalf.map((s) => s.line.color)).size).toBe(2);
    const notes = (fig.layout.annotations as Obj[]).map((a) => untagged(a.text));
    expect(notes).toEqual(["chance (uniform, p = 0.37 · marginal, p = 0.41) 50.0%", "chance (majority, p = 0.89) 55.0%"]);
  });
  it("grows with its rows instead of spreading few rows over a fixed height", () => {
    const rows = (k: number) => Array.from({ length: k }, (_, i) => ({ ...zeroShot, label: `c${i}` }));
    const h = (k: number) => forestFigure(rows(k)).layout.height as number;
    expect(h(9) - h(4)).toBe(5 * 58);
    expect(h(2)).toBeLessThan(400);
  });
  it("rejects bad rows", () => {
    expect(() => forestFigure([])).toThrow(RangeError);
    expect(() => forestFigure([])).toThrow(/rows/);
    expect(() => forestFigure("x" as never)).toThrow(TypeError);
    expect(() => forestFigure([{ ...zeroShot, lower: 0.6 }])).toThrow(/rows\[0\] must have lower ≤ estimate ≤ upper/);
    expect(() => forestFigure([{ ...zeroShot, estimate: NaN }])).toThrow(TypeError);
    expect(() => forestFigure([{ ...zeroShot, upper: 1.2 }])).toThrow(/rows\[0\]\.upper/);
    expect(() => forestFigure([{ ...zeroShot, n: 2.5 }])).toThrow(/rows\[0\]\.n/);
    expect(() => forestFigure([{ ...zeroShot, label: "" }])).toThrow(/rows\[0\]\.label/);
    expect(() => forestFigure([zeroShot], { chance: { value: 2, kind: "uniform" } })).toThrow(/chance\[0\]\.value/);
    expect(() => forestFigure([zeroShot], { level: 95 })).toThrow(/level/);
  });
});

describe("forestFigure drawn", () => {
  const chromium = chromiumForTests();
  it("shows both colours of two chance lines at one place, and each chance label once, inside the figure", async () => {
    const fig = forestFigure([{ ...zeroShot, label: "production" }], {
      chance: [{ value: 0.5, kind: "uniform" }, { value: 0.55, kind: "majority" }, { value: 0.5, kind: "marginal" }],
    });
    const g = await drawnGeometry(chromium, fig);
    const atHalf = g.shapes.filter((s) => Math.abs(s.rect.left - g.shapes[0].rect.left) < 1);
    expect(atHalf).toHaveLength(2);
    // Different colours, and dash patterns offset so neither hides the other.
    expect(atHalf[0].stroke).not.toBe(atHalf[1].stroke);
    expect(atHalf[0].dash).not.toBe(atHalf[1].dash);
    expect(g.annotations.map((a) => a.text)).toEqual(["chance (uniform · marginal) 50.0%", "chance (majority) 55.0%"]);
    for (const a of g.annotations) {
      expect(a.rect.left).toBeGreaterThanOrEqual(0);
      expect(a.rect.right).toBeLessThanOrEqual(g.width);
      // Above the plot, not over the data.
      expect(a.rect.bottom).toBeLessThanOrEqual(g.plot.top + 1);
    }
    expect(g.height).toBe(fig.layout.height);
  }, 30_000);
});
