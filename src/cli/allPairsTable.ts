/**
 * The terminal view of an all-pairs comparison (`evalgap compare --all-pairs`): the conditions by
 * accuracy with their tie-group letters, every pair's gap with its simultaneous interval and
 * adjusted p, and the family sentence under them.
 */
import type { AllPairsComparison } from "../analysis/compareAll.js";
import { formatCount, formatLevel, formatP, formatPercent, formatPoints } from "../analysis/format.js";
import { formatTable } from "./table.js";

/** "+2.0 to +18.0 pp". */
function pointsInterval(lower: number, upper: number): string {
  return `${formatPoints(lower).replace(" pp", "")} to ${formatPoints(upper)}`;
}

/**
 * Two aligned tables and the sentence: conditions (rank, items, accuracy, letters), then pairs
 * (higher − lower, design, gap, the family-level interval, raw and adjusted p, method).
 *
 * @example
 * formatAllPairs(compareAll(records, { pairs: "all" })).split("\n")[0] // "condition  items  accuracy  letters"
 */
export function formatAllPairs(result: AllPairsComparison): string {
  const standings = formatTable(result.conditions, [
    { header: "condition", value: (c) => c.condition },
    { header: "items", value: (c) => formatCount(c.items), align: "right" },
    { header: "accuracy", value: (c) => formatPercent(c.accuracy), align: "right" },
    { header: "letters", value: (c) => c.letters },
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
  return `${standings}\n\n${pairs}\n\n${result.sentence}${note}`;
}
