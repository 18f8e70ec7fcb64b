/**
 * collectRuns against the mock Messages API (127.0.0.1, fake key): faults, resume, Ctrl-C,
 * scorers, batches. Retries are kept fast with retryBaseMs and tiny retry-after values.
 */
import { existsSync, readFileSync, writeFileSync, appendFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectRuns, type CollectOptions } from "../../src/collect/collect.js";
import { batchStatePath, readBatchState } from "../../src/collect/batchState.js";
import { CUSTOM_ID_PATTERN } from "../../src/collect/customId.js";
import { FAKE_KEY, keysOf, mcTasks, readRecords, tempDir, twoConditions, useMockApi } from "./helpers.js";
import { startMockServer } from "../../src/collect/mockApi.js";

const mockApi = useMockApi({ latencyMs: 2, batchPollsUntilEnded: 2 });

const fast: Partial<CollectOptions> = { progress: false, retryBaseMs: 1, timeoutMs: 500, maxRetries: 2, concurrency: 8 };

function expectEachKeyOnce(records: Record<string, unknown>[], expected: number) {
  const keys = keysOf(records);
  expect(keys).toHaveLength(expected);
  expect(new Set(keys).size).toBe(expected);
}

describe("online collection", () => {
  it("writes items × conditions × K records, scored, with the API's details", async () => {
    const out = join(tempDir(), "runs.jsonl");
    const tasks = mcTasks(6, { answerFor: (i) => (i === 0 ? "B" : ["A", "B", "C", "D"][i % 4]), clusters: 2 });
    const summary = await collectRuns({ ...fast, tasks, conditions: twoConditions, samples: 3, out });
    const records = readRecords(out);
    expectEachKeyOnce(records, 6 * 2 * 3);
    expect(summary).toMatchObject({ total: 36, resumed: 0, written: 36, errors: 0, refused: 0, done: 36, interrupted: false, tornBytes: 0 });
    // q0's target is A but the mock answers B: 6 of its records are wrong, the other 30 right.
    expect(records.filter((r) => r.score === 1)).toHaveLength(30);
    const r = records.find((x) => x.item === "q0")!;
    expect(r).toMatchObject({ answer: "B", target: "A", choices: 4, cluster: "c0", model: "claude-haiku-4-5", refused: false, stopReason: "end_turn" });
    expect(r.response).toContain("Answer: B");
    expect(typeof r.latencyMs).toBe("number");
    expect(r.requestId).toMatch(/^req_mock_\d+$/);
    expect(r.inputTokens).toBeGreaterThan(0);
    expect(r.outputTokens).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(String(r.timestamp)))).toBe(false);
    // The suffix condition really sent the suffix.
    expect(mockApi.server.stats.answered.some((b) => b.messages[0].content.endsWith("\n\nThink step by step without shortcuts."))).toBe(true);
    // Token totals per condition, and a cost from the price table (claude-haiku-4-5: $1 / $5 per MTok).
    expect(summary.byCondition.map((c) => c.condition)).toEqual(["plain", "step by step"]);
    const plain = summary.byCondition[0];
    const inTok = records.filter((x) => x.condition === "plain").reduce((s, x) => s + (x.inputTokens as number), 0);
    const outTok = records.filter((x) => x.condition === "plain").reduce((s, x) => s + (x.outputTokens as number), 0);
    expect(plain).toMatchObject({ records: 18, errors: 0, inputTokens: inTok, outputTokens: outTok });
    expect(plain.cost).toBeCloseTo((inTok * 1 + outTok * 5) / 1e6, 15);
    expect(plain.meanScore).toBeCloseTo(15 / 18, 15);
  });

  it("rides out 429 (retry-after), 500, 529 and slow answers; writes hard failures and malformed answers as errors; flags refusals", async () => {
    const out = join(tempDir(), "runs.jsonl");
    const markers = ["", "#429", "#500", "#529", "#slow", "#fail", "#malformed", "#refuse"];
    const tasks = mcTasks(8, { marker: (i) => markers[i] });
    const before = { ...mockApi.server.stats.byStatus };
    const t0 = Date.now();
    const summary = await collectRuns({ ...fast, tasks, conditions: twoConditions, samples: 2, out, timeoutMs: 300 });
    expect(Date.now() - t0).toBeLessThan(5000);
    const records = readRecords(out);
    expectEachKeyOnce(records, 8 * 2 * 2);
    const by = (i: number) => records.filter((r) => r.item === `q${i}`);
    for (const i of [0, 1, 2, 3, 4]) {
      expect(by(i).every((r) => r.error === undefined && r.score === 1)).toBe(true);
    }
    expect(by(5).every((r) => typeof r.error === "string" && /500/.test(r.error as string) && r.score === 0)).toBe(true);
    expect(by(6).every((r) => /malformed response/.test(r.error as string))).toBe(true);
    expect(by(7).every((r) => r.refused === true && r.score === 0 && r.stopReason === "refusal" && r.error === undefined)).toBe(true);
    // Retries: first attempts of #429, #500, #529 (4 each) and #slow (4, timed out), plus 2 per #fail request.
    expect(summary.retries).toBe(4 + 4 + 4 + 4 + 4 * 2);
    expect(summary.errors).toBe(8);
    expect(summary.refused).toBe(4);
    const sent = (s: number) => (mockApi.server.stats.byStatus[s] ?? 0) - (before[s] ?? 0);
    expect(sent(429)).toBe(4);
    expect(sent(529)).toBe(4);
    expect(sent(500)).toBe(4 + 4 * 3);
    // The #fail error body echoed the key: it must not reach the file.
    expect(readFileSync(out, "utf8")).not.toContain(FAKE_KEY);
    expect(by(5)[0].error).toContain("[redacted]");
  });

  it("resumes: skips what is written, removes a torn last line, never duplicates", async () => {
    const out = join(tempDir(), "runs.jsonl");
    const tasks = mcTasks(5);
    const first = await collectRuns({ ...fast, tasks: tasks.slice(0, 3), conditions: twoConditions, samples: 2, out });
    expect(first.written).toBe(12);
    appendFileSync(out, '{"item":"q3","condition":"plain","sample":0,"sco');
    const answeredBefore = mockApi.server.stats.answered.length;
    const second = await collectRuns({ ...fast, tasks, conditions: twoConditions, samples: 2, out });
    expect(second).toMatchObject({ total: 20, resumed: 12, written: 8, done: 20, interrupted: false });
    expect(second.tornBytes).toBeGreaterThan(0);
    expect(mockApi.server.stats.answered.length - answeredBefore).toBe(8);
    expectEachKeyOnce(readRecords(out), 20);
    // Totals cover the whole file, earlier runs included.
    expect(second.byCondition.reduce((s, c) => s + c.records, 0)).toBe(20);
    const third = await collectRuns({ ...fast, tasks, conditions: twoConditions, samples: 2, out });
    expect(third).toMatchObject({ written: 0, resumed: 20, done: 20 });
  });

  it("--retry-errors asks the failed answers again", async () => {
    const out = join(tempDir(), "runs.jsonl");
    const tasks = mcTasks(3);
    writeFileSync(out, JSON.stringify({ item: "q1", condition: "plain", sample: 0, score: 0, error: "earlier outage" }) + "\n");
    const s = await collectRuns({ ...fast, tasks, conditions: twoConditions, samples: 1, out, retryErrors: true });
    expect(s).toMatchObject({ droppedErrors: 1, written: 6, errors: 0 });
    const records = readRecords(out);
    expectEachKeyOnce(records, 6);
    expect(records.some((r) => r.error !== undefined)).toBe(false);
  });

  it("a stop request finishes the calls in flight, writes them, and reports the run as interrupted", async () => {
    const out = join(tempDir(), "runs.jsonl");
    const tasks = mcTasks(50);
    const controller = new AbortController();
    const slowMock = await startMockServer({ apiKey: FAKE_KEY, latencyMs: 15 });
    const url = process.env.ANTHROPIC_BASE_URL;
    process.env.ANTHROPIC_BASE_URL = slowMock.url;
    try {
      setTimeout(() => controller.abort(), 100);
      const s = await collectRuns({ ...fast, tasks, conditions: twoConditions, samples: 1, out, concurrency: 4, signal: controller.signal });
      expect(s.interrupted).toBe(true);
      expect(s.done).toBeLessThan(100);
      // Every request the server answered was written: nothing in flight was lost.
      expect(readRecords(out)).toHaveLength(slowMock.stats.answered.length);
      expect(s.written).toBe(slowMock.stats.answered.length);
      const rest = await collectRuns({ ...fast, tasks, conditions: twoConditions, samples: 1, out });
      expect(rest.done).toBe(100);
      expectEachKeyOnce(readRecords(out), 100);
    } finally {
      process.env.ANTHROPIC_BASE_URL = url;
      await slowMock.close();
    }
  });

  it("a custom scorer decides the score", async () => {
    const out = join(tempDir(), "runs.jsonl");
    const tasks = [{ id: "f1", prompt: "Reply with 42", target: "42" }, { id: "f2", prompt: "Reply with 41", target: "42" }];
    await collectRuns({ ...fast, tasks, conditions: twoConditions.slice(0, 1), samples: 1, out, scorer: (r) => (r.includes("4") ? 0.5 : 0) });
    expect(readRecords(out).map((r) => r.score)).toEqual([0.5, 0.5]);
    const out2 = join(tempDir(), "runs.jsonl");
    await collectRuns({ ...fast, tasks, conditions: twoConditions.slice(0, 1), samples: 1, out: out2 });
    expect(readRecords(out2).map((r) => [r.item, r.score, r.answer])).toEqual([["f1", 1, "42"], ["f2", 0, "41"]]);
  });

  it("a rejected key stops the run without writing error records", async () => {
    const out = join(tempDir(), "runs.jsonl");
    process.env.ANTHROPIC_API_KEY = "sk-ant-wrong-key-123456789";
    try {
      await expect(collectRuns({ ...fast, tasks: mcTasks(20), conditions: twoConditions, samples: 1, out })).rejects.toThrow(/refused the key.*ANTHROPIC_API_KEY/);
    } finally {
      process.env.ANTHROPIC_API_KEY = FAKE_KEY;
    }
    expect(readRecords(out)).toHaveLength(0);
  });

  it("no key, no run; bad options are named", async () => {
    const out = join(tempDir(), "runs.jsonl");
    delete process.env.ANTHROPIC_API_KEY;
    try {
      await expect(collectRuns({ ...fast, tasks: mcTasks(1), conditions: twoConditions, samples: 1, out })).rejects.toThrow(/ANTHROPIC_API_KEY is not set/);
    } finally {
      process.env.ANTHROPIC_API_KEY = FAKE_KEY;
    }
    expect(existsSync(out)).toBe(false);
    await expect(collectRuns({ ...fast, tasks: mcTasks(1), conditions: twoConditions, samples: 1, out, concurrency: 0 })).rejects.toThrow(/concurrency must be an integer ≥ 1, got 0/);
    await expect(collectRuns({ ...fast, tasks: mcTasks(1), conditions: twoConditions, samples: 0, out })).rejects.toThrow(/samples must be a positive integer, got 0/);
    await expect(collectRuns({ ...fast, tasks: mcTasks(1), conditions: twoConditions, samples: 1, out, maxRetries: -1 })).rejects.toThrow(/maxRetries must be an integer ≥ 0, got -1/);
  });
});

describe("batch collection", () => {
  const batchFast: Partial<CollectOptions> = { ...fast, batch: true, pollIntervalMs: 5, maxPollIntervalMs: 20 };

  it("submits one batch with valid custom_ids, polls, and streams results into the file", async () => {
    const out = join(tempDir(), "runs.jsonl");
    const tasks = mcTasks(6, { marker: (i) => (i === 5 ? "#batch-error" : "") });
    tasks[0].id = "odd id/with|chars";
    const createdBefore = mockApi.server.stats.batchesCreated;
    const s = await collectRuns({ ...batchFast, tasks, conditions: twoConditions, samples: 2, out });
    expect(mockApi.server.stats.batchesCreated - createdBefore).toBe(1);
    expect(mockApi.server.stats.customIds.every((id) => CUSTOM_ID_PATTERN.test(id))).toBe(true);
    const records = readRecords(out);
    expectEachKeyOnce(records, 24);
    expect(records.filter((r) => r.item === "q5").every((r) => /batch request errored/.test(r.error as string))).toBe(true);
    expect(records.filter((r) => r.item !== "q5").every((r) => r.score === 1 && typeof r.batchId === "string" && r.latencyMs === null)).toBe(true);
    expect(records.find((r) => r.item === "odd id/with|chars")).toBeDefined();
    expect(s).toMatchObject({ done: 24, errors: 4, pendingBatches: [], interrupted: false });
    // Batch tokens are priced at half.
    const c = s.byCondition[0];
    expect(c.cost).toBeCloseTo((c.inputTokens * 1 + c.outputTokens * 5) / 1e6 / 2, 15);
    expect(existsSync(batchStatePath(out))).toBe(false);
  });

  it("a run stopped while the batch runs picks the same batch up again (no second batch)", async () => {
    const out = join(tempDir(), "runs.jsonl");
    const tasks = mcTasks(4);
    const slow = await startMockServer({ apiKey: FAKE_KEY, batchPollsUntilEnded: 1000 });
    const url = process.env.ANTHROPIC_BASE_URL;
    process.env.ANTHROPIC_BASE_URL = slow.url;
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 150);
      const s = await collectRuns({ ...batchFast, tasks, conditions: twoConditions, samples: 1, out, signal: controller.signal });
      expect(s.interrupted).toBe(true);
      expect(s.pendingBatches).toEqual(["msgbatch_mock_1"]);
      const state = readBatchState(batchStatePath(out));
      expect(state.batches).toHaveLength(1);
      expect(Object.keys(state.batches[0].requests)).toHaveLength(8);
      expect(readFileSync(batchStatePath(out), "utf8")).not.toContain(FAKE_KEY);
      expect(readRecords(out)).toHaveLength(0);
    } finally {
      process.env.ANTHROPIC_BASE_URL = url;
    }
    // The server finishes the batch; the next run collects it instead of submitting another.
    slow.setBatchPollsUntilEnded(0);
    process.env.ANTHROPIC_BASE_URL = slow.url;
    try {
      const s2 = await collectRuns({ ...batchFast, tasks, conditions: twoConditions, samples: 1, out });
      expect(s2).toMatchObject({ done: 8, written: 8, resumed: 0, interrupted: false, pendingBatches: [] });
      expect(slow.stats.batchesCreated).toBe(1);
      expectEachKeyOnce(readRecords(out), 8);
      expect(existsSync(batchStatePath(out))).toBe(false);
    } finally {
      process.env.ANTHROPIC_BASE_URL = url;
      await slow.close();
    }
  });

  it("results already written before a crash are not written twice", async () => {
    const out = join(tempDir(), "runs.jsonl");
    const tasks = mcTasks(3);
    const slow = await startMockServer({ apiKey: FAKE_KEY, batchPollsUntilEnded: 1000 });
    const url = process.env.ANTHROPIC_BASE_URL;
    process.env.ANTHROPIC_BASE_URL = slow.url;
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      await collectRuns({ ...batchFast, tasks, conditions: twoConditions, samples: 1, out, signal: controller.signal });
      // Pretend a crash happened after two results were streamed in.
      writeFileSync(out, JSON.stringify({ item: "q0", condition: "plain", sample: 0, score: 1 }) + "\n" + JSON.stringify({ item: "q2", condition: "step by step", sample: 0, score: 1 }) + "\n");
      slow.setBatchPollsUntilEnded(0);
      const s = await collectRuns({ ...batchFast, tasks, conditions: twoConditions, samples: 1, out });
      expect(s).toMatchObject({ resumed: 2, written: 4, done: 6 });
      expect(slow.stats.batchesCreated).toBe(1);
      expectEachKeyOnce(readRecords(out), 6);
    } finally {
      process.env.ANTHROPIC_BASE_URL = url;
      await slow.close();
    }
});
});
