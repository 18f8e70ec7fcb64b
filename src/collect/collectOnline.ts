/**
 * The online runner: each job is one Messages API call, at most `concurrency` in flight.
 * A call that still fails after the SDK's retries becomes an error record and the run goes
 * on; a stop request (Ctrl-C) lets the calls in flight finish and be written.
 */
import type { CollectClient } from "./client.js";
import { runPool } from "./pool.js";
import { messageParams } from "./plan.js";
import { errorMessage } from "./redact.js";
import type { RunSession } from "./session.js";
import { answerRecord, errorRecord } from "./toRecord.js";
import type { CollectedRecord, Job, Scorer } from "./types.js";

export interface OnlineOptions {
  concurrency: number;
  timeoutMs: number;
  scorer?: Scorer;
  /** Checked before each new call: true stops taking new jobs. */
  stopped: () => boolean;
  /** Called after every record written, with the record. */
  onRecord?: (record: CollectedRecord) => void;
}

/**
 * Ask every job not yet in the session; returns how many were started. Throws (after the
 * calls in flight finish) when the API rejects the key (401/403).
 *
 * @example await collectOnline(jobs, session, client, { concurrency: 16, timeoutMs: 60_000, stopped: () => false }) // jobs.length on a fresh file
 */
export async function collectOnline(jobs: readonly Job[], session: RunSession, api: CollectClient, options: OnlineOptions): Promise<number> {
  const todo = jobs.filter((j) => !session.has(j));
  // A rejected key fails every call alike: stop, write nothing for it, and say so.
  let fatal: string | undefined;
  const started = await runPool(
    todo,
    options.concurrency,
    async (job) => {
      const t0 = performance.now();
      let record;
      try {
        const { data, request_id } = await api.client.messages
          .create(messageParams(job), { timeout: options.timeoutMs })
          .withResponse();
        const info = { latencyMs: Math.round(performance.now() - t0), requestId: request_id ?? null };
        try {
          record = await answerRecord(job, data, info, options.scorer);
        } catch (e) {
          record = errorRecord(job, errorMessage(e, api.scrub), info);
        }
      } catch (e) {
        const status = (e as { status?: number }).status;
        if (status === 401 || status === 403) {
          fatal ??= errorMessage(e, api.scrub);
          return;
        }
        const requestId = (e as { requestID?: string | null }).requestID ?? null;
        // A 200 whose body is not JSON surfaces as a bare SyntaxError: name it for what it is.
        const message = e instanceof SyntaxError ? `malformed response: ${errorMessage(e, api.scrub)}` : errorMessage(e, api.scrub);
        record = errorRecord(job, message, { latencyMs: Math.round(performance.now() - t0), requestId });
      }
      session.write(record);
      options.onRecord?.(record);
    },
    () => fatal !== undefined || options.stopped(),
  );
  if (fatal !== undefined) throw new Error(`the API refused the key (${fatal}); check ANTHROPIC_API_KEY. Answers so far are kept; run again to resume.`);
  return started;
}
