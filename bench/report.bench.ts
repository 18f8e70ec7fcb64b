/**
 * `evalgap report` end to end on the real temperature sweeps (../shared/real-runs/llm-temperature:
 * 3 models × 11–17 temperatures = 39 conditions, 100 items × 10 answers each), from the built dist/:
 * Node start, reading 39 CSVs, summary, chance, all 741 pairs twice (own and Bonferroni level),
 * the paired cluster bootstrap of the ranks, pass@k and pass^k at k = 1, 5, 10, and headless
 * Chromium drawing the figures. The goal: under 10 s including the browser.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Benchmark } from "./harness.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const main = join(root, "dist", "cli", "main.js");
const temperatureDir = join(root, "..", "shared", "real-runs", "llm-temperature");

/** The reading flags of the temperature CSVs; the condition is the file name (model and temperature). */
const readingFlags = ["--columns", "item=Problem ID,cluster=Source,error=Error", "--condition-pattern", "([^/]+)\\.csv$", "--answers", "^Answer \\d+$", "--key", "Correct Answer"];

export const benchmarks: Benchmark[] = [
  {
    name: "evalgap report, 39 temperature runs, --pass-at 1,5,10 (process start to exit, Chromium included)",
    goalMs: 10_000,
    reference: "goal from issue 14 (under 10 s including the browser)",
    setup: () => {
      if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
      const files = readdirSync(temperatureDir).filter((f) => f.endsWith(".csv")).sort().map((f) => join(temperatureDir, f));
      if (files.length !== 39) throw new Error(`expected the 39 temperature CSVs in ${temperatureDir}, found ${files.length}`);
      return { files, dir: mkdtempSync(join(tmpdir(), "evalgap-report-bench-")) };
    },
    run: (state) => {
      const { files, dir } = state as { files: string[]; dir: string };
      const args = ["report", ...files, ...readingFlags, "--pass-at", "1,5,10", "--drop-short-items", "--out", join(dir, "report.html")];
      const r = spawnSync(process.execPath, [main, ...args], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`evalgap report exited ${r.status}: ${r.stderr.split("\n").slice(-3).join("\n")}`);
    },
    teardown: (state) => rmSync((state as { dir: string }).dir, { recursive: true, force: true }),
    repeats: 3,
  },
];
