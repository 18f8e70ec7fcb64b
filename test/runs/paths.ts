/** Where the shared real fixtures live: ../shared beside the project root (never copied in). */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const sharedFixtures = resolve(projectRoot, "../shared/fixtures");
export const temperatureDir = resolve(projectRoot, "../shared/real-runs/llm-temperature");
export const localFixtures = resolve(projectRoot, "test/fixtures/runs");

export const POPULARITY = join(sharedFixtures, "inspect-eval-popularity/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval");
export const STREAMING = join(sharedFixtures, "inspect-eval-popularity/log_streaming.eval");
export const ZSTD_ERROR = join(sharedFixtures, "extra-inspect-zstd-error/2026-07-22T16-51-18-00-00_a2ui-v1-0-eval_nXpB6sZohVsmQgnyUD8nuj.eval");

/** A fresh temporary folder for files a test writes. */
export function scratch(): string {
  return mkdtempSync(join(tmpdir(), "evalgap-runs-"));
}

/** Write `content` to `name` in a fresh temporary folder and return its path. */
export function writeTemp(name: string, content: string | Buffer): string {
  const path = join(scratch(), name);
  writeFileSync(path, content);
  return path;
}
