/** CLI start-up: `evalgap chance` and `evalgap plan` end to end (Node start included), from the built dist/. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Benchmark } from "./harness.js";

const main = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "cli", "main.js");

function runCli(args: string[]): void {
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  const r = spawnSync(process.execPath, [main, ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`evalgap ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
}

export const benchmarks: Benchmark[] = [
  {
    name: "evalgap chance --successes 510 --trials 1000 (process start to exit)",
    goalMs: 300,
    reference: "goal from the issue; bare `node -e 0` takes ~45 ms here",
    run: () => runCli(["chance", "--successes", "510", "--trials", "1000"]),
    repeats: 9,
  },
  {
    name: "evalgap plan --p0 0.5 --p1 0.51 (process start to exit)",
    goalMs: 300,
    reference: "goal from the issue",
    run: () => runCli(["plan", "--p0", "0.5", "--p1", "0.51"]),
    repeats: 9,
  },
];
