/**
 * Ranked forest: every condition of an all-pairs family by accuracy, with its interval, its letters
 * from the compact letter display beside it and a bracket per tie group, under the family sentence.
 */
import type { AllPairsComparison } from "../analysis/compareAll.js";
import { formatCount, formatPercent } from "../analysis/format.js";
import type { Rankings } from "../analysis/rankings.js";
import { correctionName } from "../analysis/sentences.js";
import { checkLevel, show } from "../stats/validate.js";
import { checkEstimate, checkOptionalText, checkText } from "./check.js";
import { intervalBars, sampleSizePhrase } from "./forest.js";
import { type Figure, baseLayout, escapeText, fontSizes, palette, rowsHeight } from "./theme.js";

/** A condition's own interval, as `summarize` gives it (`group`, `accuracy`, `lower`, `upper`). */
export interface ConditionInterval {
  group: string;
  lower: number;
  upper: number;
}

export interface RankedForestOptions {
  /** Each condition's interval (the rows of `summarize`); without them only the accuracies are drawn. */
  intervals?: ConditionInterval[];
  /** Ranks from `rankConditions`: P(best) and the rank interval go under each label and in the hover. */
  ranking?: Rankings;
  /** Level of `intervals` (for the subtitle; default 0.95). */
  level?: number;
  /** What the rate is (x-axis title before the unit; default "Accuracy"). */
  measure?: string;
}

/** Longest family sentence used as the title as it is; a longer one (many tie groups) is summed up. */
const titleChars = 300;

/**
 * The title of a family whose sentence is too long for one: how many pairs differ and how many tie
 * groups there are (the sentence stays in the text around the figure).
 *
 * @example
 * shortFamilyTitle({ comparisons: [{ significantAdjusted: true }, { significantAdjusted: false }], groups: [["A"], ["B", "C"]], correction: "holm", alpha: 0.05 }).startsWith("1 of 2 pairwise differences") ? 1 : 0 // 1
 */
export function shortFamilyTitle(allPairs: Pick<AllPairsComparison, "correction" | "alpha" | "groups"> & { comparisons: readonly { significantAdjusted: boolean }[] }): string {
  const significant = allPairs.comparisons.filter((c) => c.significantAdjusted).length;
  const m = allPairs.comparisons.length;
  const after = allPairs.correction === "none" ? "without adjustment" : `after ${correctionName(allPairs.correction)}`;
  const groups = allPairs.groups.length;
  return `${formatCount(significant)} of ${formatCount(m)} pairwise differences ${significant === 1 ? "is" : "are"} significant ${after} (α = ${allPairs.alpha}); ${formatCount(groups)} tie group${groups === 1 ? "" : "s"}, one letter each at right`;
}

/** Runs of consecutive numbers in an increasing list, as [first, last] pairs. */
function adjacentRuns(sorted: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const i of sorted) {
    const last = runs[runs.length - 1];
    if (last !== undefined && i === last[1] + 1) last[1] = i;
    else runs.push([i, i]);
  }
  return runs;
}

/** Pixels between letter columns in the right margin, and from the plot to the first column. */
const letterStep = 22;
const letterStart = 14;

/** "1", or "1–2" for a rank interval; half ranks print as 1.5. */
function rankSpan(lower: number, upper: number): string {
  return lower === upper ? `${lower}` : `${lower}–${upper}`;
}

/**
 * Conditions from highest accuracy down (the order of `compareAll(…, { pairs: "all" })`), each
 * with its interval, and in the right margin one column per letter of the compact letter display
 * (Piepho 2004): a bar joins adjacent rows sharing that letter, so conditions that cannot be told apart
 * at the family level read as one group. The title is the family sentence (summed up by
 * `shortFamilyTitle` when it is longer than 300 characters, about five lines). With a `ranking`, each
 * label carries P(best) and the rank interval. Answers "which conditions are ahead, and which are
 * tied?".
 *
 * @example
 * // compareAll's example: t1 (9 of 10 right) is ahead of t0 and t2 (2 each), which are tied.
 * const records = ["t0", "t1", "t2"].flatMap((condition) =>
 *   [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => ({ item: `q${i}`, condition, score: i < (condition === "t1" ? 9 : 2) ? 1 : 0 })));
 * const fig = rankedForestFigure(compareAll(records, { pairs: "all" }));
 * fig.layout.shapes.length; // 2 (letters a: t1; b: t0 and t2)
 */
export function rankedForestFigure(allPairs: AllPairsComparison, options: RankedForestOptions = {}): Figure {
  if (typeof allPairs !== "object" || allPairs === null || !Array.isArray(allPairs.conditions) || allPairs.conditions.length === 0) {
    throw new TypeError(`allPairs must be the result of compareAll(records, { pairs: "all" }), got ${show(allPairs)}`);
  }
  const level = checkLevel(options.level);
  const measure = checkOptionalText("measure", options.measure) ?? "Accuracy";
  const sentence = checkText("allPairs.sentence", allPairs.sentence);
  // Highest first, whatever order the caller's object holds.
  const rows = allPairs.conditions.map((c, i) => ({ ...c, i })).sort((a, b) => b.accuracy - a.accuracy || a.i - b.i);
  const byName = new Map((options.intervals ?? []).map((r, i) => [checkText(`intervals[${i}].group`, r.group), { ...r, i }]));
  const intervals = options.intervals === undefined ? undefined : rows.map((r) => {
    const found = byName.get(r.condition);
    if (found === undefined) throw new RangeError(`intervals has no row for condition ${show(r.condition)}; give summarize's rows for the same records`);
    return checkEstimate(`intervals[${found.i}]`, { estimate: r.accuracy, lower: found.lower, upper: found.upper }, true);
  });
  const ranks = options.ranking === undefined ? undefined : new Map(options.ranking.conditions.map((c) => [c.condition, c]));
  const rankText = rows.map((r) => {
    const rank = ranks?.get(r.condition);
    if (ranks !== undefined && rank === undefined) throw new RangeError(`ranking has no condition ${show(r.condition)}; rank the same records`);
    return rank === undefined ? "" : `P(best) ${formatPercent(rank.pBest, 0)} · rank ${rankSpan(rank.rankLower, rank.rankUpper)}`;
  });
  const labels = rows.map((r, i) => {
    const name = `${escapeText(r.condition)} (n = ${formatCount(r.items)})`;
    return rankText[i] === "" ? name : `${name}<br><span style="font-size:${fontSizes.annotation - 2}px;color:${palette.grey}">${rankText[i]}</span>`;
  });

  const letters = [...new Set(rows.flatMap((r) => [...r.letters]))].sort();
  const levelText = `${formatPercent(level, 0)} CI`;
  const subtitle = `${sampleSizePhrase(rows.map((r) => r.items))} per condition · ${intervals ? `bars: ${levelText} · ` : ""}shared letter: not told apart (${correctionName(allPairs.correction)}, α = ${allPairs.alpha})`;
  const layout = baseLayout({ title: sentence.length <= titleChars ? sentence : shortFamilyTitle(allPairs), subtitle, xTitle: `${measure} (%)`, yTitle: "" });
  const xs = intervals ? intervals.flatMap((r) => [r.lower, r.upper]) : rows.map((r) => r.accuracy);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = Math.max(0.02, 0.08 * (hi - lo));
  Object.assign(layout.xaxis as object, { tickformat: ".0%", range: [Math.max(-0.01, lo - pad), Math.min(1.01, hi + pad)] });
  Object.assign(layout.yaxis as object, { autorange: "reversed", type: "category", title: { text: "" }, showgrid: false });
  delete (layout.yaxis as Record<string, unknown>).gridcolor;
  (layout.margin as Record<string, number>).r = letterStart + letterStep * letters.length + 24;

  // One column per letter in the right margin: a bar over the rows that share it, the letter on each row.
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  letters.forEach((letter, col) => {
    const members = rows.map((r, i) => (r.letters.includes(letter) ? i : -1)).filter((i) => i >= 0);
    const offset = letterStart + letterStep * col;
    // A bar per run of adjacent rows: a letter's rows need not be adjacent in accuracy order (paired
    // tests differ in precision), and a bar across a row without the letter would join it too.
    for (const [first, last] of adjacentRuns(members)) {
      shapes.push({
        type: "line",
        xref: "paper",
        xsizemode: "pixel",
        xanchor: 1,
        x0: offset,
        x1: offset,
        yref: "y",
        y0: first - 0.3,
        y1: last + 0.3,
        line: { color: palette.grey, width: 3 },
      });
    }
    for (const i of members) {
      annotations.push({
        x: 1,
        xref: "paper",
        xanchor: "left",
        xshift: offset + 3,
        y: labels[i],
        yref: "y",
        showarrow: false,
        text: letter,
        font: { size: fontSizes.annotation, color: "#222222" },
      });
    }
  });
  layout.shapes = shapes;
  layout.annotations = annotations;
  rowsHeight(layout, rows.length);

  const hoverRank = rankText.map((t) => (t === "" ? "" : `<br>${t}`));
  return {
    data: [
      {
        type: "scatter",
        mode: "markers",
        name: measure,
        x: rows.map((r) => r.accuracy),
        y: labels,
        ...(intervals ? { error_x: intervalBars(intervals) } : {}),
        marker: { color: palette.blue, size: 13, symbol: "circle" },
        customdata: rows.map((r, i) => [r.letters, hoverRank[i]]),
        hovertemplate: `%{x:.1%} · group %{customdata[0]}%{customdata[1]}<extra></extra>`,
      },
    ],
    layout,
  };
}
