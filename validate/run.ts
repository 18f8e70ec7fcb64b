/**
 * `npm run validate`: measure every cell of the design grid through the public API with default
 * options, on worker threads, and write docs/validation.md and docs/validation.json.
 *
 *   npm run validate                           the full grid → docs/
 *   npm run validate -- --quick                five small cells, printed only
 *   npm run validate -- --filter "paired n=10 " cells whose id contains the text, printed only
 *   options: --workers N (default 2), --min-reps R (2000), --max-reps R (5000), --out DIR (write there)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { fullGrid, quickGrid, type Cell } from "./designs.js";
import { summarizeMetric, type CellResult, type MeasureOptions } from "./measure.js";
import { cellSummary, jsonReport, markdownReport, type RunInfo } from "./report.js";
import type { WorkRequest } from "./worker.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

interface Args {
  quick: boolean;
  filter?: string;
  workers: number;
  minReps: number;
  maxReps: number;
  out?: string;
}

function positiveInteger(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${flag} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { quick: false, workers: Math.min(2, availableParallelism()), minReps: 2000, maxReps: 5000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new RangeError(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === "--quick") args.quick = true;
    else if (flag === "--filter") args.filter = value();
    else if (flag === "--workers") args.workers = positiveInteger(flag, value());
    else if (flag === "--min-reps") args.minReps = positiveInteger(flag, value());
    else if (flag === "--max-reps") args.maxReps = positiveInteger(flag, value());
    else if (flag === "--out") args.out = value();
    else throw new RangeError(`unknown option ${JSON.stringify(flag)}; see validate/run.ts`);
  }
  args.maxReps = Math.max(args.maxReps, args.minReps);
  return args;
}

/** Relative cost of a cell: records simulated and analysed per replication, plus a per-call overhead. */
function cost(cell: Cell): number {
  return cell.items * cell.samples * cell.rates.length + 200;
}

function gitDescription(): { commit: string; uncommittedSrc: string[] } {
  try {
    const commit = execFileSync("git", ["describe", "--always", "--dirty"], { cwd: root, encoding: "utf8" }).trim();
    const status = execFileSync("git", ["status", "--short", "--", "src"], { cwd: root, encoding: "utf8" });
    return { commit, uncommittedSrc: status.split("\n").filter((line) => line.trim() !== "").map((line) => line.slice(3)) };
  } catch {
    return { commit: "(no git)", uncommittedSrc: [] };
  }
}

function progressLine(done: number, total: number, r: CellResult, elapsed: number): string {
  const metrics = r.metrics.map(summarizeMetric);
  const verdict = metrics.every((m) => m.pass) ? "ok  " : "FAIL";
  const numbers = metrics.map((m) => `${m.kind} ${(100 * m.rate).toFixed(1)}±${(100 * m.mcse).toFixed(1)}`).join(", ");
  const eta = done < total ? `, eta ${((elapsed / done) * (total - done) / 60).toFixed(1)} min` : "";
  return `[${String(done).padStart(String(total).length)}/${total}] ${verdict} ${r.cell.id}: ${numbers} (${r.reps} reps, ${r.seconds.toFixed(1)} s${eta})`;
}

/** A worker thread running validate/worker.ts through tsx's loader (workers do not inherit it). */
function startWorker(): Worker {
  const api = import.meta.resolve("tsx/esm/api");
  const script = new URL("./worker.ts", import.meta.url).href;
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`, { eval: true });
}

/** Measure the cells on `workers` threads, most expensive first, calling `onResult` as each finishes. */
function measureAll(cells: readonly Cell[], workers: number, options: MeasureOptions, onResult: (r: CellResult) => void): Promise<CellResult[]> {
  const queue = [...cells].sort((a, b) => cost(b) - cost(a));
  const results: CellResult[] = [];
  return new Promise((resolve, reject) => {
    let running = Math.min(workers, queue.length);
    if (running === 0) resolve(results);
    for (let w = 0; w < Math.min(workers, queue.length); w++) {
      const worker = startWorker();
      const feed = () => {
        const cell = queue.shift();
        worker.postMessage(cell ? ({ cell, options } satisfies WorkRequest) : null);
        if (!cell) {
          void worker.terminate();
          if (--running === 0) resolve(results);
        }
      };
      worker.on("message", (message: CellResult | "ready") => {
        if (message !== "ready") {
          results.push(message);
          onResult(message);
        }
        feed();
      });
      worker.on("error", reject);
    }
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let cells = args.quick ? quickGrid() : fullGrid();
  if (args.filter !== undefined) cells = cells.filter((c) => c.id.includes(args.filter!));
  if (cells.length === 0) throw new RangeError(`no cell id contains ${JSON.stringify(args.filter)}`);
  const full = !args.quick && args.filter === undefined && args.minReps === 2000 && args.maxReps === 5000;
  const outDir = args.out ?? (full ? join(root, "docs") : undefined);
  console.log(`validating ${cells.length} cells, ${args.minReps}–${args.maxReps} reps each, on ${args.workers} worker threads`);

  // The code measured is the code loaded now: describe the checkout before the run, not after it.
  const checkout = gitDescription();
  const started = performance.now();
  let done = 0;
  const results = await measureAll(cells, args.workers, { minReps: args.minReps, maxReps: args.maxReps }, (r) => {
    done++;
    console.log(progressLine(done, cells.length, r, (performance.now() - started) / 1000));
  });
  const wallSeconds = (performance.now() - started) / 1000;

  // Report in grid order, whatever order the workers finished in.
  const order = new Map(cells.map((c, i) => [c.id, i]));
  const summaries = results.sort((a, b) => order.get(a.cell.id)! - order.get(b.cell.id)!).map(cellSummary);
  const failing = summaries.filter((c) => !c.pass).length;
  console.log(`\n${summaries.length - failing} of ${summaries.length} cells pass; wall time ${(wallSeconds / 60).toFixed(1)} min (${wallSeconds.toFixed(0)} s)`);
  // Like `npm run bench`: the report is written either way, the exit code says whether every default held.
  process.exitCode = failing ? 1 : 0;
  if (outDir) {
    const info: RunInfo = { date: new Date().toISOString().slice(0, 10), ...checkout, wallSeconds, workers: args.workers, minReps: args.minReps, maxReps: args.maxReps };
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, "validation.md"), markdownReport(summaries, info));
    writeFileSync(join(outDir, "validation.json"), jsonReport(summaries, info));
    console.log(`wrote ${relative(process.cwd(), join(outDir, "validation.md"))} and validation.json`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
