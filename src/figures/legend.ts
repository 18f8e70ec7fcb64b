/**
 * Where a figure's legend goes: inside a corner of the plot that no curve, marker or drop line
 * passes through, or above the plot when every corner holds data. The box is estimated from the
 * entries' text (plotly measures it only in the browser), a little generously.
 */
import { checkChoice } from "../stats/validate.js";
import { type Polyline, crosses, plotArea } from "./reference.js";
import { fontSizes, textWidth } from "./theme.js";

/** A corner inside the plot, `above` it (a horizontal legend under the subtitle), or `auto`. */
export type LegendPlacement = "auto" | "upper left" | "upper right" | "lower left" | "lower right" | "above";

const placements: readonly LegendPlacement[] = ["auto", "upper left", "upper right", "lower left", "lower right", "above"];

/** Corners tried by `auto`, in order: rising curves (power, p-value) leave these empty first. */
const corners: readonly Exclude<LegendPlacement, "auto" | "above">[] = ["lower right", "upper left", "upper right", "lower left"];

/**
 * Check a `legend` option (undefined is `auto`).
 *
 * @example
 * checkLegendPlacement("legend", "middle"); // throws RangeError naming legend
 */
export function checkLegendPlacement(name: string, value: unknown): LegendPlacement {
  return value === undefined ? "auto" : checkChoice(name, value, placements);
}

/** Height in CSS pixels of one legend entry, of one row of a horizontal legend, and the box's padding. */
const entryPixels = 30;
const rowPixels = 34;
const boxPadding = 12;
/** Room kept between the legend box and the data it avoids, in CSS pixels. */
const clearance = 16;
/** Plotly's automargin may widen the y-axis margin by about this much (long tick labels). */
const automarginSlack = 20;

/**
 * Estimated size in CSS pixels of a vertical legend holding `entries` (the line sample, the
 * longest text, padding and border).
 *
 * @example
 * legendSize(["a", "b"]); // { width: 63, height: 72 }
 */
export function legendSize(entries: readonly string[]): { width: number; height: number } {
  const text = Math.max(...entries.map((e) => textWidth(e, fontSizes.legend)));
  return { width: 40 + text + boxPadding, height: boxPadding + entryPixels * entries.length };
}

/** The box a corner legend of `size` CSS pixels covers, in plot fractions, with clearance. */
function cornerBox(corner: (typeof corners)[number], size: { width: number; height: number }, area: { width: number; height: number }) {
  const w = (size.width + clearance) / (area.width - automarginSlack);
  const h = (size.height + clearance) / area.height;
  const [left, top] = [corner.endsWith("left"), corner.startsWith("upper")];
  return { x0: left ? 0 : 1 - w, x1: left ? w : 1, y0: top ? 1 - h : 0, y1: top ? 1 : h };
}

/**
 * Put the legend of `layout` where `placement` says; `auto` takes the first corner (lower right,
 * upper left, upper right, lower left) whose box no obstacle crosses, else `above`. Above, the
 * legend runs horizontally under the subtitle, in as many rows as the entries need, and the top
 * margin grows by that much. Returns the placement used.
 *
 * @example
 * placeLegend(baseLayout({ title: "T", xTitle: "x", yTitle: "y", showLegend: true }), ["a"], "auto", [[[0, 0], [1, 1]]]); // "lower right"
 */
export function placeLegend(
  layout: Record<string, unknown>,
  entries: readonly string[],
  placement: LegendPlacement,
  obstacles: readonly Polyline[],
): Exclude<LegendPlacement, "auto"> {
  const area = plotArea(layout);
  const size = legendSize(entries);
  const chosen =
    placement !== "auto"
      ? placement
      : (corners.find((c) => {
          const box = cornerBox(c, size, area);
          return box.x1 - box.x0 < 1 && box.y1 - box.y0 < 1 && !crosses(obstacles, box);
        }) ?? "above");
  if (chosen === "above") {
    layout.legend = { ...(layout.legend as object), orientation: "h", x: 0, xanchor: "left", y: 1 + 4 / area.height, yanchor: "bottom" };
    (layout.margin as Record<string, number>).t += aboveLegendHeight(entries, area.width);
  } else {
    const left = chosen.endsWith("left");
    const top = chosen.startsWith("upper");
    // Inside the plot the box gets a border, so it reads as a key and not as data.
    layout.legend = {
      ...(layout.legend as object),
      bordercolor: "#CCCCCC",
      borderwidth: 1,
      x: left ? 0.01 : 0.99,
      xanchor: left ? "left" : "right",
      y: top ? 0.99 : 0.01,
      yanchor: top ? "top" : "bottom",
    };
  }
  return chosen;
}

/**
 * Height in CSS pixels of a legend above the plot: its rows when entries wrap at `width`, and padding.
 *
 * @example
 * aboveLegendHeight(["a", "b"], 770); // 46
 */
export function aboveLegendHeight(entries: readonly string[], width: number): number {
  return horizontalRows(entries, width) * rowPixels + boxPadding;
}

/** Rows a horizontal legend needs when entries wrap at `width` CSS pixels. */
function horizontalRows(entries: readonly string[], width: number): number {
  let rows = 1;
  let used = 0;
  for (const e of entries) {
    const w = 40 + textWidth(e, fontSizes.legend) + 10;
    if (used > 0 && used + w > width) {
      rows++;
      used = 0;
    }
    used += w;
  }
  return rows;
}
