/** Walks (src/tasks/valueInference/trajectory.ts): sampled from the policy, scored by it. */
import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/stats/random.js";
import { emptyCells, generateWorld, MOVE_COUNT, moveBetween } from "../../../src/tasks/valueInference/gridWorld.js";
import { softValueIteration } from "../../../src/tasks/valueInference/softValueIteration.js";
import { sampleTrajectory, trajectoryLogLikelihood } from "../../../src/tasks/valueInference/trajectory.js";

const world = generateWorld(createRandom("walks"), "w", { size: 6, kinds: 3, objectsPerKind: 2 });
const policy = softValueIteration(world, [2, 0, 3], { beta: 1.5, discount: 0.95, stepCost: 0.1 });
const start = emptyCells(world)[7];

describe("sampleTrajectory", () => {
  it("draws each move with the policy's probability (20,000 first moves, each within 4 binomial SE)", () => {
    const rng = createRandom(1);
    const draws = 20000;
    const counts = new Array<number>(MOVE_COUNT).fill(0);
    for (let i = 0; i < draws; i++) counts[sampleTrajectory(rng, world, policy, start, 1).moves[0]]++;
    counts.forEach((count, a) => {
      const p = Math.exp(policy.logPolicy[start * MOVE_COUNT + a]);
      expect(Math.abs(count - draws * p), `move ${a}`).toBeLessThanOrEqual(4 * Math.sqrt(draws * p * (1 - p)) + 1e-9);
    });
  });

  it("ends on the first object, or after maxSteps moves with nothing collected", () => {
    const rng = createRandom(2);
    let ended = 0;
    let cut = 0;
    for (let i = 0; i < 500; i++) {
      const walk = sampleTrajectory(rng, world, policy, start, 8);
      expect(walk.cells).toHaveLength(walk.moves.length + 1);
      walk.moves.forEach((m, t) => expect(moveBetween(world.size, walk.cells[t], walk.cells[t + 1])).toBe(m));
      // No object before the end.
      walk.cells.slice(0, -1).forEach((cell) => expect(world.objectAt[cell]).toBe(-1));
      const last = walk.cells[walk.cells.length - 1];
      if (walk.collected >= 0) {
        expect(world.objectAt[last]).toBe(walk.collected);
        ended++;
      } else {
        expect(walk.moves).toHaveLength(8);
        expect(world.objectAt[last]).toBe(-1);
        cut++;
      }
    }
    expect(ended).toBeGreaterThan(0);
    expect(cut).toBeGreaterThan(0);
  });

  it("refuses to start on an object", () => {
    const onObject = world.objectAt.findIndex((k) => k >= 0);
    expect(() => sampleTrajectory(createRandom(3), world, policy, onObject, 5)).toThrow(`start must be a cell of empty ground, got cell ${onObject} (an object)`);
  });
});

describe("trajectoryLogLikelihood", () => {
  it("sums log π over the moves made", () => {
    const walk = sampleTrajectory(createRandom(4), world, policy, start, 6);
    const expected = walk.moves.reduce((s, m, t) => s + policy.logPolicy[walk.cells[t] * MOVE_COUNT + m], 0);
    expect(trajectoryLogLikelihood(policy, world, walk)).toBe(expected);
    expect(trajectoryLogLikelihood(policy, world, { cells: [start], moves: [], collected: -1 })).toBe(0);
  });

  it("rejects a move that does not lead where the walk went", () => {
    expect(() => trajectoryLogLikelihood(policy, world, { cells: [0, 2], moves: [1], collected: -1 })).toThrow("walk.moves[0] (1) does not lead from cell 0 to cell 2");
  });
});
