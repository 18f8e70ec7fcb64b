/**
 * One plain sentence per verdict, built only from the computed numbers, so a reader who quotes it
 * quotes the analysis. Each names the method, because "p = 0.03" means little without it.
 */
import type { Alternative } from "../stats/types.js";
import type { ChanceMethod, Comparison, VerdictMethod } from "./types.js";
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
