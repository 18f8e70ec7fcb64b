/**
 * Walks: trajectories sampled from the person's policy, and their probability under a policy.
 * A walk starts on empty ground and ends when the person steps onto an object (collecting it) or
 * after `maxSteps` moves, whichever comes first. The stopping rule does not depend on the person's
 * values, so a cut-off walk's likelihood is just the product over the moves that were seen.
 */
import type { Random } from "../../stats/random.js";
import { MOVE_COUNT, moveBetween, type GridWorld } from "./gridWorld.js";
import type { SoftPolicy } from "./softValueIteration.js";

/** One observed walk. */
export interface Trajectory {
  /** The cells visited, the start first; one more than the moves. */
  cells: number[];
  /** The moves made (indices into `MOVES`). */
  moves: number[];
  /** The kind collected at the end, or −1 when the walk was cut off at `maxSteps`. */
  collected: number;
}

/**
 * Sample a walk from `start` by drawing each move from π(· | cell) with one uniform number
 * (inverse CDF over the moves in `MOVES` order).
 *
 * @example sampleTrajectory(createRandom(3), world, softValueIteration(world, [1, 2], agent), 0, 20) // a walk from cell 0
 */
export function sampleTrajectory(rng: Random, world: GridWorld, policy: SoftPolicy, start: number, maxSteps: number): Trajectory {
  if (world.objectAt[start] >= 0) throw new RangeError(`start must be a cell of empty ground, got cell ${start} (an object)`);
  const cells = [start];
  const moves: number[] = [];
  let cell = start;
  while (moves.length < maxSteps) {
    const u = rng.next();
    let cumulative = 0;
    let chosen = -1;
    for (let a = 0; a < MOVE_COUNT; a++) {
      const p = Math.exp(policy.logPolicy[cell * MOVE_COUNT + a]);
      if (p === 0) continue;
      chosen = a;
      cumulative += p;
      if (u < cumulative) break;
    }
    // A u above a cumulative sum that rounding left just short of 1 takes the last available move.
    const to = cell + [-world.size, 1, world.size, -1, 0][chosen];
    moves.push(chosen);
    cells.push(to);
    cell = to;
    if (world.objectAt[cell] >= 0) return { cells, moves, collected: world.objectAt[cell] };
  }
  return { cells, moves, collected: -1 };
}

/**
 * log P(walk | policy) = Σ_t log π(move_t | cell_t); −Infinity when a move is impossible.
 *
 * @example trajectoryLogLikelihood(policy, world, { cells: [4, 4], moves: [4], collected: -1 }) // policy.logPolicy[4 * 5 + 4], staying once at cell 4
 */
export function trajectoryLogLikelihood(policy: SoftPolicy, world: GridWorld, walk: Trajectory): number {
  let total = 0;
  for (let t = 0; t < walk.moves.length; t++) {
    const move = walk.moves[t];
    if (moveBetween(world.size, walk.cells[t], walk.cells[t + 1]) !== move) {
      throw new RangeError(`walk.moves[${t}] (${move}) does not lead from cell ${walk.cells[t]} to cell ${walk.cells[t + 1]}`);
    }
    total += policy.logPolicy[walk.cells[t] * MOVE_COUNT + move];
  }
  return total;
}
