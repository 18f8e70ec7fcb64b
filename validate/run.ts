/**
 * `npm run validate`: measure every cell of the design grid through the public API with default
 * options, on worker threads, then the anytime-valid sequences of `--until decided` under
 * continuous monitoring (validate/sequential.ts), and write docs/validation.md, docs/validation.json
 * and docs/validation-sequential.json.
 *
 *   npm run validate                           the full grid and the sequential checks → docs/ (~25 min)
 *   npm run validate -- --sequential           the sequential checks alone (~1–2 min) → their section
 *                                              of docs/validation.md and validation-sequential.json;
 *                                              the grid's tables are left as they are
 *   npm run validate -- --quick                five small cells and the sequential checks at 200 reps, printed only
 *   npm run validate -- --filter "paired n=10 " cells and sequential scenarios whose id contains the text, printed only
 *                                              (--filter sequential: every sequential scenario)
 *   options: --workers N (default 2), --min-reps R (2000), --max-reps R (5000), --out DIR (write there),
 *            --seq-reps R (2000) and --seq-items N (500): replications and items of each sequential scenario
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { fullGrid, quickGrid, type Cell } from "./designs.js";
import { summarizeMetric, type CellResult, type MeasureOptions } from "./measure.js";
import { cellSummary, jsonReport, markdownReport, type RunInfo } from "./report.js";
import type { WorkRequest } from "./worker.js";
import { measureSequential, SEQUENTIAL_SCENARIOS, type SequentialResult, type SequentialScenario } from "./sequential.js";
import { sequentialJson, sequentialSection, spliceSequentialSection, type SequentialRunInfo } from "./sequentialReport.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

interface Args {
  quick: boolean;
  filter?: string;
  workers: number;
  minReps: number;
  maxReps: number;
  out?: string;
  /** Only the sequential checks. */
  sequential: boolean;
  seqReps: number;
  seqItems: number;
}

const SEQ_REPS = 2000;
const SEQ_ITEMS = 500;

function positiveInteger(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${flag} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { quick: false, workers: Math.min(2, availableParallelism()), minReps: 2000, maxReps: 5000, sequential: false, seqReps: SEQ_REPS, seqItems: SEQ_ITEMS };
  let seqRepsGiven = false;
  let seqItemsGiven = false;
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
    else if (flag === "--sequential") args.sequential = true;
    else if (flag === "--seq-reps") (args.seqReps = positiveInteger(flag, value())), (seqRepsGiven = true);
    else if (flag === "--seq-items") (args.seqItems = positiveInteger(flag, value())), (seqItemsGiven = true);
    else throw new RangeError(`unknown option ${JSON.stringify(flag)}; see validate/run.ts`);
  }
  args.maxReps = Math.max(args.maxReps, args.minReps);
  // --quick is for developing the harness: the sequential checks at a tenth of their replications.
  if (args.quick && !seqRepsGiven) args.seqReps = 200;
  if (args.quick && !seqItemsGiven) args.seqItems = 200;
  if (args.sequential && args.quick) throw new RangeError("--sequential and --quick do not go together; use --sequential --seq-reps R for a smaller run");
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

/** The sequential scenarios one after the other on this thread (about a minute at the defaults). */
function measureSequentialAll(scenarios: readonly SequentialScenario[], args: Args): SequentialResult[] {
  if (scenarios.length === 0) return [];
  console.log(`\nsequential checks: ${scenarios.length} scenarios, ${args.seqReps} reps of ${args.seqItems} items each, looked at after every item`);
  const results: SequentialResult[] = [];
  for (const scenario of scenarios) {
    const r = measureSequential(scenario, { reps: args.seqReps, items: args.seqItems });
    results.push(r);
    const show = (e: { rate: number; mcse: number }) => `${(100 * e.rate).toFixed(1)}±${(100 * e.mcse).toFixed(1)}`;
    const numbers = [`coverage ${show(r.coverage.betting)} (EB ${show(r.coverage["empirical-bernstein"])})`];
    if (r.typeI) numbers.push(`type I ${show(r.typeI.betting)} (EB ${show(r.typeI["empirical-bernstein"])}), naive ${show(r.naive!)}`);
    console.log(`[${results.length}/${scenarios.length}] ${r.pass ? "ok  " : "FAIL"} ${scenario.id}: ${numbers.join(", ")} (${r.seconds.toFixed(1)} s)`);
  }
  return results;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let cells = args.sequential ? [] : args.quick ? quickGrid() : fullGrid();
  let scenarios = [...SEQUENTIAL_SCENARIOS];
  if (args.filter !== undefined) {
    cells = cells.filter((c) => c.id.includes(args.filter!));
    scenarios = scenarios.filter((s) => s.id.includes(args.filter!));
  }
  if (cells.length === 0 && scenarios.length === 0) throw new RangeError(`no cell or sequential scenario id contains ${JSON.stringify(args.filter)}`);
  const seqDefaults = args.seqReps === SEQ_REPS && args.seqItems === SEQ_ITEMS && args.filter === undefined;
  const full = !args.quick && !args.sequential && args.filter === undefined && args.minReps === 2000 && args.maxReps === 5000 && seqDefaults;
  const outDir = args.out ?? (full || (args.sequential && seqDefaults) ? join(root, "docs") : undefined);
  const checkout = gitDescription();
  if (args.sequential) {
    const started = performance.now();
    const results = measureSequentialAll(scenarios, args);
    const wallSeconds = (performance.now() - started) / 1000;
    reportSequential(results, { date: new Date().toISOString().slice(0, 10), ...checkout, command: "npm run validate -- --sequential", wallSeconds, reps: args.seqReps, items: args.seqItems }, outDir);
    return;
  }
  if (cells.length > 0) console.log(`validating ${cells.length} cells, ${args.minReps}–${args.maxReps} reps each, on ${args.workers} worker threads`);

  // The code measured is the code loaded now: the checkout is described above, before the run.
  const started = performance.now();
  let done = 0;
  const results = await measureAll(cells, args.workers, { minReps: args.minReps, maxReps: args.maxReps }, (r) => {
    done++;
    console.log(progressLine(done, cells.length, r, (performance.now() - started) / 1000));
  });
  const gridSeconds = (performance.now() - started) / 1000;
  const seqStarted = performance.now();
  const sequential = measureSequentialAll(scenarios, args);
  const seqSeconds = (performance.now() - seqStarted) / 1000;
  const wallSeconds = gridSeconds + seqSeconds;

  // Report in grid order, whatever order the workers finished in.
  const order = new Map(cells.map((c, i) => [c.id, i]));
  const summaries = results.sort((a, b) => order.get(a.cell.id)! - order.get(b.cell.id)!).map(cellSummary);
  const failing = summaries.filter((c) => !c.pass).length;
  const seqFailing = sequential.filter((r) => !r.pass).length;
  console.log(`\n${summaries.length - failing} of ${summaries.length} cells pass, ${sequential.length - seqFailing} of ${sequential.length} sequential scenarios; wall time ${(wallSeconds / 60).toFixed(1)} min (${wallSeconds.toFixed(0)} s)`);
  // Like `npm run bench`: the report is written either way, the exit code says whether every default held.
  process.exitCode = failing || seqFailing ? 1 : 0;
  if (outDir) {
    const date = new Date().toISOString().slice(0, 10);
    const info: RunInfo = { date, ...checkout, wallSeconds, workers: args.workers, minReps: args.minReps, maxReps: args.maxReps };
    const seqInfo: SequentialRunInfo = { date, ...checkout, command: "npm run validate", wallSeconds: seqSeconds, reps: args.seqReps, items: args.seqItems };
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, "validation.md"), markdownReport(summaries, info, sequential.length ? sequentialSection(sequential, seqInfo) : undefined));
    writeFileSync(join(outDir, "validation.json"), jsonReport(summaries, info));
    if (sequential.length) writeFileSync(join(outDir, "validation-sequential.json"), sequentialJson(sequential, seqInfo));
    console.log(`wrote ${relative(process.cwd(), join(outDir, "validation.md"))}, validation.json${sequential.length ? " and validation-sequential.json" : ""}`);
  }
}

/** `--sequential`: print the verdict, and rewrite the section of validation.md (the grid's tables stay) and the JSON. */
function reportSequential(results: readonly SequentialResult[], info: SequentialRunInfo, outDir: string | undefined): void {
  const failing = results.filter((r) => !r.pass).length;
  console.log(`\n${results.length - failing} of ${results.length} sequential scenarios pass; wall time ${(info.wallSeconds / 60).toFixed(1)} min (${info.wallSeconds.toFixed(0)} s)`);
  process.exitCode = failing ? 1 : 0;
  if (!outDir) return;
  mkdirSync(outDir, { recursive: true });
  const md = join(outDir, "validation.md");
  const before = existsSync(md) ? readFileSync(md, "utf8") : "# Validation of evalgap's defaults by simulation\n";
  writeFileSync(md, spliceSequentialSection(before, sequentialSection(results, info)));
  writeFileSync(join(outDir, "validation-sequential.json"), sequentialJson(results, info));
  console.log(`wrote the sequential section of ${relative(process.cwd(), md)} and validation-sequential.json`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
