import { describe, expect, it } from "vitest";
import { CUSTOM_ID_PATTERN, customIdFor } from "../../src/collect/customId.js";
import { runPool } from "../../src/collect/pool.js";
import { checkPriceTable, estimateCost, priceFor, DEFAULT_PRICES } from "../../src/collect/prices.js";
import { formatProgress } from "../../src/collect/progress.js";
import { errorMessage, makeScrubber } from "../../src/collect/redact.js";
import { answerRecord, errorRecord, messageText } from "../../src/collect/toRecord.js";
import type { Job } from "../../src/collect/types.js";

describe("customIdFor", () => {
  it("fits the API's custom_id rule for any item and condition, and is deterministic", () => {
    const odd = ["q/1", "step by step", "x|y", "ünïcode ✓", "a".repeat(500), ""];
    const ids = new Set<string>();
    for (const item of odd) for (const cond of odd) for (const sample of [0, 1, 99]) {
      const id = customIdFor(item, cond, sample);
      expect(id).toMatch(CUSTOM_ID_PATTERN);
      expect(id).toHaveLength(41);
      ids.add(id);
    }
    expect(ids.size).toBe(odd.length * odd.length * 3);
    expect(customIdFor("q/1", "step by step", 0)).toBe(customIdFor("q/1", "step by step", 0));
    // "a|b" + "c" and "a" + "b|c" must not collide (a naive join would).
    expect(customIdFor("a|b", "c", 0)).not.toBe(customIdFor("a", "b|c", 0));
  });
});

describe("runPool", () => {
  it("never exceeds the concurrency and runs everything", async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    const started = await runPool(Array.from({ length: 50 }, (_, i) => i), 7, async (i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      seen.push(i);
      inFlight--;
    });
    expect(started).toBe(50);
    expect(peak).toBe(7);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(await runPool([1, 2, 3], 2, async () => {})).toBe(3);
  });
  it("stops taking work when asked, finishing what is in flight", async () => {
    let done = 0;
    const started = await runPool(Array.from({ length: 100 }, (_, i) => i), 4, async () => {
      await new Promise((r) => setTimeout(r, 1));
      done++;
    }, () => done >= 10);
    expect(done).toBe(started);
    expect(started).toBeGreaterThanOrEqual(10);
    expect(started).toBeLessThan(20);
  });
});

describe("prices", () => {
  it("doc examples", () => {
    expect(priceFor("claude-sonnet-4-5-20250929")?.output).toBe(15);
    expect(estimateCost(2_000_000, 100_000, { input: 3, output: 15 })).toBe(7.5);
    expect(checkPriceTable({ "my-model": { input: 1, output: 2 } })["my-model"].output).toBe(2);
  });
  it("longest prefix wins; unknown models have no price; batches are half price", () => {
    expect(priceFor("claude-opus-4-1-20250805")).toEqual({ input: 15, output: 75 });
    expect(priceFor("claude-opus-4-5")).toEqual({ input: 5, output: 25 });
    expect(priceFor("gpt-9")).toBeNull();
    expect(estimateCost(1_000_000, 1_000_000, { input: 1, output: 5 }, true)).toBe(3);
    expect(Object.keys(DEFAULT_PRICES).length).toBeGreaterThan(3);
  });
  it("rejects bad tables, naming the field", () => {
    expect(() => checkPriceTable([])).toThrow(TypeError);
    expect(() => checkPriceTable({ m: { input: -1, output: 2 } })).toThrow(/m.input must be a non-negative number, got -1/);
    expect(() => checkPriceTable({ m: { input: 1 } })).toThrow(/m.output must be a non-negative number, got undefined/);
  });
});

describe("formatProgress", () => {
  it("doc example", () => {
    expect(formatProgress({ done: 50, total: 100, resumed: 0, elapsedMs: 10_000, errors: 1, retries: 2 })).toBe(
      "[##########----------] 50/100   50%  5.0/s  ETA 10s  errors 1  retries 2",
    );
  });
  it("rate ignores resumed records; ETA in minutes; unknown rate", () => {
    expect(formatProgress({ done: 40, total: 1000, resumed: 30, elapsedMs: 10_000, errors: 0, retries: 0 })).toContain("1.0/s  ETA 16m00s");
    expect(formatProgress({ done: 0, total: 10, resumed: 0, elapsedMs: 0, errors: 0, retries: 0, note: "batch x" })).toContain("ETA ?  errors 0  retries 0  batch x");
    expect(formatProgress({ done: 10, total: 10, resumed: 0, elapsedMs: 5, errors: 0, retries: 0 })).toContain("ETA 0s");
  });
});

describe("redaction", () => {
  it("doc examples", () => {
    expect(makeScrubber("sk-ant-123456")("key sk-ant-123456!")).toBe("key [redacted]!");
    expect(errorMessage(new Error("500 boom\nmore"), (t) => t)).toBe("500 boom more");
  });
  it("scrubs every occurrence; short or missing secrets change nothing", () => {
    const s = makeScrubber("sk-ant-abcdefgh");
    expect(s("a sk-ant-abcdefgh b sk-ant-abcdefgh")).toBe("a [redacted] b [redacted]");
    expect(makeScrubber(undefined)("x")).toBe("x");
    expect(makeScrubber("abc")("abc")).toBe("abc");
    const long = errorMessage(new TypeError("x".repeat(1000)), (t) => t);
    expect(long.length).toBe(500);
    expect(long.startsWith("TypeError: ")).toBe(true);
    expect(errorMessage("plain", (t) => t)).toBe("plain");
  });
});

describe("records", () => {
  const job: Job = { task: { id: "q", prompt: "p", target: "C", choices: ["x", "y", "z", "w"], cluster: "k", meta: { s: 1 } }, condition: { name: "c", model: "m", maxTokens: 5 }, sample: 2 };
  it("an answer becomes a scored record with the API's details", async () => {
    const msg = { content: [{ type: "text", text: "Answer: " }, { type: "thinking", thinking: "…" }, { type: "text", text: "C" }], stop_reason: "end_turn", usage: { input_tokens: 10, output_tokens: 3 } };
    expect(messageText(msg)).toBe("Answer: C");
    const r = await answerRecord(job, msg, { latencyMs: 20, requestId: "req_1" });
    expect(r).toMatchObject({ item: "q", condition: "c", sample: 2, score: 1, answer: "C", cluster: "k", choices: 4, model: "m", target: "C", refused: false, response: "Answer: C", stopReason: "end_turn", inputTokens: 10, outputTokens: 3, latencyMs: 20, requestId: "req_1", meta: { s: 1 } });
    expect(Number.isNaN(Date.parse(r.timestamp))).toBe(false);
    expect(r.error).toBeUndefined();
  });
  it("a malformed answer throws; a failing scorer is an error that keeps the text", async () => {
    expect(() => messageText({})).toThrow(/malformed response: no content array/);
    const r = await answerRecord(job, { content: [{ type: "text", text: "hi" }] }, { latencyMs: 1, requestId: null }, () => {
      throw new Error("nope");
    });
    expect(r).toMatchObject({ score: 0, error: "scorer failed: nope", response: "hi", stopReason: null, inputTokens: 0 });
  });
  it("a failure is a record with error, never a missing line", () => {
    expect(errorRecord(job, "500 overloaded", { latencyMs: 5, requestId: null, batchId: "b" })).toMatchObject({ item: "q", sample: 2, score: 0, error: "500 overloaded", response: "", batchId: "b" });
  });
});

describe("apiKeyFromEnv and loadPriceTable", async () => {
  const { apiKeyFromEnv } = await import("../../src/collect/client.js");
  const { loadPriceTable } = await import("../../src/collect/prices.js");
  const { writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { tempDir } = await import("./helpers.js");
  it("the key comes from ANTHROPIC_API_KEY only, and a missing key is named, not shown", () => {
    expect(apiKeyFromEnv({ ANTHROPIC_API_KEY: "sk-ant-x" })).toBe("sk-ant-x");
    expect(() => apiKeyFromEnv({})).toThrow(/ANTHROPIC_API_KEY is not set/);
    expect(() => apiKeyFromEnv({ ANTHROPIC_API_KEY: "  " })).toThrow(/ANTHROPIC_API_KEY is not set/);
    expect(() => apiKeyFromEnv({ ANTHROPIC_AUTH_TOKEN: "tok" })).toThrow(/ANTHROPIC_API_KEY is not set/);
  });
  it("a price file is laid over the defaults", () => {
    const path = join(tempDir(), "prices.json");
    writeFileSync(path, JSON.stringify({ "my-model": { input: 1, output: 2 } }));
    const table = loadPriceTable(path);
    expect(table["my-model"]).toEqual({ input: 1, output: 2 });
    expect(table["claude-haiku-4-5"]).toEqual({ input: 1, output: 5 });
    writeFileSync(path, "nope");
    expect(() => loadPriceTable(path)).toThrow(/is not a readable JSON price table/);
  });
});
