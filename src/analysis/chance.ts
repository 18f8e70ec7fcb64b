/**
 * Chance is not always 50%. What a model scores without knowing anything depends on the task:
 * guessing uniformly among the options, always giving the most common key, or answering with its
 * own answer distribution regardless of the item (the null behind Cohen's kappa; Cohen 1960).
 * A baseline known before the run (1/options) is exact and comes first; without it, `auto` takes
 * the highest that applies, since beating a lower baseline proves little.
 */
import { checkOpenUnit, show } from "../stats/validate.js";
import type { ItemScore } from "./itemScores.js";

export type ChanceKind = "uniform" | "majority" | "marginal" | "given";
/** A number (the chance rate itself) or the name of a baseline; `auto` picks by the rules of `chanceBaseline`. */
export type ChanceOption = number | "auto" | "uniform" | "majority" | "marginal";

/** One baseline considered: its value where it could be computed, whether `auto` may pick it, and why. */
export interface ChanceReason {
  kind: "uniform" | "majority" | "marginal";
  value?: number;
  applies: boolean;
  /** A clause a sentence can quote: "every item names its options (4)", "targets are free text (48 distinct in 50 items)". */
  why: string;
}

export interface ChanceBaseline {
  chance: number;
  chanceKind: ChanceKind;
  /** Every baseline the items allow, for the record (undefined where it does not apply). */
  baselines: { uniform?: number; majority?: number; marginal?: number };
  /** Every baseline considered, with its value and why it applied or not. */
  chanceReasons: ChanceReason[];
  /** The chance rate was estimated from these same items (majority, marginal), not known in advance. */
  estimated: boolean;
  /** The label a majority guesser gives (folded: trimmed, lower case), when `chanceKind` is `majority`. */
  majorityLabel?: string;
  /** The clause naming the baseline in a sentence: "uniform over 4 options", "majority key \"b\", estimated". */
  clause: string;
}

const KINDS = ["auto", "uniform", "majority", "marginal"] as const;

/** A target as a label: trimmed and case-folded, so "Yes" and "yes " are one label. */
export function foldLabel(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * The targets form a closed label set when labels repeat: at most half as many distinct (folded)
 * targets as items, and at most 26 (A–Z). Free-text keys (numbers, phrases) that are mostly distinct
 * do not: "always give the most common key" is then no strategy a guesser could follow.
 */
export const MAX_LABELS = 26;

function labelCounts(items: readonly ItemScore[]): Map<string, number> | undefined {
  if (items.length === 0 || !items.every((s) => s.target !== undefined)) return undefined;
  const counts = new Map<string, number>();
  for (const s of items) counts.set(foldLabel(s.target!), (counts.get(foldLabel(s.target!)) ?? 0) + 1);
  return counts;
}

function isClosedLabelSet(counts: Map<string, number>, items: number): boolean {
  return counts.size >= 2 && counts.size <= MAX_LABELS && counts.size <= items / 2;
}

/**
 * `uniform`: the mean over items of 1/choices when every item carries `choices`; 0.5 when the
 * (folded) targets take exactly two values.
 *
 * @example
 * uniformChance([{ item: "a", choices: 4, mean: 1, samples: 1, binary: true, answers: [] }]) // 0.25
 */
export function uniformChance(items: readonly ItemScore[]): number | undefined {
  if (items.length === 0) return undefined;
  if (items.every((s) => s.choices !== undefined)) {
    return items.reduce((acc, s) => acc + 1 / (s.choices as number), 0) / items.length;
  }
  if (labelCounts(items)?.size === 2) return 0.5;
  return undefined;
}

/**
 * `majority`: the share of items whose (folded) target is the most common one, i.e. what always
 * giving that answer scores. Needs a target on every item, over a closed label set (labels repeat:
 * at most half as many distinct targets as items, at most 26); free-text targets have no majority.
 *
 * @example
 * majorityChance(["A", "A", "B", "C", "B", "A"].map((t, i) => ({ item: String(i), target: t, mean: 0, samples: 1, binary: true, answers: [] }))) // 0.5
 */
export function majorityChance(items: readonly ItemScore[]): number | undefined {
  const counts = labelCounts(items);
  if (!counts || !isClosedLabelSet(counts, items.length)) return undefined;
  return Math.max(...counts.values()) / items.length;
}

/** The most common folded target (the first in item order among ties). */
function majorityLabel(items: readonly ItemScore[]): string {
  const counts = labelCounts(items)!;
  const top = Math.max(...counts.values());
  return [...counts.entries()].find(([, n]) => n === top)![0];
}

/** An item's answers as (answer, how many) pairs: its counts when it has them, else each answer once. */
function answerTally(s: ItemScore): readonly (readonly [string, number])[] {
  return s.answerCounts ?? s.answers.map((a) => [a, 1] as const);
}

/**
 * The answer categories of a set of items: for each item, the share of its answers equal to each
 * category (answers and targets compared after trimming; a missing answer matches nothing), and the
 * category index of its target. Shared by `marginalChance` and its permutation test.
 */
export function answerShares(items: readonly ItemScore[]): { shares: Float64Array[]; targetIndex: Int32Array; categories: string[] } {
  const index = new Map<string, number>();
  for (const s of items) if (!index.has(s.target!.trim())) index.set(s.target!.trim(), index.size);
  const shares = items.map((s) => {
    const row = new Float64Array(index.size);
    const tally = answerTally(s);
    const given = tally.reduce((acc, [, n]) => acc + n, 0);
    for (const [a, n] of tally) {
      const c = index.get(a.trim());
      if (c !== undefined && a.trim() !== "") row[c] += n / given;
    }
    return row;
  });
  const targetIndex = Int32Array.from(items, (s) => index.get(s.target!.trim())!);
  return { shares, targetIndex, categories: [...index.keys()] };
}

/**
 * `marginal`: Σ_c P(answer = c)·P(target = c), with P(answer = c) the mean over items of the share
 * of the item's answers equal to c and P(target = c) the share of items keyed c: the expected score
 * when the model's answers are shuffled across items (Cohen's kappa's p_e). Needs a target on every
 * item and at least one answer.
 *
 * @example
 * // answers A, A, B; targets A, B, B: P(A) = 2/3, P(B) = 1/3; keys A 1/3, B 2/3 → 2/9 + 2/9
 * marginalChance([["A", "A"], ["A", "B"], ["B", "B"]].map(([a, t], i) => ({ item: String(i), answers: [a], target: t, mean: 0, samples: 1, binary: true }))) // 0.4444444444444444
 */
export function marginalChance(items: readonly ItemScore[]): number | undefined {
  if (items.length === 0 || !items.every((s) => s.target !== undefined)) return undefined;
  if (!items.some((s) => answerTally(s).some(([a]) => a.trim() !== ""))) return undefined;
  const { shares, targetIndex } = answerShares(items);
  const pAnswer = new Float64Array(shares[0].length);
  const pTarget = new Float64Array(shares[0].length);
  for (let i = 0; i < items.length; i++) {
    for (let c = 0; c < pAnswer.length; c++) pAnswer[c] += shares[i][c] / items.length;
    pTarget[targetIndex[i]] += 1 / items.length;
  }
  let sum = 0;
  for (let c = 0; c < pAnswer.length; c++) sum += pAnswer[c] * pTarget[c];
  return sum;
}

/** Relative tolerance under which two baselines count as equal (floating-point noise, not data). */
const TIE = 1e-9;

function formatShare(x: number): string {
  return `${(100 * x).toFixed(1).replace(/\.0$/, "")}%`;
}

function reasons(items: readonly ItemScore[], baselines: ChanceBaseline["baselines"]): ChanceReason[] {
  const counts = labelCounts(items);
  const choices = items.length > 0 && items.every((s) => s.choices !== undefined) ? new Set(items.map((s) => s.choices!)) : undefined;
  const uniformWhy = choices
    ? `every item names its options (${[...choices].sort((a, b) => a - b).join(", ")})`
    : counts?.size === 2
      ? "the targets take two values"
      : items.length === 0
        ? "bare counts: two options assumed"
        : "no item names its options and the targets do not take two values";
  const majorityWhy = choices && baselines.majority !== undefined
    ? `the options are known, so auto takes uniform; a guesser always answering the most common key would score ${formatShare(baselines.majority)} (ask for majority by name)`
    : !counts
    ? "not every item has a target"
    : !isClosedLabelSet(counts, items.length)
      ? counts.size < 2
        ? "every target is the same"
        : `the targets are not a closed label set (${counts.size} distinct in ${items.length} items; labels must repeat)`
      : `a guesser always answering the most common key (${counts.size} labels), estimated from these items`;
  const marginalWhy =
    baselines.marginal === undefined
      ? "needs a target on every item and some answers"
      : "never above majority; it asks whether answers depend on the item (ask for it by name)";
  return [
    { kind: "uniform", ...(baselines.uniform !== undefined ? { value: baselines.uniform } : {}), applies: baselines.uniform !== undefined, why: uniformWhy },
    { kind: "majority", ...(baselines.majority !== undefined ? { value: baselines.majority } : {}), applies: baselines.majority !== undefined && !choices, why: majorityWhy },
    { kind: "marginal", ...(baselines.marginal !== undefined ? { value: baselines.marginal } : {}), applies: false, why: marginalWhy },
  ];
}

function uniformClause(items: readonly ItemScore[]): string {
  if (items.length === 0) return "uniform, two options assumed";
  if (items.every((s) => s.choices !== undefined)) {
    const choices = new Set(items.map((s) => s.choices!));
    return choices.size === 1 ? `uniform over ${[...choices][0]} options` : "uniform, the mean of 1/options";
  }
  if (labelCounts(items)?.size === 2) return "uniform over 2 targets";
  return "uniform, two options assumed";
}

/**
 * The chance rate for a set of items: a number as given, a named baseline (which must apply), or
 * `auto` (default), on principle:
 * 1. known option counts first: `uniform` (mean of 1/choices, or 1/2 for two-valued targets), exact;
 * 2. `majority` only over a closed label set (repeated labels, not free text) and only when the items
 *    do not name their options, flagged as estimated from the data, and picked only when it is above
 *    uniform by more than floating-point noise (ties go to the simpler, exact baseline); with known
 *    options its value is still listed in `chanceReasons`;
 * 3. `marginal` (the model's own answers shuffled across items) is never picked by `auto`: it cannot
 *    exceed majority (Σ P(answer = c)·P(key = c) ≤ max_c P(key = c)), and it answers another question,
 *    "do the answers depend on the item at all?"; ask for it by name;
 * 4. when nothing applies, 0.5 (two options assumed), as for bare counts, and the reasons say so.
 * `chanceReasons` lists every baseline considered, its value and why it applied or not.
 *
 * @example
 * chanceBaseline([{ item: "a", choices: 4, mean: 1, samples: 1, binary: true, answers: [] }]).chance // 0.25
 */
export function chanceBaseline(items: readonly ItemScore[], chance: ChanceOption = "auto"): ChanceBaseline {
  const baselines = { uniform: uniformChance(items), majority: majorityChance(items), marginal: marginalChance(items) };
  const chanceReasons = reasons(items, baselines);
  if (typeof chance === "number") {
    return { chance: checkOpenUnit("chance", chance), chanceKind: "given", baselines, chanceReasons, estimated: false, clause: "given" };
  }
  if (typeof chance !== "string" || !(KINDS as readonly string[]).includes(chance)) {
    throw new RangeError(`chance must be a number in (0, 1) or one of "auto", "uniform", "majority", "marginal", got ${show(chance)}`);
  }
  const pick = (kind: "uniform" | "majority" | "marginal", value: number): ChanceBaseline => {
    const base = { chance: usable(value, kind), chanceKind: kind, baselines, chanceReasons };
    if (kind === "uniform") return { ...base, estimated: false, clause: uniformClause(items) };
    if (kind === "majority") {
      const label = majorityLabel(items);
      return { ...base, estimated: true, majorityLabel: label, clause: `majority key ${JSON.stringify(label)}, estimated` };
    }
    return { ...base, estimated: true, clause: "marginal, the model's answers shuffled across items" };
  };
  if (chance !== "auto") {
    const value = baselines[chance];
    if (value === undefined) {
      const reason = chanceReasons.find((r) => r.kind === chance)!.why;
      throw new RangeError(`chance "${chance}" does not apply to these records: ${reason}`);
    }
    return pick(chance, value);
  }
  const { uniform, majority } = baselines;
  // Known option counts come first: 1/options is exact and known before the run; a majority
  // estimated from the same items is a different question (ask for it by name).
  const optionsKnown = items.length > 0 && items.every((s) => s.choices !== undefined);
  if (!optionsKnown && majority !== undefined && (uniform === undefined || majority > uniform * (1 + TIE))) return pick("majority", majority);
  if (uniform !== undefined) return pick("uniform", uniform);
  return { chance: 0.5, chanceKind: "uniform", baselines, chanceReasons, estimated: false, clause: uniformClause([]) };
}

/** A baseline of 0 or 1 admits no test (every score is then at or beyond it): say so. */
function usable(value: number, kind: string): number {
  if (!(value > 0 && value < 1)) throw new RangeError(`the ${kind} chance rate of these records is ${formatShare(value)}; a test needs a rate strictly between 0 and 1`);
  return value;
}
