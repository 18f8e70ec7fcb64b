/**
 * `evalgap run`: send the same items through the Anthropic API under named conditions,
 * K times each, and append RunRecords to --out. The dispatcher (src/cli/main.ts) imports
 * this lazily and calls `runCommand` with the arguments after `run`.
 */
import { parseArgs } from "node:util";
import type { CollectSummary } from "../collect/collect.js";

const HELP = `evalgap run — collect production runs with the Anthropic API

Usage:
  evalgap run --tasks tasks.jsonl --conditions conditions.json --samples K --out runs.jsonl
              [--concurrency N] [--batch] [--max-retries N] [--timeout-ms N]
              [--scorer module.ts] [--prices prices.json] [--retry-errors] [--quiet]

  --tasks         JSONL, one task a line: { id, prompt, target, choices?, cluster?, system?, meta? }
  --conditions    JSON array: { name, model, maxTokens, temperature?, topP?, system?, promptSuffix? }
  --samples       answers per (item, condition) (K)
  --out           output JSONL; an existing file is resumed: answers already in it are skipped
  --concurrency   requests in flight at once (default 8)
  --batch         use the Message Batches API (half price; the batch id is kept in <out>.batch.json,
                  so an interrupted run picks the batch up again)
  --max-retries   SDK retries per request, with backoff honouring retry-after (default 4)
  --timeout-ms    per-attempt timeout (default 600000)
  --scorer        module exporting (response, task) => score in [0, 1] (default: choice extraction
                  for tasks with choices, normalised exact match otherwise)
  --prices        JSON { "model-prefix": { "input": $/MTok, "output": $/MTok } } for the cost estimate
  --retry-errors  ask again the answers recorded with an error
  --quiet         no progress line

The API key is read from ANTHROPIC_API_KEY only. Ctrl-C finishes the requests in flight,
writes them, and stops; run the same command again to resume.
`;

function intOption(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new RangeError(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  return n;
}

function fmtInt(n: number): string {
  return n.toLocaleString("en-US");
}

/**
 * The end-of-run table: records, errors, refusals, mean score, tokens and cost per condition,
 * then the totals and the estimated cost of the whole file.
 *
 * @example formatSummary(summary) // "condition  model  records  …\n…\nEstimated cost of the whole file: $1.00 …"
 */
export function formatSummary(summary: CollectSummary): string {
  const rows = summary.byCondition.map((c) => [
    c.condition,
    c.model,
    fmtInt(c.records),
    fmtInt(c.errors),
    fmtInt(c.refused),
    c.meanScore === null ? "-" : c.meanScore.toFixed(3),
    fmtInt(c.inputTokens),
    fmtInt(c.outputTokens),
    c.cost === null ? "no price" : `$${c.cost.toFixed(c.cost < 1 ? 4 : 2)}`,
  ]);
  const head = ["condition", "model", "records", "errors", "refused", "mean", "input tok", "output tok", "est. cost"];
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const lines = all.map((r) => r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  "));
  const known = summary.byCondition.filter((c) => c.cost !== null);
  const total = known.reduce((s, c) => s + (c.cost ?? 0), 0);
  lines.push("");
  lines.push(
    `${fmtInt(summary.done)}/${fmtInt(summary.total)} answers in the file (${fmtInt(summary.written)} written now, ` +
      `${fmtInt(summary.resumed)} from before; ${fmtInt(summary.errors)} errors, ${fmtInt(summary.retries)} retries this run).`,
  );
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
 * 1 error, 2 bad arguments, 130 interrupted).
 *
 * @example await runCommand(["--help"]) // 0
 */
export async function runCommand(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
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
        help: { type: "boolean", short: "h" },
        // For tests: fast backoff and polling against a local mock server.
        "retry-base-ms": { type: "string" },
        "poll-ms": { type: "string" },
      },
    }).values;
  } catch (e) {
    process.stderr.write(`evalgap run: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  let options;
  let scrub = (t: string) => t;
  try {
    const missing = ["tasks", "conditions", "samples", "out"].filter((k) => values[k as keyof typeof values] === undefined);
    if (missing.length) throw new RangeError(`missing ${missing.map((m) => `--${m}`).join(", ")}`);
    const samples = intOption("samples", values.samples, 1)!;
    const { loadTasks, loadConditions } = await import("../collect/taskFile.js");
    const { loadPriceTable } = await import("../collect/prices.js");
    const { loadScorer } = await import("../collect/loadScorer.js");
    const { makeScrubber } = await import("../collect/redact.js");
    scrub = makeScrubber(process.env.ANTHROPIC_API_KEY?.trim());
    options = {
      tasks: loadTasks(values.tasks!),
      conditions: loadConditions(values.conditions!),
      samples,
      out: values.out!,
      concurrency: intOption("concurrency", values.concurrency, 1),
      maxRetries: intOption("max-retries", values["max-retries"], 0),
      timeoutMs: intOption("timeout-ms", values["timeout-ms"], 1),
      batch: values.batch === true,
      retryErrors: values["retry-errors"] === true,
      scorer: values.scorer ? await loadScorer(values.scorer) : undefined,
      prices: values.prices ? loadPriceTable(values.prices) : undefined,
      progress: values.quiet ? (false as const) : undefined,
      retryBaseMs: intOption("retry-base-ms", values["retry-base-ms"], 0),
      pollIntervalMs: intOption("poll-ms", values["poll-ms"], 1),
    };
  } catch (e) {
    process.stderr.write(`evalgap run: ${scrub((e as Error).message)}\n`);
    return 2;
  }

  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write("\nStopping: finishing the requests in flight (Ctrl-C again to quit at once)...\n");
      controller.abort();
    } else {
      process.stderr.write("\nQuit. Answers in flight were not written; run the same command again to resume.\n");
      process.exit(130);
    }
  };
  process.on("SIGINT", onSigint);
  try {
    const { collectRuns } = await import("../collect/collect.js");
    const summary = await collectRuns({ ...options, signal: controller.signal });
    if (summary.tornBytes > 0) process.stderr.write(`Removed a torn last line (${summary.tornBytes} bytes) left by an earlier crash.\n`);
    if (summary.droppedErrors > 0) process.stderr.write(`Asked again ${summary.droppedErrors} answers recorded with an error.\n`);
    process.stdout.write(formatSummary(summary) + "\n");
    if (summary.interrupted) {
      const again = ["evalgap", "run", ...argv.filter((a) => a !== "--retry-errors")].map(shellQuote).join(" ");
      const pending = summary.pendingBatches.length
        ? ` Batch ${summary.pendingBatches.join(", ")} is still running on the server; its results will be collected then.`
        : "";
      process.stderr.write(
        `Stopped with ${summary.done} of ${summary.total} answers written to ${options.out}.${pending}\nTo resume:\n  ${again}\n`,
      );
      return 130;
    }
    return 0;
  } catch (e) {
    process.stderr.write(`evalgap run: ${scrub((e as Error).message)}\n`);
    return 1;
  } finally {
    process.off("SIGINT", onSigint);
  }
}
