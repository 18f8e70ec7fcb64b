/**
 * The sections of `reportHtml` that depend on what was asked for: all pairs with tie groups and
 * rankings, every condition against one baseline, and pass@k / pass^k. Each returns HTML for its
 * section's body; every name from the data is escaped.
 */
import type { AdjustedComparison, AllPairsComparison } from "../analysis/compareAll.js";
import { formatCount, formatInterval, formatLevel, formatP, formatPercent, formatPoints, formatRate } from "../analysis/format.js";
import { passAtKName, shortItemsPhrase, type PassAtKResult } from "../analysis/passAtK.js";
import { pBestWarning, type Rankings } from "../analysis/rankings.js";
import { correctionName } from "../analysis/sentences.js";
import type { Comparison } from "../analysis/types.js";

/**
 * Text safe in HTML element content and in quoted attributes.
 *
 * @example
 * escapeHtml(`<b a="x">&'`); // "&lt;b a=&quot;x&quot;&gt;&amp;&#39;"
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  numeric?: boolean;
}

/** An HTML table, every header and cell escaped. */
export function table<T>(rows: readonly T[], columns: Column<T>[], className: string): string {
  const head = columns.map((c) => `<th${c.numeric ? ' class="num"' : ""}>${escapeHtml(c.header)}</th>`).join("");
  const body = rows
    .map((r) => `<tr>${columns.map((c) => `<td${c.numeric ? ' class="num"' : ""}>${escapeHtml(c.value(r))}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table class="${className}"><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

/** "+2.0 to +18.0 pp". */
function pointsInterval(lower: number, upper: number): string {
  return `${formatPoints(lower).replace(" pp", "")} to ${formatPoints(upper)}`;
}

function design(c: Comparison): string {
  return c.paired ? `paired, ${formatCount(c.items)}` : `independent, ${formatCount(c.treatmentItems)} vs ${formatCount(c.baselineItems)}`;
}

/**
 * The note under a family whose pairs could not all be paired: how many fell back to independent
 * comparisons, and which (the first few).
 *
 * @example
 * fellBackNote([{ paired: false, treatment: "A", baseline: "B" }, { paired: true, treatment: "A", baseline: "C" }]).startsWith("1 pair shares") ? 1 : 0 // 1
 */
export function fellBackNote(comparisons: readonly Pick<Comparison, "paired" | "treatment" | "baseline">[], first = 3): string {
  const independent = comparisons.filter((c) => !c.paired);
  if (independent.length === 0) return "";
  const n = independent.length;
  const listed = independent.slice(0, first).map((c) => `${c.treatment} − ${c.baseline}`).join(", ");
  const more = n > first ? `, and ${formatCount(n - first)} more` : "";
  return `${formatCount(n)} pair${n === 1 ? " shares" : "s share"} no items (or too few to pair) and fell back to independent comparisons (Fisher's exact test or Welch's t on the item means): ${listed}${more}.`;
}

function rankText(r: { rankLower: number; rankUpper: number } | undefined): string {
  if (!r) return "";
  return r.rankLower === r.rankUpper ? `${r.rankLower}` : `${r.rankLower}–${r.rankUpper}`;
}

/** All pairs: the family sentence, the standings with letters (and ranks), every pair, and what fell back. */
export function allPairsSection(pairs: AllPairsComparison, ranking: Rankings | undefined): string {
  const parts: string[] = [`<p class="sentence">${escapeHtml(pairs.sentence)}</p>`];
  const rankOf = new Map((ranking?.conditions ?? []).map((r) => [r.condition, r]));
  const warn = ranking ? pBestWarning(ranking) : "";
  parts.push(
    table(
      pairs.conditions,
      [
        { header: "condition", value: (c) => c.condition },
        { header: "items", value: (c) => formatCount(c.items), numeric: true },
        { header: "accuracy", value: (c) => formatPercent(c.accuracy), numeric: true },
        { header: "tie group", value: (c) => c.letters },
        ...(ranking
          ? [
              { header: `rank (${formatLevel(ranking.level)})`, value: (c: { condition: string }) => rankText(rankOf.get(c.condition)), numeric: true },
              { header: warn ? "P(best) †" : "P(best)", value: (c: { condition: string }) => { const r = rankOf.get(c.condition); return r ? formatRate(r.pBest) : ""; }, numeric: true },
            ]
          : []),
      ],
      "standings",
    ),
  );
  if (ranking) {
    parts.push(`<p class="sentence">${escapeHtml(ranking.sentence)}</p>`);
    if (warn) parts.push(`<p class="warning">† ${escapeHtml(warn)}</p>`);
    const others = ranking.warnings.filter((w) => !/clusters \(fewer than/.test(w) || !warn);
    if (others.length > 0) parts.push(`<p class="note">Ranking: ${escapeHtml(others.join("; "))}.</p>`);
  }
  parts.push(
    table(
      pairs.comparisons,
      [
        { header: "pair", value: (c) => `${c.treatment} − ${c.baseline}` },
        { header: "design", value: design },
        { header: "gap", value: (c) => formatPoints(c.estimate), numeric: true },
        { header: `${formatLevel(pairs.level)} simultaneous CI (${pairs.intervalMethod})`, value: (c) => pointsInterval(c.simultaneousLower, c.simultaneousUpper), numeric: true },
        { header: "p", value: (c) => formatP(c.pValue), numeric: true },
        { header: `p (${pairs.correction})`, value: (c) => formatP(c.adjustedPValue), numeric: true },
        { header: "method", value: (c) => c.method },
      ],
      "pairs",
    ),
  );
  const fell = fellBackNote(pairs.comparisons);
  if (fell) parts.push(`<p class="note">${escapeHtml(fell)}</p>`);
  return parts.join("\n");
}

/**
 * The sentence of a family against one baseline: "2 of 4 conditions differ from X after Holm's
 * adjustment (α = 0.05): A (+8.0 pp), B (−5.1 pp)."
 *
 * @example
 * baselineSentence("X", [{ treatment: "A", estimate: 0.08, significantAdjusted: true, correction: "holm", alpha: 0.05 }]).startsWith("1 of 1 condition differs from X after Holm's") ? 1 : 0 // 1
 */
export function baselineSentence(baseline: string, comparisons: readonly Pick<AdjustedComparison, "treatment" | "estimate" | "significantAdjusted" | "correction" | "alpha">[]): string {
  const m = comparisons.length;
  const hits = comparisons.filter((c) => c.significantAdjusted);
  const correction = comparisons[0]?.correction ?? "holm";
  const after = correction === "none" ? "without adjustment for multiple comparisons" : `after ${correctionName(correction)}`;
  const which = hits.length > 0 ? `: ${hits.map((c) => `${c.treatment} (${formatPoints(c.estimate)})`).join(", ")}` : "";
  return `${hits.length} of ${m} condition${m === 1 ? "" : "s"} ${hits.length === 1 || (m === 1 && hits.length === 0) ? "differs" : "differ"} from ${baseline} ${after} (α = ${comparisons[0]?.alpha ?? 0.05})${which}.`;
}

/** Every condition against one baseline: the sentence, a row per comparison, and what fell back. */
export function baselineSection(baseline: string, comparisons: readonly AdjustedComparison[]): string {
  const parts: string[] = [`<p class="sentence">${escapeHtml(baselineSentence(baseline, comparisons))}</p>`];
  const level = comparisons[0]?.level ?? 0.95;
  const correction = comparisons[0]?.correction ?? "holm";
  parts.push(
    table(
      comparisons,
      [
        { header: "condition", value: (c) => c.treatment },
        { header: "design", value: design },
        { header: "accuracy", value: (c) => formatPercent(c.treatmentAccuracy), numeric: true },
        { header: "gap", value: (c) => formatPoints(c.estimate), numeric: true },
        { header: `${formatLevel(level)} CI`, value: (c) => pointsInterval(c.lower, c.upper), numeric: true },
        { header: "p", value: (c) => formatP(c.pValue), numeric: true },
        { header: `p (${correction})`, value: (c) => formatP(c.adjustedPValue), numeric: true },
        { header: "method", value: (c) => c.method },
      ],
      "baseline",
    ),
  );
  parts.push(`<ul class="note">${comparisons.map((c) => `<li>${escapeHtml(c.sentence)}</li>`).join("")}</ul>`);
  const fell = fellBackNote(comparisons);
  if (fell) parts.push(`<p class="note">${escapeHtml(fell)}</p>`);
  return parts.join("\n");
}

/** pass@k results of a report: both measures at every k asked for, per condition. */
export interface PassAtKSectionInput {
  ks: number[];
  /** `passAtK` per condition, k and measure ("pass@k" and "pass^k"). */
  results: PassAtKResult[];
  /** A note under the table (e.g. why the curve is not drawn). */
  note?: string;
}

/** pass@k and pass^k per condition at each k, with intervals, and the items left out for too few answers. */
export function passAtKSection(input: PassAtKSectionInput): string {
  const conditions = [...new Set(input.results.map((r) => r.condition))];
  const at = new Map(input.results.map((r) => [`${r.condition}\u0000${r.measure}\u0000${r.k}`, r]));
  const cell = (condition: string, measure: "pass@k" | "pass^k", k: number): string => {
    const r = at.get(`${condition}\u0000${measure}\u0000${k}`);
    return r ? `${formatPercent(r.estimate)} (${formatInterval(r.lower, r.upper)})` : "";
  };
  const level = input.results[0]?.level ?? 0.95;
  const columns: Column<string>[] = [{ header: "condition", value: (c) => c }];
  for (const k of input.ks) {
    columns.push({ header: `${passAtKName("pass@k", k)} (${formatLevel(level)} CI)`, value: (c) => cell(c, "pass@k", k), numeric: true });
  }
  for (const k of input.ks) {
    columns.push({ header: `${passAtKName("pass^k", k)} (${formatLevel(level)} CI)`, value: (c) => cell(c, "pass^k", k), numeric: true });
  }
  const parts: string[] = [
    `<p>pass@k: the chance that at least one of k answers is right; pass^k: that all k are. Per item the unbiased estimate from its n ≥ k answers (Chen et al. 2021; Yao et al. 2024), averaged over items, with a t interval over items (CR2 over clusters when the items carry them).</p>`,
    table(conditions, columns, "pass-at-k"),
  ];
  // Items left out are the same for both measures at one k: say it once per condition and k.
  const dropped = input.results.filter((r) => r.measure === "pass@k" && r.shortItems.length > 0);
  if (dropped.length > 0) {
    parts.push(`<ul class="warning">${dropped.map((r) => `<li>${escapeHtml(`${r.condition}, k = ${r.k}: ${shortItemsPhrase(r.shortItems, r.k)}.`)}</li>`).join("")}</ul>`);
  }
  if (input.note) parts.push(`<p class="note">${escapeHtml(input.note)}</p>`);
  return parts.join("\n");
}
