/**
 * The lock on `evalgap run`'s output (src/collect/outputLock.ts): a second run on the same --out
 * while a live process holds `<out>.lock` refuses (exit 2, one line naming output, lock and pid);
 * a lock whose pid is dead is taken over with a note; the lock is gone after a normal run, after
 * an error, and after Ctrl-C.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectRuns } from "../../src/collect/collect.js";
import { acquireOutputLock, isProcessAlive, OutputLockedError } from "../../src/collect/outputLock.js";
import { inProcess } from "../cli/helpers.js";
import { mcTasks, readRecords, tempDir, twoConditions, writeInputs, useMockApi } from "./helpers.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const mockApi = useMockApi({ latencyMs: 2 });

/** A pid that was alive a moment ago and is not now: a child that has exited. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ["-e", ""]).pid;
  expect(isProcessAlive(pid)).toBe(false);
  return pid;
}

function runFlags(n: number): { dir: string; out: string; flags: string[] } {
  const dir = tempDir();
  const inputs = writeInputs(dir, mcTasks(n));
  const out = join(dir, "runs.jsonl");
  return { dir, out, flags: ["--tasks", inputs.tasks, "--conditions", inputs.conditions, "--samples", "1", "--out", out, "--quiet"] };
}

describe("acquireOutputLock", () => {
  it("creates <out>.lock holding this pid and the start time; a second acquire throws naming both; release removes it", () => {
    const out = join(tempDir(), "runs.jsonl");
    const lock = acquireOutputLock(out);
    expect(lock.lockPath).toBe(`${out}.lock`);
    expect(lock.tookOverFrom).toBeNull();
    const held = JSON.parse(readFileSync(lock.lockPath, "utf8")) as { pid: number; startedAt: string };
    expect(held.pid).toBe(process.pid);
    expect(Number.isNaN(Date.parse(held.startedAt))).toBe(false);
    expect(() => acquireOutputLock(out)).toThrow(OutputLockedError);
    expect(() => acquireOutputLock(out)).toThrow(`${out} is being written by another evalgap run (pid ${process.pid}, started ${held.startedAt}; lock file ${out}.lock)`);
    lock.release();
    expect(existsSync(lock.lockPath)).toBe(false);
    lock.release(); // twice is harmless
    acquireOutputLock(out).release();
  });

  it("takes over a lock whose pid is dead and says whose it was", () => {
    const out = join(tempDir(), "runs.jsonl");
    const pid = deadPid();
    writeFileSync(`${out}.lock`, JSON.stringify({ pid, startedAt: "2026-01-01T00:00:00.000Z" }) + "\n");
    const lock = acquireOutputLock(out);
    expect(lock.tookOverFrom).toEqual({ pid, startedAt: "2026-01-01T00:00:00.000Z" });
    expect(JSON.parse(readFileSync(lock.lockPath, "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("an unreadable lock (created, pid not yet written) counts as held for 5 s, then as stale", () => {
    const out = join(tempDir(), "runs.jsonl");
    writeFileSync(`${out}.lock`, "");
    expect(() => acquireOutputLock(out)).toThrow(`${out} is being written by another evalgap run (a process that has not yet written its pid; lock file ${out}.lock)`);
    const tenSecondsAgo = new Date(Date.now() - 10_000);
    utimesSync(`${out}.lock`, tenSecondsAgo, tenSecondsAgo);
    const lock = acquireOutputLock(out);
    expect(lock.tookOverFrom).toEqual({ pid: 0, startedAt: "unknown" });
    lock.release();
    expect(existsSync(`${out}.lock`)).toBe(false);
  });

  it("release leaves alone a lock that another run has taken since", () => {
    const out = join(tempDir(), "runs.jsonl");
    const lock = acquireOutputLock(out);
    const other = JSON.stringify({ pid: process.pid, startedAt: "someone else" }) + "\n";
    writeFileSync(lock.lockPath, other);
    lock.release();
    expect(readFileSync(lock.lockPath, "utf8")).toBe(other);
  });
});

describe("evalgap run and the lock", () => {
  it("a second run on an output another process holds exits 2 with one line naming output, lock and pid, and writes nothing", async () => {
    const { out, flags } = runFlags(3);
    // A child process takes the lock and waits, as a running `evalgap run` would.
    const holder = spawn(
      process.execPath,
      ["--import", "tsx", "-e", `import { acquireOutputLock } from ${JSON.stringify(join(root, "src/collect/outputLock.ts"))}; acquireOutputLock(${JSON.stringify(out)}); console.log("locked"); setInterval(() => {}, 1000);`],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on("data", (d: Buffer) => d.toString().includes("locked") && resolve());
        holder.on("exit", (code) => reject(new Error(`lock holder exited early with ${code}`)));
      });
      const answered = mockApi.server.stats.answered.length;
      const r = await inProcess(["run", ...flags]);
      expect(r.code).toBe(2);
      const { startedAt } = JSON.parse(readFileSync(`${out}.lock`, "utf8")) as { startedAt: string };
      expect(r.err).toBe(
        `evalgap run: ${out} is being written by another evalgap run (pid ${holder.pid}, started ${startedAt}; lock file ${out}.lock); wait for it to finish or stop it, then run again\n`,
      );
      expect(r.out).toBe("");
      expect(existsSync(out)).toBe(false);
      expect(mockApi.server.stats.answered.length).toBe(answered);
    } finally {
      holder.kill("SIGKILL");
      await new Promise((resolve) => holder.once("close", resolve));
    }
    // The holder was killed: its lock is stale now, and the next run takes it over and finishes.
    const again = await inProcess(["run", ...flags]);
    expect(again.code).toBe(0);
    expect(again.err).toMatch(new RegExp(`^Took over the stale lock ${out.replace(/[.]/g, "\\.")}\\.lock \\(pid ${holder.pid}, started .*, is no longer running\\)\\.\n$`));
    expect(readRecords(out)).toHaveLength(3 * 2);
    expect(existsSync(`${out}.lock`)).toBe(false);
  }, 30_000);

  it("a stale lock (dead pid) is taken over with a note; the run completes and releases the lock", async () => {
    const { out, flags } = runFlags(4);
    const pid = deadPid();
    writeFileSync(`${out}.lock`, JSON.stringify({ pid, startedAt: "2026-01-01T00:00:00.000Z" }) + "\n");
    const r = await inProcess(["run", ...flags]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`Took over the stale lock ${out}.lock (pid ${pid}, started 2026-01-01T00:00:00.000Z, is no longer running).\n`);
    expect(readRecords(out)).toHaveLength(4 * 2);
    expect(existsSync(`${out}.lock`)).toBe(false);
  });

  it("the lock is released after a normal run, so the same output can be resumed at once", async () => {
    const { out, flags } = runFlags(2);
    expect((await inProcess(["run", ...flags])).code).toBe(0);
    expect(existsSync(`${out}.lock`)).toBe(false);
    const again = await inProcess(["run", ...flags, "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ total: 4, done: 4, resumed: 4, written: 0 });
    expect(existsSync(`${out}.lock`)).toBe(false);
  });

  it("the lock is released when the run fails (an output that is a folder)", async () => {
    const dir = tempDir();
    const out = join(dir, "runs.jsonl");
    mkdirSync(out);
    await expect(collectRuns({ tasks: mcTasks(2), conditions: twoConditions, samples: 1, out, progress: false })).rejects.toThrow();
    expect(existsSync(`${out}.lock`)).toBe(false);
  });
});
