/** runCommand (src/cli/run.ts): arguments, help, summary, custom scorers. */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { formatSummary, runCommand } from "../../src/cli/run.js";
import { loadScorer } from "../../src/collect/loadScorer.js";
import { FAKE_KEY, mcTasks, readRecords, tempDir, writeInputs } from "./helpers.js";
import { startMockServer, type MockServer } from "./mockServer.js";

let mock: MockServer;
const saved = { url: process.env.ANTHROPIC_BASE_URL, key: process.env.ANTHROPIC_API_KEY };
beforeAll(async () => {
  mock = await startMockServer({ apiKey: FAKE_KEY });
  process.env.ANTHROPIC_BASE_URL = mock.url;
  process.env.ANTHROPIC_API_KEY = FAKE_KEY;
});
afterAll(async () => {
  await mock.close();
  if (saved.url === undefined) delete process.env.ANTHROPIC_BASE_URL;
  else process.env.ANTHROPIC_BASE_URL = saved.url;
  if (saved.key === undefined) delete process.env.ANTHROPIC_API_KEY;
  else process.env.ANTHROPIC_API_KEY = saved.key;
});

/** Run with stdout/stderr captured. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((stdout += String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const code = await runCommand(argv);
    return { code, stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe("runCommand", () => {
  it("--help prints usage and returns 0", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("evalgap run --tasks tasks.jsonl --conditions conditions.json --samples K --out runs.jsonl");
  });

  it.each([
    [["--bogus"], /Unknown option '--bogus'/],
    [["--tasks", "t"], /missing --conditions, --samples, --out/],
    [["--tasks", "t", "--conditions", "c", "--samples", "x", "--out", "o"], /--samples must be an integer ≥ 1, got "x"/],
    [["--tasks", "t", "--conditions", "c", "--samples", "0", "--out", "o"], /--samples must be an integer ≥ 1, got "0"/],
    [["--tasks", "/nonexistent/t.jsonl", "--conditions", "c", "--samples", "1", "--out", "o"], /ENOENT/],
  ])("%j → exit 2 with a message naming the problem", async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("rejects a bad --concurrency before any call", async () => {
    const dir = tempDir();
    const inputs = writeInputs(dir, mcTasks(2));
    const r = await run(["--tasks", inputs.tasks, "--conditions", inputs.conditions, "--samples", "1", "--out", join(dir, "o.jsonl"), "--concurrency=-3"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--concurrency must be an integer ≥ 1, got "-3"/);
  });

  it("runs, prints token totals and cost per condition, and uses --scorer and --prices", async () => {
    const dir = tempDir();
    const inputs = writeInputs(dir, mcTasks(4));
    const prices = join(dir, "prices.json");
    (await import("node:fs")).writeFileSync(prices, JSON.stringify({ "claude-haiku-4-5": { input: 1000, output: 0 } }));
    const out = join(dir, "runs.jsonl");
    const r = await run(["--tasks", inputs.tasks, "--conditions", inputs.conditions, "--samples", "2", "--out", out, "--quiet",
      "--scorer", "test/collect/fixtures/containsScorer.mjs", "--prices", prices]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/condition\s+model\s+records\s+errors\s+refused\s+mean\s+input tok\s+output tok\s+est\. cost/);
    expect(r.stdout).toMatch(/plain\s+claude-haiku-4-5\s+8\s+0\s+0\s+1\.000/);
    expect(r.stdout).toContain("16/16 answers in the file");
    const records = readRecords(out);
    const inTok = records.reduce((s, x) => s + (x.inputTokens as number), 0);
    expect(r.stdout).toContain(`Estimated cost of the whole file: $${((inTok * 1000) / 1e6).toFixed(2)}.`);
  });

  it("formatSummary says when a model has no price", () => {
    const text = formatSummary({
      total: 2, resumed: 0, written: 2, errors: 0, refused: 0, retries: 0, done: 2, interrupted: false, tornBytes: 0, droppedErrors: 0, pendingBatches: [],
      byCondition: [
        { condition: "a", model: "x", records: 1, errors: 0, refused: 0, meanScore: 1, inputTokens: 10, outputTokens: 1, cost: null },
        { condition: "b", model: "claude-haiku-4-5", records: 1, errors: 0, refused: 0, meanScore: null, inputTokens: 1_000_000, outputTokens: 0, cost: 1 },
      ],
    });
    expect(text).toMatch(/a\s+x\s+1\s+0\s+0\s+1\.000\s+10\s+1\s+no price/);
    expect(text).toMatch(/b\s+claude-haiku-4-5\s+1\s+0\s+0\s+-\s+1,000,000\s+0\s+\$1\.00/);
    expect(text).toContain("Estimated cost of the whole file: $1.00 (models without a price left out; add them with --prices).");
  });
});

describe("loadScorer", () => {
  it("loads a JavaScript default export and a TypeScript named export", async () => {
    const js = await loadScorer("test/collect/fixtures/containsScorer.mjs");
    expect(typeof js).toBe("function");
    expect(await js("the answer is 42", { id: "q", prompt: "p", target: "42" })).toBe(1);
    const ts = await loadScorer("test/collect/fixtures/lengthScorer.ts");
    expect(await ts("x".repeat(100), { id: "q", prompt: "p", target: "t" })).toBe(0.5);
  });
  it("names the problem when the module is missing or exports no function", async () => {
    await expect(loadScorer("test/collect/fixtures/notAScorer.mjs")).rejects.toThrow(/must export a function \(default export or "score"\), got undefined/);
    await expect(loadScorer("test/collect/fixtures/missing.mjs")).rejects.toThrow(/--scorer test\/collect\/fixtures\/missing.mjs could not be loaded/);
  });
});
