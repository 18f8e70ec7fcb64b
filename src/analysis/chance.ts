/**
 * Chance is not always 50%. What a model scores without knowing anything depends on the task:
 * guessing uniformly among the options, always giving the most common key, or answering with its
 * own answer distribution regardless of the item (the null behind Cohen's kappa; Cohen 1960).
 * Beating a lower baseline proves little, so `auto` takes the highest that applies.
 */
import { checkOpenUnit, show } from "../stats/validate.js";
import type { ItemScore } from "./itemScores.js";

export type ChanceKind = "uniform" | "majority" | "marginal" | "given";
/** A number (the chance rate itself) or the name of a baseline; `auto` picks the highest that applies. */
export type ChanceOption = number | "auto" | "uniform" | "majority" | "marginal";

export interface ChanceBaseline {
  chance: number;
  chanceKind: ChanceKind;
  /** Every baseline the items allow, for the record (undefined where it does not apply). */
  baselines: { uniform?: number; majority?: number; marginal?: number };
}

const KINDS = ["auto", "uniform", "majority", "marginal"] as const;

/**
 * `uniform`: the mean over items of 1/choices when every item carries `choices`; 0.5 when the
 * targets take exactly two values.
 *
 * @example
 * uniformChance([{ item: "a", choices: 4, mean: 1, samples: 1, binary: true, answers: [] }]) // 0.25
 */
export function uniformChance(items: readonly ItemScore[]): number | undefined {
  if (items.length === 0) return undefined;
  if (items.every((s) => s.choices !== undefined)) {
    return items.reduce((acc, s) => acc + 1 / (s.choices as number), 0) / items.length;
  }
  if (items.every((s) => s.target !== undefined) && new Set(items.map((s) => s.target!.trim())).size === 2) return 0.5;
  return undefined;
}

/**
 * `majority`: the share of items whose target is the most common one, i.e. what always giving
 * that answer scores. Needs a target on every item.
 *
 * @example
 * majorityChance(["A", "A", "B", "C"].map((t, i) => ({ item: String(i), target: t, mean: 0, samples: 1, binary: true, answers: [] }))) // 0.5
 */
export function majorityChance(items: readonly ItemScore[]): number | undefined {
  if (items.length === 0 || !items.every((s) => s.target !== undefined)) return undefined;
  const counts = new Map<string, number>();
  for (const s of items) counts.set(s.target!.trim(), (counts.get(s.target!.trim()) ?? 0) + 1);
  return Math.max(...counts.values()) / items.length;
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
    const given = s.answers.length;
    for (const a of s.answers) {
      const c = index.get(a.trim());
      if (c !== undefined && a.trim() !== "") row[c] += 1 / given;
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
  if (!items.some((s) => s.answers.some((a) => a.trim() !== ""))) return undefined;
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

/**
 * The chance rate for a set of items: a number as given, a named baseline (which must apply), or
 * `auto` (default): the highest of uniform, majority and marginal that applies; 0.5 (`uniform`)
 * when none does, the same default as for bare counts.
 *
 * @example
 * chanceBaseline([{ item: "a", choices: 4, mean: 1, samples: 1, binary: true, answers: [] }]).chance // 0.25
 */
export function chanceBaseline(items: readonly ItemScore[], chance: ChanceOption = "auto"): ChanceBaseline {
  const baselines = { uniform: uniformChance(items), majority: majorityChance(items), marginal: marginalChance(items) };
  if (typeof chance === "number") return { chance: checkOpenUnit("chance", chance), chanceKind: "given", baselines };
  if (typeof chance !== "string" || !(KINDS as readonly string[]).includes(chance)) {
    throw new RangeError(`chance must be a number in (0, 1) or one of "auto", "uniform", "majority", "marginal", got ${show(chance)}`);
  }
  if (chance !== "auto") {
    const value = baselines[chance];
    if (value === undefined) {
      const needs = chance === "uniform" ? "`choices` on every record or two-way targets" : chance === "majority" ? "a `target` on every record" : "a `target` on every record and some `answer`s";
      throw new RangeError(`chance "${chance}" needs ${needs}; these records have none`);
    }
    return { chance: usable(value, chance), chanceKind: chance, baselines };
  }
  let best: { chance: number; chanceKind: ChanceKind } | undefined;
  for (const kind of ["uniform", "majority", "marginal"] as const) {
    const v = baselines[kind];
    if (v !== undefined && (best === undefined || v > best.chance)) best = { chance: v, chanceKind: kind };
  }
  best ??= { chance: 0.5, chanceKind: "uniform" };
  return { chance: usable(best.chance, best.chanceKind), chanceKind: best.chanceKind, baselines };
}

/** A baseline of 0 or 1 admits no test (every score is then at or beyond it): say so. */
function usable(value: number, kind: string): number {
  if (!(value > 0 && value < 1)) throw new RangeError(`the ${kind} chance rate of these records is ${value}; a test needs a rate strictly between 0 and 1`);
  return value;
}
