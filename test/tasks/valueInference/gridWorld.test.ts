/** Grid worlds (src/tasks/valueInference/gridWorld.ts): moves, and what a generated world holds. */
import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/stats/random.js";
import { emptyCells, generateWorld, KIND_POOL, moveBetween, moveTable, nextCell } from "../../../src/tasks/valueInference/gridWorld.js";

describe("moves", () => {
  it("N, E, S, W and stay from the centre and a corner of a 3×3 grid; off the grid is −1", () => {
    expect([0, 1, 2, 3, 4].map((m) => nextCell(3, 4, m))).toEqual([1, 5, 7, 3, 4]);
    expect([0, 1, 2, 3, 4].map((m) => nextCell(3, 0, m))).toEqual([-1, 1, 3, -1, 0]);
    expect(Array.from(moveTable(3).slice(8 * 5, 9 * 5))).toEqual([5, -1, -1, 7, 8]);
  });

  it("moveBetween inverts nextCell, and is −1 for a jump", () => {
    for (let cell = 0; cell < 25; cell++) {
      for (let m = 0; m < 5; m++) if (nextCell(5, cell, m) >= 0) expect(moveBetween(5, cell, nextCell(5, cell, m))).toBe(m);
    }
    expect(moveBetween(5, 0, 2)).toBe(-1);
    // Column 4 to column 0 of the next row is not a step east.
    expect(moveBetween(5, 4, 5)).toBe(-1);
  });
});

describe("generateWorld", () => {
  it("places objectsPerKind objects of each of the kinds on distinct cells, kinds in pool order", () => {
    const rng = createRandom("worlds");
    for (let i = 0; i < 50; i++) {
      const world = generateWorld(rng, `w${i}`, { size: 5 + (i % 5), kinds: 2 + (i % 3), objectsPerKind: 1 + (i % 3) });
      const counts = world.kinds.map((_, k) => world.objectAt.filter((x) => x === k).length);
      expect(counts).toEqual(world.kinds.map(() => 1 + (i % 3)));
      expect(emptyCells(world)).toHaveLength(world.size ** 2 - counts.reduce((a, b) => a + b, 0));
      const order = world.kinds.map((k) => KIND_POOL.indexOf(k));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it("is the same world for the same seed", () => {
    const shape = { size: 7, kinds: 3, objectsPerKind: 2 };
    expect(generateWorld(createRandom(5), "w", shape)).toEqual(generateWorld(createRandom(5), "w", shape));
    expect(generateWorld(createRandom(5), "w", shape)).not.toEqual(generateWorld(createRandom(6), "w", shape));
  });
});
