/**
 * Gap plot: treatment − baseline per comparison with its interval, a zero line, and which gaps
 * survive the multiple-comparison adjustment.
 */
import { formatCount, formatPercent, formatPoints, pText } from "../analysis/format.js";
import { checkClosedUnit, checkLevel, show } from "../stats/validate.js";
import { checkEstimate, checkOptionalCount, checkOptionalText, checkRows, checkText } from "./check.js";
import { type Figure, baseLayout, escapeText, fontSizes, palette, referenceLine, rowsHeight, textWidth } from "./theme.js";

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
  /** The condition every gap is measured from, named on the axis ("Gap, research − production"). */
  baseline?: string;
  /** The condition measured against it, when all rows share one (default "each condition"). */
  treatment?: string;
}

/** Room between the plot's right edge and the label column, in CSS pixels. */
const labelGap = 12;

/**
 * The gap axis' title, naming what is subtracted from what: "Gap, research − production (points)";
 * rows that each compare their own pair are read from their labels.
 *
 * @example
 * gapAxisTitle("production", "research"); // "Gap, research − production (points)"
 */
export function gapAxisTitle(baseline?: string, treatment?: string): string {
  if (baseline === undefined && treatment === undefined) return "Gap, first − second condition of each row (points)";
  return `Gap, ${treatment ?? "each condition"} − ${baseline ?? "its baseline"} (points)`;
}

/**
 * Gaps in percentage points with intervals, a solid zero line, filled markers for gaps that are
 * significant after adjustment and open ones for the rest, each labelled with its gap and p-value
 * in a column right of the plot (the margin is sized to the longest label, so none is clipped).
 * The axis names the two conditions; the height follows the number of rows. p-values print as the
 * sentences print them (`pText`). Answers "which conditions really differ from the baseline?".
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
  const baselineName = checkOptionalText("baseline", options.baseline);
  const treatmentName = checkOptionalText("treatment", options.treatment);
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

  const layout = baseLayout({ title, subtitle, xTitle: gapAxisTitle(baselineName, treatmentName), yTitle: "" });
  const lo = Math.min(0, ...parsed.map((r) => r.lower)) * 100;
  const hi = Math.max(0, ...parsed.map((r) => r.upper)) * 100;
  const span = Math.max(hi - lo, 1);
  Object.assign(layout.xaxis as object, { range: [lo - 0.06 * span, hi + 0.06 * span], ticksuffix: "" });
  Object.assign(layout.yaxis as object, { autorange: "reversed", type: "category", showgrid: false });
  delete (layout.yaxis as Record<string, unknown>).gridcolor;
  layout.shapes = [referenceLine("x", 0, palette.grey, "solid")];
  const notes = parsed.map((r) => escapeText(r.pAdjusted === undefined ? formatPoints(r.estimate) : `${formatPoints(r.estimate)}, adj. ${pText(r.pAdjusted)}`));
  // The "+3.1 pp, adj. p = 0.0042" column sits right of the plot, in a margin as wide as its longest entry.
  const column = Math.max(...notes.map((t) => textWidth(t, fontSizes.annotation)));
  (layout.margin as Record<string, number>).r = Math.max(50, labelGap + column + 16);
  layout.annotations = parsed.map((r, i) => ({
    x: 1,
    xref: "paper",
    y: labels[i],
    yref: "y",
    xanchor: "left",
    xshift: labelGap,
    showarrow: false,
    text: notes[i],
    font: { size: fontSizes.annotation, color: r.significant ? palette.blue : palette.grey },
  }));
  rowsHeight(layout, parsed.length);

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
