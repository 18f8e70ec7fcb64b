/**
 * The shapes `evalgap run` reads and writes: tasks, conditions, and the collected record
 * (a RunRecord plus what the API said about the answer).
 */
import type { RunRecord } from "../runs/record.js";

/** One question, as a line of the tasks JSONL file. */
export interface Task {
  id: string;
  prompt: string;
  /** The correct answer: a choice label ("C"), a choice text ("Yes"), or free text. */
  target: string;
  /**
   * Multiple choice: the option texts in label order (A, B, C…), or just their number.
   * Present means the response is scored by extracting the chosen option.
   */
  choices?: string[] | number;
  cluster?: string;
  /** A system prompt for this task; the condition's system prompt, if any, comes first. */
  system?: string;
  meta?: Record<string, unknown>;
}

/** One setting the tasks are sent under, as an element of the conditions JSON array. */
export interface Condition {
  name: string;
  model: string;
  temperature?: number;
  maxTokens: number;
  system?: string;
  /** Appended to every prompt after a blank line, e.g. "Think step by step without shortcuts." */
  promptSuffix?: string;
  topP?: number;
}

/** One (item, condition, sample) to ask: the unit of work, of resume, and of the output. */
export interface Job {
  task: Task;
  condition: Condition;
  sample: number;
}

/** A custom scorer: a score in [0, 1] for a response to a task. */
export type Scorer = (response: string, task: Task) => number | Promise<number>;

/** One line of the output: the RunRecord fields plus the API's account of the answer. */
export interface CollectedRecord extends RunRecord {
  sample: number;
  model: string;
  target: string;
  refused: boolean;
  /** The response text (all text blocks joined); "" when the request failed. */
  response: string;
  stopReason: string | null;
  inputTokens: number;
  outputTokens: number;
  /** Wall time of the call including retries, in ms; null for batch results. */
  latencyMs: number | null;
  requestId: string | null;
  /** ISO time the record was written. */
  timestamp: string;
  /** Set in --batch mode: the Message Batch the answer came from. */
  batchId?: string;
}

/** The key that makes a record unique in the output: resume skips keys already written. */
export function jobKey(item: string, condition: string, sample: number): string {
  return `${item}\u0000${condition}\u0000${sample}`;
}
