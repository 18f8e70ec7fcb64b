/**
 * `evalgap task value-inference --items 300 --seed S --out tasks.jsonl`: write a benchmark's tasks
 * as the JSONL `evalgap run` reads, each with its exact ideal-observer posterior in `meta`.
 */
import { writeFileSync } from "node:fs";
import { formatCount, formatPercent } from "../analysis/format.js";
import { generateValueInferenceTasks, tasksToJsonl, type ValueInferenceTask } from "../tasks/valueInference/generateTasks.js";
import { DEFAULT_KNOBS, type QuestionKind, type ValueInferenceKnobs } from "../tasks/valueInference/knobs.js";
import { baselinePage } from "../tasks/valueInference/baselinePage.js";
import { UsageError, choiceFlag, numberFlag, parseCommand, requiredString, stringFlag } from "./args.js";
import type { Io } from "./io.js";
import { formatTable } from "./table.js";

const d = DEFAULT_KNOBS;

export const TASK_HELP = `evalgap task — write a benchmark's tasks for evalgap run

Usage: evalgap task value-inference [--items 300] [--seed S] [--out tasks.jsonl] [knobs]
       evalgap task page tasks.jsonl --out baseline.html [--name NAME]

value-inference: infer a person's values (weights on kinds of objects) from their walks through
a grid world; the person plans as a Boltzmann-rational agent. Each task carries the exact
ideal-observer posterior (meta.posterior) and the ideal observer's expected accuracy
(meta.idealAccuracy, the MAP answer's posterior probability); chance is 1/k or 1/2 by construction.

  --items N          tasks (default ${d.items})
  --seed S           integer or text (default ${d.seed}); same seed and knobs, byte-identical tasks
  --out FILE         write the JSONL here and print a summary (default: JSONL to stdout)
  --question Q       profile (which of k profiles), compare (X more than Y? yes/no) or both,
                     alternating (default ${d.question})
Difficulty knobs:
  --beta B           the person's rationality β > 0; higher is less noisy (default ${d.beta})
  --trajectories T   walks shown per task, 1–5 (default ${d.trajectories})
  --candidates K     profiles offered in a profile question, 2–6 (default ${d.candidates})
  --size N | A-B     grid side, or a range drawn per world, 3–12 (default ${(d.size as readonly number[]).join("-")})
  --radius R | any   distractor similarity: candidates within R level steps of a hidden anchor
                     profile (smaller is harder; default any)
  --kinds N          kinds of object, 2–4 (default ${d.kinds})     --objects N   of each kind, 1–5 (default ${d.objectsPerKind})
  --levels 0,1,2,3   the values a kind can have (default ${d.levels.join(",")})
  --per-world N      tasks per world, the cluster (default ${d.perWorld})
  --max-steps N      moves watched per walk (default ${d.maxSteps})
  --discount G       per step, in (0, 1) (default ${d.discount})   --step-cost C   per move (default ${d.stepCost})
  --json             the summary as JSON

page: one offline HTML file (no server, no network) that draws each world, asks its question,
times each answer and at the end downloads a JSONL of runs (condition "human: NAME", the
milliseconds per item in column ms) that evalgap summarize and compare read: a human baseline.
  --out FILE         the page (required)    --name NAME   prefills the answerer's name`;

/** The flag each knob is set by, for messages. */
const FLAG: Record<keyof ValueInferenceKnobs, string> = {
  items: "--items",
  seed: "--seed",
  beta: "--beta",
  trajectories: "--trajectories",
  candidates: "--candidates",
  size: "--size",
  radius: "--radius",
  kinds: "--kinds",
  objectsPerKind: "--objects",
  levels: "--levels",
  perWorld: "--per-world",
  question: "--question",
  maxSteps: "--max-steps",
  discount: "--discount",
  stepCost: "--step-cost",
};

const NUMBER_FLAGS = ["items", "beta", "trajectories", "candidates", "kinds", "objects", "per-world", "max-steps", "discount", "step-cost"] as const;
const KNOB_OF: Record<(typeof NUMBER_FLAGS)[number], keyof ValueInferenceKnobs> = {
  items: "items",
  beta: "beta",
  trajectories: "trajectories",
  candidates: "candidates",
  kinds: "kinds",
  objects: "objectsPerKind",
  "per-world": "perWorld",
  "max-steps": "maxSteps",
  discount: "discount",
  "step-cost": "stepCost",
};

function sizeFlag(raw: string | undefined): number | [number, number] | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(raw);
  if (!m) throw new UsageError(`--size must be a whole number such as 7 or a range such as 5-9, got ${JSON.stringify(raw)}`);
  return m[2] === undefined ? Number(m[1]) : [Number(m[1]), Number(m[2])];
}

function radiusFlag(raw: string | undefined): number | null | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim() === "any") return null;
  const x = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(x)) throw new UsageError(`--radius must be a whole number or "any", got ${JSON.stringify(raw)}`);
  return x;
}

function levelsFlag(raw: string | undefined): number[] | undefined {
  if (raw === undefined) return undefined;
  const levels = raw.split(",").map((s) => (s.trim() === "" ? NaN : Number(s)));
  if (levels.some((x) => !Number.isFinite(x))) throw new UsageError(`--levels must be numbers separated by commas such as 0,1,2,3, got ${JSON.stringify(raw)}`);
  return levels;
}

function seedFlag(raw: string | undefined): number | string | undefined {
  if (raw === undefined) return undefined;
  if (raw === "") throw new UsageError('--seed must be an integer or a text, got ""');
  return /^\d+$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : raw;
}

interface QuestionSummary {
  question: string;
  items: number;
  chance: number;
  idealAccuracy: number;
}

/** Per question kind: how many, the mean chance, and the ideal observer's expected accuracy (the ceiling). */
function summarize(tasks: readonly ValueInferenceTask[]): QuestionSummary[] {
  const kinds = ["profile", "compare"].filter((q) => tasks.some((t) => t.meta.question === q));
  const groups = kinds.map((q) => ({ question: q, tasks: tasks.filter((t) => t.meta.question === q) }));
  if (groups.length > 1) groups.push({ question: "all", tasks: [...tasks] });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return groups.map((g) => ({
    question: g.question,
    items: g.tasks.length,
    chance: mean(g.tasks.map((t) => t.meta.chance)),
    idealAccuracy: mean(g.tasks.map((t) => t.meta.idealAccuracy)),
  }));
}

async function valueInference(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    out: { type: "string" },
    seed: { type: "string" },
    size: { type: "string" },
    radius: { type: "string" },
    levels: { type: "string" },
    question: { type: "string" },
    ...Object.fromEntries(NUMBER_FLAGS.map((f) => [f, { type: "string" as const }])),
  });
  if (values.help) {
    io.out(TASK_HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`value-inference takes no file arguments, got ${JSON.stringify(positionals[0])} (write to a file with --out)`);
  const knobs: Partial<ValueInferenceKnobs> = {
    seed: seedFlag(stringFlag(values, "seed")),
    size: sizeFlag(stringFlag(values, "size")),
    radius: radiusFlag(stringFlag(values, "radius")),
    levels: levelsFlag(stringFlag(values, "levels")),
    question: choiceFlag<QuestionKind>(values, "question", ["profile", "compare", "both"]),
  };
  for (const flag of NUMBER_FLAGS) (knobs as Record<string, unknown>)[KNOB_OF[flag]] = numberFlag(values, flag);
  const tasks = generateValueInferenceTasks(knobs, (knob) => FLAG[knob]);
  const jsonl = tasksToJsonl(tasks);
  const out = stringFlag(values, "out");
  if (out === undefined) {
    io.out(jsonl.slice(0, -1));
    return 0;
  }
  try {
    writeFileSync(out, jsonl);
  } catch (error) {
    throw new UsageError(`--out: cannot write ${out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const summary = summarize(tasks);
  const worlds = new Set(tasks.map((t) => t.cluster)).size;
  if (values.json) {
    io.out(JSON.stringify({ out, items: tasks.length, worlds, seed: tasks[0].meta.seed, questions: summary }, null, 2));
    return 0;
  }
  io.out(`wrote ${formatCount(tasks.length)} tasks in ${formatCount(worlds)} worlds to ${out}`);
  io.out(
    formatTable(summary, [
      { header: "question", value: (r) => r.question },
      { header: "items", value: (r) => formatCount(r.items), align: "right" },
      { header: "chance", value: (r) => formatPercent(r.chance), align: "right" },
      { header: "ideal observer", value: (r) => formatPercent(r.idealAccuracy), align: "right" },
    ]),
  );
  io.out("ideal observer: expected accuracy of the exact posterior's most probable answer (the ceiling)");
  return 0;
}

async function page(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(argv, { out: { type: "string" }, name: { type: "string" } });
  if (values.help) {
    io.out(TASK_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`page takes one tasks file, got ${positionals.length === 0 ? "none" : positionals.map((p) => JSON.stringify(p)).join(", ")}`);
  const out = requiredString(values, "out");
  const { loadTasks } = await import("../collect/taskFile.js");
  const tasks = loadTasks(positionals[0]);
  let html: string;
  try {
    html = baselinePage(tasks, { name: stringFlag(values, "name") });
  } catch (error) {
    throw new UsageError(`${positionals[0]}: ${(error as Error).message}`);
  }
  try {
    writeFileSync(out, html);
  } catch (error) {
    throw new UsageError(`--out: cannot write ${out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  io.out(`wrote a baseline page of ${formatCount(tasks.length)} items to ${out}; open it in a browser (no server needed)`);
  return 0;
}

const TASKS: Record<string, (argv: string[], io: Io) => Promise<number>> = { "value-inference": valueInference, page };

export async function taskCommand(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    io.out(TASK_HELP);
    return name === undefined ? 2 : 0;
  }
  const task = Object.hasOwn(TASKS, name) ? TASKS[name] : undefined;
  if (!task) throw new UsageError(`unknown task ${JSON.stringify(name)}; tasks: ${Object.keys(TASKS).join(", ")}`);
  return task(rest, io);
}
