/**
 * Item scatter: each item's accuracy under A against under B, the diagonal where they agree, and
 * marker size by the number of samples behind each point.
 */
import { checkClosedUnit, checkCount, show } from "../stats/validate.js";
import { checkOptionalText, checkRows, checkText } from "./check.js";
import { formatCount } from "../analysis/format.js";
import { type Figure, baseLayout, escapeText, palette, withAlpha } from "./theme.js";

/** One item: its id, accuracy under A and under B (fractions), and samples per condition. */
export interface ItemPoint {
  item: string | number;
  a: number;
  b: number;
  samples: number;
}

export interface ItemScatterOptions {
  /** Names of A and B (default ["A", "B"]). */
  labels?: [string, string];
  finding?: string;
}

/**
 * Marker diameter in px: area grows with samples, from 8 px (1 sample) to 22 px (the most).
 *
 * @example
 * markerSize(9, 9); // 22
 */
export function markerSize(samples: number, maxSamples: number): number {
  return 8 + 14 * Math.sqrt((samples - 1) / Math.max(1, maxSamples - 1));
}

/**
 * Per-item accuracy under A (x) against B (y), both in %, with the diagonal; points above it are
 * items B does better on. Semi-transparent markers show stacked items at shared values. Answers
 * "is the gap broad, or carried by a few items?".
 *
 * @example
 * const fig = itemScatterFigure([{ item: "q1", a: 0.2, b: 0.8, samples: 5 }], { labels: ["plain", "CoT"] });
 * fig.layout.title.text; // "CoT higher on 1 of 1 items, plain on 0"
 */
export function itemScatterFigure(items: ItemPoint[], options: ItemScatterOptions = {}): Figure {
  const list = checkRows<ItemPoint>("items", items);
  const labels = options.labels ?? ["A", "B"];
  if (!Array.isArray(labels) || labels.length !== 2) throw new TypeError(`labels must be an array of two names, got ${show(labels)}`);
  const nameA = checkText("labels[0]", labels[0]);
  const nameB = checkText("labels[1]", labels[1]);
  const finding = checkOptionalText("finding", options.finding);
  const parsed = list.map((p, i) => {
    if (typeof p.item !== "string" && typeof p.item !== "number") {
      throw new TypeError(`items[${i}].item must be a string or number, got ${show(p.item)}`);
    }
    const samples = checkCount(`items[${i}].samples`, p.samples);
    if (samples < 1) throw new RangeError(`items[${i}].samples must be at least 1, got ${samples}`);
    return { item: String(p.item), a: checkClosedUnit(`items[${i}].a`, p.a), b: checkClosedUnit(`items[${i}].b`, p.b), samples };
  });

  const higherB = parsed.filter((p) => p.b > p.a).length;
  const higherA = parsed.filter((p) => p.a > p.b).length;
  const title = finding ?? `${nameB} higher on ${formatCount(higherB)} of ${formatCount(parsed.length)} items, ${nameA} on ${formatCount(higherA)}`;
  const minS = Math.min(...parsed.map((p) => p.samples));
  const maxS = Math.max(...parsed.map((p) => p.samples));
  const samplesText = minS === maxS ? `${minS} sample${minS === 1 ? "" : "s"} per item` : `${minS}–${maxS} samples per item (marker size)`;
  const subtitle = `n = ${formatCount(parsed.length)} items · ${samplesText} · above the diagonal: ${nameB} better`;
  const layout = baseLayout({ title, subtitle, xTitle: `${nameA} accuracy (%)`, yTitle: `${nameB} accuracy (%)` });
  const range = [-0.04, 1.04];
  Object.assign(layout.xaxis as object, { tickformat: ".0%", range, constrain: "domain" });
  Object.assign(layout.yaxis as object, { tickformat: ".0%", range, scaleanchor: "x", scaleratio: 1, constrain: "domain" });
  layout.shapes = [
    { type: "line", xref: "x", yref: "y", x0: 0, y0: 0, x1: 1, y1: 1, line: { color: palette.grey, width: 2, dash: "dash" }, layer: "below" },
  ];
  return {
    data: [
      {
        type: "scatter",
        mode: "markers",
        name: "items",
        x: parsed.map((p) => p.a),
        y: parsed.map((p) => p.b),
        text: parsed.map((p) => escapeText(p.item)),
        customdata: parsed.map((p) => p.samples),
        marker: {
          color: withAlpha(palette.blue, 0.45),
          size: parsed.map((p) => markerSize(p.samples, maxS)),
          line: { color: palette.blue, width: 1 },
        },
        hovertemplate: `%{text}<br>${escapeText(nameA)}: %{x:.0%} · ${escapeText(nameB)}: %{y:.0%}<br>%{customdata} samples<extra></extra>`,
      },
    ],
    layout,
  };
}
