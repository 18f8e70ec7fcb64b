/**
 * JSON lines (one record per line), streamed line by line, and JSON arrays of records. Keys are
 * mapped to record fields exactly as CSV columns are (the `columns` option).
 */
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { TableMapper } from "./tableMapper.js";
import { lineOfParseError } from "./lenientJson.js";
import type { LoadContext } from "./context.js";
import type { SourceInfo } from "./options.js";

type Row = Record<string, unknown>;

function isRow(value: unknown): value is Row {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Streams the lines of a text file: calls `onLine(text, lineNumber, terminated)` for each non-blank
 * line, where `terminated` says whether a line break followed it. Returns whether any text was seen.
 */
export async function forEachLine(
  file: string,
  onLine: (line: string, number: number, terminated: boolean) => boolean | void,
): Promise<boolean> {
  const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
  let rest = "";
  let number = 0;
  let first = true;
  let sawText = false;
  let stop = false;
  try {
    for await (const chunk of stream) {
      let text = rest.length ? rest + (chunk as string) : (chunk as string);
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      let pos = 0;
      for (let nl = text.indexOf("\n", pos); nl >= 0; nl = text.indexOf("\n", pos)) {
        number++;
        const line = text.slice(pos, nl);
        pos = nl + 1;
        if (line.trim() === "") continue;
        sawText = true;
        if (onLine(line, number, true) === false) {
          stop = true;
          break;
        }
      }
      if (stop) break;
      rest = text.slice(pos);
    }
  } finally {
    stream.destroy();
  }
  if (!stop && rest.trim() !== "") {
    sawText = true;
    onLine(rest, number + 1, false);
  }
  return sawText;
}

/** Whether the object has a key not among `known` (which then takes it in). */
function hasNewKey(row: Row, known: Set<string>): boolean {
  let added = false;
  for (const key in row) {
    if (!known.has(key)) {
      known.add(key);
      added = true;
    }
  }
  return added;
}

/** Load one JSONL file into the context. */
export async function loadJsonl(info: SourceInfo, ctx: LoadContext): Promise<void> {
  const file = info.file;
  let mapper: TableMapper | undefined;
  let known: Set<string> | undefined;
  let rows = 0;
  const sawText = await forEachLine(file, (line, number, terminated) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      const message = terminated ? "line is not valid JSON" : "truncated last line: not valid JSON and no line break";
      ctx.sink.report({ file, line: number, message, value: line.length > 80 ? `${line.slice(0, 77)}...` : line });
      return;
    }
    if (!isRow(parsed)) {
      ctx.sink.report({ file, line: number, message: "line is not a JSON object", value: parsed });
      return;
    }
    if (!mapper) {
      mapper = TableMapper.create(ctx, info, Object.keys(parsed), { file, line: number }, (key) => key, "key");
      if (!mapper) return false;
      known = new Set(Object.keys(parsed));
    } else if (hasNewKey(parsed, known!)) mapper.extendKeys([...known!]);
    rows++;
    mapper.addRow(parsed, { file, line: number });
  });
  if (!sawText) ctx.sink.report({ file, message: "file is empty" }, false);
  else if (rows === 0 && mapper) ctx.sink.report({ file, message: "file has no records" }, false);
  await mapper?.finish();
}

/** Load a JSON array of record objects (read whole: arrays are for small files; use JSONL for big ones). */
export async function loadJsonArray(info: SourceInfo, ctx: LoadContext): Promise<void> {
  const file = info.file;
  const text = await readFile(file, "utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const line = lineOfParseError(text, error);
    const cut = text.trimEnd().endsWith("]") ? "" : " (the file looks truncated)";
    ctx.sink.report({ file, line, message: `not valid JSON${cut}: ${(error as Error).message}` }, false);
    return;
  }
  if (!Array.isArray(parsed)) {
    ctx.sink.report({ file, message: "expected a JSON array of records", value: typeof parsed }, false);
    return;
  }
  if (parsed.length === 0) {
    ctx.sink.report({ file, message: "file has no records (empty array)" }, false);
    return;
  }
  let mapper: TableMapper | undefined;
  let known: Set<string> | undefined;
  let failed = false;
  parsed.forEach((element: unknown, i: number) => {
    const place = { file, entry: `[${i}]` };
    if (!isRow(element)) {
      ctx.sink.report({ ...place, message: "array element is not a JSON object", value: element });
      return;
    }
    if (failed) return;
    if (!mapper) {
      mapper = TableMapper.create(ctx, info, Object.keys(element), place, (key) => key, "key");
      known = new Set(Object.keys(element));
    } else if (hasNewKey(element, known!)) mapper.extendKeys([...known!]);
    if (!mapper) {
      failed = true;
      return;
    }
    mapper.addRow(element, place);
  });
  await mapper?.finish();
}
