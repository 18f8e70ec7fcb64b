/**
 * Reading and checking the two inputs of `evalgap run`: the tasks JSONL and the conditions JSON.
 * A file is read to its end and every problem is reported at once, each with the file and its line
 * (or array index), the field and the value, because a typo found after 10,000 paid calls is a typo
 * found too late, and one found per attempt costs an attempt per typo.
 */
import { readFileSync } from "node:fs";
import { looksBinary } from "../runs/detectFormat.js";
import { describeProblem, openProblem, type LoadProblem } from "../runs/problems.js";
import { show } from "../stats/validate.js";
import type { Condition, Task } from "./types.js";

/** How many problems an error message lists; the rest are counted (all are on `problems`). */
const LISTED = 20;

/**
 * Every problem found in a tasks or conditions file, in the loaders' shape (`LoadProblem`: file,
 * line or entry, message). A `RangeError`, as for any bad input.
 */
export class InputFileError extends RangeError {
  readonly problems: readonly LoadProblem[];
  constructor(problems: readonly LoadProblem[]) {
    super(InputFileError.describe(problems));
    this.name = "InputFileError";
    this.problems = problems;
  }

  /** One problem on one line; several as a count and then one indented line each. */
  static describe(problems: readonly LoadProblem[]): string {
    if (problems.length === 1) return describeProblem(problems[0]);
    const files = [...new Set(problems.map((p) => p.file))].join(", ");
    const listed = problems.slice(0, LISTED).map((p) => `  ${describeProblem(p)}`);
    const more = problems.length > LISTED ? [`  … and ${problems.length - LISTED} more`] : [];
    return [`${problems.length} problems in ${files}:`, ...listed, ...more].join("\n");
  }
}

/** One thing wrong with one object: a wrong type, or a right type with a bad value. */
interface Fault {
  message: string;
  kind: "type" | "range";
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function optionalString(faults: Fault[], obj: Record<string, unknown>, field: string): string | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") {
    faults.push({ kind: "type", message: `${field} must be a string, got ${show(v)}` });
    return undefined;
  }
  return v;
}

function requiredText(faults: Fault[], obj: Record<string, unknown>, field: string, allowNumber = false): string {
  const v = obj[field];
  if (allowNumber && typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string") faults.push({ kind: "type", message: `${field} must be a string, got ${show(v)}` });
  else if (v.trim() === "") faults.push({ kind: "range", message: `${field} must not be empty, got ${show(v)}` });
  return typeof v === "string" ? v : "";
}

function optionalNumber(faults: Fault[], obj: Record<string, unknown>, field: string, lo: number, hi: number): number | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || Number.isNaN(v)) faults.push({ kind: "type", message: `${field} must be a number, got ${show(v)}` });
  else if (!(v >= lo && v <= hi)) faults.push({ kind: "range", message: `${field} must be between ${lo} and ${hi}, got ${v}` });
  else return v;
  return undefined;
}

/** The task in `value`, with every fault of it pushed to `faults` (the task is unusable when any is). */
function readTask(value: unknown, faults: Fault[]): Task {
  if (!isObject(value)) {
    faults.push({ kind: "type", message: `a task must be a JSON object, got ${show(value)}` });
    return { id: "", prompt: "", target: "" };
  }
  const task: Task = {
    id: requiredText(faults, value, "id", true),
    prompt: requiredText(faults, value, "prompt"),
    target: requiredText(faults, value, "target", true),
  };
  const choices = value.choices;
  if (choices !== undefined && choices !== null) {
    if (typeof choices === "number") {
      if (!Number.isInteger(choices) || choices < 2 || choices > 26) {
        faults.push({ kind: "range", message: `choices must be an integer from 2 to 26, got ${choices}` });
      }
    } else if (Array.isArray(choices)) {
      if (choices.length < 2 || choices.length > 26) {
        faults.push({ kind: "range", message: `choices must list 2 to 26 options, got ${choices.length}` });
      }
      choices.forEach((c, i) => {
        if (typeof c !== "string" || c.trim() === "") faults.push({ kind: "type", message: `choices[${i}] must be a non-empty string, got ${show(c)}` });
      });
    } else {
      faults.push({ kind: "type", message: `choices must be an array of strings or a number, got ${show(choices)}` });
    }
    task.choices = choices as string[] | number;
  }
  const cluster = value.cluster;
  if (cluster !== undefined && cluster !== null) {
    if (typeof cluster !== "string" && typeof cluster !== "number") faults.push({ kind: "type", message: `cluster must be a string, got ${show(cluster)}` });
    task.cluster = String(cluster);
  }
  const system = optionalString(faults, value, "system");
  if (system !== undefined) task.system = system;
  if (value.meta !== undefined && value.meta !== null) {
    if (!isObject(value.meta)) faults.push({ kind: "type", message: `meta must be an object, got ${show(value.meta)}` });
    task.meta = value.meta as Record<string, unknown>;
  }
  return task;
}

/** The condition in `value`, with every fault of it pushed to `faults`. */
function readCondition(value: unknown, faults: Fault[]): Condition {
  if (!isObject(value)) {
    faults.push({ kind: "type", message: `a condition must be a JSON object, got ${show(value)}` });
    return { name: "", model: "", maxTokens: 1 };
  }
  const name = requiredText(faults, value, "name");
  const model = requiredText(faults, value, "model");
  const maxTokens = value.maxTokens;
  if (typeof maxTokens !== "number" || Number.isNaN(maxTokens)) {
    faults.push({ kind: "type", message: `maxTokens must be a number, got ${show(maxTokens)}` });
  } else if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    faults.push({ kind: "range", message: `maxTokens must be a positive integer, got ${maxTokens}` });
  }
  const condition: Condition = { name, model, maxTokens: maxTokens as number };
  const temperature = optionalNumber(faults, value, "temperature", 0, 1);
  if (temperature !== undefined) condition.temperature = temperature;
  const topP = optionalNumber(faults, value, "topP", 0, 1);
  if (topP !== undefined) condition.topP = topP;
  const system = optionalString(faults, value, "system");
  if (system !== undefined) condition.system = system;
  const suffix = optionalString(faults, value, "promptSuffix");
  if (suffix !== undefined) condition.promptSuffix = suffix;
  return condition;
}

/** The faults of one object as one error: a TypeError when the first is a wrong type, else a RangeError. */
function faultError(where: string, faults: Fault[]): Error {
  const message = `${where}: ${faults.map((f) => f.message).join("; ")}`;
  return faults[0].kind === "type" ? new TypeError(message) : new RangeError(message);
}

/**
 * Check one parsed task object; `where` says where it came from, for messages, which name every
 * fault of the object. Numeric ids and targets are taken as strings.
 *
 * @example checkTask({ id: 1, prompt: "2+2?", target: 4 }).target // "4"
 */
export function checkTask(value: unknown, where = "task"): Task {
  const faults: Fault[] = [];
  const task = readTask(value, faults);
  if (faults.length) throw faultError(where, faults);
  return task;
}

/**
 * Check one parsed condition object: name, model and a positive integer maxTokens are
 * required; temperature and topP must lie in [0, 1].
 *
 * @example checkCondition({ name: "t0", model: "claude-haiku-4-5", maxTokens: 256, temperature: 0 }).temperature // 0
 */
export function checkCondition(value: unknown, where = "condition"): Condition {
  const faults: Fault[] = [];
  const condition = readCondition(value, faults);
  if (faults.length) throw faultError(where, faults);
  return condition;
}

/**
 * Parse tasks JSONL text: one task per non-blank line; ids must be unique. Every problem in the
 * text is collected and thrown together as an `InputFileError`, each with `source` and its line.
 *
 * @example parseTasks('{"id":"q1","prompt":"2+2?","target":"4"}').length // 1
 */
export function parseTasks(text: string, source = "tasks"): Task[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trimStart().startsWith("[")) {
    // One JSON array would otherwise give a "not valid JSON" per line of it.
    throw new InputFileError([{ file: source, line: 1, message: "is a JSON array; tasks are JSON lines: one task object on each line" }]);
  }
  const tasks: Task[] = [];
  const problems: LoadProblem[] = [];
  const firstLine = new Map<string, number>();
  body.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    const place = { file: source, line: i + 1 };
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      problems.push({ ...place, message: `not valid JSON: ${show(line.length > 80 ? `${line.slice(0, 77)}...` : line)}` });
      return;
    }
    const faults: Fault[] = [];
    const task = readTask(parsed, faults);
    for (const f of faults) problems.push({ ...place, message: f.message });
    if (faults.length) return;
    const first = firstLine.get(task.id);
    if (first !== undefined) {
      problems.push({ ...place, message: `id ${show(task.id)} appears more than once (first on line ${first})` });
      return;
    }
    firstLine.set(task.id, i + 1);
    tasks.push(task);
  });
  if (problems.length) throw new InputFileError(problems);
  if (tasks.length === 0) throw new InputFileError([{ file: source, message: "holds no tasks" }]);
  return tasks;
}

/**
 * Parse the conditions JSON text: a non-empty array with unique names. Every problem is collected
 * and thrown together as an `InputFileError`, each with `source` and the array index.
 *
 * @example parseConditions('[{"name":"a","model":"m","maxTokens":5}]')[0].name // "a"
 */
export function parseConditions(text: string, source = "conditions"): Condition[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new InputFileError([{ file: source, message: `is not valid JSON (${(error as Error).message})` }]);
  }
  if (!Array.isArray(parsed)) throw new InputFileError([{ file: source, message: `must be a JSON array of conditions, got ${show(parsed)}` }]);
  if (parsed.length === 0) throw new InputFileError([{ file: source, message: "holds no conditions" }]);
  const problems: LoadProblem[] = [];
  const firstIndex = new Map<string, number>();
  const conditions = parsed.map((c, i) => {
    const faults: Fault[] = [];
    const condition = readCondition(c, faults);
    const place = { file: source, entry: `[${i}]` };
    for (const f of faults) problems.push({ ...place, message: f.message });
    if (faults.length === 0) {
      const first = firstIndex.get(condition.name);
      if (first !== undefined) problems.push({ ...place, message: `name ${show(condition.name)} appears more than once (first at [${first}])` });
      else firstIndex.set(condition.name, i);
    }
    return condition;
  });
  if (problems.length) throw new InputFileError(problems);
  return conditions;
}

/** The text of an input file, or an `InputFileError` in plain words (no such file; binary data). */
function readText(path: string, expected: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InputFileError([openProblem(path, error)]);
  }
  // Raw bytes in a message garble the terminal and help no one: say what the file is not.
  if (looksBinary(bytes.subarray(0, 64 * 1024))) throw new InputFileError([{ file: path, message: `not a text file (binary data); ${expected}` }]);
  return bytes.toString("utf8");
}

/**
 * Read and check a tasks JSONL file.
 *
 * @example loadTasks("tasks.jsonl").length // the number of task lines
 */
export function loadTasks(path: string): Task[] {
  return parseTasks(readText(path, "tasks are JSON lines: one task object on each line"), path);
}

/**
 * Read and check a conditions JSON file.
 *
 * @example loadConditions("conditions.json")[0].name // the first condition's name
 */
export function loadConditions(path: string): Condition[] {
  return parseConditions(readText(path, "conditions are a JSON array of objects"), path);
}
