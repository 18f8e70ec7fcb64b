/**
 * The terminal view of an all-pairs comparison (`evalgap compare --all-pairs`): the conditions by
 * accuracy with their tie-group letters, every pair's gap with its simultaneous interval and
 * adjusted p, and the family sentence under them.
 */
import type { AllPairsComparison } from "../analysis/compareAll.js";
import { formatCount, formatLevel, formatP, formatPercent, formatPoints, formatRate } from "../analysis/format.js";
import { pBestWarning, type ConditionRank, type Rankings } from "../analysis/rankings.js";
import { formatTable, type Column } from "./table.js";

/** "+2.0 to +18.0 pp". */
function pointsInterval(lower: number, upper: number): string {
  return `${formatPoints(lower).replace(" pp", "")} to ${formatPoints(upper)}`;
}

/** A bootstrap rank interval: "2", "1–2", "1.5–3". */
function rankInterval(r: ConditionRank): string {
  const text = (rank: number) => (Number.isInteger(rank) ? String(rank) : rank.toFixed(1));
  return r.rankLower === r.rankUpper ? text(r.rankLower) : `${text(r.rankLower)}–${text(r.rankUpper)}`;
}

/**
 * Two aligned tables and the sentence: conditions (rank, items, accuracy, letters), then pairs
 * (higher − lower, design, gap, the family-level interval, raw and adjusted p, method). With a
 * `ranking` (`rankConditions` on the same input) the conditions also show their bootstrap rank
 * interval and P(best), and its sentence follows the family's.
 *
 * @example
 * formatAllPairs(compareAll(records, { pairs: "all" })).split("\n")[0] // "condition  items  accuracy  letters"
 */
export function formatAllPairs(result: AllPairsComparison, ranking?: Rankings): string {
  const rankOf = new Map<string, ConditionRank>(ranking?.conditions.map((c) => [c.condition, c]) ?? []);
  // Few clusters: a mark beside P(best) and the warning under the table, not only in the ranking's notes.
  const warn = ranking ? pBestWarning(ranking) : "";
  const rankColumns: Column<{ condition: string }>[] = ranking
    ? [
        { header: `rank (${formatLevel(ranking.level)})`, value: (c) => rankInterval(rankOf.get(c.condition)!), align: "right" },
        { header: warn ? "P(best) †" : "P(best)", value: (c) => formatRate(rankOf.get(c.condition)!.pBest), align: "right" },
      ]
    : [];
  const standings = formatTable(result.conditions, [
    { header: "condition", value: (c) => c.condition },
    { header: "items", value: (c) => formatCount(c.items), align: "right" },
    { header: "accuracy", value: (c) => formatPercent(c.accuracy), align: "right" },
    { header: "letters", value: (c) => c.letters },
    ...rankColumns,
  ]);
  const pairs = formatTable(result.comparisons, [
    { header: "pair", value: (c) => `${c.treatment} − ${c.baseline}` },
    { header: "design", value: (c) => (c.paired ? `paired, ${formatCount(c.items)}` : `independent, ${formatCount(c.treatmentItems)} vs ${formatCount(c.baselineItems)}`) },
    { header: "gap", value: (c) => formatPoints(c.estimate), align: "right" },
    { header: `${formatLevel(result.level)} simultaneous CI (Bonferroni)`, value: (c) => pointsInterval(c.simultaneousLower, c.simultaneousUpper), align: "right" },
    { header: "p", value: (c) => formatP(c.pValue), align: "right" },
    { header: `p (${result.correction})`, value: (c) => formatP(c.adjustedPValue), align: "right" },
    { header: "method", value: (c) => c.method },
  ]);
  const warned = result.comparisons.filter((c) => c.warnings.length > 0).length;
  const note = warned > 0 ? `\n\nWarnings on ${formatCount(warned)} of ${formatCount(result.comparisons.length)} pairs (--json lists them).` : "";
  const ranked = ranking ? `\n${ranking.sentence}${ranking.warnings.length > 0 ? ` (Ranking: ${ranking.warnings.join("; ")}.)` : ""}` : "";
  return `${standings}${warn ? `\n† ${warn}` : ""}\n\n${pairs}\n\n${result.sentence}${ranked}${note}`;
}
