/**
 * sweepFigure as data (series sorted, bands closed, lines without markers, log axis, reference
 * lines) and as drawn: reference labels inside the plot, the chance label clear of the n line.
 */
import { describe, expect, it } from "vitest";
import { sweepFigure } from "../../src/figures/sweep.js";
import { proportionCI } from "../../src/stats/proportionCI.js";
import { type Obj, subtitleOf, titleOf } from "./helpers.js";
import { chromiumForTests, drawnGeometry } from "./inspect.js";

const pts = [
  { series: "a", x: 1, estimate: 0.5, lower: 0.45, upper: 0.55, n: 400 },
  { series: "a", x: 0, estimate: 0.6, lower: 0.55, upper: 0.65, n: 400 },
  { series: "b", x: 0, estimate: 0.4, lower: 0.35, upper: 0.45, n: 400 },
];

/** Notebook 1's interval of 51% against n: Wilson intervals at 31 log-spaced n from 100 to 20,000. */
const interval = [...new Set(Array.from({ length: 31 }, (_, i) => 100 * Math.round(200 ** (i / 30))))].map((n) => {
  const ci = proportionCI(Math.round(0.51 * n), n, { method: "wilson" });
  return { series: "observed 51.0%", x: n, estimate: ci.estimate, lower: ci.lower, upper: ci.upper };
});
const intervalOptions = {
  xScale: "log" as const,
  xTicks: [100, 200, 500, 1000, 2000, 5000, 10000, 20000],
  markers: false,
  referenceLines: [
    { axis: "y" as const, value: 0.5, tone: "chance" as const, label: "chance 50%" },
    { axis: "x" as const, value: 9700, tone: "threshold" as const, dash: "dot" as const, label: "n = 9,700" },
  ],
};

describe("sweepFigure", () => {
  it("sorts each series by x and closes its band polygon", () => {
    const fig = sweepFigure(pts, { xTitle: "Temperature" });
    expect(fig.data).toHaveLength(4);
    expect(fig.data[1].x).toEqual([0, 1]);
    expect(fig.data[1].y).toEqual([0.6, 0.5]);
    expect(fig.data[0].x).toEqual([0, 1, 1, 0]);
    expect(fig.data[0].y).toEqual([0.65, 0.55, 0.45, 0.55]);
    expect(titleOf(fig)).toBe("a peaks at 60.0% (x = 0); b peaks at 40.0% (x = 0)");
    expect(subtitleOf(fig)).toBe("n = 400 items per point · bands: 95% CI");
    expect(fig.layout.showlegend).toBe(true);
    // The doc example: one series gives a band and a line.
    expect(sweepFigure(pts.slice(0, 2)).data).toHaveLength(2);
  });
  it("draws lines without markers, a log axis, and reference lines by tone, when asked", () => {
    const fig = sweepFigure(interval, intervalOptions);
    expect(fig.data[1].mode).toBe("lines");
    expect(fig.data[1].marker).toBeUndefined();
    expect((fig.layout.xaxis as Obj).type).toBe("log");
    expect((fig.layout.xaxis as Obj).tickvals).toEqual([100, 200, 500, 1000, 2000, 5000, 10000, 20000]);
    const shapes = fig.layout.shapes as Obj[];
    expect(shapes.map((s) => s.line.color)).toEqual(["#6B6B6B", "#D55E00"]);
    expect((fig.layout.annotations as Obj[]).map((a) => a.text).sort()).toEqual(["chance 50%", "n = 9,700"]);
    expect(sweepFigure(pts.slice(0, 2)).data[1].mode).toBe("lines+markers");
  });
  it("rejects bad points and options", () => {
    expect(() => sweepFigure([{ ...pts[0], x: Infinity }])).toThrow(/points\[0\]\.x/);
    expect(() => sweepFigure([{ ...pts[0], series: 3 as never }])).toThrow(TypeError);
    expect(() => sweepFigure(pts, { markers: "no" as never })).toThrow(/markers/);
    expect(() => sweepFigure(pts, { xScale: "log" })).toThrow(/positive/);
    expect(() => sweepFigure(pts, { referenceLines: [{ axis: "y", value: NaN }] })).toThrow(/referenceLines\[0\]\.value/);
  });
});

describe("sweepFigure drawn", () => {
  const chromium = chromiumForTests();
  it("keeps reference labels inside the plot, the chance label clear of the vertical line", async () => {
    const g = await drawnGeometry(chromium, sweepFigure(interval, intervalOptions));
    const vertical = g.shapes.find((s) => s.rect.right - s.rect.left < 3)!;
    for (const a of g.annotations) {
      expect(a.rect.left).toBeGreaterThanOrEqual(g.plot.left);
      expect(a.rect.right).toBeLessThanOrEqual(g.plot.right);
      expect(a.rect.top).toBeGreaterThanOrEqual(g.plot.top);
      expect(a.rect.bottom).toBeLessThanOrEqual(g.plot.bottom);
      // No label sits across the n = 9,700 line.
      expect(a.rect.left > vertical.rect.right || a.rect.right < vertical.rect.left).toBe(true);
    }
  }, 30_000);
});
