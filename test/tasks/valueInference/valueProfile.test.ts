/** Value profiles (src/tasks/valueInference/valueProfile.ts): the space, distances, and how candidate sets are drawn. */
import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/stats/random.js";
import { describeProfile, drawCandidates, profileDistance, profileSpace, profilesNear, smallestCandidatePool } from "../../../src/tasks/valueInference/valueProfile.js";
import { KIND_POOL } from "../../../src/tasks/valueInference/gridWorld.js";

const LEVELS = [0, 1, 2, 3];

describe("profileSpace", () => {
  it("lists every combination once, the first kind varying slowest", () => {
    const space = profileSpace(3, LEVELS);
    expect(space).toHaveLength(64);
    expect(new Set(space.map((p) => p.join())).size).toBe(64);
    expect(space.slice(0, 2)).toEqual([[0, 0, 0], [0, 0, 1]]);
    expect(space[63]).toEqual([3, 3, 3]);
  });
});

describe("distances and pools", () => {
  it("counts level steps, whatever the levels' spacing", () => {
    expect(profileDistance([0, 3, 1], [1, 3, 3], LEVELS)).toBe(3);
    expect(profileDistance([-5, 10], [10, -5], [-5, 10])).toBe(2);
  });

  it("the smallest pool is a corner's: 1 + 3 neighbours at radius 1, 1 + 3 + 6 at radius 2 (3 kinds)", () => {
    const space = profileSpace(3, LEVELS);
    expect(smallestCandidatePool(space, 1, LEVELS)).toBe(4);
    expect(smallestCandidatePool(space, 2, LEVELS)).toBe(10);
    expect(smallestCandidatePool(space, null, LEVELS)).toBe(64);
    expect(profilesNear(space, [1, 1, 1], 1, LEVELS)).toHaveLength(7);
  });
});

describe("drawCandidates", () => {
  it("draws distinct profiles within the radius of one anchor", () => {
    const space = profileSpace(3, LEVELS);
    const rng = createRandom(11);
    for (let i = 0; i < 200; i++) {
      const set = drawCandidates(rng, space, 4, 2, LEVELS);
      expect(new Set(set.map((p) => p.join())).size).toBe(4);
      // All within 2 of some anchor: pairwise within 4.
      for (const a of set) for (const b of set) expect(profileDistance(a, b, LEVELS)).toBeLessThanOrEqual(4);
    }
  });

  it("puts every profile in every position equally often (the order carries no information)", () => {
    const space = profileSpace(2, [0, 1]);
    const rng = createRandom(12);
    const counts = new Map<string, number>();
    const draws = 8000;
    for (let i = 0; i < draws; i++) {
      const set = drawCandidates(rng, space, 2, null, [0, 1]);
      const key = `${set[0].join("")}@0`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    // Each of the 4 profiles first with probability 1/4: within 4 binomial SE.
    for (const p of space) expect(Math.abs((counts.get(`${p.join("")}@0`) ?? 0) - draws / 4)).toBeLessThan(4 * Math.sqrt(draws * 0.25 * 0.75));
  });
});

describe("describeProfile", () => {
  it("names each kind with its value, in the world's order", () => {
    expect(describeProfile(KIND_POOL.slice(0, 3), [3, 0, 2])).toBe("hat 3, key 0, mushroom 2");
  });
});
