/**
 * The person's planner (src/tasks/valueInference/softValueIteration.ts): the soft Bellman equation
 * holds to 1e-12 at the solution, the values equal plain value iteration (an independent
 * implementation in bruteForce.ts), and the policy is a distribution over the moves that exist.
 */
import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/stats/random.js";
import { generateWorld, MOVE_COUNT, nextCell, type GridWorld } from "../../../src/tasks/valueInference/gridWorld.js";
import { softBellmanResidual, softValueIteration, type AgentParameters } from "../../../src/tasks/valueInference/softValueIteration.js";
import { referenceValues } from "./bruteForce.js";

const AGENTS: AgentParameters[] = [
  { beta: 3, discount: 0.95, stepCost: 0.1 },
  { beta: 0.2, discount: 0.95, stepCost: 0.1 },
  { beta: 20, discount: 0.99, stepCost: 0 },
  { beta: 1, discount: 0.5, stepCost: 1 },
];

function worlds(count: number): GridWorld[] {
  const rng = createRandom("soft value iteration");
  return Array.from({ length: count }, (_, i) => generateWorld(rng, `w${i}`, { size: 3 + (i % 7), kinds: 2 + (i % 3), objectsPerKind: 1 + (i % 2) }));
}

function weightsFor(world: GridWorld, i: number): number[] {
  return world.kinds.map((_, k) => [3, 0, 1, 2, -1][(i + 2 * k) % 5]);
}

/** [row][column] of a grid, from the world's flat cells. */
function asGrid(world: GridWorld): number[][] {
  return Array.from({ length: world.size }, (_, r) => Array.from(world.objectAt.slice(r * world.size, (r + 1) * world.size)));
}

describe("softValueIteration", () => {
  it("satisfies the soft Bellman equation to 1e-12 on 3×3 to 9×9 worlds, for β from 0.2 to 20 and γ from 0.5 to 0.99", () => {
    let worst = 0;
    let steps = 0;
    let solved = 0;
    worlds(28).forEach((world, i) => {
      for (const agent of AGENTS) {
        const weights = weightsFor(world, i);
        const policy = softValueIteration(world, weights, agent);
        const residual = softBellmanResidual(world, weights, agent, policy.values);
        expect(residual, `${world.id} ${JSON.stringify(agent)}`).toBeLessThanOrEqual(1e-12);
        worst = Math.max(worst, residual);
        steps = Math.max(steps, policy.iterations);
        solved++;
      }
    });
    console.log(`soft Bellman residual: max ${worst.toExponential(2)} over ${solved} solves; at most ${steps} policy-iteration steps`);
  });

  it("equals plain value iteration (bruteForce.ts) to 1e-12", () => {
    worlds(10).slice(0, 6).forEach((world, i) => {
      for (const agent of AGENTS.slice(0, 2)) {
        const weights = weightsFor(world, i);
        const fast = softValueIteration(world, weights, agent).values;
        const plain = referenceValues({ size: world.size, grid: asGrid(world), ...agent }, weights);
        for (let cell = 0; cell < fast.length; cell++) {
          expect(Math.abs(fast[cell] - plain[Math.floor(cell / world.size)][cell % world.size]), `${world.id} cell ${cell}`).toBeLessThanOrEqual(1e-12);
        }
      }
    });
  });

  it("gives each cell a policy over the moves that stay on the grid, summing to 1", () => {
    for (const world of worlds(14)) {
      const policy = softValueIteration(world, weightsFor(world, 0), AGENTS[0]);
      for (let cell = 0; cell < world.size * world.size; cell++) {
        const probabilities = Array.from({ length: MOVE_COUNT }, (_, a) => Math.exp(policy.logPolicy[cell * MOVE_COUNT + a]));
        if (world.objectAt[cell] >= 0) {
          expect(probabilities).toEqual([0, 0, 0, 0, 0]);
          expect(policy.values[cell]).toBe(0);
          continue;
        }
        expect(Math.abs(probabilities.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-12);
        probabilities.forEach((p, a) => (nextCell(world.size, cell, a) < 0 ? expect(p).toBe(0) : expect(p).toBeGreaterThan(0)));
      }
    }
  });

  it("lies between the mean and the best move's value (the KL-regularised soft value), the best as β grows", () => {
    const world = worlds(5)[4];
    const weights = weightsFor(world, 4);
    for (const beta of [0.5, 5, 200]) {
      const policy = softValueIteration(world, weights, { beta, discount: 0.95, stepCost: 0.1 });
      for (let cell = 0; cell < world.size * world.size; cell++) {
        if (world.objectAt[cell] >= 0) continue;
        const q = Array.from(policy.q.slice(cell * MOVE_COUNT, (cell + 1) * MOVE_COUNT)).filter((x) => x > -Infinity);
        const mean = q.reduce((a, b) => a + b, 0) / q.length;
        expect(policy.values[cell]).toBeGreaterThanOrEqual(mean - 1e-12);
        expect(policy.values[cell]).toBeLessThanOrEqual(Math.max(...q) + 1e-12);
        // The gap to the best move is at most log(moves)/β.
        if (beta === 200) expect(Math.max(...q) - policy.values[cell]).toBeLessThanOrEqual(Math.log(5) / beta + 1e-12);
      }
    }
  });

  it("heads for the object worth more when two are equally far", () => {
    // 3×3, the walker in the centre: a hat (worth 3) to the north, a key (worth 1) to the south.
    const world: GridWorld = {
      id: "two",
      size: 3,
      kinds: [{ name: "hat", plural: "hats", symbol: "H" }, { name: "key", plural: "keys", symbol: "K" }],
      objectAt: Int8Array.from([-1, 0, -1, -1, -1, -1, -1, 1, -1]),
    };
    const policy = softValueIteration(world, [3, 1], { beta: 2, discount: 0.95, stepCost: 0.1 });
    const north = Math.exp(policy.logPolicy[4 * MOVE_COUNT + 0]);
    const south = Math.exp(policy.logPolicy[4 * MOVE_COUNT + 2]);
    // Both end the walk at once: their log-odds are β·(3 − 1) exactly.
    expect(Math.log(north / south)).toBeCloseTo(4, 12);
  });
});
