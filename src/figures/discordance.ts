/**
 * Discordance table: the paired 2×2 of who is right where, with the two discordant cells (the only
 * ones McNemar's test uses) in colour.
 */
import { formatCount, formatPercent } from "../analysis/format.js";
import { testName } from "../analysis/sentences.js";
import type { CompareMethod } from "../analysis/types.js";
import { checkCount, show } from "../stats/validate.js";
import { checkOptionalText, checkText } from "./check.js";
import { type Figure, baseLayout, escapeText, fontSizes, palette, withAlpha } from "./theme.js";

/** Counts of items by correctness under A and B; `labels` names A and B. */
export interface DiscordanceInput {
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
  labels: [string, string];
}

export interface DiscordanceOptions {
  finding?: string;
  /**
   * The paired test the comparison used (`Comparison.method`), named in the subtitle: McNemar's
   * uses only the discordant items, a paired t every item's difference.
   */
  method?: CompareMethod;
}

/**
 * A paired comparison's method, as `Comparison.method` names it; independent-sample tests (Fisher,
 * Welch) do not read a 2×2 of paired items and are refused.
 */
function checkPairedMethod(value: unknown): CompareMethod {
  const known = typeof value === "string" && typeof testName(value as CompareMethod) === "string";
  if (!known || /^(fisher|welch)/.test(value as string)) {
    throw new RangeError(`method must be the test a paired comparison used (its Comparison.method), got ${show(value)}`);
  }
  return value as CompareMethod;
}

/** McNemar's test and the sign test read only the items where the two conditions disagree. */
function usesOnlyDiscordant(method: CompareMethod): boolean {
  return /mcnemar|sign-test/.test(method);
}

/**
 * The subtitle's account of the items and the test: how many disagree, which test was used, and
 * which items it reads.
 *
 * @example
 * pairedTestPhrase("mcnemar-exact, tango interval", 300, 105); // "n = 300 paired items, 105 disagree · test: McNemar exact, on those 105 only"
 */
export function pairedTestPhrase(method: CompareMethod | undefined, total: number, discordant: number): string {
  const items = `n = ${formatCount(total)} paired items, ${formatCount(discordant)} disagree`;
  if (method === undefined) return items;
  if (usesOnlyDiscordant(method)) return `${items} · test: ${testName(method)}, on those ${formatCount(discordant)} only`;
  return `${items} · test: ${testName(method)} on all ${formatCount(total)}`;
}

/**
 * A 2×2 grid (rows: A right / A wrong; columns: B right / B wrong) with each cell's count and share
 * of items; "A only" and "B only" cells are coloured, the agreeing cells grey. The subtitle names
 * the paired test used (`method`) and which items it reads. Answers "on how many items do the two
 * actually disagree, and which way?".
 *
 * @example
 * const fig = discordanceFigure({ both: 300, onlyA: 40, onlyB: 25, neither: 135, labels: ["CoT", "plain"] });
 * fig.layout.shapes.length; // 4 cells
 */
export function discordanceFigure(input: DiscordanceInput, options: DiscordanceOptions = {}): Figure {
  if (typeof input !== "object" || input === null) throw new TypeError(`input must be an object, got ${show(input)}`);
  const both = checkCount("both", input.both);
  const onlyA = checkCount("onlyA", input.onlyA);
  const onlyB = checkCount("onlyB", input.onlyB);
  const neither = checkCount("neither", input.neither);
  if (!Array.isArray(input.labels) || input.labels.length !== 2) {
    throw new TypeError(`labels must be an array of two names, got ${show(input.labels)}`);
  }
  const nameA = checkText("labels[0]", input.labels[0]);
  const nameB = checkText("labels[1]", input.labels[1]);
  const finding = checkOptionalText("finding", options.finding);
  const method = options.method === undefined ? undefined : checkPairedMethod(options.method);
  const total = both + onlyA + onlyB + neither;
  if (total === 0) throw new RangeError("both + onlyA + onlyB + neither must be positive, got 0");

  // Cell centres: column 0 = B right, 1 = B wrong; row 0 = A right (top), 1 = A wrong.
  const cells = [
    { col: 0, row: 0, count: both, fill: "#E6E6E6", name: "both right" },
    { col: 1, row: 0, count: onlyA, fill: withAlpha(palette.blue, 0.35), name: `only ${nameA} right` },
    { col: 0, row: 1, count: onlyB, fill: withAlpha(palette.vermillion, 0.35), name: `only ${nameB} right` },
    { col: 1, row: 1, count: neither, fill: "#E6E6E6", name: "both wrong" },
  ];
  const discordant = onlyA + onlyB;
  const title =
    finding ??
    (discordant === 0
      ? `${nameA} and ${nameB} agree on every item`
      : `${nameA} alone right on ${formatCount(onlyA)} items, ${nameB} alone on ${formatCount(onlyB)}`);
  const subtitle = pairedTestPhrase(method, total, discordant);
  const layout = baseLayout({ title, subtitle, xTitle: nameB, yTitle: nameA });
  const axis = (labels: string[]) => ({
    range: [-0.5, 1.5],
    tickvals: [0, 1],
    ticktext: labels,
    showgrid: false,
    showline: false,
    ticks: "",
    fixedrange: true,
  });
  Object.assign(layout.xaxis as object, axis(["right", "wrong"]), { side: "top" });
  Object.assign(layout.yaxis as object, axis(["right", "wrong"]), { autorange: false, range: [1.5, -0.5] });
  for (const ax of [layout.xaxis, layout.yaxis] as Record<string, unknown>[]) {
    delete ax.gridcolor;
    delete ax.linecolor;
  }
  // The x title sits above the grid with the column labels, so the top margin makes room for both.
  (layout.margin as Record<string, number>).t += 60;
  (layout.margin as Record<string, number>).b = 30;
  layout.shapes = cells.map((c) => ({
    type: "rect",
    xref: "x",
    yref: "y",
    x0: c.col - 0.48,
    x1: c.col + 0.48,
    y0: c.row - 0.48,
    y1: c.row + 0.48,
    fillcolor: c.fill,
    line: { width: 0 },
    layer: "below",
  }));
  layout.annotations = cells.map((c) => ({
    x: c.col,
    xref: "x",
    y: c.row,
    yref: "y",
    showarrow: false,
    text: `<b>${formatCount(c.count)}</b><br>${formatPercent(c.count / total)} · ${escapeText(c.name)}`,
    font: { size: fontSizes.annotation + 2, color: "#111111" },
  }));
  // An invisible trace gives hover text per cell and lets plotly set up the axes.
  return {
    data: [
      {
        type: "scatter",
        mode: "markers",
        name: "cells",
        x: cells.map((c) => c.col),
        y: cells.map((c) => c.row),
        marker: { size: 1, opacity: 0 },
        text: cells.map((c) => `${c.name}: ${formatCount(c.count)}`),
        hovertemplate: "%{text}<extra></extra>",
      },
    ],
    layout,
  };
}
