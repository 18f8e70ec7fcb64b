/**
 * CSV and TSV run files, streamed: the file is read in 1 MB chunks through the RFC 4180 parser, so a
 * million-row file never sits in memory as one string. The delimiter is sniffed from the first
 * chunk unless the caller fixes it.
 */
import { createReadStream } from "node:fs";
import { CsvParser, sniffDelimiter } from "./csvParser.js";
import { TableMapper } from "./tableMapper.js";
import type { LoadContext } from "./context.js";
import type { SourceInfo } from "./options.js";

/** A column-index reader is built once per file: row cells are looked up by position, not by name. */
function indexOf(headers: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    if (!index.has(h)) index.set(h, i);
  });
  return index;
}

/** Names of the delimiters a note may mention. */
const DELIMITER_NAMES: Readonly<Record<string, string>> = { ";": "semicolons", "|": "pipes" };

/**
 * Load one CSV/TSV file into the context. The delimiter is the `delimiter` option, else the one
 * given here (a forced TSV), else the one `sniffDelimiter` reads from the first lines.
 */
export async function loadCsv(info: SourceInfo, ctx: LoadContext, delimiter?: string): Promise<void> {
  const fixed = ctx.options.delimiter ?? delimiter;
  let parser: CsvParser | undefined;
  const file = info.file;
  let headers: string[] | undefined;
  let index = new Map<string, number>();
  let mapper: TableMapper | undefined;
  let stop = false;
  let rows = 0;

  const onRow = (row: string[], line: number, terminated: boolean): void => {
    if (stop) return;
    if (headers === undefined) {
      if (row[0].charCodeAt(0) === 0xfeff) row[0] = row[0].slice(1);
      headers = row.map((h) => h.trim());
      index = indexOf(headers);
      mapper = TableMapper.create(ctx, info, headers, { file, line }, (column) => index.get(column) ?? -1);
      if (!mapper) stop = true;
      return;
    }
    rows++;
    if (row.length !== headers.length) {
      if (row.length === 1 && row[0].trim() === "") return; // a blank line
      const message = !terminated && row.length < headers.length
        ? `truncated last line: ${row.length} of ${headers.length} fields and no line break`
        : `row has ${row.length} fields, the header has ${headers.length}`;
      ctx.sink.report({ file, line, message, value: row.slice(0, 4) });
      return;
    }
    mapper!.addRow(row, { file, line });
  };

  const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      if (parser === undefined) {
        const chosen = fixed ?? sniffDelimiter(chunk as string);
        if (fixed === undefined && DELIMITER_NAMES[chosen] !== undefined) ctx.sink.note(`${file}: fields separated by ${DELIMITER_NAMES[chosen]} (read from the first lines)`);
        parser = new CsvParser(chosen);
      }
      parser.push(chunk as string, onRow);
      if (stop) break;
    }
  } finally {
    stream.destroy();
  }
  if (stop) return;
  const end = (parser ?? new CsvParser(fixed ?? ",")).end(onRow);
  if (end.unterminatedQuote) {
    ctx.sink.report({ file, line: end.line, message: "truncated last line: a quoted field is not closed" });
  }
  if (headers === undefined) {
    ctx.sink.report({ file, message: "file is empty" }, false);
    return;
  }
  if (rows === 0) ctx.sink.report({ file, line: 1, message: "file has a header but no rows", value: headers.slice(0, 6).join(",") }, false);
  await mapper?.finish();
}
