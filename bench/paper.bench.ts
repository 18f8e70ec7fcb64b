/** `npm run paper` end to end (process start, every story, one Chromium, gallery and report) into a temp dir. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Benchmark } from "./harness.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export const benchmarks: Benchmark[] = [
  {
    name: "npm run paper: every figure (26) × svg+png+html, gallery, report",
    goalMs: 10_000,
    reference: "issue 6 goal: ≤ 10 s wall",
    setup: () => mkdtempSync(join(tmpdir(), "evalgap-paper-bench-")),
    run: (dir) => {
      const tsx = join(root, "node_modules", ".bin", "tsx");
      const r = spawnSync(tsx, [join(root, "scripts", "paper.ts"), "--out", dir as string], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`paper exited ${r.status}: ${r.stderr}`);
    },
    teardown: (dir) => rmSync(dir as string, { recursive: true, force: true }),
    repeats: 3,
  },
];
