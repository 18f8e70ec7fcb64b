/**
 * The one look shared by every evalgap figure: a colour-blind-safe palette, the colours reference
 * lines mean, type sizes that stay readable when a figure is printed at half size, and the layout
 * every figure starts from. Numbers are printed by src/analysis/format.ts, the same module the
 * sentences use, so a figure and the sentence beside it agree. Figures are plain plotly
 * `{ data, layout }` objects.
 */

/** One plotly trace (scatter, bar, heatmap, …) as plain JSON. */
export type Trace = Record<string, unknown>;

/** A plotly figure as plain JSON: what every figure function returns and `saveFigures` draws. */
export interface Figure {
  data: Trace[];
  layout: Record<string, unknown>;
}

/**
 * Okabe & Ito (2008), "Color Universal Design": distinguishable under the common colour-vision
 * deficiencies. Yellow (#F0E442) is left out because it vanishes on white paper.
 */
export const palette = {
  blue: "#0072B2",
  vermillion: "#D55E00",
  green: "#009E73",
  orange: "#E69F00",
  purple: "#CC79A7",
  sky: "#56B4E9",
  black: "#000000",
  grey: "#6B6B6B",
} as const;

/**
 * What a reference line stands for, which decides its colour: `chance` (a rate to beat, or α),
 * `threshold` (a target or a point reached, such as 80% power), `study` (a fact of the design
 * being judged, such as the number of items a study had).
 */
export type ReferenceTone = "chance" | "threshold" | "study";

/** The colour of each reference tone, from the palette, so callers name a meaning and never a hex. */
export const referenceColors: Readonly<Record<ReferenceTone, string>> = {
  chance: palette.vermillion,
  threshold: palette.grey,
  study: palette.black,
};

/** Series colours in the order lines are drawn. */
export const seriesColors: readonly string[] = [
  palette.blue,
  palette.vermillion,
  palette.green,
  palette.orange,
  palette.purple,
  palette.sky,
  palette.black,
];

/**
 * The colour of series `i` (cycling when there are more series than colours).
 *
 * @example
 * seriesColor(7); // "#0072B2" (back to the first)
 */
export function seriesColor(i: number): string {
  return seriesColors[i % seriesColors.length];
}

/**
 * A hex colour with opacity, for bands and shaded areas.
 *
 * @example
 * withAlpha("#0072B2", 0.3); // "rgba(0, 114, 178, 0.3)"
 */
export function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Default export size in CSS pixels (PNG pixels are these times `scale`). */
export const defaultSize = { width: 900, height: 560 } as const;

/**
 * The height a figure asks for: its `layout.height` when it sets one (figures with one row per
 * condition grow and shrink with their rows), else the default.
 *
 * @example
 * figureHeight({ data: [], layout: { height: 330 } }); // 330
 */
export function figureHeight(figure: Figure): number {
  const h = figure.layout.height;
  return typeof h === "number" && Number.isInteger(h) && h > 0 ? h : defaultSize.height;
}

/** Pixels per row of a figure with one row per condition, and the least plot height. */
const rowPixels = 58;
const leastPlotPixels = 150;

/**
 * Set `layout.height` so that each of `rows` category rows gets the same height, whatever the
 * number of rows: the margins (title, chance labels, axis) plus 58 px a row, and at least 150 px
 * of plot. Call it after the margins are final.
 *
 * @example
 * rowsHeight({ margin: { t: 100, b: 80 } }, 2).height; // 330
 */
export function rowsHeight(layout: Record<string, unknown>, rows: number): Record<string, unknown> {
  const margin = layout.margin as { t: number; b: number };
  layout.height = Math.round(margin.t + margin.b + Math.max(leastPlotPixels, rows * rowPixels));
  return layout;
}

/**
 * Width in CSS pixels of a label in DejaVu Sans, from its advance widths by kind of character
 * (digits 0.64 em, capitals 0.72, lower case at most 0.64, narrow punctuation and spaces 0.32,
 * symbols such as "=", "+", "≈" 0.84), each rounded up, so the space reserved is never too small.
 * Plotly lays text out in the browser; figure functions need the width before that, to keep labels
 * inside the figure.
 *
 * @example
 * textWidth("adj. p = 1", 16); // 80
 */
export function textWidth(text: string, size: number): number {
  const plain = text.replace(/<br>/g, " ").replace(/<[^>]*>/g, "").replace(/&[a-z]+;/g, "x");
  let em = 0;
  for (const ch of plain) {
    if (/[0-9]/.test(ch)) em += 0.64;
    else if (/[ .,;:'|!iljtf()[\]]/.test(ch)) em += 0.32;
    else if (/[A-Z]/.test(ch)) em += 0.72;
    else if (/[a-z]/.test(ch)) em += 0.64;
    else em += 0.84;
  }
  return Math.ceil(em * size);
}

/*
 * Type sizes in CSS pixels at 900 px wide. Printed at half size (a 900 px figure in a 3.5 in column)
 * 16 px ticks come out near 7 pt, the smallest size journals accept, so nothing goes below 15.
 */
const fontFamily = "DejaVu Sans, Arial, Helvetica, sans-serif";
export const fontSizes = { title: 22, subtitle: 16, axis: 18, tick: 16, annotation: 16, legend: 16 } as const;

/**
 * Escape text placed into plotly labels, which accept a small subset of HTML.
 *
 * @example
 * escapeText("x < y & z"); // "x &lt; y &amp; z"
 */
export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Break text into lines of at most `width` characters at spaces (plotly does not wrap titles), so a
 * long finding stays inside a 900 px figure instead of running off its right edge.
 *
 * @example
 * wrapText("aaa bbb ccc", 7); // ["aaa bbb", "ccc"]
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines.length > 0 ? lines : [""];
}

/** Characters per title line at 900 px (22 px DejaVu Sans averages about 12.5 px a character). */
const titleChars = 66;
const subtitleChars = 95;

export interface BaseLayoutOptions {
  /** The finding: what the figure shows, stated as a sentence. */
  title: string;
  /** A second, smaller line under the title (n, level, method). */
  subtitle?: string;
  xTitle: string;
  yTitle: string;
  /** Legend shown (for several series). */
  showLegend?: boolean;
}

/**
 * The layout every figure starts from: white background, the finding as title with the sample
 * size underneath, titled axes, margins wide enough that nothing is clipped at export.
 *
 * @example
 * baseLayout({ title: "T", xTitle: "x (%)", yTitle: "y" }).margin; // { l: 80, r: 50, t: 58, b: 80 }
 */
export function baseLayout(o: BaseLayoutOptions): Record<string, unknown> {
  const titleLines = wrapText(o.title, titleChars);
  const subtitleLines = o.subtitle ? wrapText(o.subtitle, subtitleChars) : [];
  const title: Record<string, unknown> = {
    text: titleLines.map(escapeText).join("<br>"),
    x: 0.02,
    xanchor: "left",
    xref: "container",
    y: 1,
    yanchor: "top",
    yref: "container",
    // Plotly places a multi-line title by its first baseline, so each extra line needs room above.
    pad: { t: 14 + 27 * (titleLines.length - 1) },
    font: { size: fontSizes.title, color: "#111111" },
  };
  if (o.subtitle) {
    title.subtitle = { text: subtitleLines.map(escapeText).join("<br>"), font: { size: fontSizes.subtitle, color: "#444444" } };
  }
  const top = 30 + 28 * titleLines.length + 27 * (titleLines.length - 1) + 22 * subtitleLines.length;
  const axis = (text: string) => ({
    title: { text: escapeText(text), font: { size: fontSizes.axis }, standoff: 12 },
    tickfont: { size: fontSizes.tick },
    automargin: true,
    showline: true,
    linecolor: "#444444",
    ticks: "outside",
    gridcolor: "#E5E5E5",
    zeroline: false,
  });
  const layout: Record<string, unknown> = {
    title,
    font: { family: fontFamily, size: fontSizes.tick, color: "#222222" },
    paper_bgcolor: "#FFFFFF",
    plot_bgcolor: "#FFFFFF",
    margin: { l: 80, r: 50, t: top, b: 80 },
    xaxis: axis(o.xTitle),
    yaxis: axis(o.yTitle),
    showlegend: o.showLegend ?? false,
    hoverlabel: { font: { size: fontSizes.tick } },
  };
  // Only with a legend shown: plotly 4.1's Plotly.validate throws on `legend` when showlegend is off.
  if (o.showLegend) layout.legend = { font: { size: fontSizes.legend }, bgcolor: "rgba(255,255,255,0.85)" };
  return layout;
}

/**
 * A dashed reference line across the plot at x = value (vertical) or y = value (horizontal), in
 * a colour the figure picked; callers outside src/figures ask for `referenceLines` (reference.ts)
 * by tone instead.
 *
 * @example
 * referenceLine("x", 0.5, "#000000").x0; // 0.5
 */
export function referenceLine(axis: "x" | "y", value: number, color: string, dash = "dash"): Record<string, unknown> {
  return axis === "x"
    ? { type: "line", xref: "x", yref: "paper", x0: value, x1: value, y0: 0, y1: 1, line: { color, width: 2, dash } }
    : { type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: value, y1: value, line: { color, width: 2, dash } };
}
