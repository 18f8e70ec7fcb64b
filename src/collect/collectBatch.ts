/**
 * The --batch runner: the jobs not yet written go to the Message Batches API (half price,
 * results within 24 h). The batch id is saved in the state file before anything else, the
 * batch is polled with growing intervals, and its results are streamed into the same output
 * file as they are read. Killed at any point, the next run resumes: batches in the state
 * file that are not yet collected are polled and collected first, and only jobs still missing
 * are submitted again.
 */
import type { CollectClient } from "./client.js";
import { batchStatePath, readBatchState, removeBatchState, writeBatchState, type BatchState, type SubmittedBatch } from "./batchState.js";
import { customIdFor } from "./customId.js";
import { messageParams } from "./plan.js";
import { errorMessage } from "./redact.js";
import type { RunSession } from "./session.js";
import { answerRecord, errorRecord } from "./toRecord.js";
import { jobKey, type Job, type Scorer } from "./types.js";

/** The API's limit on requests per batch. */
export const MAX_BATCH_REQUESTS = 100_000;
/** Stay well under the API's 256 MB per batch. */
const MAX_BATCH_BYTES = 200 * 1024 * 1024;

export interface BatchOptions {
  out: string;
  scorer?: Scorer;
  /** First wait between polls, ms (default 10 s); each wait is 1.5 × the last, up to `maxPollIntervalMs`. */
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  stopped: () => boolean;
  /** Resolves when a stop is requested, to cut a poll wait short. */
  stopSignal: Promise<void>;
  onRecord?: () => void;
  onStatus?: (note: string) => void;
}

export interface BatchOutcome {
  /** Batches still running on the server when the run stopped. */
  pending: string[];
  submitted: string[];
}

function sleep(ms: number, stop: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([new Promise<void>((r) => (timer = setTimeout(r, ms))), stop]).finally(() => clearTimeout(timer));
}

/** Split jobs into batches within the API's count and size limits. */
function chunk(jobs: Job[]): Job[][] {
  const out: Job[][] = [];
  let cur: Job[] = [];
  let bytes = 0;
  for (const job of jobs) {
    const size = JSON.stringify(messageParams(job)).length + 100;
    if (cur.length >= MAX_BATCH_REQUESTS || (cur.length > 0 && bytes + size > MAX_BATCH_BYTES)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(job);
    bytes += size;
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * Collect every job through Message Batches, resuming from the state file beside `out`.
 *
 * @example await collectBatch(jobs, session, client, options) // { pending: [], submitted: ["msgbatch_…"] }
 */
export async function collectBatch(jobs: readonly Job[], session: RunSession, api: CollectClient, options: BatchOptions): Promise<BatchOutcome> {
  const statePath = batchStatePath(options.out);
  const state = readBatchState(statePath);
  const byKey = new Map(jobs.map((j) => [jobKey(j.task.id, j.condition.name, j.sample), j]));
  const save = () => writeBatchState(statePath, state, api.scrub);
  const submitted: string[] = [];

  // 1. Batches from an earlier run that were never collected.
  for (const b of state.batches) {
    if (b.collected) continue;
    const done = await awaitAndCollect(b, byKey, session, api, options);
    if (!done) return { pending: pendingIds(state), submitted };
    save();
  }

  // 2. Whatever is still missing goes into new batches.
  const todo = jobs.filter((j) => !session.has(j));
  for (const part of chunk(todo)) {
    if (options.stopped()) break;
    const requests = part.map((job) => ({ custom_id: customIdFor(job.task.id, job.condition.name, job.sample), params: messageParams(job) }));
    const batch = await api.client.messages.batches.create({ requests });
    const entry: SubmittedBatch = { id: batch.id, createdAt: new Date().toISOString(), requests: {}, collected: false };
    for (const job of part) entry.requests[customIdFor(job.task.id, job.condition.name, job.sample)] = [job.task.id, job.condition.name, job.sample];
    state.batches.push(entry);
    save();
    submitted.push(batch.id);
  }
  for (const b of state.batches) {
    if (b.collected) continue;
    const done = await awaitAndCollect(b, byKey, session, api, options);
    if (!done) return { pending: pendingIds(state), submitted };
    save();
  }
  if (state.batches.every((b) => b.collected)) removeBatchState(statePath);
  return { pending: [], submitted };
}

function pendingIds(state: BatchState): string[] {
  return state.batches.filter((b) => !b.collected).map((b) => b.id);
}

/** Poll one batch until it ends, then stream its results into the log. False when stopped first. */
async function awaitAndCollect(
  b: SubmittedBatch,
  byKey: Map<string, Job>,
  session: RunSession,
  api: CollectClient,
  options: BatchOptions,
): Promise<boolean> {
  let wait = options.pollIntervalMs;
  for (;;) {
    const batch = await api.client.messages.batches.retrieve(b.id);
    const c = batch.request_counts;
    options.onStatus?.(`batch ${b.id} ${batch.processing_status}: processing ${c.processing}, succeeded ${c.succeeded}, errored ${c.errored}`);
    if (batch.processing_status === "ended") break;
    if (options.stopped()) return false;
    await sleep(wait, options.stopSignal);
    if (options.stopped()) return false;
    wait = Math.min(wait * 1.5, options.maxPollIntervalMs);
  }
  const seen = new Set<string>();
  const jobFor = (customId: string): Job | undefined => {
    const triple = b.requests[customId];
    return triple ? byKey.get(jobKey(triple[0], triple[1], triple[2])) : undefined;
  };
  const stream = await api.client.messages.batches.results(b.id);
  for await (const line of stream) {
    seen.add(line.custom_id);
    const job = jobFor(line.custom_id);
    if (!job || session.has(job)) continue; // not in this plan, or already written before a crash
    const info = { latencyMs: null, requestId: null, batchId: b.id };
    const result = line.result;
    let record;
    if (result.type === "succeeded") {
      try {
        record = await answerRecord(job, result.message, { ...info, requestId: result.message.id ?? null }, options.scorer);
      } catch (e) {
        record = errorRecord(job, errorMessage(e, api.scrub), info);
      }
    } else if (result.type === "errored") {
      const err = (result.error as { error?: { type?: string; message?: string } })?.error;
      record = errorRecord(job, api.scrub(`batch request errored: ${err?.type ?? "error"}: ${err?.message ?? ""}`.trim()), info);
    } else {
      record = errorRecord(job, `batch request ${result.type}`, info);
    }
    session.write(record);
    options.onRecord?.();
  }
  // A request the results never mentioned is still an answer we lack: say so in the file.
  for (const customId of Object.keys(b.requests)) {
    if (seen.has(customId)) continue;
    const job = jobFor(customId);
    if (job && !session.has(job)) {
      session.write(errorRecord(job, "batch results did not include this request", { latencyMs: null, requestId: null, batchId: b.id }));
      options.onRecord?.();
    }
  }
  b.collected = true;
  return true;
}
