/**
 * The value-inference generator's knobs (difficulty and size), their defaults, and the checks that
 * turn an impossible combination into one error naming the knob and its value.
 */
import { show } from "../../stats/validate.js";
import { KIND_POOL } from "./gridWorld.js";
import { profileSpace, smallestCandidatePool } from "./valueProfile.js";

/** Which questions to ask: which profile (multiple choice), X more than Y (yes/no), or alternating. */
export type QuestionKind = "profile" | "compare" | "both";

export interface ValueInferenceKnobs {
  /** How many tasks. */
  items: number;
  /** The seed: a non-negative safe integer or a string. Same seed and knobs, same tasks. */
  seed: number | string;
  /** The person's rationality β > 0 (higher: less noisy, easier). */
  beta: number;
  /** Walks shown per task, 1–5 (more: easier). */
  trajectories: number;
  /** Candidate profiles k in a multiple-choice question, 2–6 (more: harder; chance 1/k). */
  candidates: number;
  /** Grid side: one size, or [smallest, largest] drawn uniformly per world (3–12). */
  size: number | readonly [number, number];
  /**
   * Distractor similarity: the candidates all lie within this many level steps (L1) of one hidden
   * anchor profile (smaller: more similar, harder); null: anywhere in the profile space.
   */
  radius: number | null;
  /** Kinds of object per world, 2–4. */
  kinds: number;
  /** Objects of each kind, 1–5. */
  objectsPerKind: number;
  /** The values a kind can have (at least two distinct numbers, listed in increasing order). */
  levels: readonly number[];
  /** Tasks per world (the cluster), ≥ 1: each a different person in the same world. */
  perWorld: number;
  question: QuestionKind;
  /** Moves watched per walk before it is cut off, 1–200. */
  maxSteps: number;
  /** Discount γ per step, in (0, 1). */
  discount: number;
  /** Cost of a move, ≥ 0. */
  stepCost: number;
}

export const DEFAULT_KNOBS: ValueInferenceKnobs = {
  items: 300,
  seed: 1,
  beta: 3,
  trajectories: 2,
  candidates: 4,
  size: [5, 9],
  radius: null,
  kinds: 3,
  objectsPerKind: 2,
  levels: [0, 1, 2, 3],
  perWorld: 5,
  question: "both",
  maxSteps: 20,
  discount: 0.95,
  stepCost: 0.1,
};

/** How a knob is called in messages: its option name by default, its flag in the CLI. */
export type KnobNamer = (knob: keyof ValueInferenceKnobs) => string;

function integerIn(name: string, value: unknown, lo: number, hi: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < lo || value > hi) {
    throw new RangeError(`${name} must be an integer from ${lo} to ${hi}, got ${show(value)}`);
  }
  return value;
}

/**
 * The knobs with defaults filled in, checked: every impossible value or combination throws a
 * RangeError (TypeError for a wrong type) naming the knob, as `name` calls it, and the value.
 *
 * @example resolveKnobs({ items: 10 }).candidates // 4
 */
export function resolveKnobs(given: Partial<ValueInferenceKnobs> = {}, name: KnobNamer = (k) => k): ValueInferenceKnobs {
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<ValueInferenceKnobs>;
  const knobs: ValueInferenceKnobs = { ...DEFAULT_KNOBS, ...defined };
  integerIn(name("items"), knobs.items, 1, 1_000_000);
  const seed = knobs.seed;
  if (!(typeof seed === "string" || (typeof seed === "number" && Number.isSafeInteger(seed) && seed >= 0))) {
    throw new RangeError(`${name("seed")} must be a non-negative integer or a string, got ${show(seed)}`);
  }
  if (typeof knobs.beta !== "number" || !(knobs.beta > 0) || !Number.isFinite(knobs.beta)) {
    throw new RangeError(`${name("beta")} must be a finite number greater than 0, got ${show(knobs.beta)}`);
  }
  integerIn(name("trajectories"), knobs.trajectories, 1, 5);
  integerIn(name("candidates"), knobs.candidates, 2, 6);
  integerIn(name("kinds"), knobs.kinds, 2, Math.min(4, KIND_POOL.length));
  integerIn(name("objectsPerKind"), knobs.objectsPerKind, 1, 5);
  integerIn(name("perWorld"), knobs.perWorld, 1, 1_000_000);
  integerIn(name("maxSteps"), knobs.maxSteps, 1, 200);
  if (!["profile", "compare", "both"].includes(knobs.question)) {
    throw new RangeError(`${name("question")} must be one of "profile", "compare", "both", got ${show(knobs.question)}`);
  }
  if (typeof knobs.discount !== "number" || !(knobs.discount > 0 && knobs.discount < 1)) {
    throw new RangeError(`${name("discount")} must be strictly between 0 and 1, got ${show(knobs.discount)}`);
  }
  if (typeof knobs.stepCost !== "number" || !(knobs.stepCost >= 0) || !Number.isFinite(knobs.stepCost)) {
    throw new RangeError(`${name("stepCost")} must be a finite number ≥ 0, got ${show(knobs.stepCost)}`);
  }
  const [smallest, largest] = typeof knobs.size === "number" ? [knobs.size, knobs.size] : knobs.size;
  const sizeText = typeof knobs.size === "number" ? String(knobs.size) : `${smallest}-${largest}`;
  for (const s of [smallest, largest]) {
    if (typeof s !== "number" || !Number.isInteger(s) || s < 3 || s > 12) throw new RangeError(`${name("size")} must be an integer from 3 to 12 (or a range such as 5-9), got ${show(sizeText)}`);
  }
  if (smallest > largest) throw new RangeError(`${name("size")} must be a range from smaller to larger, got ${sizeText}`);
  const needed = knobs.kinds * knobs.objectsPerKind + knobs.trajectories;
  if (needed > smallest * smallest) {
    throw new RangeError(
      `${name("size")} ${smallest} is too small: ${knobs.kinds} kinds × ${knobs.objectsPerKind} objects and ${knobs.trajectories} start cells need ${needed} cells, a ${smallest}×${smallest} grid has ${smallest * smallest}`,
    );
  }
  const levels = knobs.levels;
  if (!Array.isArray(levels) || levels.length < 2 || levels.some((l) => typeof l !== "number" || !Number.isFinite(l)) || levels.some((l, i) => i > 0 && !(l > levels[i - 1]))) {
    throw new RangeError(`${name("levels")} must be at least two finite numbers in increasing order, got ${Array.isArray(levels) ? levels.join(",") : show(levels)}`);
  }
  if (knobs.radius !== null) integerIn(name("radius"), knobs.radius, 1, 1000);
  if (knobs.question !== "compare") {
    const pool = smallestCandidatePool(profileSpace(knobs.kinds, levels), knobs.radius, levels);
    if (knobs.candidates > pool) {
      const where = knobs.radius === null ? `${knobs.kinds} kinds with ${levels.length} levels give ${pool} distinct profiles` : `some anchors have only ${pool} distinct profiles within radius ${knobs.radius}`;
      throw new RangeError(`${name("candidates")} ${knobs.candidates} is more than the profiles available: ${where}`);
    }
  }
  return knobs;
}
