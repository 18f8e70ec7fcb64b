/**
 * Loading a 1M-row run and summarising it (per-condition mean), as JSONL and as CSV. The files are
 * made by bench/make-big-run.ts on first use (git-ignored). Peak memory is measured in a child
 * process (process.resourceUsage().maxRSS) so this process's own heap does not count.
 * Reference (issue 4, measured on the project machine): pandas read_json(lines=True) 12.6 s and
 * 1.5 GB on a 1M-row 110 MB log; pandas read_csv 1.0 s and 264 MB.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Benchmark } from "./harness.js";
import { ensureBigRun } from "./make-big-run.js";
import { loadRuns } from "../src/runs/index.js";
import type { RunRecord } from "../src/runs/record.js";

const PEAK_LIMIT_MB = 600;
const runsModule = pathToFileURL(fileURLToPath(new URL("../src/runs/index.ts", import.meta.url))).href;

/** The "summary": mean score per condition. */
function meanByCondition(records: readonly RunRecord[]): Map<string, number> {
  const sums = new Map<string, [number, number]>();
  for (const r of records) {
    const s = sums.get(r.condition);
    if (s) {
      s[0] += r.score;
      s[1]++;
    } else sums.set(r.condition, [r.score, 1]);
  }
  return new Map([...sums].map(([c, [sum, n]]) => [c, sum / n]));
}

async function loadAndSummarise(file: string): Promise<Map<string, number>> {
  const records = await loadRuns(file);
  if (records.length !== 1_000_000) throw new Error(`expected 1,000,000 records, got ${records.length}`);
  return meanByCondition(records);
}

/** Load in a fresh Node process and return its wall time and peak RSS. */
function inChild(file: string): { ms: number; peakMB: number } {
  const code = `
    const { loadRuns } = await import(${JSON.stringify(runsModule)});
    const t = performance.now();
    const records = await loadRuns(${JSON.stringify(file)});
    const sums = new Map();
    for (const r of records) { const s = sums.get(r.condition) ?? [0, 0]; s[0] += r.score; s[1]++; sums.set(r.condition, s); }
    console.log(JSON.stringify({ ms: performance.now() - t, n: records.length, peakMB: process.resourceUsage().maxRSS / 1024 }));`;
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { encoding: "utf8" });
  const result = JSON.parse(out.trim().split("\n").pop()!) as { ms: number; n: number; peakMB: number };
  console.log(`      child: ${result.n} records in ${result.ms.toFixed(0)} ms, peak RSS ${result.peakMB.toFixed(0)} MB (limit ${PEAK_LIMIT_MB} MB)`);
  if (result.peakMB > PEAK_LIMIT_MB) throw new Error(`peak RSS ${result.peakMB.toFixed(0)} MB over ${PEAK_LIMIT_MB} MB`);
  return result;
}

export const benchmarks: Benchmark[] = [
  {
    name: "loadRuns JSONL 1M rows + per-condition mean",
    goalMs: 2000,
    reference: "pandas read_json(lines=True) 12.6 s, 1.5 GB",
    setup: async () => (await ensureBigRun()).jsonl,
    run: (file) => loadAndSummarise(file as string),
    repeats: 5,
  },
  {
    name: "loadRuns CSV 1M rows + per-condition mean",
    goalMs: 1000,
    reference: "pandas read_csv 1.0 s, 264 MB",
    setup: async () => (await ensureBigRun()).csv,
    run: (file) => loadAndSummarise(file as string),
    repeats: 5,
  },
  {
    name: "JSONL 1M rows in a child: peak RSS <= 600 MB (time incl. start)",
    goalMs: 3000,
    reference: "pandas read_json(lines=True) 1.5 GB peak",
    setup: async () => (await ensureBigRun()).jsonl,
    run: (file) => inChild(file as string),
    repeats: 1,
  },
  {
    name: "CSV 1M rows in a child: peak RSS <= 600 MB (time incl. start)",
    goalMs: 2500,
    reference: "pandas read_csv 264 MB peak",
    setup: async () => (await ensureBigRun()).csv,
    run: (file) => inChild(file as string),
    repeats: 1,
  },
];
