/**
 * `collectRuns`: send every (item, condition, sample) through the Anthropic API and append
 * one RunRecord line per answer to `out`, resuming whatever an earlier run left unfinished.
 */
import { createCollectClient } from "./client.js";
import { collectBatch } from "./collectBatch.js";
import { collectOnline } from "./collectOnline.js";
import { acquireOutputLock } from "./outputLock.js";
import { planJobs } from "./plan.js";
import { DEFAULT_PRICES, type Price } from "./prices.js";
import { ProgressLine } from "./progress.js";
import { dropErrorRecords, repairRunLog, RunLogWriter } from "./runLog.js";
import { RunSession, type ConditionTotals } from "./session.js";
import type { Condition, Scorer, Task } from "./types.js";
import { collectUntilDecided, type UntilDecidedOptions, type UntilDecidedOutcome } from "./untilDecided.js";

export interface CollectOptions {
  tasks: Task[];
  conditions: Condition[];
  /** Answers per (item, condition): K. */
  samples: number;
  /** The output JSONL file; appended to, never overwritten. */
  out: string;
  /** Calls in flight at once (default 8). */
  concurrency?: number;
  /** The SDK's retries per call (default 4). */
  maxRetries?: number;
  /** Per-attempt timeout in ms (default 600,000). */
  timeoutMs?: number;
  /** Use the Message Batches API. */
  batch?: boolean;
  scorer?: Scorer;
  /** Price table for the cost estimate (default DEFAULT_PRICES). */
  prices?: Readonly<Record<string, Price>>;
  /** Remove error records from `out` first, so those jobs are asked again. */
  retryErrors?: boolean;
  /** Aborting stops new calls; the ones in flight finish and are written. */
  signal?: AbortSignal;
  /** Where the progress line goes (default process.stderr); false for none. */
  progress?: NodeJS.WritableStream | false;
  /** Backoff base for retryable responses without retry-after (tests); default the SDK's 0.5 s × 2^n. */
  retryBaseMs?: number;
  /** Batch polling: first interval (default 10,000 ms) and cap (default 60,000 ms). */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /** Where one-line notes go (e.g. a stale lock taken over); default process.stderr. */
  notify?: (message: string) => void;
  /** Online only: draw items in a seeded order and stop when the anytime-valid sequence decides. */
  untilDecided?: UntilDecidedOptions;
}

export interface CollectSummary {
  /** Jobs planned: items × conditions × samples. */
  total: number;
  /** Planned jobs already in the file when the run started. */
  resumed: number;
  /** Records this run wrote, and of them how many carry an error or a refusal. */
  written: number;
  errors: number;
  refused: number;
  retries: number;
  /** Planned jobs now in the file. */
  done: number;
  /** True when the run stopped (Ctrl-C) before every job was written. */
  interrupted: boolean;
  /** Bytes of a torn last line removed from `out` on opening. */
  tornBytes: number;
  /** Error records removed by `retryErrors`. */
  droppedErrors: number;
  /** Batches still running on the server (batch mode, interrupted). */
  pendingBatches: string[];
  byCondition: ConditionTotals[];
  /** With `untilDecided`: why the run stopped, the calls saved, and the sentence. */
  sequential?: UntilDecidedOutcome;
}

function positiveInt(name: string, v: number | undefined, fallback: number, min = 1): number {
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${String(v)}`);
  return v;
}

/**
 * Collect the runs. Never writes a key twice and never drops an answer: failures are error
 * records; a torn last line from a crash is removed first; keys already in `out` are skipped.
 * `<out>.lock` keeps a second run off the same file while this one runs (`OutputLockedError`).
 *
 * @example (await collectRuns({ tasks, conditions, samples: 3, out: "runs.jsonl" })).done // tasks × conditions × 3
 */
export async function collectRuns(options: CollectOptions): Promise<CollectSummary> {
  const concurrency = positiveInt("concurrency", options.concurrency, 8);
  const maxRetries = positiveInt("maxRetries", options.maxRetries, 4, 0);
  const timeoutMs = positiveInt("timeoutMs", options.timeoutMs, 600_000);
  const jobs = planJobs(options.tasks, options.conditions, options.samples);
  if (options.batch && options.untilDecided) throw new RangeError("untilDecided works only online (each item's answers decide whether to draw the next); drop batch");
  const api = await createCollectClient({ maxRetries, timeoutMs, retryBaseMs: options.retryBaseMs });

  // Before the file is touched (error records dropped, a torn line repaired): one writer at a time.
  const lock = acquireOutputLock(options.out);
  try {
    if (lock.tookOverFrom) {
      const was = lock.tookOverFrom.pid > 0 ? `pid ${lock.tookOverFrom.pid}, started ${lock.tookOverFrom.startedAt}, is no longer running` : "it was unreadable";
      (options.notify ?? ((m: string) => process.stderr.write(m + "\n")))(`Took over the stale lock ${lock.lockPath} (${was}).`);
    }
    return await collectLocked(options, jobs, api, concurrency, timeoutMs);
  } finally {
    lock.release();
  }
}

async function collectLocked(
  options: CollectOptions,
  jobs: ReturnType<typeof planJobs>,
  api: Awaited<ReturnType<typeof createCollectClient>>,
  concurrency: number,
  timeoutMs: number,
): Promise<CollectSummary> {
  const droppedErrors = options.retryErrors ? dropErrorRecords(options.out) : 0;
  const existing = repairRunLog(options.out);
  const writer = new RunLogWriter(options.out, api.scrub);
  const session = new RunSession(writer, existing, jobs);
  const planned = jobs.length;
  let done = session.resumed;
  let note: string | undefined;
  const stream = options.progress === undefined ? process.stderr : options.progress;
  const progress = new ProgressLine(
    stream || process.stderr,
    () => ({ done, total: planned, resumed: session.resumed, errors: session.errors, retries: api.retries(), note }),
    stream !== false,
  );
  const onRecord = () => {
    done++;
    progress.update();
  };
  const signal = options.signal;
  const stopped = () => signal?.aborted === true;
  const stopSignal = new Promise<void>((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });

  // The SDK warns on console.warn at every call (e.g. a deprecated model): say each thing once.
  const warnOriginal = console.warn;
  const warned = new Set<string>();
  console.warn = (...args: unknown[]) => {
    const text = api.scrub(args.map(String).join(" "));
    if (warned.has(text)) return;
    warned.add(text);
    progress.clear();
    process.stderr.write(text + "\n");
  };
  let pendingBatches: string[] = [];
  let sequential: UntilDecidedOutcome | undefined;
  try {
    progress.update();
    if (options.batch) {
      const outcome = await collectBatch(jobs, session, api, {
        out: options.out,
        scorer: options.scorer,
        pollIntervalMs: positiveInt("pollIntervalMs", options.pollIntervalMs, 10_000),
        maxPollIntervalMs: positiveInt("maxPollIntervalMs", options.maxPollIntervalMs, 60_000),
        stopped,
        stopSignal,
        onRecord,
        onStatus: (s) => {
          note = s;
          progress.update();
        },
      });
      pendingBatches = outcome.pending;
    } else if (options.untilDecided) {
      const online = { concurrency, timeoutMs, scorer: options.scorer, stopped, onRecord };
      sequential = await collectUntilDecided(jobs, session, api, existing.records, online, options.untilDecided, (s) => {
        note = s;
        progress.update();
      });
    } else {
      await collectOnline(jobs, session, api, { concurrency, timeoutMs, scorer: options.scorer, stopped, onRecord });
    }
  } finally {
    console.warn = warnOriginal;
    writer.close();
    progress.finish();
  }
  const nowDone = jobs.filter((j) => session.has(j)).length;
  return {
    total: planned,
    resumed: session.resumed,
    written: session.written,
    errors: session.errors,
    refused: session.refused,
    retries: api.retries(),
    done: nowDone,
    // A run that stopped because the question was decided is finished, not interrupted.
    interrupted: sequential ? sequential.reason === "interrupted" : nowDone < planned,
    tornBytes: existing.tornBytes,
    droppedErrors,
    pendingBatches,
    byCondition: session.totals(options.prices ?? DEFAULT_PRICES),
    ...(sequential ? { sequential } : {}),
  };
}
