/**
 * A value-inference task read back from its prompt text: the world, the walks, the question and
 * the rules, exactly as renderPrompt wrote them (renderPrompt of the result gives the prompt back,
 * character for character). The simulated respondent reads its tasks this way, from the very text a
 * model is sent, so it needs nothing the model does not see.
 */
import { KIND_POOL, moveBetween, type GridWorld, type ObjectKind } from "./gridWorld.js";
import type { Question, RenderedRules } from "./renderPrompt.js";
import type { Trajectory } from "./trajectory.js";
import { profileSpace, type ValueProfile } from "./valueProfile.js";

/** What a prompt says; `maxSteps` is null when no walk was cut off (the text then never states it). */
export interface ReadPrompt {
  world: GridWorld;
  walks: Trajectory[];
  question: Question;
  rules: Omit<RenderedRules, "maxSteps"> & { maxSteps: number | null };
  /** The hypotheses the question allows, as the generator drew the truth among them (uniform prior). */
  hypotheses: ValueProfile[];
}

function found<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new RangeError(`prompt: cannot find ${what} in the text (is it a value-inference prompt?)`);
  return value;
}

function numberIn(pattern: RegExp, text: string, what: string): number {
  const value = Number(found(pattern.exec(text), what)[1]);
  if (!Number.isFinite(value)) throw new RangeError(`prompt: ${what} is not a number`);
  return value;
}

/**
 * Read a prompt written by renderPrompt. Throws a RangeError naming what it cannot find.
 *
 * @example readPrompt(generateValueInferenceTasks({ items: 1 })[0].prompt).question.kind // "profile"
 */
export function readPrompt(prompt: string): ReadPrompt {
  const lines = prompt.split("\n");
  const kinds: ObjectKind[] = [];
  for (const line of lines) {
    const m = /^ {2}([A-Z]) = (\w+) \(\d+ on the grid\)$/.exec(line);
    if (!m) continue;
    const kind = KIND_POOL.find((k) => k.symbol === m[1] && k.name === m[2]);
    kinds.push(found(kind, `the kind ${m[1]} = ${m[2]}`));
  }
  if (kinds.length === 0) found(null, "the legend");
  const size = Number(found(/^A person walks around a (\d+)×\d+ grid world/.exec(prompt), "the grid size")[1]);
  const header = lines.findIndex((l) => /^ {4}( +\d+)+$/.test(l));
  const objectAt = new Int8Array(size * size).fill(-1);
  for (let r = 0; r < size; r++) {
    const m = found(/^ *(\d+) ((?: +[A-Z.])+)$/.exec(lines[header + 1 + r] ?? ""), `grid row ${r + 1}`);
    const cells = m[2].trim().split(/ +/);
    if (Number(m[1]) !== r + 1 || cells.length !== size) throw new RangeError(`prompt: grid row ${r + 1} is not a row of ${size} cells`);
    cells.forEach((symbol, c) => {
      if (symbol !== ".") objectAt[r * size + c] = kinds.findIndex((k) => k.symbol === symbol);
    });
  }
  const world: GridWorld = { id: "read", size, kinds, objectAt };

  const levelText = found(/Each kind of object is worth (.+?) to this person/.exec(prompt), "the value levels")[1];
  const levels = levelText.replace(/ or (?=[^ ]+$)/, ", ").split(", ").map(Number);
  const rules = {
    beta: numberIn(/Boltzmann rationality with β = ([^:]+):/, prompt, "β"),
    discount: numberIn(/worth ([^ ]+)\^t of its value/, prompt, "the discount"),
    stepCost: numberIn(/Every step costs them ([^,]+),/, prompt, "the step cost"),
    levels,
    maxSteps: /not watched beyond (\d+) moves/.test(prompt) ? numberIn(/not watched beyond (\d+) moves/, prompt, "the moves watched") : null,
  };

  const walks = lines
    .filter((l) => /^Walk \d+: /.test(l))
    .map((line): Trajectory => {
      const cells = [...line.matchAll(/\((\d+),(\d+)\)/g)].map((m) => (Number(m[1]) - 1) * size + Number(m[2]) - 1);
      const moves = cells.slice(1).map((to, t) => {
        const move = moveBetween(size, cells[t], to);
        if (move < 0) throw new RangeError(`prompt: ${line.slice(0, 8)} moves from one cell to a cell not next to it`);
        return move;
      });
      const name = /collected an? (\w+)\.$/.exec(line)?.[1];
      return { cells, moves, collected: name === undefined ? -1 : kinds.findIndex((k) => k.name === name) };
    });
  if (walks.length === 0) found(null, "the walks");

  const compare = /Does this person value (\w+) more than (\w+)\?/.exec(prompt);
  let question: Question;
  let hypotheses: ValueProfile[];
  if (compare) {
    const more = kinds.findIndex((k) => k.plural === compare[1]);
    const less = kinds.findIndex((k) => k.plural === compare[2]);
    if (more < 0 || less < 0) found(null, `the compared kinds ${compare[1]} and ${compare[2]}`);
    question = { kind: "compare", more, less };
    hypotheses = profileSpace(kinds.length, levels).filter((p) => p[more] !== p[less]);
  } else {
    const options = lines
      .filter((l) => /^[A-F]\. /.test(l))
      .map((l) => {
        const byName = new Map(l.slice(3).split(", ").map((part) => part.split(" ") as [string, string]));
        return kinds.map((k) => Number(found(byName.get(k.name), `the ${k.name} value of option ${l[0]}`)));
      });
    if (options.length < 2) found(null, "the options");
    question = { kind: "profile", options };
    hypotheses = options;
  }
  return { world, walks, question, rules, hypotheses };
}
