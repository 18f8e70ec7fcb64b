/**
 * A person's hidden values: a weight for each kind of object in the world (what collecting one is
 * worth to them), each weight one of a few levels. The profile space is every combination,
 * levels^kinds profiles; multiple-choice candidates are drawn from it.
 */
import type { Random } from "../../stats/random.js";
import type { ObjectKind } from "./gridWorld.js";

/** Weights in the world's kind order. */
export type ValueProfile = readonly number[];

/**
 * Every profile: each kind takes each level, in lexicographic order (the first kind varies slowest).
 *
 * @example profileSpace(2, [0, 1, 2]).length // 9
 */
export function profileSpace(kinds: number, levels: readonly number[]): ValueProfile[] {
  let out: number[][] = [[]];
  for (let k = 0; k < kinds; k++) out = out.flatMap((p) => levels.map((level) => [...p, level]));
  return out;
}

/**
 * How far apart two profiles are: the number of level steps between them, summed over kinds
 * (L1 distance on level indices, so it does not depend on the levels' spacing).
 *
 * @example profileDistance([0, 3, 1], [1, 3, 3], [0, 1, 2, 3]) // 3
 */
export function profileDistance(a: ValueProfile, b: ValueProfile, levels: readonly number[]): number {
  let d = 0;
  for (let k = 0; k < a.length; k++) d += Math.abs(levels.indexOf(a[k]) - levels.indexOf(b[k]));
  return d;
}

/** The profiles within `radius` level steps of `anchor` (all of them when `radius` is null). */
export function profilesNear(space: readonly ValueProfile[], anchor: ValueProfile, radius: number | null, levels: readonly number[]): ValueProfile[] {
  return radius === null ? [...space] : space.filter((p) => profileDistance(p, anchor, levels) <= radius);
}

/**
 * The fewest candidates any anchor offers: a multiple-choice question with more candidates than
 * this could not always be drawn, so more is an impossible knob.
 *
 * @example smallestCandidatePool(profileSpace(3, [0, 1, 2, 3]), 1, [0, 1, 2, 3]) // 4 (a corner profile and its three neighbours)
 */
export function smallestCandidatePool(space: readonly ValueProfile[], radius: number | null, levels: readonly number[]): number {
  if (radius === null) return space.length;
  return Math.min(...space.map((anchor) => profilesNear(space, anchor, radius, levels).length));
}

/**
 * `count` distinct candidate profiles in random order: all within `radius` level steps of an anchor
 * drawn uniformly from the space (smaller radius, more similar distractors), or anywhere in the
 * space when `radius` is null. Which candidate is the person's is drawn afterwards, uniformly and
 * independently of how the set was built, so given the set every candidate is equally likely
 * a priori and the uniform-prior posterior is the exact one. (Building distractors around the
 * true profile instead would make the true one the set's centre, and the uniform prior wrong.)
 */
export function drawCandidates(rng: Random, space: readonly ValueProfile[], count: number, radius: number | null, levels: readonly number[]): ValueProfile[] {
  const anchor = space[rng.int(space.length)];
  const pool = profilesNear(space, anchor, radius, levels);
  if (pool.length < count) throw new RangeError(`candidates must be at most ${pool.length} within radius ${radius} of ${anchor.join(",")}, got ${count}`);
  const picked: ValueProfile[] = [];
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
    picked.push(pool[i]);
  }
  return picked;
}

/**
 * A profile in words, kinds in the world's order.
 *
 * @example describeProfile([{ name: "hat", plural: "hats", symbol: "H" }, { name: "key", plural: "keys", symbol: "K" }], [3, 0]) // "hat 3, key 0"
 */
export function describeProfile(kinds: readonly ObjectKind[], profile: ValueProfile): string {
  return kinds.map((kind, k) => `${kind.name} ${profile[k]}`).join(", ");
}

/** A stable key for caching a profile's policy. */
export function profileKey(profile: ValueProfile): string {
  return profile.join(",");
}
