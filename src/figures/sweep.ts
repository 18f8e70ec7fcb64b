/**
 * Sweep plot: a rate against a numeric setting (temperature, shots, context length), one line per
 * model with its interval as a band.
 */
import { checkFinite, checkLevel } from "../stats/validate.js";
import { checkEstimate, checkOptionalCount, checkOptionalText, checkRows, checkText } from "./check.js";
import { sampleSizePhrase } from "./forest.js";
import { type Figure, type Trace, baseLayout, escapeText, formatPercent, seriesColor, withAlpha } from "./theme.js";

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

export interface SweepOptions {
  finding?: string;
  level?: number;
  /** The setting on the x-axis, with its unit if it has one (default "Temperature"). */
  xTitle?: string;
  /** What the rate is (default "Accuracy"). */
  measure?: string;
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
 * Rate (%) against a setting with a shaded interval band, one colour per series. Answers "does the
 * setting move the rate, and is the movement bigger than the noise?".
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
      mode: "lines+markers",
      name,
      legendgroup: name,
      x: xs,
      y: pts.map((p) => p.estimate),
      line: { color, width: 3 },
      marker: { color, size: 9 },
      hovertemplate: `${name}<br>%{x}: %{y:.1%}<extra></extra>`,
    });
    const best = pts.reduce((a, b) => (b.estimate > a.estimate ? b : a));
    summaries.push(`${rawName} peaks at ${formatPercent(best.estimate)} (x = ${best.x})`);
  }

  const title = finding ?? (summaries.length <= 2 ? summaries.join("; ") : `${measure} against ${xTitle.toLowerCase()} for ${groups.size} models`);
  const ns = parsed.map((p) => p.n).filter((n): n is number => n !== undefined);
  const subtitle = `${ns.length > 0 ? `${sampleSizePhrase(ns)} per point · ` : ""}bands: ${formatPercent(level, 0)} CI`;
  const layout = baseLayout({ title, subtitle, xTitle, yTitle: `${measure} (%)`, showLegend: groups.size > 1 });
  Object.assign(layout.yaxis as object, { tickformat: ".0%" });
  if (groups.size > 1) {
    // Legend above the plot, left-aligned, so it never covers a band.
    layout.legend = { ...(layout.legend as object), orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom" };
    (layout.margin as Record<string, number>).t += 34;
  }
  return { data, layout };
}
