/**
 * `evalgap run` throughput against the mock Messages API at 20 ms per answer: 2,000 answers
 * at concurrency 16. The floor is 2000 / 16 × 20 ms = 2.5 s; the goal (≤ 5 s) leaves room for
 * the SDK, scoring and one write per record, and nothing more.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { collectRuns } from "../src/collect/collect.js";
import { FAKE_KEY, mcTasks, tempDir, twoConditions } from "../test/collect/helpers.js";
import { startMockServer, type MockServer } from "../src/collect/mockApi.js";
import type { Benchmark } from "./harness.js";

interface State {
  mock: MockServer;
  dir: string;
  runs: number;
  env: { url?: string; key?: string };
}

export const benchmarks: Benchmark[] = [
  {
    name: "collectRuns 2,000 answers, concurrency 16, mock 20 ms",
    goalMs: 5000,
    reference: "floor 2,500 ms (2000/16 × 20 ms)",
    repeats: 3,
    setup: async (): Promise<State> => {
      const mock = await startMockServer({ apiKey: FAKE_KEY, latencyMs: 20 });
      const env = { url: process.env.ANTHROPIC_BASE_URL, key: process.env.ANTHROPIC_API_KEY };
      process.env.ANTHROPIC_BASE_URL = mock.url;
      process.env.ANTHROPIC_API_KEY = FAKE_KEY;
      return { mock, dir: tempDir(), runs: 0, env };
    },
    run: async (s) => {
      const state = s as State;
      const summary = await collectRuns({
        tasks: mcTasks(1000),
        conditions: twoConditions,
        samples: 1,
        out: join(state.dir, `runs-${state.runs++}.jsonl`),
        concurrency: 16,
        progress: false,
      });
      if (summary.written !== 2000 || summary.errors !== 0) throw new Error(`expected 2000 clean answers, got ${summary.written} (${summary.errors} errors)`);
    },
    teardown: async (s) => {
      const state = s as State;
      await state.mock.close();
      rmSync(state.dir, { recursive: true, force: true });
      if (state.env.url === undefined) delete process.env.ANTHROPIC_BASE_URL;
      else process.env.ANTHROPIC_BASE_URL = state.env.url;
      if (state.env.key === undefined) delete process.env.ANTHROPIC_API_KEY;
      else process.env.ANTHROPIC_API_KEY = state.env.key;
    },
  },
];
