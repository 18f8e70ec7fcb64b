/**
 * A lock on a run's output file, so two `evalgap run` processes never append to one file at once
 * (two writers produce duplicate records: issue 16 saw 107 in 240). The lock is `<out>.lock`,
 * created exclusively (open with "wx", which fails if it exists) and holding the owner's pid and
 * start time. A lock whose pid is no longer alive was left by a killed run and is taken over.
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";

/** What a lock file says about the run holding it. */
export interface LockOwner {
  pid: number;
  /** ISO time the owner took the lock. */
  startedAt: string;
}

/** The output is being written by a live process: the message names the output, the lock file and the pid. */
export class OutputLockedError extends Error {
  constructor(
    readonly out: string,
    readonly lockPath: string,
    readonly owner: LockOwner | null,
  ) {
    const who = owner ? `pid ${owner.pid}, started ${owner.startedAt}` : "a process that has not yet written its pid";
    super(`${out} is being written by another evalgap run (${who}; lock file ${lockPath}); wait for it to finish or stop it, then run again`);
    this.name = "OutputLockedError";
  }
}

export interface OutputLock {
  readonly lockPath: string;
  /** The dead run whose lock was taken over, if any. */
  readonly tookOverFrom: LockOwner | null;
  /** Remove the lock (only if it is still ours). Safe to call more than once. */
  release(): void;
}

/** A lock file still being written (created, pid not yet in it) is given this long before it counts as stale. */
const UNREADABLE_GRACE_MS = 5_000;

/** True when `pid` names a running process (signal 0 only checks; EPERM means it exists under another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(lockPath: string): { text: string; owner: LockOwner | null } | null {
  let text: string;
  try {
    text = readFileSync(lockPath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isInteger(parsed.pid) && (parsed.pid as number) > 0 && typeof parsed.startedAt === "string") {
      return { text, owner: { pid: parsed.pid as number, startedAt: parsed.startedAt } };
    }
  } catch {
    // Unreadable: judged by its age below.
  }
  return { text, owner: null };
}

function isStale(lockPath: string, owner: LockOwner | null): boolean {
  if (owner) return !isProcessAlive(owner.pid);
  try {
    return Date.now() - statSync(lockPath).mtimeMs > UNREADABLE_GRACE_MS;
  } catch {
    return true;
  }
}

/**
 * Take the lock on `out`, or throw `OutputLockedError` if a live process holds it. A stale lock
 * (its pid is dead, or it is unreadable and older than 5 s) is removed and taken over; the lock is
 * also removed when the process exits through `process.exit`, so only SIGKILL or a crash of the
 * machine leaves one behind — which the next run then takes over.
 *
 * @example acquireOutputLock("runs.jsonl").lockPath // "runs.jsonl.lock"
 */
export function acquireOutputLock(out: string): OutputLock {
  const lockPath = `${out}.lock`;
  const mine: LockOwner = { pid: process.pid, startedAt: new Date().toISOString() };
  const myText = JSON.stringify(mine) + "\n";
  let tookOverFrom: LockOwner | null = null;
  // Two tries: the first may find a stale lock, which is removed before the second.
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const held = readOwner(lockPath);
      if (held === null) continue; // Released between our open and our read: try again.
      if (attempt > 0 || !isStale(lockPath, held.owner)) throw new OutputLockedError(out, lockPath, held.owner);
      // Remove the stale lock only if it is still the one we judged (another run may have taken it over first).
      if (readOwner(lockPath)?.text === held.text) {
        try {
          unlinkSync(lockPath);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
        }
      }
      tookOverFrom = held.owner ?? { pid: 0, startedAt: "unknown" };
      continue;
    }
    try {
      writeSync(fd, myText);
    } finally {
      closeSync(fd);
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off("exit", release);
      // Never remove a lock another run has taken since.
      if (readOwner(lockPath)?.text === myText) {
        try {
          unlinkSync(lockPath);
        } catch {
          // Already gone.
        }
      }
    };
    process.on("exit", release);
    return { lockPath, tookOverFrom, release };
  }
  throw new OutputLockedError(out, lockPath, readOwner(lockPath)?.owner ?? null);
}
