/** Shared bits of the collect tests: temporary files, task sets, reading the output. */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { Condition, Task } from "../../src/collect/types.js";
import { startMockServer, type MockServer } from "../../src/collect/mockApi.js";

export const FAKE_KEY = "sk-ant-test-fake-key-0000000000";

/**
 * Start the mock Messages API before the file's tests and point the SDK at it (base URL and the
 * fake key), then stop it and restore the environment after them. Read `.server` inside tests.
 */
export function useMockApi(options: Omit<Parameters<typeof startMockServer>[0], "apiKey"> = {}): { readonly server: MockServer } {
  let server: MockServer | undefined;
  const saved = { url: process.env.ANTHROPIC_BASE_URL, key: process.env.ANTHROPIC_API_KEY };
  beforeAll(async () => {
    server = await startMockServer({ ...options, apiKey: FAKE_KEY });
    process.env.ANTHROPIC_BASE_URL = server.url;
    process.env.ANTHROPIC_API_KEY = FAKE_KEY;
  });
  afterAll(async () => {
    await server?.close();
    if (saved.url === undefined) delete process.env.ANTHROPIC_BASE_URL;
    else process.env.ANTHROPIC_BASE_URL = saved.url;
    if (saved.key === undefined) delete process.env.ANTHROPIC_API_KEY;
    else process.env.ANTHROPIC_API_KEY = saved.key;
  });
  return {
    get server(): MockServer {
      if (!server) throw new Error("the mock API starts in beforeAll; read .server inside a test");
      return server;
    },
  };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "evalgap-collect-"));
}

/** n multiple-choice tasks; task i's target cycles A–D and the mock answers `answerFor(i)`. */
export function mcTasks(n: number, opts: { marker?: (i: number) => string; answerFor?: (i: number) => string; clusters?: number } = {}): Task[] {
  const letters = ["A", "B", "C", "D"];
  return Array.from({ length: n }, (_, i) => {
    const target = letters[i % 4];
    const reply = opts.answerFor ? opts.answerFor(i) : target;
    const task: Task = { id: `q${i}`, prompt: `Question ${i}. Reply with ${reply}. ${opts.marker?.(i) ?? ""}`.trim(), target, choices: 4 };
    if (opts.clusters) task.cluster = `c${i % opts.clusters}`;
    return task;
  });
}

export const twoConditions: Condition[] = [
  { name: "plain", model: "claude-haiku-4-5", maxTokens: 64, temperature: 1 },
  { name: "step by step", model: "claude-haiku-4-5", maxTokens: 64, temperature: 1, promptSuffix: "Think step by step without shortcuts." },
];

export function writeInputs(dir: string, tasks: Task[], conditions: Condition[] = twoConditions): { tasks: string; conditions: string } {
  const t = join(dir, "tasks.jsonl");
  const c = join(dir, "conditions.json");
  writeFileSync(t, tasks.map((x) => JSON.stringify(x)).join("\n") + "\n");
  writeFileSync(c, JSON.stringify(conditions));
  return { tasks: t, conditions: c };
}

export function readRecords(path: string): Record<string, unknown>[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function keysOf(records: Record<string, unknown>[]): string[] {
  return records.map((r) => `${r.item}|${r.condition}|${r.sample}`);
}
