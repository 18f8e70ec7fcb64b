/**
 * A confidence sequence against items: the anytime-valid interval as a band that narrows as items
 * come in, the running estimate as a line, chance (or 0) and ±margin as reference lines, and a
 * marker where the sequence first decided. Answers "when could this run have stopped?".
 */
import { formatCount, formatPercent, formatPoints, formatRate } from "../analysis/format.js";
import { checkClosedUnit, checkFinite, checkLevel, show } from "../stats/validate.js";
import { checkOptionalText, checkRows } from "./check.js";
import { gapAxisTitle } from "./gap.js";
import { type AxisSpan, type Polyline, type ReferenceLine, axisFraction, drawReferenceLines, plotArea } from "./reference.js";
import { type Figure, type Trace, baseLayout, palette, withAlpha } from "./theme.js";

/** One step of a sequence: after `items` items (the shape `SequentialStep` of src/analysis has). */
export interface ConfidenceSequenceStep {
  items: number;
  estimate: number;
  lower: number;
  upper: number;
  /** Where the sequence stands at this step; the first step not "undecided" gets the marker. */
  decision?: "excludes" | "within-margin" | "undecided";
}

export interface ConfidenceSequenceFigureOptions {
  /** Against chance: the chance rate (the y-axis is then accuracy). Without it, the steps are a paired gap and 0 is drawn. */
  chance?: number;
  /** A gap's "no meaningful difference" half-width, drawn at ±margin (0 or absent: not drawn). */
  margin?: number;
  /** The item count of the decision to mark (default: the first step whose decision is not "undecided"). */
  decidedAt?: number;
  /** The title; default states where the sequence stands. */
  finding?: string;
  /** A gap's conditions, for the axis title (default "treatment − baseline"). */
  baseline?: string;
  treatment?: string;
  /** 1 − α of the sequence, for the subtitle (default 0.95). */
  level?: number;
}

/**
 * Band (lower to upper) and estimate against items, with reference lines at chance or 0 and at
 * ±margin, and the first decision marked. Steps are in item order; the estimate may lie outside
 * the band (the band is the running intersection of intervals; the estimate is today's mean).
 *
 * @example
 * const fig = confidenceSequenceFigure([
 *   { items: 1, estimate: 1, lower: -0.9, upper: 1 },
 *   { items: 2, estimate: 0.5, lower: -0.6, upper: 1 },
 * ], { margin: 0.02 });
 * fig.data.length; // 2 (band and estimate)
 */
export function confidenceSequenceFigure(steps: ConfidenceSequenceStep[], options: ConfidenceSequenceFigureOptions = {}): Figure {
  const list = checkRows<ConfidenceSequenceStep>("steps", steps);
  const gap = options.chance === undefined;
  const chance = gap ? undefined : checkClosedUnit("chance", options.chance);
  const margin = options.margin === undefined ? 0 : checkClosedUnit("margin", options.margin);
  const level = checkLevel(options.level);
  const finding = checkOptionalText("finding", options.finding);
  const low = gap ? -1 : 0;
  const bounded = (name: string, v: unknown) => {
    const x = checkFinite(name, v);
    if (!(x >= low && x <= 1)) throw new RangeError(`${name} must be between ${low} and 1 for ${gap ? "a gap" : "a rate"}, got ${show(x)}`);
    return x;
  };
  const parsed = list.map((s, i) => {
    const items = checkFinite(`steps[${i}].items`, s.items);
    if (!Number.isInteger(items) || items < 1) throw new RangeError(`steps[${i}].items must be a positive integer, got ${show(items)}`);
    if (i > 0 && items <= list[i - 1].items) throw new RangeError(`steps must be in increasing order of items; steps[${i}].items is ${items} after ${list[i - 1].items}`);
    const lower = bounded(`steps[${i}].lower`, s.lower);
    const upper = bounded(`steps[${i}].upper`, s.upper);
    if (lower > upper) throw new RangeError(`steps[${i}] must have lower ≤ upper, got ${lower}, ${upper}`);
    return { items, estimate: bounded(`steps[${i}].estimate`, s.estimate), lower, upper, decision: s.decision };
  });
  let decided = parsed.find((s) => s.decision !== undefined && s.decision !== "undecided");
  if (options.decidedAt !== undefined) {
    decided = parsed.find((s) => s.items === options.decidedAt);
    if (!decided) throw new RangeError(`decidedAt must be the items of one of the steps, got ${show(options.decidedAt)}`);
  }

  const xs = parsed.map((s) => s.items);
  // A gap is drawn in percentage points (as gapFigure does), a rate as a fraction with % ticks.
  const k = gap ? 100 : 1;
  const color = palette.blue;
  const value = (x: number) => (gap ? formatPoints(x) : formatPercent(x));
  const data: Trace[] = [
    {
      type: "scatter",
      mode: "lines",
      name: "anytime-valid interval",
      x: [...xs, ...xs.slice().reverse()],
      y: [...parsed.map((s) => k * s.upper), ...parsed.map((s) => k * s.lower).reverse()],
      fill: "toself",
      fillcolor: withAlpha(color, 0.18),
      line: { width: 0, color },
      hoverinfo: "skip",
    },
    {
      type: "scatter",
      mode: "lines",
      name: gap ? "gap" : "accuracy",
      x: xs,
      y: parsed.map((s) => k * s.estimate),
      line: { color, width: 3 },
      hovertemplate: gap ? `%{x} items: %{y:+.1f} pp<extra></extra>` : `%{x} items: %{y:.1%}<extra></extra>`,
    },
  ];
  if (decided) {
    data.push({
      type: "scatter",
      mode: "markers",
      name: "first decision",
      x: [decided.items],
      y: [k * decided.estimate],
      marker: { color: palette.black, size: 12, symbol: "diamond" },
      hovertemplate: `decided at %{x} items<extra></extra>`,
    });
  }

  const nullValue = chance ?? 0;
  // The margin lines sit a few points either side of 0: one label for all three, or they print over each other.
  const marginText = `±${formatPoints(margin).replace(/^\+/, "")} margin`;
  const nullLabel = gap ? (margin > 0 ? `no gap (dotted: ${marginText})` : "no gap") : `chance ${formatRate(nullValue)}`;
  const lines: ReferenceLine[] = [{ axis: "y", value: k * nullValue, tone: "chance", label: nullLabel }];
  if (gap && margin > 0) {
    lines.push({ axis: "y", value: k * margin, tone: "threshold", dash: "dot" });
    lines.push({ axis: "y", value: -k * margin, tone: "threshold", dash: "dot" });
  }
  if (decided) lines.push({ axis: "x", value: decided.items, tone: "study", dash: "dot", label: `decided at ${formatCount(decided.items)}` });

  const last = parsed[parsed.length - 1];
  const title =
    finding ??
    (decided
      ? `${decided.decision === "within-margin" ? `Settled within ±${formatPoints(margin).replace(/^\+/, "")}` : `Excludes ${gap ? "0" : "chance"}`} after ${formatCount(decided.items)} of ${formatCount(last.items)} items`
      : `Undecided after ${formatCount(last.items)} items: ${value(last.estimate)}`);
  const subtitle = `band: anytime-valid ${formatPercent(level, 0)} confidence sequence, valid at every item`;
  const layout = baseLayout({ title, subtitle, xTitle: "Items", yTitle: gap ? gapAxisTitle(checkOptionalText("baseline", options.baseline) ?? "baseline", checkOptionalText("treatment", options.treatment) ?? "treatment") : "Accuracy (%)", showLegend: false });

  const ys = [...parsed.flatMap((s) => [k * s.lower, k * s.upper, k * s.estimate]), ...lines.filter((l) => l.axis === "y").map((l) => l.value)];
  const yLow = Math.min(...ys);
  const yHigh = Math.max(...ys);
  const pad = 0.05 * (yHigh - yLow || 0.1 * k);
  const y: AxisSpan = { min: yLow - pad, max: yHigh + pad, log: false };
  const xMin = Math.min(0, xs[0] - 1);
  const xMax = last.items;
  const x: AxisSpan = { min: xMin, max: xMax + 0.02 * (xMax - xMin), log: false };
  Object.assign(layout.yaxis as object, { range: [y.min, y.max], tickformat: gap ? "+d" : ".0%" });
  Object.assign(layout.xaxis as object, { range: [x.min, x.max] });
  const fraction = (px: number, py: number) => [axisFraction(x, px), axisFraction(y, py)] as const;
  const obstacles: Polyline[] = [parsed.map((s) => fraction(s.items, k * s.upper)), parsed.map((s) => fraction(s.items, k * s.estimate)), parsed.map((s) => fraction(s.items, k * s.lower))];
  const added = drawReferenceLines(lines, { x, y }, plotArea(layout), obstacles);
  if (added.shapes.length > 0) layout.shapes = added.shapes;
  if (added.annotations.length > 0) layout.annotations = added.annotations;
  return { data, layout };
}
