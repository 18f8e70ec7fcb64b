/**
 * The worlds of the value-inference task: a square grid of open ground holding a few objects of a
 * few kinds. Cells are numbered row by row from the top left (cell = row · size + column, both from
 * 0); the text shown to respondents counts rows and columns from 1.
 */
import type { Random } from "../../stats/random.js";

/** A kind of object: its name, its plural and the letter that marks it on the grid. */
export interface ObjectKind {
  readonly name: string;
  readonly plural: string;
  readonly symbol: string;
}

/** One world: its size and which kind of object lies on each cell. */
export interface GridWorld {
  readonly id: string;
  readonly size: number;
  /** The kinds in this world, in the order every weight vector ("value profile") uses. */
  readonly kinds: readonly ObjectKind[];
  /** `objectAt[cell]` is the index of the kind lying there, or −1 for empty ground. */
  readonly objectAt: Int8Array;
}

/**
 * The kinds a world draws from. Their letters avoid A–F (the option labels of a multiple-choice
 * question) and "." (empty ground), so a grid never reads as an answer.
 */
export const KIND_POOL: readonly ObjectKind[] = [
  { name: "hat", plural: "hats", symbol: "H" },
  { name: "key", plural: "keys", symbol: "K" },
  { name: "mushroom", plural: "mushrooms", symbol: "M" },
  { name: "pearl", plural: "pearls", symbol: "P" },
  { name: "umbrella", plural: "umbrellas", symbol: "U" },
  { name: "vase", plural: "vases", symbol: "V" },
];

/** The moves, in the order of every per-move array: north (up), east, south, west, stay. */
export const MOVES = ["N", "E", "S", "W", "stay"] as const;
export const MOVE_COUNT = MOVES.length;

const ROW_STEP = [-1, 0, 1, 0, 0];
const COLUMN_STEP = [0, 1, 0, -1, 0];

/**
 * The cell a move leads to from `cell`, or −1 when it would leave the grid (such moves do not
 * exist for the person: the moves available at a cell are those that stay on the grid).
 *
 * @example nextCell(5, 0, 1) // 1 (east of the top-left cell)
 */
export function nextCell(size: number, cell: number, move: number): number {
  const row = Math.floor(cell / size) + ROW_STEP[move];
  const column = (cell % size) + COLUMN_STEP[move];
  if (row < 0 || row >= size || column < 0 || column >= size) return -1;
  return row * size + column;
}

/**
 * The table of `nextCell` for every (cell, move): entry `cell · 5 + move`, −1 off the grid.
 *
 * @example moveTable(3)[4 * 5 + 0] // 1 (north of the centre of a 3×3 grid)
 */
export function moveTable(size: number): Int16Array {
  const table = new Int16Array(size * size * MOVE_COUNT);
  for (let cell = 0; cell < size * size; cell++) {
    for (let move = 0; move < MOVE_COUNT; move++) table[cell * MOVE_COUNT + move] = nextCell(size, cell, move);
  }
  return table;
}

/**
 * The move that takes the person from `from` to `to` (one step or staying), or −1 when no move does.
 *
 * @example moveBetween(5, 7, 2) // 0 (north)
 */
export function moveBetween(size: number, from: number, to: number): number {
  for (let move = 0; move < MOVE_COUNT; move++) if (nextCell(size, from, move) === to) return move;
  return -1;
}

/** The first `count` entries of a uniformly random permutation of 0…n−1 (partial Fisher–Yates). */
export function drawDistinct(rng: Random, n: number, count: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(n - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

export interface WorldShape {
  size: number;
  kinds: number;
  objectsPerKind: number;
}

/**
 * A random world: `kinds` kinds drawn from `KIND_POOL` (listed in pool order), and
 * `objectsPerKind` objects of each on distinct cells drawn uniformly.
 *
 * @example generateWorld(createRandom(1), "w0", { size: 5, kinds: 3, objectsPerKind: 2 }).objectAt.filter((k) => k >= 0).length // 6
 */
export function generateWorld(rng: Random, id: string, shape: WorldShape): GridWorld {
  const { size, kinds, objectsPerKind } = shape;
  const chosen = drawDistinct(rng, KIND_POOL.length, kinds).sort((a, b) => a - b);
  const cells = drawDistinct(rng, size * size, kinds * objectsPerKind);
  const objectAt = new Int8Array(size * size).fill(-1);
  cells.forEach((cell, i) => (objectAt[cell] = Math.floor(i / objectsPerKind)));
  return { id, size, kinds: chosen.map((k) => KIND_POOL[k]), objectAt };
}

/** The cells of empty ground, where walks may start. */
export function emptyCells(world: GridWorld): number[] {
  const out: number[] = [];
  world.objectAt.forEach((kind, cell) => {
    if (kind < 0) out.push(cell);
  });
  return out;
}
