/**
 * The --batch state file beside --out (`<out>.batch.json`): which Message Batches were
 * submitted and which (item, condition, sample) each custom_id stands for, so a process that
 * dies while a batch runs picks it up on the next run instead of paying for it twice.
 * Written to a temporary file and renamed over, so it is never half-written.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";

export interface SubmittedBatch {
  id: string;
  createdAt: string;
  /** custom_id → [item, condition, sample]. */
  requests: Record<string, [string, string, number]>;
  /** True once its results are all in the output file. */
  collected: boolean;
}

export interface BatchState {
  version: 1;
  batches: SubmittedBatch[];
}

/**
 * The state file's path for an output file.
 *
 * @example batchStatePath("runs.jsonl") // "runs.jsonl.batch.json"
 */
export function batchStatePath(out: string): string {
  return `${out}.batch.json`;
}

/**
 * Read the state (an empty one when there is no file).
 *
 * @example readBatchState("missing.batch.json") // { version: 1, batches: [] }
 */
export function readBatchState(path: string): BatchState {
  if (!existsSync(path)) return { version: 1, batches: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new TypeError(`${path} is not valid JSON; it records submitted batches, so check it before deleting it`);
  }
  const s = parsed as Partial<BatchState>;
  if (s?.version !== 1 || !Array.isArray(s.batches)) throw new TypeError(`${path} is not an evalgap batch state file (version 1)`);
  return s as BatchState;
}

/**
 * Write the state atomically (scrubbed of the key, though it never holds it).
 *
 * @example writeBatchState("runs.jsonl.batch.json", { version: 1, batches: [] }) // then readBatchState gives it back
 */
export function writeBatchState(path: string, state: BatchState, scrub: (t: string) => string = (t) => t): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, scrub(JSON.stringify(state, null, 1)) + "\n");
  renameSync(tmp, path);
}

/**
 * Remove the state file once every batch is collected.
 *
 * @example removeBatchState("runs.jsonl.batch.json") // no file afterwards; no error if there was none
 */
export function removeBatchState(path: string): void {
  rmSync(path, { force: true });
}
