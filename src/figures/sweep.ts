/**
 * Sweep plot: a rate against a numeric setting (temperature, shots, context length), one line per
 * model with its interval as a band.
 */
import { formatPercent } from "../analysis/format.js";
import { checkFinite, checkLevel, show } from "../stats/validate.js";
import { type XAxisOptions, resolveXAxis } from "./axis.js";
import { checkEstimate, checkOptionalCount, checkOptionalText, checkRows, checkText } from "./check.js";
import { sampleSizePhrase } from "./forest.js";
import { aboveLegendHeight, placeLegend } from "./legend.js";
import { type AxisSpan, type Polyline, type ReferenceLine, axisFraction, checkReferenceLines, drawReferenceLines, plotArea } from "./reference.js";
import { type Figure, type Trace, baseLayout, escapeText, seriesColor, withAlpha } from "./theme.js";

/** One rate at one setting for one series (model). */
export interface SweepPoint {
  series: string;
  x: number;
  estimate: number;
  lower: number;
  upper: number;
  /** Items behind the rate. */
  n?: number;
}

export interface SweepOptions extends XAxisOptions {
  finding?: string;
  level?: number;
  /** The setting on the x-axis, with its unit if it has one (default "Temperature"). */
  xTitle?: string;
  /** What the rate is (default "Accuracy"). */
  measure?: string;
  /**
   * Markers at each point (default true). Off for a curve sampled densely (many n on a log axis),
   * which reads as a curve rather than as separate measurements.
   */
  markers?: boolean;
  /** Labelled lines to add, such as chance (`{ axis: "y", value: 0.5, tone: "chance", label: "chance 50%" }`). */
  referenceLines?: ReferenceLine[];
}

/** Points grouped by series in first-seen order, each group sorted by x. */
function groupSeries(points: { series: string; x: number }[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  points.forEach((p, i) => {
    const g = groups.get(p.series);
    if (g) g.push(i);
    else groups.set(p.series, [i]);
  });
  for (const idx of groups.values()) idx.sort((a, b) => points[a].x - points[b].x);
  return groups;
}

/**
 * Rate (%) against a setting with a shaded interval band, one colour per series, with optional
 * log x-axis (`xScale`, `xTicks`, `xRange`), lines without markers, and labelled reference lines
 * whose labels stay inside the plot. Answers "does the setting move the rate, and is the movement
 * bigger than the noise?".
 *
 * @example
 * const fig = sweepFigure([
 *   { series: "model-a", x: 0, estimate: 0.6, lower: 0.55, upper: 0.65 },
 *   { series: "model-a", x: 1, estimate: 0.5, lower: 0.45, upper: 0.55 },
 * ]);
 * fig.data.length; // 2 (band and line)
 */
export function sweepFigure(points: SweepPoint[], options: SweepOptions = {}): Figure {
  const list = checkRows<SweepPoint>("points", points);
  const level = checkLevel(options.level);
  const finding = checkOptionalText("finding", options.finding);
  const xTitle = checkOptionalText("xTitle", options.xTitle) ?? "Temperature";
  const measure = checkOptionalText("measure", options.measure) ?? "Accuracy";
  if (options.markers !== undefined && typeof options.markers !== "boolean") {
    throw new TypeError(`markers must be true or false, got ${show(options.markers)}`);
  }
  const markers = options.markers ?? true;
  const lines = checkReferenceLines("referenceLines", options.referenceLines);
  const parsed = list.map((p, i) => ({
    series: checkText(`points[${i}].series`, p.series),
    x: checkFinite(`points[${i}].x`, p.x),
    ...checkEstimate(`points[${i}]`, p, true),
    n: checkOptionalCount(`points[${i}].n`, p.n),
  }));
  const groups = groupSeries(parsed);

  const data: Trace[] = [];
  let s = 0;
  const summaries: string[] = [];
  for (const [rawName, idx] of groups) {
    const name = escapeText(rawName);
    const color = seriesColor(s++);
    const pts = idx.map((i) => parsed[i]);
    const xs = pts.map((p) => p.x);
    data.push({
      type: "scatter",
      mode: "lines",
      name: `${name} band`,
      legendgroup: name,
      showlegend: false,
      x: [...xs, ...xs.slice().reverse()],
      y: [...pts.map((p) => p.upper), ...pts.map((p) => p.lower).reverse()],
      fill: "toself",
      fillcolor: withAlpha(color, 0.18),
      line: { width: 0, color },
      hoverinfo: "skip",
    });
    data.push({
      type: "scatter",
      mode: markers ? "lines+markers" : "lines",
      name,
      legendgroup: name,
      x: xs,
      y: pts.map((p) => p.estimate),
      line: { color, width: 3 },
      // plotly rejects a marker on a lines-only trace
      ...(markers ? { marker: { color, size: 9 } } : {}),
      hovertemplate: `${name}<br>%{x}: %{y:.1%}<extra></extra>`,
    });
    const best = pts.reduce((a, b) => (b.estimate > a.estimate ? b : a));
    summaries.push(`${rawName} peaks at ${formatPercent(best.estimate)} (x = ${best.x})`);
  }

  const title = finding ?? (summaries.length <= 2 ? summaries.join("; ") : `${measure} against ${xTitle.toLowerCase()} for ${groups.size} models`);
  const ns = parsed.map((p) => p.n).filter((n): n is number => n !== undefined);
  const subtitle = `${ns.length > 0 ? `${sampleSizePhrase(ns)} per point · ` : ""}bands: ${formatPercent(level, 0)} CI`;
  const layout = baseLayout({ title, subtitle, xTitle, yTitle: `${measure} (%)`, showLegend: groups.size > 1 });
  const allX = parsed.map((p) => p.x);
  const x = resolveXAxis(options, Math.min(...allX), Math.max(...allX), false, markers ? 0.03 : 0);
  // The y range is set too (plotly's own would pad by an unknown amount), so labels can be placed.
  const ys = [...parsed.flatMap((p) => [p.lower, p.upper]), ...lines.filter((l) => l.axis === "y").map((l) => l.value)];
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const y: AxisSpan = { min: lo - 0.05 * (hi - lo || 0.1), max: hi + 0.05 * (hi - lo || 0.1), log: false };
  Object.assign(layout.yaxis as object, { tickformat: ".0%", range: [y.min, y.max] });
  Object.assign(layout.xaxis as object, x.axis);
  // Vertical lines' labels keep clear of the lines and bands.
  const fraction = (px: number, py: number) => [axisFraction(x.span, px), axisFraction(y, py)] as const;
  const obstacles: Polyline[] = [...groups.values()].flatMap((idx) => {
    const pts = idx.map((i) => parsed[i]);
    return [pts.map((p) => fraction(p.x, p.upper)), pts.map((p) => fraction(p.x, p.estimate)), pts.map((p) => fraction(p.x, p.lower))];
  });
  const names = [...groups.keys()].map(escapeText);
  // Labels are placed for the plot the legend above will leave.
  const area = plotArea(layout);
  const below = { width: area.width, height: area.height - (groups.size > 1 ? aboveLegendHeight(names, area.width) : 0) };
  const added = drawReferenceLines(lines, { x: x.span, y }, below, obstacles);
  if (added.shapes.length > 0) layout.shapes = added.shapes;
  if (added.annotations.length > 0) layout.annotations = added.annotations;
  // Bands fill most of the plot, so a legend goes above it rather than into a corner.
  if (groups.size > 1) placeLegend(layout, names, "above", []);
  return { data, layout };
}
