/** `evalgap run` (src/cli/runCommand.ts) through the dispatcher: arguments, inputs, the key, the summary, custom scorers. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatSummary } from "../../src/cli/runCommand.js";
import { loadScorer } from "../../src/collect/loadScorer.js";
import { FAKE_KEY, mcTasks, readRecords, tempDir, writeInputs, useMockApi } from "../collect/helpers.js";
import { inProcess } from "./helpers.js";

const mockApi = useMockApi();

/** `evalgap run …` in-process, its output captured through the Io it is handed. */
const run = (argv: string[]) => inProcess(["run", ...argv]);

/** Good inputs in a fresh folder, and the flags that name them. */
function goodInputs(n = 2): { dir: string; flags: string[] } {
  const dir = tempDir();
  const inputs = writeInputs(dir, mcTasks(n));
  return { dir, flags: ["--tasks", inputs.tasks, "--conditions", inputs.conditions, "--samples", "1", "--out", join(dir, "o.jsonl")] };
}

describe("evalgap run", () => {
  it("--help prints usage and returns 0", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("evalgap run --tasks tasks.jsonl --conditions conditions.json --samples K --out runs.jsonl");
  });

  it.each([
    [["--bogus"], "Unknown option '--bogus'"],
    [["--tasks", "t"], "missing --conditions, --samples, --out"],
    [["--tasks", "t", "--conditions", "c", "--samples", "x", "--out", "o"], '--samples must be an integer ≥ 1, got "x"'],
    [["--tasks", "t", "--conditions", "c", "--samples", "0", "--out", "o"], '--samples must be an integer ≥ 1, got "0"'],
    [["--tasks", "/nonexistent/t.jsonl", "--conditions", "c", "--samples", "1", "--out", "o"], "no such file: /nonexistent/t.jsonl"],
    [["--tasks", "t", "--conditions", "c", "--samples", "1", "--out", "/nonexistent/dir/o.jsonl"], "--out: no such folder: /nonexistent/dir"],
    [["--tasks", "t", "--conditions", "c", "--samples", "1", "--out", "o", "--prices", "/nonexistent/p.json"], "--prices: no such file: /nonexistent/p.json"],
    [["tasks.jsonl"], 'run takes no files, got "tasks.jsonl"; name the tasks with --tasks'],
  ])("%j → exit 2 with a message naming the problem", async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`evalgap run: ${message}\n`);
  });

  it("flags that would do nothing in this mode are errors: --concurrency with --batch, --poll-ms without it", async () => {
    const { flags } = goodInputs();
    expect((await run([...flags, "--batch", "--concurrency", "4"])).err).toBe(
      "evalgap run: --concurrency does nothing with --batch (the batch runs on the server); drop one of them\n",
    );
    expect(await run([...flags, "--poll-ms", "5"])).toMatchObject({ code: 2, err: "evalgap run: --poll-ms applies only with --batch\n" });
  });

  it("rejects a bad --concurrency before any call", async () => {
    const { flags } = goodInputs();
    const r = await run([...flags, "--concurrency=-3"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--concurrency must be an integer ≥ 1, got "-3"/);
  });

  it("without ANTHROPIC_API_KEY: exit 2 (bad input, not a failed run) with a message naming the variable", async () => {
    const { dir, flags } = goodInputs();
    delete process.env.ANTHROPIC_API_KEY;
    try {
      const r = await run(flags);
      expect(r.code).toBe(2);
      expect(r.err).toBe("evalgap run: the environment variable ANTHROPIC_API_KEY is not set: evalgap run reads the API key from it (and from nowhere else)\n");
      expect(readRecords(join(dir, "o.jsonl"))).toEqual([]);
    } finally {
      process.env.ANTHROPIC_API_KEY = FAKE_KEY;
    }
  });

  it("a tasks file with several problems reports every one, each with file and line, before any call", async () => {
    const dir = tempDir();
    const inputs = writeInputs(dir, mcTasks(2));
    const tasks = join(dir, "bad.jsonl");
    const good = JSON.stringify({ id: "q1", prompt: "p", target: "A" });
    writeFileSync(tasks, [good, '{"id": "q2", "prompt": ""}', "not json", "", good, '{"id": 3, "prompt": "p", "target": "A", "choices": 1}'].join("\n"));
    const answered = mockApi.server.stats.answered.length;
    const r = await run(["--tasks", tasks, "--conditions", inputs.conditions, "--samples", "1", "--out", join(dir, "o.jsonl")]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      [
        `evalgap run: 5 problems in ${tasks}:`,
        `  ${tasks}, line 2: prompt must not be empty, got ""`,
        `  ${tasks}, line 2: target must be a string, got undefined`,
        `  ${tasks}, line 3: not valid JSON: "not json"`,
        `  ${tasks}, line 5: id "q1" appears more than once (first on line 1)`,
        `  ${tasks}, line 6: choices must be an integer from 2 to 26, got 1`,
        "",
      ].join("\n"),
    );
    expect(mockApi.server.stats.answered.length).toBe(answered);
  });

  it("a binary tasks file says it is not a text file; no raw bytes reach the terminal", async () => {
    const dir = tempDir();
    const inputs = writeInputs(dir, mcTasks(2));
    const tasks = join(dir, "tasks.jsonl");
    writeFileSync(tasks, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xff, 0xfe, 0x00, 0x1b, 0x5b, 0x32, 0x4a]));
    const r = await run(["--tasks", tasks, "--conditions", inputs.conditions, "--samples", "1", "--out", join(dir, "o.jsonl")]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`evalgap run: ${tasks}: not a text file (binary data); tasks are JSON lines: one task object on each line\n`);
    expect(r.err).toMatch(/^[\x20-\x7e\n…]*$/); // printable only: no escape sequence, no NUL
  });

  it("runs, prints the summary through the shared table (tokens and cost per condition), and uses --scorer and --prices", async () => {
    const dir = tempDir();
    const inputs = writeInputs(dir, mcTasks(4));
    const prices = join(dir, "prices.json");
    writeFileSync(prices, JSON.stringify({ "claude-haiku-4-5": { input: 1000, output: 0 } }));
    const out = join(dir, "runs.jsonl");
    const r = await run(["--tasks", inputs.tasks, "--conditions", inputs.conditions, "--samples", "2", "--out", out, "--quiet",
      "--scorer", "test/collect/fixtures/containsScorer.mjs", "--prices", prices]);
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    expect(lines[0]).toMatch(/^condition\s+model\s+records\s+errors\s+refused\s+mean\s+input tok\s+output tok\s+est\. cost$/);
    expect(lines[1]).toMatch(/^-+( +-+)+$/); // the rule formatTable draws under every CLI table
    expect(r.out).toMatch(/plain\s+claude-haiku-4-5\s+8\s+0\s+0\s+1\.000/);
    expect(r.out).toContain("16/16 answers in the file");
    const records = readRecords(out);
    const inTok = records.reduce((s, x) => s + (x.inputTokens as number), 0);
    expect(r.out).toContain(`Estimated cost of the whole file: $${((inTok * 1000) / 1e6).toFixed(2)}.`);
    const again = await run(["--tasks", inputs.tasks, "--conditions", inputs.conditions, "--samples", "2", "--out", out, "--json"]);
    expect(JSON.parse(again.out)).toMatchObject({ total: 16, done: 16, resumed: 16, written: 0 });
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
  it("through the command, a missing scorer is bad input named in words (exit 2)", async () => {
    const { flags } = goodInputs();
    expect(await run([...flags, "--scorer", "test/collect/fixtures/missing.mjs"])).toMatchObject({
      code: 2,
      err: "evalgap run: --scorer: no such file: test/collect/fixtures/missing.mjs\n",
    });
  });
});
