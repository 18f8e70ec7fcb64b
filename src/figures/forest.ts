/**
 * Forest plot: one rate per condition with its interval, against the chance line(s) it must beat.
 */
import { formatCount, formatPercent } from "../analysis/format.js";
import { checkClosedUnit, checkCount, checkLevel } from "../stats/validate.js";
import { checkEstimate, checkOptionalText, checkRows, checkText } from "./check.js";
import { coincidentGroups, groupLabel, interleavedDash } from "./reference.js";
import { type Figure, baseLayout, escapeText, fontSizes, palette, referenceLine, rowsHeight } from "./theme.js";

/** One condition's rate (a fraction) with its interval and the number of items behind it. */
export interface ForestRow {
  label: string;
  estimate: number;
  lower: number;
  upper: number;
  n: number;
}

/** A chance rate and which baseline it is (`uniform`, `majority`, `marginal`, `given`, …). */
export interface ChanceLine {
  value: number;
  kind: string;
  /** The line's label; default "chance (kind) x%". For reference lines that are not chance. */
  label?: string;
}

export interface ForestOptions {
  /** Chance rate(s) drawn as dashed vertical lines labelled with their kind. */
  chance?: ChanceLine | ChanceLine[];
  /** The finding for the title; default names the highest rate and its interval. */
  finding?: string;
  /** Confidence level of the intervals (for the labels; default 0.95). */
  level?: number;
  /** What the rate is (x-axis title before the unit; default "Accuracy"). */
  measure?: string;
}

/**
 * The "n = …" phrase: one number when all rows agree, else the range.
 *
 * @example
 * sampleSizePhrase([480, 500]); // "n = 480–500 items"
 */
export function sampleSizePhrase(ns: readonly number[], unit = "items"): string {
  const lo = Math.min(...ns);
  const hi = Math.max(...ns);
  return lo === hi ? `n = ${formatCount(lo)} ${unit}` : `n = ${formatCount(lo)}–${formatCount(hi)} ${unit}`;
}

const chanceColors = [palette.vermillion, palette.green, palette.purple, palette.orange];

/**
 * Rates with intervals per condition, first row on top, with each chance baseline as a dashed line
 * labelled by its kind above the plot. Chance lines that fall on the same place (uniform and
 * marginal are both 50% on a balanced yes/no set) are all drawn, their dashes taking turns in their
 * colours, under one label naming each: "chance (uniform, p = 0.37 · marginal, p = 0.41) 50.0%".
 * The height follows the number of rows. Answers "which conditions sit clear of chance, and by how
 * much?".
 *
 * @example
 * const fig = forestFigure(
 *   [{ label: "zero-shot", estimate: 0.52, lower: 0.4762, upper: 0.5635, n: 500 }],
 *   { chance: { value: 0.5, kind: "uniform" } },
 * );
 * fig.data[0].y; // ["zero-shot (n = 500)"]
 */
export function forestFigure(rows: ForestRow[], options: ForestOptions = {}): Figure {
  const list = checkRows<ForestRow>("rows", rows);
  const level = checkLevel(options.level);
  const finding = checkOptionalText("finding", options.finding);
  const measure = checkOptionalText("measure", options.measure) ?? "Accuracy";
  const chances = options.chance === undefined ? [] : Array.isArray(options.chance) ? options.chance : [options.chance];
  chances.forEach((c, i) => {
    checkClosedUnit(`chance[${i}].value`, c?.value);
    checkText(`chance[${i}].kind`, c?.kind);
    checkOptionalText(`chance[${i}].label`, c?.label);
  });
  const parsed = list.map((r, i) => {
    const label = checkText(`rows[${i}].label`, r.label);
    const n = checkCount(`rows[${i}].n`, r.n);
    return { label, n, ...checkEstimate(`rows[${i}]`, r, true) };
  });

  const levelText = `${formatPercent(level, 0)} CI`;
  const best = parsed.reduce((a, b) => (b.estimate > a.estimate ? b : a));
  const title =
    finding ??
    (parsed.length === 1
      ? `${best.label}: ${formatPercent(best.estimate)} (${levelText} ${formatPercent(best.lower)}–${formatPercent(best.upper)})`
      : `Highest: ${best.label} at ${formatPercent(best.estimate)} (${levelText} ${formatPercent(best.lower)}–${formatPercent(best.upper)})`);
  const subtitle = `${sampleSizePhrase(parsed.map((r) => r.n))} per condition · bars: ${levelText}`;
  const labels = parsed.map((r) => `${escapeText(r.label)} (n = ${formatCount(r.n)})`);

  const layout = baseLayout({ title, subtitle, xTitle: `${measure} (%)`, yTitle: "" });
  const xValues = [...parsed.flatMap((r) => [r.lower, r.upper]), ...chances.map((c) => c.value)];
  const lo = Math.min(...xValues);
  const hi = Math.max(...xValues);
  const pad = Math.max(0.02, 0.08 * (hi - lo));
  Object.assign(layout.xaxis as object, { tickformat: ".0%", range: [Math.max(-0.01, lo - pad), Math.min(1.01, hi + pad)] });
  Object.assign(layout.yaxis as object, {
    autorange: "reversed",
    type: "category",
    title: { text: "" },
    showgrid: false,
  });
  delete (layout.yaxis as Record<string, unknown>).gridcolor;
  const [xMin, xMax] = (layout.xaxis as { range: [number, number] }).range;
  const fraction = (x: number) => (x - xMin) / (xMax - xMin);
  const color = (i: number) => chanceColors[i % chanceColors.length];
  const groups = coincidentGroups(chances.map((c) => fraction(c.value)));
  layout.shapes = groups.flatMap((group) =>
    group.map((i, k) => referenceLine("x", chances[i].value, color(i), group.length > 1 ? interleavedDash(k, group.length) : "dash")),
  );
  // A label centred on a line near the plot's edge would run off it: anchor it to the inner side.
  const anchor = (x: number) => (fraction(x) < 0.25 ? "left" : fraction(x) > 0.75 ? "right" : "center");
  const labelOf = (group: number[]) => {
    const custom = group.some((i) => chances[i].label !== undefined);
    if (group.length === 1 || custom) {
      return groupLabel(group.map((i) => ({ label: chances[i].label ?? `chance (${chances[i].kind}) ${formatPercent(chances[i].value)}`, color: color(i) })));
    }
    // Same place and default labels: one "chance (…) x%" naming every kind in its line's colour.
    const kinds = groupLabel(group.map((i) => ({ label: chances[i].kind, color: color(i) })));
    return `chance (${kinds}) ${formatPercent(chances[group[0]].value)}`;
  };
  // Stacked above the plot in pixels, one row per label, so the rows keep their spacing at any height.
  layout.annotations = groups.map((group, g) => ({
    x: chances[group[0]].value,
    xref: "x",
    y: 1,
    yref: "paper",
    yanchor: "bottom",
    yshift: 6 + 30 * (groups.length - 1 - g),
    xanchor: anchor(chances[group[0]].value),
    showarrow: false,
    text: labelOf(group),
    font: { size: fontSizes.annotation, color: color(group[0]) },
  }));
  // The chance labels sit above the plot, so the top margin grows with their number.
  (layout.margin as Record<string, number>).t += groups.length * 30;
  rowsHeight(layout, parsed.length);

  return {
    data: [
      {
        type: "scatter",
        mode: "markers",
        name: measure,
        x: parsed.map((r) => r.estimate),
        y: labels,
        error_x: intervalBars(parsed),
        marker: { color: palette.blue, size: 13, symbol: "circle" },
        hovertemplate: `%{y}<br>%{x:.1%}<extra></extra>`,
      },
    ],
    layout,
  };
}

/** The forest's horizontal error bars: each row's interval around its estimate, in the forest's style. */
export function intervalBars(rows: readonly { estimate: number; lower: number; upper: number }[]): Record<string, unknown> {
  return {
    type: "data",
    symmetric: false,
    array: rows.map((r) => r.upper - r.estimate),
    arrayminus: rows.map((r) => r.estimate - r.lower),
    color: palette.blue,
    thickness: 2.5,
    width: 8,
  };
}
