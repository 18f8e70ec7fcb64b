/** Legend placement: the estimated box, corners tried in order, and above the plot when all hold data. */
import { describe, expect, it } from "vitest";
import { aboveLegendHeight, checkLegendPlacement, legendSize, placeLegend } from "../../src/figures/legend.js";
import { baseLayout } from "../../src/figures/theme.js";
import type { Obj } from "./helpers.js";

const layout = () => baseLayout({ title: "T", xTitle: "x", yTitle: "y", showLegend: true });

describe("placeLegend", () => {
  it("estimates the box from the entries", () => {
    expect(legendSize(["a", "b"])).toEqual({ width: 63, height: 72 });
    expect(aboveLegendHeight(["a", "b"], 770)).toBe(46);
    // Entries too wide for one row wrap onto a second.
    expect(aboveLegendHeight(["x".repeat(50), "y".repeat(50)], 770)).toBe(80);
  });
  it("takes the first corner no curve crosses: lower right, upper left, upper right, lower left", () => {
    const rising = [[[0, 0.1], [1, 0.9]]] as const;
    expect(placeLegend(layout(), ["a"], "auto", [[[0, 0], [1, 1]]])).toBe("lower right");
    // A curve along the bottom blocks the lower corners; the diagonal leaves upper left free.
    expect(placeLegend(layout(), ["a"], "auto", [...rising, [[0, 0.05], [1, 0.05]]])).toBe("upper left");
    const l = layout();
    expect(placeLegend(l, ["a"], "auto", rising)).toBe("lower right");
    expect(l.legend).toMatchObject({ x: 0.99, xanchor: "right", y: 0.01, yanchor: "bottom", borderwidth: 1 });
  });
  it("goes above the plot when every corner holds data, and makes room for it", () => {
    const l = layout();
    const t = (l.margin as Obj).t;
    const everywhere = [[[0, 0.02], [1, 0.02]], [[0, 0.98], [1, 0.98]]] as const;
    expect(placeLegend(l, ["a", "b"], "auto", everywhere)).toBe("above");
    expect(l.legend).toMatchObject({ orientation: "h", xanchor: "left", yanchor: "bottom" });
    expect((l.margin as Obj).t).toBe(t + 46);
  });
  it("obeys an explicit placement and rejects unknown ones", () => {
    const l = layout();
    expect(placeLegend(l, ["a"], "upper left", [[[0, 1], [1, 1]]])).toBe("upper left");
    expect(l.legend).toMatchObject({ x: 0.01, y: 0.99 });
    expect(checkLegendPlacement("legend", undefined)).toBe("auto");
    expect(() => checkLegendPlacement("legend", "middle")).toThrow(/legend must be one of/);
  });
});
