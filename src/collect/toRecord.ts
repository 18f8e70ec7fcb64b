/**
 * Turning an API answer (or a failure) into the output record.
 */
import { scoreResponse, scoreWith, type Scored } from "./score.js";
import type { CollectedRecord, Job, Scorer } from "./types.js";

/** The parts of a Messages API response evalgap keeps. */
export interface MessageLike {
  content?: unknown;
  stop_reason?: string | null;
  usage?: { input_tokens?: number | null; output_tokens?: number | null } | null;
}

/**
 * The text of a message: its text blocks joined. Throws when the response has no content
 * array (a malformed answer is an error record, not an empty answer scored wrong).
 *
 * @example messageText({ content: [{ type: "text", text: "Answer: " }, { type: "text", text: "B" }] }) // "Answer: B"
 */
export function messageText(message: MessageLike): string {
  if (!message || !Array.isArray(message.content)) throw new TypeError("malformed response: no content array");
  return message.content
    .filter((b): b is { type: "text"; text: string } => b?.type === "text" && typeof b.text === "string")
    .map((b) => b.text)
    .join("");
}

function base(job: Job): Pick<CollectedRecord, "item" | "condition" | "sample" | "model" | "target"> & Partial<CollectedRecord> {
  const { task, condition, sample } = job;
  const r: Pick<CollectedRecord, "item" | "condition" | "sample" | "model" | "target"> & Partial<CollectedRecord> = {
    item: task.id,
    condition: condition.name,
    sample,
    model: condition.model,
    target: task.target,
  };
  if (task.cluster !== undefined) r.cluster = task.cluster;
  if (task.choices !== undefined) r.choices = typeof task.choices === "number" ? task.choices : task.choices.length;
  if (task.meta !== undefined) r.meta = task.meta;
  return r;
}

export interface AnswerInfo {
  latencyMs: number | null;
  requestId: string | null;
  batchId?: string;
}

/**
 * The record for a job that got an answer. A scorer that throws gives an error record that
 * keeps the response text (so it can be rescored), rather than a silent 0.
 *
 * @example (await answerRecord(job, { content: [{ type: "text", text: "Answer: C" }], stop_reason: "end_turn", usage: { input_tokens: 10, output_tokens: 3 } }, { latencyMs: 20, requestId: "req_1" })).score // 1 when job's target is C
 */
export async function answerRecord(job: Job, message: MessageLike, info: AnswerInfo, scorer?: Scorer): Promise<CollectedRecord> {
  const text = messageText(message);
  const stopReason = typeof message.stop_reason === "string" ? message.stop_reason : null;
  let scored: Scored;
  let error: string | undefined;
  try {
    scored = scorer ? await scoreWith(scorer, text, stopReason, job.task) : scoreResponse(text, stopReason, job.task);
  } catch (e) {
    scored = { score: 0, refused: false };
    error = `scorer failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  const record: CollectedRecord = {
    ...base(job),
    score: scored.score,
    refused: scored.refused,
    response: text,
    stopReason,
    inputTokens: message.usage?.input_tokens ?? 0,
    outputTokens: message.usage?.output_tokens ?? 0,
    latencyMs: info.latencyMs,
    requestId: info.requestId,
    timestamp: new Date().toISOString(),
  };
  if (scored.answer !== undefined) record.answer = scored.answer;
  if (error !== undefined) record.error = error;
  if (info.batchId !== undefined) record.batchId = info.batchId;
  return record;
}

/**
 * The record for a job whose answer could not be obtained: score 0, `error` set, so the
 * analysis can leave it out and count it instead of never knowing it was asked.
 *
 * @example errorRecord(job, "500 overloaded", { latencyMs: 5, requestId: null }).error // "500 overloaded"
 */
export function errorRecord(job: Job, error: string, info: AnswerInfo): CollectedRecord {
  const record: CollectedRecord = {
    ...base(job),
    score: 0,
    refused: false,
    error,
    response: "",
    stopReason: null,
    inputTokens: 0,
    outputTokens: 0,
    latencyMs: info.latencyMs,
    requestId: info.requestId,
    timestamp: new Date().toISOString(),
  };
  if (info.batchId !== undefined) record.batchId = info.batchId;
  return record;
}
