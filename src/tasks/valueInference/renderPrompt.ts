/**
 * A value-inference task as text: the world (a legend and an ASCII grid with numbered rows and
 * columns), the rules the person follows, the walks as (row, column) positions, and the question.
 * Rows and columns are counted from 1 in the text, from 0 in the code.
 */
import { choiceLabels } from "../../runs/extractChoice.js";
import type { GridWorld } from "./gridWorld.js";
import type { Trajectory } from "./trajectory.js";
import { describeProfile, type ValueProfile } from "./valueProfile.js";

/** What is asked: which of the candidate profiles, or whether kind `more` is valued above kind `less`. */
export type Question = { kind: "profile"; options: readonly ValueProfile[] } | { kind: "compare"; more: number; less: number };

/** The rules the person follows, as the prompt states them. */
export interface RenderedRules {
  beta: number;
  discount: number;
  stepCost: number;
  levels: readonly number[];
  maxSteps: number;
}

/**
 * The grid with row numbers on the left and column numbers on top; objects by their letter, "." empty.
 *
 * @example renderGrid({ id: "w", size: 3, kinds: [{ name: "hat", plural: "hats", symbol: "H" }], objectAt: Int8Array.from([-1, -1, 0, -1, -1, -1, -1, -1, -1]) }).split("\n")[1] // "  1   .  .  H"
 */
export function renderGrid(world: GridWorld): string {
  const { size } = world;
  const width = 3;
  const header = `${" ".repeat(4)}${Array.from({ length: size }, (_, c) => String(c + 1).padStart(width)).join("")}`;
  const rows = Array.from({ length: size }, (_, r) => {
    const cells = Array.from({ length: size }, (_, c) => {
      const kind = world.objectAt[r * size + c];
      return (kind >= 0 ? world.kinds[kind].symbol : ".").padStart(width);
    });
    return `${String(r + 1).padStart(3)} ${cells.join("")}`;
  });
  return [header, ...rows].join("\n");
}

/**
 * A cell as "(row,column)", counted from 1.
 *
 * @example position(5, 7) // "(2,3)"
 */
export function position(size: number, cell: number): string {
  return `(${Math.floor(cell / size) + 1},${(cell % size) + 1})`;
}

/** One walk: its positions joined by arrows, then how it ended. */
export function renderTrajectory(world: GridWorld, walk: Trajectory, maxSteps: number): string {
  const path = walk.cells.map((cell) => position(world.size, cell)).join(" → ");
  const end = walk.collected >= 0 ? `collected a ${world.kinds[walk.collected].name}` : `not watched beyond ${maxSteps} moves; nothing collected yet`;
  return `${path}: ${end}.`;
}

/** "0, 1, 2 or 3". */
function listLevels(levels: readonly number[]): string {
  return `${levels.slice(0, -1).join(", ")} or ${levels[levels.length - 1]}`;
}

function legend(world: GridWorld): string {
  const counts = world.kinds.map((_, k) => world.objectAt.filter((x) => x === k).length);
  const lines = world.kinds.map((kind, k) => `  ${kind.symbol} = ${kind.name} (${counts[k]} on the grid)`);
  return [...lines, "  . = empty ground"].join("\n");
}

/**
 * The whole prompt for one task.
 *
 * @example renderPrompt(world, walks, { kind: "compare", more: 0, less: 1 }, rules) // ends 'Finish with a line "Answer: Yes" or "Answer: No".'
 */
export function renderPrompt(world: GridWorld, walks: readonly Trajectory[], question: Question, rules: RenderedRules): string {
  const { size } = world;
  const kindCount = world.kinds.length;
  const parts = [
    `A person walks around a ${size}×${size} grid world that holds objects of ${kindCount} kinds:`,
    legend(world),
    "",
    renderGrid(world),
    "",
    "Positions are written (row,column): row 1 is the top row, column 1 the leftmost column.",
    "",
    `How the person acts. Each kind of object is worth ${listLevels(rules.levels)} to this person; these values are hidden from you. ` +
      "At each step the person moves one square north (up), east (right), south (down) or west (left), or stays where they are (a position repeated); they never leave the grid. " +
      `Every step costs them ${rules.stepCost}, and a reward t steps away is worth ${rules.discount}^t of its value now. ` +
      "Walking onto an object collects it and ends the walk: they gain its value. " +
      "They plan ahead for the best total, but not perfectly: the better a move is for them, the more likely they make it, and worse moves still happen " +
      `(Boltzmann rationality with β = ${rules.beta}: each move's probability is proportional to exp(β × the move's value to them)).`,
    "",
    `We watched ${walks.length === 1 ? "one walk" : `${walks.length} walks, each from a different starting square`}:`,
    ...walks.map((walk, i) => `Walk ${i + 1}: ${renderTrajectory(world, walk, rules.maxSteps)}`),
    "",
  ];
  if (question.kind === "profile") {
    const labels = choiceLabels(question.options.length);
    parts.push(
      "Which of these value profiles is this person's? Before the walks were seen, each was equally likely.",
      ...question.options.map((profile, i) => `${labels[i]}. ${describeProfile(world.kinds, profile)}`),
      "",
      `Finish with a line "Answer: X", where X is the letter of one option (${labels[0]}–${labels[labels.length - 1]}).`,
    );
  } else {
    const more = world.kinds[question.more].plural;
    const less = world.kinds[question.less].plural;
    parts.push(
      `Does this person value ${more} more than ${less}? This person values ${more} and ${less} differently; before the walks were seen, ` +
        `every combination of values (each ${listLevels(rules.levels)}) with ${more} and ${less} worth different amounts was equally likely.`,
      "",
      'Finish with a line "Answer: Yes" or "Answer: No".',
    );
  }
  return parts.join("\n");
}
