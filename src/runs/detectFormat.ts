/**
 * Which format a file is in, read from its first bytes rather than its name: analysts rename files,
 * and a `.json` may be an Inspect log, HELM's per_instance_stats.json, a JSON array or JSON lines.
 */
import { open } from "node:fs/promises";
import type { RunFormat } from "./options.js";
import { helmFileKind } from "./loadHelm.js";

/** A detected format, or why the file cannot be a run file. */
export type Detected = { format: RunFormat } | { problem: string; value?: string };

const HEAD_BYTES = 64 * 1024;

/** Read up to the first 64 KB of a file. */
export async function readHead(file: string, bytes = HEAD_BYTES): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function hex(bytes: Buffer): string {
  return [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
}

/** True when `head` is not UTF-8 text (a NUL byte, or bytes that do not decode). */
export function looksBinary(head: Buffer): boolean {
  if (head.includes(0)) return true;
  // A multi-byte character may be cut at the end of the head; leave the last 3 bytes out.
  const body = head.length > 4 ? head.subarray(0, head.length - 3) : head;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(body);
    return false;
  } catch {
    return true;
  }
}

/**
 * Detect the format from the first bytes of a file.
 *
 * @example
 * detectFormat(Buffer.from('{"item":"1","condition":"a","score":1}\n')); // { format: "jsonl" }
 */
export function detectFormat(head: Buffer): Detected {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5)) return { format: "inspect-eval" };
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    return { problem: "file is gzip-compressed; decompress it first", value: hex(head) };
  }
  if (looksBinary(head)) return { problem: "binary content: not a CSV, JSON or JSONL run file, nor an Inspect log", value: hex(head) };
  let text = head.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const start = text.search(/\S/);
  if (start < 0) return { problem: "file is empty" };
  const first = text[start];
  // HELM writes its run folder as indented JSON: per_instance_stats.json is read, its side files
  // (stats.json, scenario_state.json, run_spec.json…) are refused with the file to pass instead.
  if (first === "[" || first === "{") {
    const helm = helmFileKind(text.slice(start));
    if (helm) return helm;
  }
  if (first === "[") return { format: "json" };
  if (first === "{") {
    const lines = text.slice(start).split("\n");
    const firstLine = lines[0].trim();
    let parsed: unknown;
    try {
      parsed = JSON.parse(firstLine);
    } catch {
      // A pretty-printed document opens with "{" alone; JSON lines continue with another "{".
      const second = lines.slice(1).find((l) => l.trim() !== "");
      return second !== undefined && second.trimStart().startsWith("{") ? { format: "jsonl" } : { format: "inspect-json" };
    }
    if (parsed !== null && typeof parsed === "object" && "doc_id" in parsed && ("filter" in parsed || "metrics" in parsed)) {
      return { format: "lm-eval" };
    }
    // One object on one line and nothing else may still be a minified Inspect log.
    if (lines.slice(1).every((l) => l.trim() === "") && parsed !== null && typeof parsed === "object" && "eval" in parsed) {
      return { format: "inspect-json" };
    }
    return { format: "jsonl" };
  }
  const firstLine = text.slice(start).split("\n")[0];
  const tabs = firstLine.split("\t").length - 1;
  const commas = firstLine.split(",").length - 1;
  return { format: tabs > commas ? "tsv" : "csv" };
}
