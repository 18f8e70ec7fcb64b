/**
 * An independent reference for the value-inference tests, sharing no code with src/tasks: it reads
 * a task back from its prompt text (the grid, the rules, the walks, the options), solves the soft
 * Bellman equation by plain value iteration on (row, column) pairs, and computes the posterior by
 * enumerating the hypotheses with likelihoods in linear space (products of move probabilities).
 */

export interface ParsedTask {
  size: number;
  /** grid[row][column]: the kind index (legend order) or −1. */
  grid: number[][];
  kindNames: string[];
  beta: number;
  discount: number;
  stepCost: number;
  levels: number[];
  /** Each walk as [row, column] pairs from 0. */
  walks: [number, number][][];
  /** Profile questions: the options' weights; compare questions: [more, less] kind indices. */
  options?: number[][];
  compared?: [number, number];
}

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`prompt: cannot find ${what}`);
  return value;
}

/** Read a value-inference task back from its prompt. */
export function parsePrompt(prompt: string): ParsedTask {
  const lines = prompt.split("\n");
  const legend = lines.map((l) => /^ {2}([A-Z]) = (\w+) \(\d+ on the grid\)$/.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  const symbols = legend.map((m) => m[1]);
  const kindNames = legend.map((m) => m[2]);
  const headerAt = lines.findIndex((l) => /^\s+1(\s+\d+)*$/.test(l));
  const size = must(lines[headerAt], "the grid header").trim().split(/\s+/).length;
  const grid = lines.slice(headerAt + 1, headerAt + 1 + size).map((l, r) => {
    const m = must(/^\s*(\d+)\s+(.*)$/.exec(l), `grid row ${r + 1}`);
    if (Number(m[1]) !== r + 1) throw new Error(`prompt: grid row ${r + 1} is numbered ${m[1]}`);
    return m[2].trim().split(/\s+/).map((c) => (c === "." ? -1 : symbols.indexOf(c)));
  });
  const beta = Number(must(/β = ([\d.]+)/.exec(prompt), "β")[1]);
  const stepCost = Number(must(/Every step costs them ([\d.]+)/.exec(prompt), "the step cost")[1]);
  const discount = Number(must(/is worth ([\d.]+)\^t/.exec(prompt), "the discount")[1]);
  const levelText = must(/object is worth ([-\d., ]+ or [-\d.]+) to this person/.exec(prompt), "the levels")[1];
  const levels = levelText.replace(" or ", ", ").split(", ").map(Number);
  const walks = lines
    .filter((l) => l.startsWith("Walk "))
    .map((l) => [...l.matchAll(/\((\d+),(\d+)\)/g)].map((m) => [Number(m[1]) - 1, Number(m[2]) - 1] as [number, number]));
  const parsed: ParsedTask = { size, grid, kindNames, beta, discount, stepCost, levels, walks };
  const compare = /Does this person value (\w+) more than (\w+)\?/.exec(prompt);
  if (compare) {
    // The plural is the name plus "s" for every kind in the pool.
    parsed.compared = [kindNames.indexOf(compare[1].slice(0, -1)), kindNames.indexOf(compare[2].slice(0, -1))];
  } else {
    parsed.options = lines
      .filter((l) => /^[A-F]\. /.test(l))
      .map((l) => {
        const byName = new Map(l.slice(3).split(", ").map((part) => {
          const [name, value] = part.split(" ");
          return [name, Number(value)] as const;
        }));
        return kindNames.map((name) => must(byName.get(name), `${name} in option ${l}`));
      });
  }
  return parsed;
}

/** north, east, south, west, stay, as (row, column) steps. */
const STEPS: [number, number][] = [[-1, 0], [0, 1], [1, 0], [0, -1], [0, 0]];

type Rules = Pick<ParsedTask, "size" | "grid" | "beta" | "discount" | "stepCost">;

/** Q(s, a) for the five moves from (r, c) given values v; null for a move off the grid. */
function movesValues(task: Rules, weights: number[], v: number[][], r: number, c: number): (number | null)[] {
  const { size, grid, discount, stepCost } = task;
  return STEPS.map(([dr, dc]) => {
    const [nr, nc] = [r + dr, c + dc];
    if (nr < 0 || nr >= size || nc < 0 || nc >= size) return null;
    return grid[nr][nc] >= 0 ? weights[grid[nr][nc]] - stepCost : discount * v[nr][nc] - stepCost;
  });
}

/**
 * The soft values as value[row][column], by plain value iteration: Jacobi sweeps of
 * V(s) ← (1/β)·log mean_a exp(β·Q(s, a)) from V = 0 until a sweep changes nothing by more than 1e-16.
 */
export function referenceValues(task: Rules, weights: number[]): number[][] {
  let value = task.grid.map((row) => row.map(() => 0));
  for (let sweep = 0; sweep < 20000; sweep++) {
    let change = 0;
    const old = value;
    value = old.map((row, r) =>
      row.map((before, c) => {
        if (task.grid[r][c] >= 0) return 0;
        const q = movesValues(task, weights, old, r, c).filter((x): x is number => x !== null);
        const v = Math.log(q.reduce((s, x) => s + Math.exp(task.beta * x), 0) / q.length) / task.beta;
        change = Math.max(change, Math.abs(v - before));
        return v;
      }),
    );
    if (change <= 1e-16) break;
  }
  return value;
}

/** P(move | cell) as probs[row][column][move], exp(β·Q) normalised directly (0 off the grid and on objects). */
export function referencePolicy(task: Rules, weights: number[]): number[][][] {
  const value = referenceValues(task, weights);
  return value.map((row, r) =>
    row.map((_, c) => {
      const q = movesValues(task, weights, value, r, c);
      const total = q.reduce((s: number, x) => s + (x === null ? 0 : Math.exp(task.beta * x)), 0);
      return q.map((x) => (x === null || task.grid[r][c] >= 0 ? 0 : Math.exp(task.beta * x) / total));
    }),
  );
}

/** The probability of the walks under a policy: the product of every observed move's probability. */
export function referenceLikelihood(policy: number[][][], walks: [number, number][][]): number {
  let likelihood = 1;
  for (const walk of walks) {
    for (let t = 0; t + 1 < walk.length; t++) {
      const [r, c] = walk[t];
      const move = STEPS.findIndex(([dr, dc]) => r + dr === walk[t + 1][0] && c + dc === walk[t + 1][1]);
      likelihood *= policy[r][c][move];
    }
  }
  return likelihood;
}

/** Every profile of the space, by enumeration. */
export function allProfiles(kinds: number, levels: number[]): number[][] {
  if (kinds === 0) return [[]];
  return allProfiles(kinds - 1, levels).flatMap((p) => levels.map((l) => [...p, l]));
}

/** The posterior over a task's choices by enumeration: options in order, or [P(yes), P(no)]. */
export function referencePosterior(task: ParsedTask): number[] {
  const hypotheses = task.options ?? allProfiles(task.kindNames.length, task.levels).filter((p) => p[task.compared![0]] !== p[task.compared![1]]);
  const likelihoods = hypotheses.map((h) => referenceLikelihood(referencePolicy(task, h), task.walks));
  const total = likelihoods.reduce((a, b) => a + b, 0);
  const posterior = likelihoods.map((l) => l / total);
  if (task.options) return posterior;
  const [x, y] = task.compared!;
  const yes = posterior.reduce((s, p, i) => s + (hypotheses[i][x] > hypotheses[i][y] ? p : 0), 0);
  return [yes, posterior.reduce((s, p, i) => s + (hypotheses[i][x] < hypotheses[i][y] ? p : 0), 0)];
}
