/**
 * The output file as an append-only log that never loses or duplicates a record.
 *
 * Each record is one JSON line written with a single `write` on a file opened for appending,
 * so a crash can at worst leave the LAST line torn (no trailing newline). Opening the log
 * cuts such a line off, reads the (item, condition, sample) keys already written, and the
 * runner skips them: a run killed at any moment and started again ends with each key exactly
 * once.
 */
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from "node:fs";
import { jobKey } from "./types.js";

/** What is already in an output file. */
export interface RunLogContents {
  /** Every record in the file, parsed. */
  records: Record<string, unknown>[];
  /** Keys (see `jobKey`) of the records. */
  keys: Set<string>;
  /** Bytes of a torn last line that were removed (0 when the file ended cleanly). */
  tornBytes: number;
}

function keyOf(r: Record<string, unknown>): string | null {
  const { item, condition, sample } = r;
  if (typeof item !== "string" || typeof condition !== "string" || typeof sample !== "number") return null;
  return jobKey(item, condition, sample);
}

/**
 * Read an output file, cutting off a torn last line (one with no final newline) so the
 * next append starts on a fresh line. A malformed line elsewhere is not ours to guess about:
 * it throws, naming the line.
 *
 * @example repairRunLog("runs.jsonl").tornBytes // 0 for a file that ended cleanly
 */
export function repairRunLog(path: string): RunLogContents {
  const records: Record<string, unknown>[] = [];
  const keys = new Set<string>();
  if (!existsSync(path)) return { records, keys, tornBytes: 0 };
  const buf = readFileSync(path);
  const end = buf.lastIndexOf(0x0a) + 1; // bytes up to and including the last newline
  const tornBytes = buf.length - end;
  if (tornBytes > 0) {
    const fd = openSync(path, "r+");
    try {
      ftruncateSync(fd, end);
    } finally {
      closeSync(fd);
    }
  }
  const lines = buf.subarray(0, end).toString("utf8").split("\n");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch {
      throw new TypeError(`${path} line ${i + 1} is not valid JSON; fix or remove it before resuming`);
    }
    const key = typeof r === "object" && r !== null ? keyOf(r as Record<string, unknown>) : null;
    if (key === null) throw new TypeError(`${path} line ${i + 1} has no item, condition and sample; is --out the right file?`);
    records.push(r as Record<string, unknown>);
    keys.add(key);
  });
  return { records, keys, tornBytes };
}

/**
 * Rewrite the file without the records that carry `error`, so they are asked again
 * (`--retry-errors`). Written to a temporary file and renamed over, so a crash leaves either
 * the old file or the new one.
 *
 * @example dropErrorRecords("runs.jsonl") // 3 when three error records were removed
 */
export function dropErrorRecords(path: string): number {
  const { records } = repairRunLog(path);
  const kept = records.filter((r) => r.error === undefined || r.error === null);
  if (kept.length === records.length) return 0;
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, kept.map((r) => JSON.stringify(r) + "\n").join(""));
  renameSync(tmp, path);
  return records.length - kept.length;
}

/** An open output file: appends whole lines, each a single write. */
export class RunLogWriter {
  private fd: number | null;

  constructor(readonly path: string, private readonly scrub: (line: string) => string = (l) => l) {
    this.fd = openSync(path, "a");
  }

  /** Append one record as one line; the line is scrubbed (secrets removed) before writing. */
  append(record: object): void {
    if (this.fd === null) throw new Error(`run log ${this.path} is closed`);
    writeSync(this.fd, this.scrub(JSON.stringify(record)) + "\n");
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
