/**
 * End to end in a child process through the real entry (`tsx src/cli/main.ts run …`), against the mock server:
 * SIGKILL midway then resume gives exactly items × conditions × K records; Ctrl-C finishes
 * and tells how to resume; a --batch run killed while its batch runs picks it up again; and
 * a sentinel API key appears in no file and no output.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchStatePath } from "../../src/collect/batchState.js";
import { keysOf, mcTasks, readRecords, tempDir, writeInputs } from "./helpers.js";
import { startMockServer, type MockServer } from "../../src/collect/mockApi.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SENTINEL = "sk-ant-SENTINEL-9f8e7d6c5b4a-do-not-leak";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ apiKey: SENTINEL, latencyMs: 20, batchPollsUntilEnded: 1_000_000 });
});
afterAll(async () => {
  await mock.close();
});

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function startRun(args: string[], env: NodeJS.ProcessEnv = { ...process.env, ANTHROPIC_API_KEY: SENTINEL, ANTHROPIC_BASE_URL: mock.url }): Run {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "src/cli/main.ts"), "run", ...args], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

async function waitFor(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

const lineCount = (path: string) => (existsSync(path) ? readFileSync(path, "utf8").split("\n").length - 1 : 0);

/** Every file under `dir` and every output captured must be free of the key. */
function expectNoKey(dir: string, outputs: string[]) {
  for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f), "utf8"), f).not.toContain(SENTINEL);
  for (const o of outputs) expect(o).not.toContain(SENTINEL);
}

describe("evalgap run in a child process", () => {
  it("without ANTHROPIC_API_KEY the process exits 2 (bad input; it was 1) and names the variable", async () => {
    const dir = tempDir();
    const inputs = writeInputs(dir, mcTasks(2));
    const env: NodeJS.ProcessEnv = { ...process.env, ANTHROPIC_BASE_URL: mock.url };
    delete env.ANTHROPIC_API_KEY;
    const r = await startRun(["--tasks", inputs.tasks, "--conditions", inputs.conditions, "--samples", "1", "--out", join(dir, "runs.jsonl")], env).done;
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^evalgap run: the environment variable ANTHROPIC_API_KEY is not set/);
  }, 30_000);

  it("SIGKILL midway, then resume: exactly items × conditions × K records, none twice", async () => {
    const dir = tempDir();
    const inputs = writeInputs(dir, mcTasks(60));
    const out = join(dir, "runs.jsonl");
    const args = ["--tasks", inputs.tasks, "--conditions", inputs.conditions, "--samples", "2", "--out", out, "--concurrency", "4", "--quiet"];
    const first = startRun(args);
    await waitFor(() => lineCount(out) >= 40);
    first.child.kill("SIGKILL");
    const r1 = await first.done;
    expect(r1.signal).toBe("SIGKILL");
    expect(existsSync(`${out}.lock`)).toBe(true); // SIGKILL leaves the lock behind: the next run finds it stale
    const partial = lineCount(out);
    expect(partial).toBeLessThan(240);
    // A crash can also tear the last line; the resume must cut it off.
    appendFileSync(out, '{"item":"q59","condition":"plain","sample":1,"score":1,"respo');
    const second = startRun(args);
    const r2 = await second.done;
    expect(r2.code).toBe(0);
    expect(r2.stderr).toContain("Removed a torn last line");
    expect(r2.stderr).toContain(`Took over the stale lock ${out}.lock (pid ${first.child.pid}, started `);
    expect(existsSync(`${out}.lock`)).toBe(false);
    const records = readRecords(out);
    expect(records).toHaveLength(60 * 2 * 2);
    expect(new Set(keysOf(records)).size).toBe(240);
    expect(r2.stdout).toContain("240/240 answers in the file");
    expectNoKey(dir, [r1.stdout, r1.stderr, r2.stdout, r2.stderr]);
  }, 60_000);

  it("two runs on one output: the second exits 2 naming the first's pid and writes nothing; the first finishes alone", async () => {
    const dir = tempDir();
    const inputs = writeInputs(dir, mcTasks(150));
    const out = join(dir, "runs.jsonl");
    // One call at a time (20 ms each, 300 calls): the first run is still writing when the second starts.
    const args = ["--tasks", inputs.tasks, "--conditions", inputs.conditions, "--samples", "1", "--out", out, "--concurrency", "1", "--quiet"];
    const first = startRun(args);
    await waitFor(() => lineCount(out) >= 5);
    const rival = await startRun(args).done;
    expect(rival.code).toBe(2);
    expect(rival.stdout).toBe("");
    expect(rival.stderr).toBe(
      `evalgap run: ${out} is being written by another evalgap run (pid ${first.child.pid}, started ` +
        `${JSON.parse(readFileSync(`${out}.lock`, "utf8")).startedAt}; lock file ${out}.lock); wait for it to finish or stop it, then run again\n`,
    );
    const r1 = await first.done;
    expect(r1.code).toBe(0);
    const records = readRecords(out);
    expect(records).toHaveLength(300);
    expect(new Set(keysOf(records)).size).toBe(300);
    expect(existsSync(`${out}.lock`)).toBe(false);
  }, 60_000);

  it("Ctrl-C finishes the requests in flight, writes them, and prints how to resume", async () => {
    const dir = tempDir();
    const inputs = writeInputs(dir, mcTasks(100));
    const out = join(dir, "runs.jsonl");
    const answered0 = mock.stats.answered.length;
    const run = startRun(["--tasks", inputs.tasks, "--conditions", inputs.conditions, "--samples", "1", "--out", out, "--concurrency", "4"]);
    await waitFor(() => lineCount(out) >= 10);
    run.child.kill("SIGINT");
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain("finishing the requests in flight");
    expect(r.stderr).toMatch(/To resume:\n {2}evalgap run --tasks .* --out .*runs\.jsonl/);
    expect(existsSync(`${out}.lock`)).toBe(false); // Ctrl-C releases the lock
    const records = readRecords(out);
    expect(records.length).toBeLessThan(200);
    // Every answer the server sent, including those in flight at Ctrl-C, was written.
    expect(records).toHaveLength(mock.stats.answered.length - answered0);
    expect(new Set(keysOf(records)).size).toBe(records.length);
    expect(r.stderr).toMatch(/\[[#-]{20}\] \d+\/200/); // the progress line
    expectNoKey(dir, [r.stdout, r.stderr]);
  }, 60_000);

  it("--batch: killed while the batch runs, the next run picks the batch up; the key leaks nowhere", async () => {
    const dir = tempDir();
    const tasks = mcTasks(5, { marker: (i) => (i === 4 ? "#batch-error" : "") });
    const inputs = writeInputs(dir, tasks);
    const out = join(dir, "runs.jsonl");
    const args = ["--tasks", inputs.tasks, "--conditions", inputs.conditions, "--samples", "2", "--out", out, "--batch", "--poll-ms", "5"];
    const createdBefore = mock.stats.batchesCreated;
    const first = startRun(args);
    await waitFor(() => existsSync(batchStatePath(out)));
    await waitFor(() => mock.stats.batchPolls > 0);
    first.child.kill("SIGKILL");
    const r1 = await first.done;
    expect(mock.stats.batchesCreated - createdBefore).toBe(1);
    const state = readFileSync(batchStatePath(out), "utf8");
    expect(state).toContain("msgbatch_mock_");
    mock.setBatchPollsUntilEnded(0);
    const r2 = await startRun(args).done;
    mock.setBatchPollsUntilEnded(1_000_000);
    expect(r2.code).toBe(0);
    expect(mock.stats.batchesCreated - createdBefore).toBe(1);
    const records = readRecords(out);
    expect(records).toHaveLength(20);
    expect(new Set(keysOf(records)).size).toBe(20);
    expect(records.filter((r) => r.error !== undefined)).toHaveLength(4);
    expect(existsSync(batchStatePath(out))).toBe(false);
    writeFileSync(join(dir, "state-snapshot.json"), state);
    expectNoKey(dir, [r1.stdout, r1.stderr, r2.stdout, r2.stderr]);
  }, 60_000);

  it("errors echoing the key (a 500 body, a rejected call) are scrubbed everywhere", async () => {
    const dir = tempDir();
    const inputs = writeInputs(dir, mcTasks(4, { marker: (i) => (i % 2 ? "#fail" : "#malformed") }));
    const out = join(dir, "runs.jsonl");
    const r = await startRun(["--tasks", inputs.tasks, "--conditions", inputs.conditions, "--samples", "1", "--out", out, "--max-retries", "1", "--retry-base-ms", "1"]).done;
    expect(r.code).toBe(0);
    const records = readRecords(out);
    expect(records).toHaveLength(8);
    expect(records.every((x) => typeof x.error === "string")).toBe(true);
    expect(records.some((x) => String(x.error).includes("[redacted]"))).toBe(true);
    expectNoKey(dir, [r.stdout, r.stderr]);
  }, 60_000);
});
