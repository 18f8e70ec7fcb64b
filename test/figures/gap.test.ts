/**
 * gapFigure as data (points, markers, axis naming both conditions, p-values printed as the
 * sentences print them) and as drawn: the "+3.1 pp, adj. p = 1" labels stay inside the figure,
 * and the height follows the rows.
 */
import { describe, expect, it } from "vitest";
import { gapAxisTitle, gapFigure } from "../../src/figures/gap.js";
import { expectClose } from "../helpers/close.js";
import { type Obj, titleOf } from "./helpers.js";
import { chromiumForTests, drawnGeometry } from "./inspect.js";

const rows = [
  { label: "CoT vs plain", estimate: 0.031, lower: 0.012, upper: 0.05, pAdjusted: 0.004, significant: true },
  { label: "persona vs plain", estimate: -0.01, lower: -0.04, upper: 0.02, pAdjusted: 0.5, significant: false },
];

describe("gapFigure", () => {
  it("draws gaps in points, significant filled and the rest open, with the zero line", () => {
    const fig = gapFigure(rows.slice(0, 1));
    expect(fig.data).toHaveLength(1);
    expectClose((fig.data[0].x as number[])[0], 3.1, "gap in points");
    expect(titleOf(fig)).toBe("CoT vs plain: +3.1 pp, significant after adjustment");
    const both = gapFigure(rows, { correction: "Holm" });
    expect(both.data.map((t) => t.name)).toEqual(["significant", "not significant"]);
    expect((both.data[1].marker as Obj).color).toBe("#FFFFFF");
    expect(titleOf(both)).toBe("1 of 2 gaps significant after Holm adjustment");
    expect((both.layout.shapes as Obj[])[0]).toMatchObject({ x0: 0, x1: 0 });
    // p-values as the sentences print them (pText: two significant digits).
    expect((both.layout.annotations as Obj[]).map((a) => a.text)).toEqual(["+3.1 pp, adj. p = 0.004", "−1.0 pp, adj. p = 0.5"]);
    expect((both.layout.yaxis as Obj).categoryarray).toEqual(["CoT vs plain", "persona vs plain"]);
  });
  it("names both conditions on the axis", () => {
    expect(gapAxisTitle("production", "research")).toBe("Gap, research − production (points)");
    expect(gapAxisTitle("zero-shot")).toBe("Gap, each condition − zero-shot (points)");
    expect(gapAxisTitle()).toBe("Gap, first − second condition of each row (points)");
    const fig = gapFigure(rows, { baseline: "production", treatment: "research" });
    expect((fig.layout.xaxis as Obj).title.text).toBe("Gap, research − production (points)");
    expect((fig.layout.xaxis as Obj).title.text).not.toMatch(/treatment|baseline/);
  });
  it("sets its height by its rows: a fixed height per row, whatever their number", () => {
    const many = (k: number) => Array.from({ length: k }, (_, i) => ({ ...rows[1], label: `condition ${i}` }));
    const h = (k: number) => gapFigure(many(k)).layout.height as number;
    expect(h(9) - h(4)).toBe(5 * 58);
    expect(h(2)).toBeLessThan(400);
  });
  it("rejects bad rows", () => {
    expect(() => gapFigure([{ ...rows[0], significant: "yes" as never }])).toThrow(/rows\[0\]\.significant/);
    expect(() => gapFigure([{ ...rows[0], pAdjusted: 1.5 }])).toThrow(/rows\[0\]\.pAdjusted/);
    expect(() => gapFigure([{ ...rows[0], lower: 0.04 }])).toThrow(RangeError);
    expect(() => gapFigure(rows, { treatment: "" })).toThrow(/treatment/);
  });
});

describe("gapFigure drawn", () => {
  const chromium = chromiumForTests();
  // Notebook 3's "your file" gaps: long labels, the widest interval last, every adjusted p = 1.
  const ablations = [
    { label: "Claude 3.5 Sonnet, temperature 1", estimate: -0.03, lower: -0.107, upper: 0.047, pAdjusted: 1, significant: false, n: 300 },
    { label: "Claude 3.5 Sonnet, think step by step", estimate: 0.03, lower: -0.027, upper: 0.087, pAdjusted: 1, significant: false, n: 300 },
    { label: "Claude 3.5 Sonnet, custom system prompt", estimate: 0.02, lower: -0.052, upper: 0.092, pAdjusted: 1, significant: false, n: 300 },
    { label: "GPT-4o", estimate: 0.04, lower: -0.04, upper: 0.12, pAdjusted: 1, significant: false, n: 300 },
  ];

  it("keeps every gap label whole inside the figure, right of the plot", async () => {
    const fig = gapFigure(ablations, { baseline: "Claude 3.5 Sonnet, temperature 0", correction: "Holm" });
    const g = await drawnGeometry(chromium, fig);
    expect(g.annotations.map((a) => a.text)).toEqual(["−3.0 pp, adj. p = 1", "+3.0 pp, adj. p = 1", "+2.0 pp, adj. p = 1", "+4.0 pp, adj. p = 1"]);
    for (const a of g.annotations) {
      expect(a.rect.right).toBeLessThanOrEqual(g.width);
      expect(a.rect.left).toBeGreaterThanOrEqual(g.plot.right);
    }
  }, 30_000);

  it("draws few rows compactly: the same plot height per row as five rows, and a lower figure", async () => {
    const two = await drawnGeometry(chromium, gapFigure(ablations.slice(0, 2)));
    const five = await drawnGeometry(chromium, gapFigure([...ablations, { ...ablations[0], label: "fifth" }]));
    expect(two.height).toBeLessThan(five.height);
    expect(two.height).toBeLessThan(400);
    // 150 px of plot at least; 58 px a row beyond that.
    expect((five.plot.bottom - five.plot.top) / 5).toBeCloseTo(58, -0.5);
    expect(two.plot.bottom - two.plot.top).toBeLessThan(200);
  }, 30_000);
});
