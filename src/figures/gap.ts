/**
 * Gap plot: treatment − baseline per comparison with its interval, a zero line, and which gaps
 * survive the multiple-comparison adjustment.
 */
import { checkClosedUnit, checkLevel, show } from "../stats/validate.js";
import { checkEstimate, checkOptionalCount, checkOptionalText, checkRows, checkText } from "./check.js";
import {
  type Figure,
  baseLayout,
  escapeText,
  fontSizes,
  formatCount,
  formatPercent,
  formatPoints,
  formatPValue,
  palette,
  referenceLine,
} from "./theme.js";

/** One comparison: the gap (a difference of fractions), its interval and its adjusted verdict. */
export interface GapRow {
  label: string;
  estimate: number;
  lower: number;
  upper: number;
  /** The p-value after the multiple-comparison adjustment, when there is one. */
  pAdjusted?: number;
  /** Whether the gap is significant after adjustment (the caller decides). */
  significant: boolean;
  /** Items behind the comparison (paired items, or the smaller group). */
  n?: number;
}

export interface GapOptions {
  finding?: string;
  level?: number;
  /** The adjustment used, for the legend (e.g. "Holm"). */
  correction?: string;
  /** What the baseline is, for the axis title (default "baseline"). */
  baseline?: string;
}

/**
 * Gaps in percentage points with intervals, a solid zero line, filled markers for gaps that are
 * significant after adjustment and open ones for the rest, each labelled with its gap and p-value.
 * Answers "which conditions really differ from the baseline?".
 *
 * @example
 * const fig = gapFigure([{ label: "CoT vs plain", estimate: 0.031, lower: 0.012, upper: 0.05, pAdjusted: 0.004, significant: true }]);
 * fig.data[0].x; // [3.1] (points)
 */
export function gapFigure(rows: GapRow[], options: GapOptions = {}): Figure {
  const list = checkRows<GapRow>("rows", rows);
  const level = checkLevel(options.level);
  const finding = checkOptionalText("finding", options.finding);
  const correction = checkOptionalText("correction", options.correction);
  const baselineName = checkOptionalText("baseline", options.baseline) ?? "baseline";
  const parsed = list.map((r, i) => {
    if (typeof r.significant !== "boolean") {
      throw new TypeError(`rows[${i}].significant must be a boolean, got ${show(r.significant)}`);
    }
    return {
      label: checkText(`rows[${i}].label`, r.label),
      ...checkEstimate(`rows[${i}]`, r, false),
      pAdjusted: r.pAdjusted === undefined ? undefined : checkClosedUnit(`rows[${i}].pAdjusted`, r.pAdjusted),
      significant: r.significant,
      n: checkOptionalCount(`rows[${i}].n`, r.n),
    };
  });

  const nSignificant = parsed.filter((r) => r.significant).length;
  const adjusted = correction ? ` after ${correction} adjustment` : parsed.some((r) => r.pAdjusted !== undefined) ? " after adjustment" : "";
  const title =
    finding ??
    (parsed.length === 1
      ? `${parsed[0].label}: ${formatPoints(parsed[0].estimate)}, ${parsed[0].significant ? "significant" : "not significant"}${adjusted}`
      : `${nSignificant} of ${parsed.length} gaps significant${adjusted}`);
  const ns = parsed.map((r) => r.n).filter((n): n is number => n !== undefined);
  const nText = ns.length === 0 ? "" : ns.length === parsed.length && Math.min(...ns) === Math.max(...ns) ? `n = ${formatCount(ns[0])} items · ` : "";
  const subtitle = `${nText}bars: ${formatPercent(level, 0)} CI · filled = significant${adjusted}`;
  const labels = parsed.map((r) => escapeText(r.n !== undefined && nText === "" ? `${r.label} (n = ${formatCount(r.n)})` : r.label));

  const layout = baseLayout({ title, subtitle, xTitle: `Gap, treatment − ${baselineName} (points)`, yTitle: "" });
  const lo = Math.min(0, ...parsed.map((r) => r.lower)) * 100;
  const hi = Math.max(0, ...parsed.map((r) => r.upper)) * 100;
  const span = Math.max(hi - lo, 1);
  // Room on the right of the widest bar for the "+3.1 pp, p = 0.004" labels.
  Object.assign(layout.xaxis as object, { range: [lo - 0.06 * span, hi + 0.45 * span], ticksuffix: "" });
  Object.assign(layout.yaxis as object, { autorange: "reversed", type: "category", showgrid: false });
  delete (layout.yaxis as Record<string, unknown>).gridcolor;
  layout.shapes = [referenceLine("x", 0, palette.grey, "solid")];
  layout.annotations = parsed.map((r, i) => ({
    x: r.upper * 100,
    xref: "x",
    y: labels[i],
    yref: "y",
    xanchor: "left",
    xshift: 10,
    showarrow: false,
    text: escapeText(r.pAdjusted === undefined ? formatPoints(r.estimate) : `${formatPoints(r.estimate)}, adj. ${formatPValue(r.pAdjusted)}`),
    font: { size: fontSizes.annotation, color: r.significant ? palette.blue : palette.grey },
  }));

  const trace = (significant: boolean) => {
    const rowsHere = parsed.map((r, i) => ({ r, label: labels[i] })).filter(({ r }) => r.significant === significant);
    const color = significant ? palette.blue : palette.grey;
    return {
      type: "scatter",
      mode: "markers",
      name: significant ? "significant" : "not significant",
      x: rowsHere.map(({ r }) => r.estimate * 100),
      y: rowsHere.map(({ label }) => label),
      error_x: {
        type: "data",
        symmetric: false,
        array: rowsHere.map(({ r }) => (r.upper - r.estimate) * 100),
        arrayminus: rowsHere.map(({ r }) => (r.estimate - r.lower) * 100),
        color,
        thickness: 2.5,
        width: 8,
      },
      marker: { color: significant ? color : "#FFFFFF", size: 13, symbol: "circle", line: { color, width: 2.5 } },
      hovertemplate: "%{y}<br>%{x:+.1f} pp<extra></extra>",
    };
  };
  // Significant rows first so they draw on top; an empty trace is dropped to keep marks countable.
  const data = [trace(true), trace(false)].filter((t) => t.x.length > 0);
  // Category order follows the rows, not the trace order.
  Object.assign(layout.yaxis as object, { categoryorder: "array", categoryarray: labels });
  return { data, layout };
}
