/**
 * Reference lines a caller asks a figure for (a chance rate, a target, the n a study had): drawn in
 * the colour their tone means, each label kept inside the plot, and lines that fall on the same
 * place drawn so that every one of them stays visible.
 */
import { checkChoice, checkFinite, show } from "../stats/validate.js";
import { checkOptionalText } from "./check.js";
import { type ReferenceTone, defaultSize, escapeText, fontSizes, referenceColors, textWidth } from "./theme.js";

/** A line across the plot at one value of one axis, with an optional label. */
export interface ReferenceLine {
  /** "x": a vertical line at x = value; "y": a horizontal line at y = value. */
  axis: "x" | "y";
  /** Where, in the axis' data units (a fraction on rate axes, an n on item axes). */
  value: number;
  /** Text written next to the line, inside the plot. */
  label?: string;
  /** What the line stands for, which sets its colour (default "threshold"). */
  tone?: ReferenceTone;
  /** Line style (default "dash"). */
  dash?: "dash" | "dot" | "solid";
}

/** An axis' drawn range in data units and whether it is logarithmic, to place lines and labels. */
export interface AxisSpan {
  min: number;
  max: number;
  log: boolean;
}

/**
 * Where `value` falls along an axis, as a fraction of its length (0 at `min`, 1 at `max`).
 *
 * @example
 * axisFraction({ min: 10, max: 1000, log: true }, 100); // 0.5
 */
export function axisFraction(span: AxisSpan, value: number): number {
  const t = (v: number) => (span.log ? Math.log10(v) : v);
  return (t(value) - t(span.min)) / (t(span.max) - t(span.min));
}

/**
 * The position plotly expects for an annotation at `value`: data units on a linear axis, log10 of
 * them on a log axis (shapes take data units on both).
 *
 * @example
 * annotationPosition({ min: 10, max: 1000, log: true }, 100); // 2
 */
export function annotationPosition(span: AxisSpan, value: number): number {
  return span.log ? Math.log10(value) : value;
}

const tones: readonly ReferenceTone[] = ["chance", "threshold", "study"];
const dashes: readonly NonNullable<ReferenceLine["dash"]>[] = ["dash", "dot", "solid"];

/**
 * Check a figure's `referenceLines` option (undefined is no lines) and fill in the defaults.
 *
 * @example
 * checkReferenceLines("referenceLines", [{ axis: "z", value: 1 }]); // throws RangeError naming referenceLines[0].axis
 */
export function checkReferenceLines(name: string, lines: unknown): ReferenceLine[] {
  if (lines === undefined) return [];
  if (!Array.isArray(lines)) throw new TypeError(`${name} must be an array of reference lines, got ${show(lines)}`);
  return lines.map((l: Partial<ReferenceLine>, i): ReferenceLine => {
    if (typeof l !== "object" || l === null) throw new TypeError(`${name}[${i}] must be an object, got ${show(l)}`);
    const label = checkOptionalText(`${name}[${i}].label`, l.label);
    return {
      axis: checkChoice(`${name}[${i}].axis`, l.axis, ["x", "y"] as const),
      value: checkFinite(`${name}[${i}].value`, l.value),
      tone: l.tone === undefined ? "threshold" : checkChoice(`${name}[${i}].tone`, l.tone, tones),
      dash: l.dash === undefined ? "dash" : checkChoice(`${name}[${i}].dash`, l.dash, dashes),
      ...(label === undefined ? {} : { label }),
    };
  });
}

/** Lines closer than this share of the axis look like one line (about 4 px on a 770 px plot). */
const coincidentShare = 0.006;

/**
 * Indices of values grouped where they would be drawn on top of each other (positions within
 * `tolerance` of the group's first, as fractions of the axis), in first-seen order.
 *
 * @example
 * coincidentGroups([0.5, 0.55, 0.5]); // [[0, 2], [1]]
 */
export function coincidentGroups(fractions: readonly number[], tolerance = coincidentShare): number[][] {
  const groups: number[][] = [];
  fractions.forEach((f, i) => {
    const g = groups.find((group) => Math.abs(fractions[group[0]] - f) <= tolerance);
    if (g) g.push(i);
    else groups.push([i]);
  });
  return groups;
}

/**
 * The dash pattern of line `k` of `n` lines drawn on the same place: dashes of `px` pixels that
 * take turns, so each line's colour shows in every n-th dash instead of the last line hiding the
 * others. A pattern starting with a zero-length dash starts with the gap that offsets it.
 *
 * @example
 * interleavedDash(1, 2); // "0px,8px,8px,0px"
 */
export function interleavedDash(k: number, n: number, px = 8): string {
  const after = `${px}px,${(n - 1 - k) * px}px`;
  return k === 0 ? after : `0px,${k * px}px,${after}`;
}

/**
 * One label naming every line of a coincident group, each part in its line's colour, joined by
 * " · " (a single line's label is returned as it is).
 *
 * @example
 * groupLabel([{ label: "uniform", color: "#D55E00" }, { label: "marginal", color: "#CC79A7" }]);
 * // '<span style="color:#D55E00">uniform</span> · <span style="color:#CC79A7">marginal</span>'
 */
export function groupLabel(parts: readonly { label: string; color: string }[]): string {
  if (parts.length === 1) return escapeText(parts[0].label);
  return parts.map((p) => `<span style="color:${p.color}">${escapeText(p.label)}</span>`).join(" · ");
}

/** Width and height in CSS pixels of a layout's plot area (before plotly's automargin widens it). */
export function plotArea(layout: Record<string, unknown>): { width: number; height: number } {
  const m = layout.margin as { l: number; r: number; t: number; b: number };
  const width = typeof layout.width === "number" ? layout.width : defaultSize.width;
  const height = typeof layout.height === "number" ? layout.height : defaultSize.height;
  return { width: width - m.l - m.r, height: height - m.t - m.b };
}

/** A curve as points in plot fractions (0–1 across each axis); segments between them count too. */
export type Polyline = readonly (readonly [number, number])[];

/** A rectangle in plot fractions (x from the left, y from the bottom). */
export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * Whether any point of the polylines (segments sampled every 0.5% of the plot) falls inside `box`.
 *
 * @example
 * crosses([[[0, 0], [1, 1]]], { x0: 0.4, x1: 0.6, y0: 0.4, y1: 0.6 }); // true
 */
export function crosses(polylines: readonly Polyline[], box: Box): boolean {
  const inside = (x: number, y: number) => x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1;
  for (const line of polylines) {
    for (let i = 0; i < line.length; i++) {
      const [x, y] = line[i];
      if (inside(x, y)) return true;
      if (i === 0) continue;
      const [px, py] = line[i - 1];
      const steps = Math.ceil(Math.hypot(x - px, y - py) / 0.005);
      for (let s = 1; s < steps; s++) {
        const t = s / steps;
        if (inside(px + t * (x - px), py + t * (y - py))) return true;
      }
    }
  }
  return false;
}

/**
 * A box as polylines (its outline and both diagonals), so that `crosses` finds it inside a box
 * that overlaps it even when no corner falls inside.
 *
 * @example
 * boxOutline({ x0: 0, x1: 1, y0: 0, y1: 1 }).length; // 3
 */
export function boxOutline(b: Box): Polyline[] {
  return [
    [[b.x0, b.y0], [b.x1, b.y0], [b.x1, b.y1], [b.x0, b.y1], [b.x0, b.y0]],
    [[b.x0, b.y0], [b.x1, b.y1]],
    [[b.x0, b.y1], [b.x1, b.y0]],
  ];
}

/** Whether two boxes overlap. */
function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** Room between a line and its label, in CSS pixels, and a label's height. */
const labelGap = 6;
const labelHeight = 24;

/**
 * Shapes and annotations for reference lines on a plot whose axes span `spans`, in a plot area of
 * `area` CSS pixels. A vertical line's label goes inside the plot beside the line, at its top or
 * its bottom, on whichever side fits and crosses none of the `obstacles` (the figure's curves, in
 * plot fractions), none of the `minorObstacles` (guides such as drop lines, given up first) and no
 * other label; when no place is clear it goes at the top, rows of labels stacking downwards. A horizontal line's label sits at the right end, under the line (over it
 * near the bottom), moved left of any vertical line that would run through it. Lines that coincide
 * (see `coincidentGroups`) are all drawn, their dashes taking turns, and share one label that
 * names each in its colour. Returns the labels' boxes too, for the legend to avoid.
 *
 * @example
 * drawReferenceLines([{ axis: "y", value: 0.5, label: "chance 50%", tone: "chance" }],
 *   { x: { min: 0, max: 1, log: false }, y: { min: 0, max: 1, log: false } }, { width: 770, height: 420 }).shapes.length; // 1
 */
export function drawReferenceLines(
  lines: readonly ReferenceLine[],
  spans: { x: AxisSpan; y: AxisSpan },
  area: { width: number; height: number },
  obstacles: readonly Polyline[] = [],
  minorObstacles: readonly Polyline[] = [],
): { shapes: Record<string, unknown>[]; annotations: Record<string, unknown>[]; labelBoxes: Box[] } {
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  const labelBoxes: Box[] = [];
  const size = fontSizes.annotation;
  const [W, H] = [area.width, area.height];
  const verticals = lines.filter((l) => l.axis === "x").map((l) => axisFraction(spans.x, l.value) * W);
  for (const axis of ["x", "y"] as const) {
    const here = lines.filter((l) => l.axis === axis);
    const span = spans[axis];
    const fractions = here.map((l) => axisFraction(span, l.value));
    for (const group of coincidentGroups(fractions)) {
      const members = group.map((i) => ({ line: here[i], color: referenceColors[here[i].tone ?? "threshold"] }));
      members.forEach(({ line, color }, k) => {
        const dash = members.length > 1 ? interleavedDash(k, members.length) : (line.dash ?? "dash");
        const style = { color, width: line.dash === "dot" ? 1.5 : 2, dash };
        shapes.push(
          axis === "x"
            ? { type: "line", xref: "x", yref: "paper", x0: line.value, x1: line.value, y0: 0, y1: 1, line: style }
            : { type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: line.value, y1: line.value, line: style },
        );
      });
      const labelled = members.filter((m) => m.line.label !== undefined).map((m) => ({ label: m.line.label!, color: m.color }));
      if (labelled.length === 0) continue;
      const text = groupLabel(labelled);
      const width = textWidth(text, size) + 8;
      const at = fractions[group[0]];
      const common = { showarrow: false, text, font: { size, color: labelled[0].color }, bgcolor: "rgba(255,255,255,0.85)" };
      if (axis === "x") {
        const x = at * W;
        const boxAt = (right: boolean, top: boolean, row = 0): Box => {
          const left = right ? x + labelGap : x - labelGap - width;
          const y1 = top ? 1 - (4 + labelHeight * row) / H : (4 + labelHeight) / H;
          return { x0: left / W, x1: (left + width) / W, y0: y1 - labelHeight / H, y1 };
        };
        const fits = (b: Box) => b.x0 >= 0 && b.x1 <= 1;
        const free = (b: Box, minor: boolean) =>
          fits(b) && !crosses(obstacles, b) && !(minor && crosses(minorObstacles, b)) && !labelBoxes.some((p) => overlaps(p, b));
        const tries = [
          { right: true, top: true },
          { right: false, top: true },
          { right: true, top: false },
          { right: false, top: false },
        ];
        let place = tries.find((t) => free(boxAt(t.right, t.top), true)) ?? tries.find((t) => free(boxAt(t.right, t.top), false));
        let row = 0;
        if (place === undefined) {
          // Nowhere clear: at the top on the side that fits (or has more room), below other labels.
          const right = fits(boxAt(true, true)) || (!fits(boxAt(false, true)) && W - x >= x);
          place = { right, top: true };
          while (labelBoxes.some((p) => overlaps(p, boxAt(right, true, row)))) row++;
        }
        labelBoxes.push(boxAt(place.right, place.top, row));
        annotations.push({
          ...common,
          x: annotationPosition(span, members[0].line.value),
          xref: "x",
          xanchor: place.right ? "left" : "right",
          xshift: place.right ? labelGap : -labelGap,
          y: place.top ? 1 : 0,
          yref: "paper",
          yanchor: place.top ? "top" : "bottom",
          yshift: place.top ? -4 - labelHeight * row : 4,
        });
      } else {
        const below = at > 0.12;
        // At the right end, unless a vertical line runs through the label there: then just left of
        // that line, or failing that at the left end.
        const clear = (right: number) => right - width >= 0 && !verticals.some((v) => v >= right - width - 2 && v <= right + 2);
        const ends = [W - labelGap, ...[...verticals].sort((p, q) => q - p).map((v) => v - labelGap), labelGap + width];
        const end = ends.find(clear) ?? ends[0];
        const y = at * H;
        labelBoxes.push({ x0: (end - width) / W, x1: end / W, y0: (below ? y - 3 - labelHeight : y + 3) / H, y1: (below ? y - 3 : y + 3 + labelHeight) / H });
        annotations.push({
          ...common,
          x: end / W,
          xref: "paper",
          xanchor: "right",
          y: annotationPosition(span, members[0].line.value),
          yref: "y",
          yanchor: below ? "top" : "bottom",
          yshift: below ? -3 : 3,
        });
      }
    }
  }
  return { shapes, annotations, labelBoxes };
}
