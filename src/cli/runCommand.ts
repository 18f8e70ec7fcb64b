/**
 * `evalgap run`: send the same items through the Anthropic API under named conditions,
 * K times each, and append RunRecords to --out. The dispatcher imports this lazily, so the SDK
 * and the collector load only when `run` is asked for.
 */
import { statSync } from "node:fs";
import { dirname } from "node:path";
import type { CollectOptions, CollectSummary } from "../collect/collect.js";
import { formatCount } from "../analysis/format.js";
import { describeProblem, openProblem } from "../runs/problems.js";
import { UsageError, parseCommand, stringFlag } from "./args.js";
import type { Io } from "./io.js";
import { formatTable } from "./table.js";
import { UNTIL_DECIDED_FLAGS, UNTIL_DECIDED_HELP, untilDecidedFromFlags, untilDecidedLines } from "./untilDecidedFlags.js";

export const RUN_HELP = `evalgap run — collect production runs with the Anthropic API

Usage:
  evalgap run --tasks tasks.jsonl --conditions conditions.json --samples K --out runs.jsonl
              [--concurrency N] [--batch] [--max-retries N] [--timeout-ms N]
              [--scorer module.ts] [--prices prices.json] [--retry-errors] [--quiet] [--json]
              [--until decided (--compare A,B | --against-chance) [--alpha 0.05] [--margin 0.02] [--seed N]]

  --tasks         JSONL, one task a line: { id, prompt, target, choices?, cluster?, system?, meta? }
  --conditions    JSON array: { name, model, maxTokens, temperature?, topP?, system?, promptSuffix? }
  --samples       answers per (item, condition) (K)
  --out           output JSONL; an existing file is resumed: answers already in it are skipped.
                  <out>.lock holds the pid of the run writing it: a second run on the same --out
                  refuses (exit 2); a lock left by a killed run is taken over
  --concurrency   requests in flight at once (default 8; not with --batch)
  --batch         use the Message Batches API (half price; the batch id is kept in <out>.batch.json,
                  so an interrupted run picks the batch up again)
  --max-retries   SDK retries per request, with backoff honouring retry-after (default 4)
  --timeout-ms    per-attempt timeout (default 600000)
  --scorer        module exporting (response, task) => score in [0, 1] (default: choice extraction
                  for tasks with choices, normalised exact match otherwise)
  --prices        JSON { "model-prefix": { "input": $/MTok, "output": $/MTok } } for the cost estimate
  --retry-errors  ask again the answers recorded with an error
  --quiet         no progress line
  --json          the end-of-run summary as JSON
${UNTIL_DECIDED_HELP}

The API key is read from the environment variable ANTHROPIC_API_KEY only. Ctrl-C finishes the requests in flight,
writes them, and stops; run the same command again to resume.
`;

function intOption(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  return n;
}

/** A file a flag names must exist and be a file: said in words, before anything is loaded or sent. */
function checkFile(flag: string, path: string): void {
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
  } catch (error) {
    throw new UsageError(`--${flag}: ${describeProblem(openProblem(path, error))}`);
  }
}

/** --out may not exist yet (a new run), but its folder must. */
function checkOutFolder(path: string): void {
  const folder = dirname(path);
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    // Reported below in words.
  }
  if (!isFolder) throw new UsageError(`--out: no such folder: ${folder}`);
}

/**
 * The end-of-run table: records, errors, refusals, mean score, tokens and cost per condition,
 * then the totals and the estimated cost of the whole file.
 *
 * @example formatSummary(summary) // "condition  model  records  …\n…\nEstimated cost of the whole file: $1.00 …"
 */
export function formatSummary(summary: CollectSummary): string {
  const table = formatTable(summary.byCondition, [
    { header: "condition", value: (c) => c.condition },
    { header: "model", value: (c) => c.model },
    { header: "records", value: (c) => formatCount(c.records), align: "right" },
    { header: "errors", value: (c) => formatCount(c.errors), align: "right" },
    { header: "refused", value: (c) => formatCount(c.refused), align: "right" },
    { header: "mean", value: (c) => (c.meanScore === null ? "-" : c.meanScore.toFixed(3)), align: "right" },
    { header: "input tok", value: (c) => formatCount(c.inputTokens), align: "right" },
    { header: "output tok", value: (c) => formatCount(c.outputTokens), align: "right" },
    { header: "est. cost", value: (c) => (c.cost === null ? "no price" : `$${c.cost.toFixed(c.cost < 1 ? 4 : 2)}`), align: "right" },
  ]);
  const lines = [table, ""];
  lines.push(
    `${formatCount(summary.done)}/${formatCount(summary.total)} answers in the file (${formatCount(summary.written)} written now, ` +
      `${formatCount(summary.resumed)} from before; ${formatCount(summary.errors)} errors, ${formatCount(summary.retries)} retries this run).`,
  );
  const known = summary.byCondition.filter((c) => c.cost !== null);
  const total = known.reduce((s, c) => s + (c.cost ?? 0), 0);
  if (known.length > 0) {
    lines.push(`Estimated cost of the whole file: $${total.toFixed(2)}${known.length < summary.byCondition.length ? " (models without a price left out; add them with --prices)" : ""}.`);
  }
  return lines.join("\n");
}

/** Quote an argument for a shell command line shown to the user. */
function shellQuote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/**
 * Run `evalgap run` with the arguments after `run`; resolves to the exit code (0 done,
 * 130 interrupted). Bad arguments, unreadable inputs and a missing API key throw a `UsageError`
 * (or the inputs' `RangeError`) before any request, which the dispatcher turns into exit 2.
 *
 * @example await runCommand(["--help"], io) // 0
 */
export async function runCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    tasks: { type: "string" },
    conditions: { type: "string" },
    samples: { type: "string" },
    out: { type: "string" },
    concurrency: { type: "string" },
    batch: { type: "boolean" },
    "max-retries": { type: "string" },
    "timeout-ms": { type: "string" },
    scorer: { type: "string" },
    prices: { type: "string" },
    "retry-errors": { type: "boolean" },
    quiet: { type: "boolean" },
    // For tests: fast backoff and polling against a local mock server.
    "retry-base-ms": { type: "string" },
    "poll-ms": { type: "string" },
    ...UNTIL_DECIDED_FLAGS,
  });
  if (values.help) {
    io.out(RUN_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`run takes no files, got ${JSON.stringify(positionals[0])}; name the tasks with --tasks`);
  const missing = ["tasks", "conditions", "samples", "out"].filter((k) => values[k] === undefined);
  if (missing.length) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(", ")}`);
  const batch = values.batch === true;
  // Flags that would be accepted and then do nothing: say so rather than let the run differ from the command line.
  if (batch && values.concurrency !== undefined) throw new UsageError("--concurrency does nothing with --batch (the batch runs on the server); drop one of them");
  if (!batch && values["poll-ms"] !== undefined) throw new UsageError("--poll-ms applies only with --batch");
  const samples = intOption("samples", stringFlag(values, "samples"), 1)!;
  const concurrency = intOption("concurrency", stringFlag(values, "concurrency"), 1);
  const maxRetries = intOption("max-retries", stringFlag(values, "max-retries"), 0);
  const timeoutMs = intOption("timeout-ms", stringFlag(values, "timeout-ms"), 1);
  const retryBaseMs = intOption("retry-base-ms", stringFlag(values, "retry-base-ms"), 0);
  const pollIntervalMs = intOption("poll-ms", stringFlag(values, "poll-ms"), 1);
  const out = stringFlag(values, "out")!;
  checkOutFolder(out);
  const scorerPath = stringFlag(values, "scorer");
  const pricesPath = stringFlag(values, "prices");
  if (scorerPath !== undefined) checkFile("scorer", scorerPath);
  if (pricesPath !== undefined) checkFile("prices", pricesPath);

  const { loadTasks, loadConditions } = await import("../collect/taskFile.js");
  const tasks = loadTasks(stringFlag(values, "tasks")!);
  const conditions = loadConditions(stringFlag(values, "conditions")!);
  const untilDecided = untilDecidedFromFlags(values, batch, conditions.map((c) => c.name));
  // The inputs are checked first, so they can be checked without a key; then the key, before any request.
  if (!process.env.ANTHROPIC_API_KEY?.trim()) {
    throw new UsageError("the environment variable ANTHROPIC_API_KEY is not set: evalgap run reads the API key from it (and from nowhere else)");
  }
  const { makeScrubber } = await import("../collect/redact.js");
  const scrub = makeScrubber(process.env.ANTHROPIC_API_KEY.trim());
  const { loadPriceTable } = await import("../collect/prices.js");
  const { loadScorer } = await import("../collect/loadScorer.js");
  const options: CollectOptions = {
    tasks,
    conditions,
    samples,
    out,
    concurrency,
    maxRetries,
    timeoutMs,
    batch,
    retryErrors: values["retry-errors"] === true,
    // A scorer that fails to import is bad input like any other (exit 2), not a failed run.
    scorer: scorerPath !== undefined ? await loadScorer(scorerPath).catch((e: Error) => Promise.reject(e instanceof TypeError ? e : new UsageError(e.message))) : undefined,
    prices: pricesPath !== undefined ? loadPriceTable(pricesPath) : undefined,
    progress: values.quiet || io.progress === undefined ? false : io.progress,
    retryBaseMs,
    pollIntervalMs,
    notify: (message) => io.err(message),
    ...(untilDecided ? { untilDecided } : {}),
  };

  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      io.err("\nStopping: finishing the requests in flight (Ctrl-C again to quit at once)...");
      controller.abort();
    } else {
      io.err("\nQuit. Answers in flight were not written; run the same command again to resume.");
      process.exit(130);
    }
  };
  process.on("SIGINT", onSigint);
  try {
    const { collectRuns } = await import("../collect/collect.js");
    const summary = await collectRuns({ ...options, signal: controller.signal });
    if (summary.tornBytes > 0) io.err(`Removed a torn last line (${summary.tornBytes} bytes) left by an earlier crash.`);
    if (summary.droppedErrors > 0) io.err(`Asked again ${summary.droppedErrors} answers recorded with an error.`);
    io.out(values.json ? JSON.stringify(summary, null, 2) : [formatSummary(summary), ...untilDecidedLines(summary)].join("\n"));
    if (summary.interrupted) {
      const again = ["evalgap", "run", ...argv.filter((a) => a !== "--retry-errors")].map(shellQuote).join(" ");
      const pending = summary.pendingBatches.length
        ? ` Batch ${summary.pendingBatches.join(", ")} is still running on the server; its results will be collected then.`
        : "";
      io.err(`Stopped with ${summary.done} of ${summary.total} answers written to ${out}.${pending}\nTo resume:\n  ${again}`);
      return 130;
    }
    return 0;
  } catch (error) {
    // Another run holds the output: a refusal, like bad input (exit 2), not a failed run.
    if (error instanceof Error && error.name === "OutputLockedError") throw new UsageError(error.message);
    // An error may quote a request or a response: the key must not reach the terminal through it.
    if (error instanceof Error) error.message = scrub(error.message);
    throw error;
  } finally {
    process.off("SIGINT", onSigint);
  }
}
