/**
 * What to ask: every (task, condition, sample), and the Messages API request for each.
 */
import { targetIndex } from "./score.js";
import type { Condition, Job, Task } from "./types.js";

/**
 * All jobs, sample-major then task then condition, so that a run stopped halfway has asked
 * every condition about the same items (the comparison stays paired).
 *
 * @example planJobs(tasks3, conditions2, 4).length // 24
 */
export function planJobs(tasks: readonly Task[], conditions: readonly Condition[], samples: number): Job[] {
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`samples must be a positive integer, got ${samples}`);
  // A multiple-choice target that names no option would make every answer wrong: fail before paying.
  for (const task of tasks) if (task.choices !== undefined) targetIndex(task);
  const jobs: Job[] = [];
  for (let sample = 0; sample < samples; sample++) {
    for (const task of tasks) for (const condition of conditions) jobs.push({ task, condition, sample });
  }
  return jobs;
}

/** The body of a Messages API request (also the `params` of a batch request). */
export interface MessageParams {
  model: string;
  max_tokens: number;
  messages: { role: "user"; content: string }[];
  system?: string;
  temperature?: number;
  top_p?: number;
}

/**
 * The request for a job: the task's prompt (plus the condition's suffix after a blank line),
 * the condition's system prompt then the task's, and the condition's sampling settings.
 *
 * @example messageParams({ task: { id: "q", prompt: "2+2?", target: "4" }, condition: { name: "c", model: "m", maxTokens: 5, promptSuffix: "Be brief." }, sample: 0 }).messages[0].content // "2+2?\n\nBe brief."
 */
export function messageParams(job: Job): MessageParams {
  const { task, condition } = job;
  const content = condition.promptSuffix ? `${task.prompt}\n\n${condition.promptSuffix}` : task.prompt;
  const params: MessageParams = {
    model: condition.model,
    max_tokens: condition.maxTokens,
    messages: [{ role: "user", content }],
  };
  const system = [condition.system, task.system].filter((s): s is string => typeof s === "string" && s !== "");
  if (system.length > 0) params.system = system.join("\n\n");
  if (condition.temperature !== undefined) params.temperature = condition.temperature;
  if (condition.topP !== undefined) params.top_p = condition.topP;
  return params;
}
