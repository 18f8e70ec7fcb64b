// Pieces the stories' figures share (src/paper/storyFigures.ts), checked by hand.
import { describe, expect, it } from "vitest";
import { gapRow, markSimulated, percentagePoints, powerCurveOnGrid, powerGrid } from "../../src/paper/storyFigures.js";

describe("storyFigures", () => {
  it("markSimulated adds the word before any subtitle without touching the input", () => {
    const fig = { data: [], layout: { title: { text: "T" } } };
    const marked = markSimulated(fig);
    expect((marked.layout.title as { subtitle: { text: string } }).subtitle.text).toBe("simulated data");
    expect(fig.layout.title).toEqual({ text: "T" });
    const withSub = markSimulated({ data: [], layout: { title: { text: "T", subtitle: { text: "n = 300" } } } });
    expect((withSub.layout.title as { subtitle: { text: string } }).subtitle.text).toBe("simulated data · n = 300");
  });

  it("the power grid runs 10%–99% in steps of 1% and holds 80% exactly", () => {
    expect(powerGrid).toHaveLength(90);
    expect([powerGrid[0], powerGrid[70], powerGrid[89]]).toEqual([0.1, 0.8, 0.99]);
  });

  it("a curve on the grid solves n at each power and drops n beyond maxN", () => {
    const curve = powerCurveOnGrid("linear", (p) => 100 * p, { maxN: 50 });
    expect(curve.label).toBe("linear");
    expect(curve.n).toHaveLength(41);
    expect(curve.power[40]).toBe(0.5);
    expect(curve.n[40]).toBe(50);
    const few = powerCurveOnGrid("few", (p) => p, { powers: [0.2, 0.3] });
    expect(few).toEqual({ label: "few", n: [0.2, 0.3], power: [0.2, 0.3] });
  });

  it("a gap row carries the comparison's interval, significance and items", () => {
    expect(gapRow({ estimate: 0.11, lower: 0.05, upper: 0.17, significant: true, items: 300 }, "paired")).toEqual({
      label: "paired", estimate: 0.11, lower: 0.05, upper: 0.17, significant: true, n: 300,
    });
  });

  it("percentage points are unsigned, to 0.1 point, without a trailing .0", () => {
    expect(percentagePoints(0.05)).toBe(5);
    expect(percentagePoints(-0.085)).toBe(8.5);
    expect(percentagePoints(0.02045)).toBe(2);
  });
});
