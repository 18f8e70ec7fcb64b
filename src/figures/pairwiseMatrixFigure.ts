/**
 * Pairwise matrix: the gap between every two conditions of an all-pairs family, with a mark where
 * the family's adjusted p-value is below α.
 */
import type { AllPairsComparison } from "../analysis/compareAll.js";
import { formatP, formatPoints } from "../analysis/format.js";
import { correctionName } from "../analysis/sentences.js";
import { show } from "../stats/validate.js";
import { checkText } from "./check.js";
import { type Figure, baseLayout, defaultSize, escapeText, fontSizes, palette, textWidth } from "./theme.js";

/** The mark after a gap whose adjusted p-value is below α. */
export const significanceMark = "*";

/** Above this many conditions (or with a name longer than `longName`), columns are numbered as the rows, and gaps print without " pp". */
const namedColumnsMax = 6;
const longName = 16;
/** Above this many conditions the cells are too small for a gap: they print the mark only (the gap is in the hover and the colour). */
const printedGapsMax = 12;

/**
 * A heatmap with the conditions by accuracy (highest first) as rows and columns; the cell in row
 * A, column B is A − B in percentage points, coloured on a diverging scale centred at 0 (zmin = −zmax) (blue:
 * the row is ahead, vermillion: behind) and printed with "*" when the pair's adjusted p-value
 * (`compareAll`'s correction, Holm by default) is below α. The diagonal is blank. The matrix is
 * antisymmetric, so each pair is read twice, once from each side. With more than six conditions (or
 * long names) the columns are numbered as the rows ("1", and "1. name" on the row), the gaps print
 * without " pp", and the figure widens to keep the cells readable (`layout.width`); with more than
 * twelve, cells print only the mark. Answers "which pairs differ, and by how much?".
 *
 * @example
 * // compareAll's example: t1 (9 of 10 right) against t0 and t2 (2 each); rows t1, t0, t2.
 * const records = ["t0", "t1", "t2"].flatMap((condition) =>
 *   [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => ({ item: `q${i}`, condition, score: i < (condition === "t1" ? 9 : 2) ? 1 : 0 })));
 * pairwiseMatrixFigure(compareAll(records, { pairs: "all" })).data[0].z[0][1]; // 70 (t1 − t0 in points, text "+70.0 pp*")
 */
export function pairwiseMatrixFigure(allPairs: AllPairsComparison): Figure {
  if (typeof allPairs !== "object" || allPairs === null || !Array.isArray(allPairs.conditions) || !Array.isArray(allPairs.comparisons)) {
    throw new TypeError(`allPairs must be the result of compareAll(records, { pairs: "all" }), got ${show(allPairs)}`);
  }
  if (allPairs.conditions.length < 2) throw new RangeError(`allPairs must hold at least two conditions, got ${allPairs.conditions.length}`);
  const names = allPairs.conditions.map((c, i) => ({ name: checkText(`allPairs.conditions[${i}].condition`, c.condition), accuracy: c.accuracy, i }))
    .sort((a, b) => b.accuracy - a.accuracy || a.i - b.i)
    .map((c) => c.name);
  const index = new Map(names.map((n, i) => [n, i]));
  const k = names.length;
  const numbered = k > namedColumnsMax || names.some((n) => n.length > longName);
  const dense = k > printedGapsMax;
  const gap: (number | null)[][] = names.map(() => names.map(() => null));
  const text: string[][] = names.map(() => names.map(() => ""));
  const hover: string[][] = names.map(() => names.map(() => ""));
  for (const c of allPairs.comparisons) {
    const i = index.get(c.treatment);
    const j = index.get(c.baseline);
    if (i === undefined || j === undefined) throw new RangeError(`allPairs.comparisons holds a pair ${show(c.treatment)} − ${show(c.baseline)} whose condition is not in allPairs.conditions`);
    const mark = c.adjustedPValue < allPairs.alpha ? significanceMark : "";
    const p = `adjusted p = ${formatP(c.adjustedPValue)}`;
    for (const [r, col, sign] of [[i, j, 1], [j, i, -1]] as const) {
      const points = sign * c.estimate * 100;
      gap[r][col] = points;
      text[r][col] = dense ? mark : numbered ? `${formatPoints(sign * c.estimate).replace(" pp", "")}${mark}` : `${formatPoints(sign * c.estimate)}${mark}`;
      hover[r][col] = `${escapeText(names[r])} − ${escapeText(names[col])}: ${formatPoints(sign * c.estimate)}<br>${p}`;
    }
  }
  const largest = Math.max(1e-9, ...gap.flat().map((g) => Math.abs(g ?? 0)));
  const labels = names.map(escapeText);
  const rowLabels = numbered ? labels.map((l, i) => `${i + 1}. ${l}`) : labels;
  const columnLabels = numbered ? names.map((_, i) => String(i + 1)) : labels;
  // The correction as the sentences name it ("Holm's adjustment"), so figure and text agree.
  const title = allPairs.correction === "none"
    ? `Gap row − column; ${significanceMark} p < ${allPairs.alpha} (${correctionName("none")})`
    : `Gap row − column; ${significanceMark} adjusted p < ${allPairs.alpha} (${correctionName(allPairs.correction)})`;
  const subtitle = `${k} conditions, ${allPairs.comparisons.length} pairs · blue: row ahead, vermillion: row behind${numbered ? " · columns numbered as the rows" : ""}${dense ? " · gaps in the hover" : ""}`;
  const layout = baseLayout({ title, subtitle, xTitle: "", yTitle: "" });
  Object.assign(layout.xaxis as object, { type: "category", side: "top", showgrid: false, ticks: "", showline: false, title: { text: "" } });
  Object.assign(layout.yaxis as object, { type: "category", autorange: "reversed", showgrid: false, ticks: "", showline: false, title: { text: "" } });
  for (const axis of [layout.xaxis, layout.yaxis] as Record<string, unknown>[]) {
    delete axis.linecolor;
    delete axis.gridcolor;
  }
  // Cells big enough for "−10.0 pp*" at the annotation size; the x labels sit on top.
  const cell = Math.max(90, 11 * fontSizes.annotation * 0.64);
  // The column labels sit on top, so the top margin takes them and the bottom needs little.
  (layout.margin as Record<string, number>).t += 40;
  (layout.margin as Record<string, number>).b = 30;
  const cellPixels = dense ? 26 : numbered ? 60 : Math.min(cell, 70);
  layout.height = Math.round((layout.margin as { t: number }).t + (layout.margin as { b: number }).b + Math.max(200, k * cellPixels));
  if (numbered) {
    // Row labels, k cells and the colour bar side by side; never narrower than the default.
    const labelPixels = Math.max(...rowLabels.map((l) => textWidth(l, fontSizes.tick)));
    layout.width = Math.max(defaultSize.width, Math.round(labelPixels + 40 + k * cellPixels + 150));
  }
  return {
    data: [
      {
        type: "heatmap",
        x: columnLabels,
        y: rowLabels,
        z: gap,
        zmin: -largest,
        zmax: largest,
        colorscale: [
          [0, palette.vermillion],
          [0.5, "#FFFFFF"],
          [1, palette.blue],
        ],
        colorbar: { title: { text: "gap (pp)", side: "right" }, ticksuffix: "", thickness: 16 },
        text,
        texttemplate: "%{text}",
        textfont: { size: fontSizes.annotation },
        hoverongaps: false,
        customdata: hover,
        hovertemplate: "%{customdata}<extra></extra>",
        xgap: 2,
        ygap: 2,
      },
    ],
    layout,
  };
}
