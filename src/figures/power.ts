/**
 * Power curves: the chance of detecting an effect against the number of items, one curve per true
 * rate, with the n where each reaches the target power (80%) marked.
 */
import { formatCount, formatPercent } from "../analysis/format.js";
import { checkClosedUnit, checkNumberArray, checkOpenUnit, checkSameLength } from "../stats/validate.js";
import { type XAxisOptions, resolveXAxis } from "./axis.js";
import { checkOptionalText, checkRows, checkText } from "./check.js";
import { ceilItems, crossingPoint } from "./crossing.js";
import { type LegendPlacement, aboveLegendHeight, checkLegendPlacement, placeLegend } from "./legend.js";
import {
  type AxisSpan,
  type Polyline,
  type ReferenceLine,
  axisFraction,
  boxOutline,
  checkReferenceLines,
  drawReferenceLines,
  plotArea,
} from "./reference.js";
import { type Figure, type Trace, baseLayout, escapeText, referenceColors, referenceLine, seriesColor } from "./theme.js";

/** Power at each n for one true rate (or effect); `label` names it, e.g. "true rate 55%". */
export interface PowerCurve {
  label: string;
  n: number[];
  power: number[];
}

export interface PowerOptions extends XAxisOptions {
  finding?: string;
  /** The power to reach (default 0.8). */
  target?: number;
  /** The test's α, for the subtitle. */
  alpha?: number;
  /** What n counts (default "Items (n)"). */
  xTitle?: string;
  /** Labelled lines to add, such as the n a study had (`{ axis: "x", value: 1263, tone: "study", … }`). */
  referenceLines?: ReferenceLine[];
  /** Where the legend goes (default "auto": a corner no curve, marker or drop line crosses, else above the plot). */
  legend?: LegendPlacement;
}

/**
 * Power (%) against n with a dashed line at the target, a marker and drop line where each curve
 * reaches it (interpolated between computed points), and that n in the legend. The x-axis may be
 * logarithmic (`xScale`, `xTicks`, `xRange`), reference lines are drawn with their labels inside
 * the plot, and the legend is placed where it covers no data. Answers "how many items would this
 * eval need?".
 *
 * @example
 * const fig = powerFigure([{ label: "true rate 55%", n: [100, 200, 300], power: [0.5, 0.7, 0.9] }]);
 * fig.data[1].x; // [250]: 80% is reached at n ≈ 250
 */
export function powerFigure(curves: PowerCurve[], options: PowerOptions = {}): Figure {
  const list = checkRows<PowerCurve>("curves", curves);
  const target = options.target === undefined ? 0.8 : checkOpenUnit("target", options.target);
  const alpha = options.alpha === undefined ? undefined : checkOpenUnit("alpha", options.alpha);
  const finding = checkOptionalText("finding", options.finding);
  const xTitle = checkOptionalText("xTitle", options.xTitle) ?? "Items (n)";
  const lines = checkReferenceLines("referenceLines", options.referenceLines);
  const legendPlacement = checkLegendPlacement("legend", options.legend);
  const parsed = list.map((c, i) => {
    const label = checkText(`curves[${i}].label`, c.label);
    const n = Array.from(checkNumberArray(`curves[${i}].n`, c.n, 2));
    const power = Array.from(checkNumberArray(`curves[${i}].power`, c.power, 2));
    checkSameLength(`curves[${i}].n`, n, `curves[${i}].power`, power);
    power.forEach((p, j) => checkClosedUnit(`curves[${i}].power[${j}]`, p));
    return { label, n, power, reach: crossingPoint(n, power, target) };
  });

  const data: Trace[] = [];
  const shapes: Record<string, unknown>[] = [referenceLine("y", target, referenceColors.threshold)];
  parsed.forEach((c, i) => {
    const color = seriesColor(i);
    const label = escapeText(c.label);
    const reachText = c.reach === null ? `not reached by n = ${formatCount(ceilItems(c.n[c.n.length - 1]))}` : `n ≈ ${formatCount(ceilItems(c.reach))}`;
    data.push({
      type: "scatter",
      mode: "lines",
      name: `${label}: ${reachText}`,
      legendgroup: c.label,
      x: c.n,
      y: c.power,
      line: { color, width: 3 },
      hovertemplate: `${label}<br>n = %{x}: %{y:.1%}<extra></extra>`,
    });
    if (c.reach !== null) {
      data.push({
        type: "scatter",
        mode: "markers",
        name: `${label} reaches ${formatPercent(target, 0)}`,
        legendgroup: c.label,
        showlegend: false,
        x: [c.reach],
        y: [target],
        marker: { color, size: 13, symbol: "diamond", line: { color: "#FFFFFF", width: 1.5 } },
        hovertemplate: `${label}<br>${formatPercent(target, 0)} power at n ≈ %{x:.0f}<extra></extra>`,
      });
      shapes.push({
        type: "line",
        xref: "x",
        yref: "y",
        x0: c.reach,
        x1: c.reach,
        y0: 0,
        y1: target,
        line: { color, width: 1.5, dash: "dot" },
      });
    }
  });

  const reached = parsed.filter((c) => c.reach !== null);
  const title =
    finding ??
    (reached.length === 0
      ? `${formatPercent(target, 0)} power is not reached in the range shown`
      : parsed.length === 1
        ? `${formatPercent(target, 0)} power needs n ≈ ${formatCount(ceilItems(reached[0].reach!))} (${parsed[0].label})`
        : `${formatPercent(target, 0)} power needs ${rangeOfReach(reached.map((c) => c.reach!))} items across ${parsed.length} curves${
            reached.length < parsed.length ? ` (${parsed.length - reached.length} not reached)` : ""
          }`);
  const subtitle = `dashed: ${formatPercent(target, 0)} power${alpha === undefined ? "" : ` · α = ${alpha}`} · diamonds: where each curve reaches it`;
  const layout = baseLayout({ title, subtitle, xTitle, yTitle: "Power (%)", showLegend: true });
  const allN = parsed.flatMap((c) => c.n);
  const x = resolveXAxis(options, Math.min(...allN), Math.max(...allN), true);
  const y: AxisSpan = { min: 0, max: 1.03, log: false };
  Object.assign(layout.yaxis as object, { tickformat: ".0%", range: [y.min, y.max] });
  Object.assign(layout.xaxis as object, { tickformat: ",", ...x.axis });
  // Labels and the legend keep clear of the curves, the diamonds and their drop lines.
  const at = (n: number, p: number) => [axisFraction(x.span, n), axisFraction(y, p)] as const;
  const drawnCurves: Polyline[] = parsed.map((c) => c.n.map((n, j) => at(n, c.power[j])));
  const dropLines: Polyline[] = parsed.filter((c) => c.reach !== null).map((c) => [at(c.reach!, 0), at(c.reach!, target)]);
  const legendNames = data.filter((t) => t.showlegend !== false).map((t) => String(t.name));
  // Labels are placed for the shorter plot a legend above would leave, so they stay clear either way.
  const area = plotArea(layout);
  const shortest = { width: area.width, height: area.height - (legendPlacement === "auto" || legendPlacement === "above" ? aboveLegendHeight(legendNames, area.width) : 0) };
  const added = drawReferenceLines(lines, { x: x.span, y }, shortest, drawnCurves, dropLines);
  layout.shapes = [...shapes, ...added.shapes];
  if (added.annotations.length > 0) layout.annotations = added.annotations;
  const verticals: Polyline[] = lines.filter((l) => l.axis === "x").map((l) => [at(l.value, 0), at(l.value, y.max)]);
  placeLegend(layout, legendNames, legendPlacement, [...drawnCurves, ...dropLines, ...verticals, ...added.labelBoxes.flatMap(boxOutline)]);
  return { data, layout };
}

/** "≈ 150 to 786" (or "≈ 150" when all curves agree), rounding each n up. */
function rangeOfReach(reach: number[]): string {
  const lo = ceilItems(Math.min(...reach));
  const hi = ceilItems(Math.max(...reach));
  return lo === hi ? `≈ ${formatCount(lo)}` : `≈ ${formatCount(lo)} to ${formatCount(hi)}`;
}
