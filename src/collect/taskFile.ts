/**
 * Reading and checking the two inputs of `evalgap run`: the tasks JSONL and the conditions JSON.
 * Every problem names the file's line (or array index), the field and the value, because a
 * typo found after 10,000 paid calls is a typo found too late.
 */
import { readFileSync } from "node:fs";
import { show } from "../stats/validate.js";
import type { Condition, Task } from "./types.js";

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function optionalString(where: string, obj: Record<string, unknown>, field: string): string | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw new TypeError(`${where}: ${field} must be a string, got ${show(v)}`);
  return v;
}

function requiredText(where: string, obj: Record<string, unknown>, field: string, allowNumber = false): string {
  const v = obj[field];
  if (allowNumber && typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string") throw new TypeError(`${where}: ${field} must be a string, got ${show(v)}`);
  if (v.trim() === "") throw new RangeError(`${where}: ${field} must not be empty, got ${show(v)}`);
  return v;
}

/**
 * Check one parsed task object; `where` says where it came from, for messages. Numeric ids
 * and targets are taken as strings.
 *
 * @example checkTask({ id: 1, prompt: "2+2?", target: 4 }).target // "4"
 */
export function checkTask(value: unknown, where = "task"): Task {
  if (!isObject(value)) throw new TypeError(`${where} must be a JSON object, got ${show(value)}`);
  const task: Task = {
    id: requiredText(where, value, "id", true),
    prompt: requiredText(where, value, "prompt"),
    target: requiredText(where, value, "target", true),
  };
  const choices = value.choices;
  if (choices !== undefined && choices !== null) {
    if (typeof choices === "number") {
      if (!Number.isInteger(choices) || choices < 2 || choices > 26) {
        throw new RangeError(`${where}: choices must be an integer from 2 to 26, got ${choices}`);
      }
    } else if (Array.isArray(choices)) {
      if (choices.length < 2 || choices.length > 26) {
        throw new RangeError(`${where}: choices must list 2 to 26 options, got ${choices.length}`);
      }
      choices.forEach((c, i) => {
        if (typeof c !== "string" || c.trim() === "") {
          throw new TypeError(`${where}: choices[${i}] must be a non-empty string, got ${show(c)}`);
        }
      });
    } else {
      throw new TypeError(`${where}: choices must be an array of strings or a number, got ${show(choices)}`);
    }
    task.choices = choices as string[] | number;
  }
  const cluster = value.cluster;
  if (cluster !== undefined && cluster !== null) {
    if (typeof cluster !== "string" && typeof cluster !== "number") {
      throw new TypeError(`${where}: cluster must be a string, got ${show(cluster)}`);
    }
    task.cluster = String(cluster);
  }
  const system = optionalString(where, value, "system");
  if (system !== undefined) task.system = system;
  if (value.meta !== undefined && value.meta !== null) {
    if (!isObject(value.meta)) throw new TypeError(`${where}: meta must be an object, got ${show(value.meta)}`);
    task.meta = value.meta;
  }
  return task;
}

/**
 * Parse tasks JSONL text: one task per non-blank line; ids must be unique.
 *
 * @example parseTasks('{"id":"q1","prompt":"2+2?","target":"4"}').length // 1
 */
export function parseTasks(text: string, source = "tasks"): Task[] {
  const tasks: Task[] = [];
  const seen = new Set<string>();
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    const where = `${source} line ${i + 1}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new TypeError(`${where} is not valid JSON: ${show(line.slice(0, 80))}`);
    }
    const task = checkTask(parsed, where);
    if (seen.has(task.id)) throw new RangeError(`${where}: id ${show(task.id)} appears more than once`);
    seen.add(task.id);
    tasks.push(task);
  });
  if (tasks.length === 0) throw new RangeError(`${source} holds no tasks`);
  return tasks;
}

function optionalNumber(where: string, obj: Record<string, unknown>, field: string, lo: number, hi: number) {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || Number.isNaN(v)) throw new TypeError(`${where}: ${field} must be a number, got ${show(v)}`);
  if (!(v >= lo && v <= hi)) throw new RangeError(`${where}: ${field} must be between ${lo} and ${hi}, got ${v}`);
  return v;
}

/**
 * Check one parsed condition object: name, model and a positive integer maxTokens are
 * required; temperature and topP must lie in [0, 1].
 *
 * @example checkCondition({ name: "t0", model: "claude-haiku-4-5", maxTokens: 256, temperature: 0 }).temperature // 0
 */
export function checkCondition(value: unknown, where = "condition"): Condition {
  if (!isObject(value)) throw new TypeError(`${where} must be a JSON object, got ${show(value)}`);
  const maxTokens = value.maxTokens;
  if (typeof maxTokens !== "number" || Number.isNaN(maxTokens)) {
    throw new TypeError(`${where}: maxTokens must be a number, got ${show(maxTokens)}`);
  }
  if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    throw new RangeError(`${where}: maxTokens must be a positive integer, got ${maxTokens}`);
  }
  const condition: Condition = {
    name: requiredText(where, value, "name"),
    model: requiredText(where, value, "model"),
    maxTokens,
  };
  const temperature = optionalNumber(where, value, "temperature", 0, 1);
  if (temperature !== undefined) condition.temperature = temperature;
  const topP = optionalNumber(where, value, "topP", 0, 1);
  if (topP !== undefined) condition.topP = topP;
  const system = optionalString(where, value, "system");
  if (system !== undefined) condition.system = system;
  const suffix = optionalString(where, value, "promptSuffix");
  if (suffix !== undefined) condition.promptSuffix = suffix;
  return condition;
}

/**
 * Parse the conditions JSON text: a non-empty array with unique names.
 *
 * @example parseConditions('[{"name":"a","model":"m","maxTokens":5}]')[0].name // "a"
 */
export function parseConditions(text: string, source = "conditions"): Condition[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TypeError(`${source} is not valid JSON`);
  }
  if (!Array.isArray(parsed)) throw new TypeError(`${source} must be a JSON array of conditions, got ${show(parsed)}`);
  if (parsed.length === 0) throw new RangeError(`${source} holds no conditions`);
  const seen = new Set<string>();
  return parsed.map((c, i) => {
    const condition = checkCondition(c, `${source}[${i}]`);
    if (seen.has(condition.name)) throw new RangeError(`${source}[${i}]: name ${show(condition.name)} appears more than once`);
    seen.add(condition.name);
    return condition;
  });
}

/**
 * Read and check a tasks JSONL file.
 *
 * @example loadTasks("tasks.jsonl").length // the number of task lines
 */
export function loadTasks(path: string): Task[] {
  return parseTasks(readFileSync(path, "utf8"), path);
}

/**
 * Read and check a conditions JSON file.
 *
 * @example loadConditions("conditions.json")[0].name // the first condition's name
 */
export function loadConditions(path: string): Condition[] {
  return parseConditions(readFileSync(path, "utf8"), path);
}
