/**
 * passAtKFigure as data (k sorted, bands that bracket their lines, pass^k dashed in its condition's
 * colour, integer k ticks, the title from the curves) and as drawn (lines inside the plot, legend
 * above it).
 */
import { describe, expect, it } from "vitest";
import { passAtKCurve } from "../../src/analysis/passAtK.js";
import { passAtKFigure } from "../../src/figures/passAtKFigure.js";
import { repeatRecords } from "./familyRecords.js";
import { type Obj, subtitleOf, titleOf } from "./helpers.js";
import { chromiumForTests, drawnGeometry, inside } from "./inspect.js";

const curveA = passAtKCurve(repeatRecords, { condition: "A" });
const curveB = passAtKCurve(repeatRecords, { condition: "B" });
const hatA = passAtKCurve(repeatRecords, { condition: "A", measure: "pass^k" });

describe("passAtKFigure", () => {
  it("draws one line per condition over k = 1..K with a band that brackets it", () => {
    const fig = passAtKFigure([...curveA].reverse());
    expect(fig.data).toHaveLength(2);
    const [band, line] = fig.data as Obj[];
    const ks = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(line.x).toEqual(ks);
    expect(line.y).toEqual(curveA.map((c) => c.estimate));
    // Item 0 mod 6 gets 1 of 10 right with offset 1, so pass@10 is 1 for every item.
    expect(line.y[9]).toBe(1);
    expect(band.x).toEqual([...ks, ...[...ks].reverse()]);
    const upper = band.y.slice(0, 10);
    const lower = band.y.slice(10).reverse();
    for (let i = 0; i < 10; i++) {
      expect(lower[i]).toBeLessThanOrEqual(line.y[i]);
      expect(upper[i]).toBeGreaterThanOrEqual(line.y[i]);
    }
    expect(upper[0]).toBeGreaterThan(lower[0]);
    expect(titleOf(fig)).toBe(`pass@k: A ${(100 * curveA[0].estimate).toFixed(1)}% at k = 1, 100.0% at k = 10`);
    expect(subtitleOf(fig)).toBe("n = 30 items · bands: 95% CI over items");
    expect((fig.layout.xaxis as Obj).dtick).toBe(1);
  });
  it("dashes pass^k in its condition's colour and gives each condition its own colour", () => {
    const fig = passAtKFigure([...curveA, ...hatA, ...curveB]);
    const lines = (fig.data as Obj[]).filter((t) => t.showlegend !== false);
    expect(lines.map((l) => l.name)).toEqual(["A pass@k", "A pass^k", "B"]);
    expect(lines.map((l) => l.line.dash)).toEqual(["solid", "dash", "solid"]);
    expect(lines[0].line.color).toBe(lines[1].line.color);
    expect(lines[2].line.color).not.toBe(lines[0].line.color);
    // pass^k falls with k, pass@k rises.
    expect(lines[1].y[9]).toBeLessThan(lines[1].y[0]);
    expect(subtitleOf(fig)).toContain("dashed: pass^k (all k right)");
    expect((fig.layout.legend as Obj).orientation).toBe("h");
  });
  it("rejects empty input, a k given twice, and an interval that misses its estimate", () => {
    expect(() => passAtKFigure([])).toThrow(/curves must hold at least one row/);
    expect(() => passAtKFigure([curveA[0], curveA[0]])).toThrow(/pass@k at k = 1 twice for condition "A"/);
    expect(() => passAtKFigure([{ ...curveA[0], upper: 0 }])).toThrow(/curves\[0\] must have lower ≤ estimate ≤ upper/);
    expect(() => passAtKFigure([{ ...curveA[0], measure: "pass" as never }])).toThrow(/curves\[0\]\.measure/);
  });
});

describe("passAtKFigure drawn", () => {
  const chromium = chromiumForTests();
  it("keeps the lines inside the plot and the legend above it", async () => {
    const fig = passAtKFigure([...curveA, ...hatA, ...curveB]);
    const g = await drawnGeometry(chromium, fig);
    expect(g.lines.length).toBeGreaterThanOrEqual(3);
    const plot = { ...g.plot, top: g.plot.top - 2, bottom: g.plot.bottom + 2 };
    for (const line of g.lines) for (const p of line) expect(inside(p, { ...plot, left: plot.left - 2, right: plot.right + 2 })).toBe(true);
    expect(g.legend).not.toBeNull();
    expect(g.legend!.bottom).toBeLessThanOrEqual(g.plot.top + 1);
  }, 30_000);
});
