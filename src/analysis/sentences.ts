/**
 * One plain sentence per verdict, built only from the computed numbers, so a reader who quotes it
 * quotes the analysis. Each names the method, because "p = 0.03" means little without it.
 */
import type { Alternative } from "../stats/types.js";
import type { ChanceMethod, Comparison, Correction, VerdictMethod } from "./types.js";
import { letterName } from "./tieGroups.js";
import { formatCount, formatInterval, formatLevel, formatP, pText, formatPercent, formatPoints, formatRate } from "./format.js";

/** How a sentence names each method; a method added to the unions in types.ts must be named here. */
const TEST_NAMES: Record<VerdictMethod, string> = {
  "mcnemar-exact, tango interval": "McNemar exact",
  "paired-t": "paired t",
  "paired-t-cr2": "paired t (CR2 clustered SE)",
  "paired-mover-korn-graubard": "MOVER on the two rates' Korn–Graubard intervals (paired)",
  "paired-sign-test": "exact sign test",
  "fisher-exact, newcombe interval": "Fisher exact",
  "welch-t": "Welch t",
  "welch-t-cr2": "Welch t (CR2 clustered SE)",
  "exact-binomial": "exact",
  "korn-graubard": "Korn–Graubard exact",
  t: "t",
  "t-cr2": "t (CR2 clustered SE)",
  "permutation of answers across items": "permutation",
  "mcnemar-exact vs majority guesser": "McNemar exact against the majority guesser",
  "paired-t vs majority guesser": "paired t against the majority guesser",
  "paired-t-cr2 vs majority guesser": "paired t (CR2 clustered SE) against the majority guesser",
  "sign test vs majority guesser": "sign test against the majority guesser",
};

/** A method's name as a sentence says it ("McNemar exact"). */
export function testName(method: VerdictMethod): string {
  return TEST_NAMES[method];
}

/** A permutation p-value's resolution: " (9,999 permutations; none below 0.0001)". */
function resolution(permutations: number | undefined): string {
  return permutations === undefined ? "" : ` (${formatCount(permutations)} permutations; none below ${formatP(1 / (1 + permutations))})`;
}

function sided(alternative: Alternative): string {
  return alternative === "two-sided" ? "two-sided" : "one-sided";
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;
}

/** The fields of a chance verdict that its sentence uses. */
export interface ChanceSentenceInput {
  accuracy: number;
  lower: number;
  upper: number;
  level: number;
  items: number;
  successes: number;
  singleBinary: boolean;
  chance: number;
  /** Names the baseline and why it applies: "uniform over 4 options", "majority key \"b\", estimated". */
  chanceClause: string;
  pValue: number;
  alternative: Alternative;
  method: ChanceMethod;
  significant: boolean;
  /** Permutations behind a permutation p-value: the sentence states its resolution. */
  permutations?: number;
  /** The gap above (below, for `less`) chance that would be detected, and the rate it reaches. */
  mde: number;
  detectableRate: number;
  power: number;
}

/**
 * "51.0% (510 of 1,000 items; 95% CI 47.9–54.1%) does not beat chance (50%, uniform): one-sided
 * exact p = 0.27. At this n, only a true rate of 53.9% or more would be detected 80% of the time."
 *
 * @example
 * chanceSentence({ accuracy: 0.51, lower: 0.479, upper: 0.541, level: 0.95, items: 1000, successes: 510, singleBinary: true, chance: 0.5, chanceClause: "uniform", pValue: 0.2739864, alternative: "greater", method: "exact-binomial", significant: false, mde: 0.039, detectableRate: 0.539, power: 0.8 })
 * // "51.0% (510 of 1,000 items; 95% CI 47.9–54.1%) does not beat chance (50%, uniform): one-sided exact p = 0.27. At this n, only a true rate of 53.9% or more would be detected 80% of the time."
 */
export function chanceSentence(v: ChanceSentenceInput): string {
  const count = v.singleBinary ? `${formatCount(v.successes)} of ${plural(v.items, "item")}` : `mean of ${plural(v.items, "item")}`;
  const verb = v.alternative === "less" ? (v.significant ? "is below" : "is not shown below") : v.alternative === "two-sided" ? (v.significant ? "differs from" : "does not differ from") : v.significant ? "beats" : "does not beat";
  const head = `${formatPercent(v.accuracy)} (${count}; ${formatLevel(v.level)} CI ${formatInterval(v.lower, v.upper)}) ${verb} chance (${formatRate(v.chance)}, ${v.chanceClause}): ${sided(v.alternative)} ${testName(v.method)} ${pText(v.pValue)}${resolution(v.permutations)}.`;
  const direction = v.alternative === "less" ? "or less" : "or more";
  const rate =
    v.alternative === "two-sided"
      ? `a true rate of ${formatPercent(v.chance - v.mde)} or less, or ${formatPercent(v.chance + v.mde)} or more,`
      : `a true rate of ${formatPercent(v.detectableRate)} ${direction}`;
  if (v.detectableRate >= 1 || v.detectableRate <= 0) {
    return `${head} At this n, not even a true rate of ${v.alternative === "less" ? "0%" : "100%"} would be detected ${formatRate(v.power)} of the time.`;
  }
  return `${head} At this n, only ${rate} would be detected ${formatRate(v.power)} of the time.`;
}

/** The fields of a comparison that its sentence uses. */
export type CompareSentenceInput = Pick<
  Comparison,
  | "baseline" | "treatment" | "estimate" | "lower" | "upper" | "level" | "pValue" | "alternative" | "alpha"
  | "significant" | "method" | "paired" | "items" | "baselineItems" | "treatmentItems" | "droppedItems" | "mde"
  | "baselineAccuracy" | "treatmentAccuracy"
>;

/**
 * "treat − base = +13.3 pp (58.0% vs 44.7%; 95% CI +4.2 to +22.4 pp; paired on 150 items):
 * two-sided McNemar exact p = 0.0066, significant at α = 0.05. 3 items under only one condition
 * were left out. At this n, only a gap of 12.9 pp or more would be detected 80% of the time."
 * (the pairedBinary case of test/analysis/compareConditions.test.ts)
 *
 * @example
 * compareSentence({ baseline: "A", treatment: "B", estimate: 0.1, lower: 0.02, upper: 0.18, level: 0.95, pValue: 0.012, alternative: "two-sided", alpha: 0.05, significant: true, method: "welch-t", paired: false, items: 200, baselineItems: 100, treatmentItems: 100, droppedItems: 0, mde: 0.115, baselineAccuracy: 0.5, treatmentAccuracy: 0.6 }, 0.8)
 * // "B − A = +10.0 pp (60.0% vs 50.0%; 95% CI +2.0 to +18.0 pp; independent, 100 vs 100 items): two-sided Welch t p = 0.012, significant at α = 0.05. At this n, only a gap of 11.5 pp or more would be detected 80% of the time."
 */
export function compareSentence(v: CompareSentenceInput, power: number): string {
  const design = v.paired ? `paired on ${plural(v.items, "item")}` : `independent, ${formatCount(v.treatmentItems)} vs ${plural(v.baselineItems, "item")}`;
  const verdict = v.significant ? `significant at α = ${v.alpha}` : `not significant at α = ${v.alpha}`;
  let text = `${v.treatment} − ${v.baseline} = ${formatPoints(v.estimate)} (${formatPercent(v.treatmentAccuracy)} vs ${formatPercent(v.baselineAccuracy)}; ${formatLevel(v.level)} CI ${formatPoints(v.lower).replace(" pp", "")} to ${formatPoints(v.upper)}; ${design}): ${sided(v.alternative)} ${testName(v.method)} ${pText(v.pValue)}, ${verdict}.`;
  if (v.droppedItems > 0) text += ` ${plural(v.droppedItems, "item")} under only one condition ${v.droppedItems === 1 ? "was" : "were"} left out.`;
  text += ` At this n, only a gap of ${formatPoints(v.mde).replace("+", "")} or more would be detected ${formatRate(power)} of the time.`;
  return text;
}

/** How a sentence names each multiplicity correction. */
const CORRECTION_NAMES: Record<Correction, string> = {
  holm: "Holm's adjustment",
  bonferroni: "Bonferroni's adjustment",
  hochberg: "Hochberg's adjustment",
  hommel: "Hommel's adjustment",
  bh: "the Benjamini–Hochberg false-discovery-rate adjustment",
  by: "the Benjamini–Yekutieli false-discovery-rate adjustment",
  none: "no adjustment for multiple comparisons",
};

/** A correction as a sentence names it ("Holm's adjustment"). */
export function correctionName(correction: Correction): string {
  return CORRECTION_NAMES[correction];
}

const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/** A small count in words ("six"), a large one in digits. */
function countWord(n: number): string {
  return n < NUMBER_WORDS.length ? NUMBER_WORDS[n] : formatCount(n);
}

/** "A", "A and B", "A, B and C". */
function listNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** "c1", "c1, and c2", "c1, c2, and c3": clauses that hold "and" inside them. */
function joinClauses(clauses: readonly string[]): string {
  return clauses.length <= 1 ? clauses.join("") : `${clauses.slice(0, -1).join(", ")}, and ${clauses[clauses.length - 1]}`;
}

/** The fields of one pair of an all-pairs comparison that the family sentence uses. */
export type FamilyPairInput = Pick<Comparison, "baseline" | "treatment" | "estimate"> & {
  significantAdjusted: boolean;
  simultaneousLower: number;
  simultaneousUpper: number;
};

/** The fields of an all-pairs comparison that its family sentence uses. */
export interface FamilySentenceInput {
  /** The conditions, best first. */
  conditions: readonly { condition: string }[];
  /** Every pair: its gap (treatment − baseline), adjusted verdict and simultaneous interval. */
  comparisons: readonly FamilyPairInput[];
  /** The tie groups, one per letter (a, b, …), members in the order of `conditions`. */
  groups: readonly (readonly string[])[];
  correction: Correction;
  alpha: number;
  /** The family level of the simultaneous intervals. */
  level: number;
}

/**
 * One sentence for a family of pairwise comparisons, from its tie groups (compact letter display):
 * "A and B are ahead of C and D after Holm's adjustment (α = 0.05): every difference between the
 * groups is significant; within each group the order is not decisive." When nothing differs:
 * "All six pairwise differences among A, B, C and D include zero (95% simultaneous intervals,
 * Bonferroni; none significant after Holm's adjustment, α = 0.05) — the ranking is not decisive."
 * Otherwise each significant lead is named and the tie groups are listed with their letters. Who
 * is ahead in a pair is the sign of its gap.
 *
 * @example
 * familySentence({ conditions: [{ condition: "A" }, { condition: "B" }, { condition: "C" }], comparisons: [
 *   { baseline: "B", treatment: "A", estimate: 0.01, significantAdjusted: false, simultaneousLower: -0.03, simultaneousUpper: 0.05 },
 *   { baseline: "C", treatment: "A", estimate: 0.12, significantAdjusted: true, simultaneousLower: 0.07, simultaneousUpper: 0.17 },
 *   { baseline: "C", treatment: "B", estimate: 0.11, significantAdjusted: true, simultaneousLower: 0.06, simultaneousUpper: 0.16 },
 * ], groups: [["A", "B"], ["C"]], correction: "holm", alpha: 0.05, level: 0.95 })
 * // "A and B are ahead of C after Holm's adjustment (α = 0.05): every difference between the groups is significant; within A and B the order is not decisive."
 */
export function familySentence(v: FamilySentenceInput): string {
  const names = v.conditions.map((c) => c.condition);
  const m = v.comparisons.length;
  const adjustment = v.correction === "none" ? "without adjustment for multiple comparisons" : `after ${correctionName(v.correction)}`;
  const after = `${adjustment} (α = ${v.alpha})`;
  const significant = v.comparisons.filter((c) => c.significantAdjusted);
  if (significant.length === 0) {
    const allCover = v.comparisons.every((c) => c.simultaneousLower <= 0 && c.simultaneousUpper >= 0);
    const intervals = `${formatLevel(v.level)} simultaneous intervals, Bonferroni`;
    if (m === 1) {
      const verdict = allCover ? `includes zero (${intervals}; not significant ${adjustment}, α = ${v.alpha})` : `is not significant ${after}`;
      return `The difference between ${names[0]} and ${names[1]} ${verdict} — the order is not decisive.`;
    }
    return allCover
      ? `All ${countWord(m)} pairwise differences among ${listNames(names)} include zero (${intervals}; none significant ${adjustment}, α = ${v.alpha}) — the ranking is not decisive.`
      : `None of the ${countWord(m)} pairwise differences among ${listNames(names)} is significant ${after} — the ranking is not decisive.`;
  }
  const ahead = significant.map((c) => (c.estimate >= 0 ? [c.treatment, c.baseline] : [c.baseline, c.treatment]) as [string, string]);
  const position = new Map(names.map((n, i) => [n, i]));
  const groupsOf = new Map<string, number[]>();
  v.groups.forEach((g, k) => g.forEach((n) => groupsOf.set(n, [...(groupsOf.get(n) ?? []), k])));
  // Disjoint groups in display order, every lead from an earlier group to a later one: a chain.
  const partition = names.every((n) => groupsOf.get(n)?.length === 1) && v.groups.flat().every((n, i) => n === names[i]);
  if (partition && ahead.every(([a, b]) => groupsOf.get(a)![0] < groupsOf.get(b)![0])) {
    if (v.groups.every((g) => g.length === 1)) {
      if (m === 1) return `${names[0]} is ahead of ${names[1]} ${after}.`;
      return `All ${countWord(m)} pairwise differences are significant ${after}: the order ${names.join(" > ")} is decisive.`;
    }
    const verb = (g: readonly string[]) => (g.length === 1 ? "is" : "are");
    const chain = v.groups.slice(0, -1).map((g, k) => `${listNames(g)} ${verb(g)} ahead of ${listNames(v.groups[k + 1])}`).join("; ");
    const ties = v.groups.filter((g) => g.length > 1);
    const within = ties.length === 1 ? `within ${listNames(ties[0])}` : "within each group";
    return `${chain} ${after}: every difference between the groups is significant; ${within} the order is not decisive.`;
  }
  const leads = new Map<string, string[]>();
  for (const [a, b] of ahead) leads.set(a, [...(leads.get(a) ?? []), b]);
  const byPosition = (x: string, y: string) => position.get(x)! - position.get(y)!;
  const clauses = [...leads.keys()].sort(byPosition).map((a) => `${a} is ahead of ${listNames(leads.get(a)!.sort(byPosition))}`);
  const count = significant.length === 1
    ? `the only significant one of the ${countWord(m)} pairwise differences`
    : `${countWord(significant.length)} of the ${countWord(m)} pairwise differences significant`;
  const groups = v.groups.map((g, k) => `${listNames(g)} (${letterName(k)})`).join("; ");
  return `${joinClauses(clauses)} ${after}, ${count}; the rest are not decisive (tie groups: ${groups}).`;
}
