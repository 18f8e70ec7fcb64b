/**
 * Reference lines: checked options, positions on linear and log axes, coincident lines drawn with
 * dashes taking turns under one label, and labels placed inside the plot away from curves.
 */
import { describe, expect, it } from "vitest";
import {
  annotationPosition,
  axisFraction,
  boxOutline,
  checkReferenceLines,
  coincidentGroups,
  crosses,
  drawReferenceLines,
  groupLabel,
  interleavedDash,
  plotArea,
} from "../../src/figures/reference.js";
import { expectClose } from "../helpers/close.js";
import type { Obj } from "./helpers.js";

const unit = { min: 0, max: 1, log: false };
const area = { width: 770, height: 420 };

describe("reference line helpers", () => {
  it("place values along linear and log axes", () => {
    expect(axisFraction({ min: 10, max: 1000, log: true }, 100)).toBe(0.5);
    expect(axisFraction(unit, 0.25)).toBe(0.25);
    expect(annotationPosition({ min: 10, max: 1000, log: true }, 100)).toBe(2);
    expect(annotationPosition(unit, 0.3)).toBe(0.3);
  });
  it("check options, fill defaults, and name the bad field", () => {
    expect(checkReferenceLines("referenceLines", undefined)).toEqual([]);
    expect(checkReferenceLines("referenceLines", [{ axis: "x", value: 2 }])).toEqual([{ axis: "x", value: 2, tone: "threshold", dash: "dash" }]);
    expect(() => checkReferenceLines("referenceLines", [{ axis: "z", value: 1 }])).toThrow(/referenceLines\[0\]\.axis/);
    expect(() => checkReferenceLines("referenceLines", [{ axis: "x", value: 1, dash: "wavy" }])).toThrow(/referenceLines\[0\]\.dash/);
    expect(() => checkReferenceLines("referenceLines", [{ axis: "x", value: 1, label: "" }])).toThrow(/referenceLines\[0\]\.label/);
    expect(() => checkReferenceLines("referenceLines", "x")).toThrow(TypeError);
  });
  it("group lines that would be drawn on each other, and interleave their dashes", () => {
    expect(coincidentGroups([0.5, 0.55, 0.5])).toEqual([[0, 2], [1]]);
    expect(coincidentGroups([0.5, 0.503])).toEqual([[0, 1]]);
    expect(coincidentGroups([0.5, 0.51])).toEqual([[0], [1]]);
    // Two lines: dash, gap; then gap, dash. Three: each line's dash in every third slot.
    expect([0, 1].map((k) => interleavedDash(k, 2))).toEqual(["8px,8px", "0px,8px,8px,0px"]);
    expect([0, 1, 2].map((k) => interleavedDash(k, 3))).toEqual(["8px,16px", "0px,8px,8px,8px", "0px,16px,8px,0px"]);
  });
  it("name every coincident line in one label, each in its colour", () => {
    expect(groupLabel([{ label: "a < b", color: "#000000" }])).toBe("a &lt; b");
    expect(groupLabel([{ label: "uniform", color: "#D55E00" }, { label: "marginal", color: "#CC79A7" }])).toBe(
      '<span style="color:#D55E00">uniform</span> · <span style="color:#CC79A7">marginal</span>',
    );
  });
  it("find curves inside boxes, boxes inside boxes, and the plot's size", () => {
    expect(crosses([[[0, 0], [1, 1]]], { x0: 0.4, x1: 0.6, y0: 0.4, y1: 0.6 })).toBe(true);
    // A segment passing through with both ends outside is found too.
    expect(crosses([[[0, 0.5], [1, 0.5]]], { x0: 0.4, x1: 0.6, y0: 0.4, y1: 0.6 })).toBe(true);
    expect(crosses([[[0, 0], [1, 0]]], { x0: 0.4, x1: 0.6, y0: 0.4, y1: 0.6 })).toBe(false);
    expect(crosses(boxOutline({ x0: 0, x1: 1, y0: 0, y1: 1 }), { x0: 0.4, x1: 0.6, y0: 0.4, y1: 0.6 })).toBe(true);
    expect(plotArea({ margin: { l: 80, r: 50, t: 100, b: 80 }, height: 400 })).toEqual({ width: 770, height: 220 });
  });
});

describe("drawReferenceLines", () => {
  it("draws each line in its tone's colour, across the plot", () => {
    const { shapes, annotations } = drawReferenceLines(
      [
        { axis: "y", value: 0.5, label: "chance 50%", tone: "chance" },
        { axis: "x", value: 0.3, tone: "study", dash: "solid" },
      ],
      { x: unit, y: unit },
      area,
    );
    expect(shapes).toEqual([
      { type: "line", xref: "x", yref: "paper", x0: 0.3, x1: 0.3, y0: 0, y1: 1, line: { color: "#000000", width: 2, dash: "solid" } },
      { type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: 0.5, y1: 0.5, line: { color: "#D55E00", width: 2, dash: "dash" } },
    ]);
    // One label (the vertical line has none), right-aligned inside the plot under the line.
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatchObject({ text: "chance 50%", xref: "paper", xanchor: "right", yanchor: "top", y: 0.5 });
    expect(annotations[0].x).toBeLessThanOrEqual(1);
  });
  it("puts a vertical label on the side of its line where it fits, and at the bottom when curves fill the top", () => {
    const label = (value: number, obstacles = [] as Obj[]) =>
      drawReferenceLines([{ axis: "x", value, label: "study: 1,263 items" }], { x: unit, y: unit }, area, obstacles as never).annotations[0];
    expect(label(0.2)).toMatchObject({ xanchor: "left", yanchor: "top", y: 1 });
    // Near the right edge the label goes left of the line.
    expect(label(0.95)).toMatchObject({ xanchor: "right" });
    // A curve across the top right of the line: the label moves to the bottom.
    expect(label(0.2, [[[0, 0.97], [1, 0.97]]])).toMatchObject({ xanchor: "left", yanchor: "bottom", y: 0 });
  });
  it("moves a horizontal line's label off a vertical line that would run through it", () => {
    const { annotations } = drawReferenceLines(
      [
        { axis: "y", value: 0.5, label: "chance 50%", tone: "chance" },
        { axis: "x", value: 0.97, dash: "dot" },
      ],
      { x: unit, y: unit },
      area,
    );
    // Right edge just left of the vertical line at 0.97 × 770 px.
    expectClose((annotations[0].x as number) * area.width, 0.97 * area.width - 6, "label end");
  });
  it("writes log-axis label positions as log10, as plotly expects", () => {
    const { shapes, annotations } = drawReferenceLines([{ axis: "x", value: 1000, label: "n" }], { x: { min: 10, max: 100000, log: true }, y: unit }, area);
    expect(shapes[0].x0).toBe(1000);
    expect(annotations[0].x).toBe(3);
  });
});
