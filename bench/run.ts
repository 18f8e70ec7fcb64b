/** `npm run bench [filter]`: run every bench/*.bench.ts and print ours beside the goal and the reference. */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { measure, type Benchmark, type BenchResult } from "./harness.js";

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here).filter((f) => f.endsWith(".bench.ts")).sort();
const results: BenchResult[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { benchmarks: Benchmark[] };
  for (const b of mod.benchmarks) {
    if (filter && !b.name.includes(filter) && !file.includes(filter)) continue;
    const r = await measure(b);
    results.push(r);
    const ms = r.medianMs < 1 ? r.medianMs.toFixed(3) : r.medianMs.toFixed(1);
    console.log(`${r.pass ? "ok  " : "SLOW"}  ${r.name.padEnd(58)} ${ms.padStart(9)} ms  (goal ≤ ${r.goalMs} ms; ${r.reference})`);
  }
}
const slow = results.filter((r) => !r.pass);
console.log(`\n${results.length - slow.length} of ${results.length} benchmarks within their goal`);
process.exitCode = slow.length ? 1 : 0;
