/**
 * A streaming RFC 4180 parser: fed text in chunks, it emits one row at a time with the line it
 * starts on. Quoted fields may hold delimiters, doubled quotes and newlines; CRLF and LF both end a
 * row. Lines without a quote take a fast path (one `split`), which is what keeps a 1M-row file
 * near the speed of a plain line split.
 */

/** Called for each row: its fields, the 1-based line where it starts, and whether a line break ended it. */
export type RowHandler = (fields: string[], line: number, terminated: boolean) => void;

/** What `end` found at the end of the input. */
export interface CsvEnd {
  /** The input ended inside a quoted field: the last row was cut off. */
  unterminatedQuote: boolean;
  /** The line where that unfinished row starts. */
  line: number;
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

/** The delimiters `sniffDelimiter` chooses from; on a tie the first listed wins. */
export const DELIMITERS: readonly string[] = [",", "\t", ";", "|"];

/** Up to `max` lines from the start of `text`, split at line breaks outside quotes; blank lines left out. */
function sampleLines(text: string, max: number): string[] {
  const lines: string[] = [];
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < text.length && lines.length < max; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuote = !inQuote;
    else if (c === LF && !inQuote) {
      const line = text.slice(start, i).replace(/\r$/, "");
      if (line.trim() !== "") lines.push(line);
      start = i + 1;
    }
  }
  // Text after the last line break may be a line cut at the end of the sample: use it only alone.
  if (lines.length === 0 && text.slice(start).trim() !== "") lines.push(text.slice(start));
  return lines;
}

/** Fields `line` splits into at `delimiter`, not counting delimiters inside quotes. */
function fieldCount(line: string, delimiter: number): number {
  let fields = 1;
  let inQuote = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === QUOTE) inQuote = !inQuote;
    else if (c === delimiter && !inQuote) fields++;
  }
  return fields;
}

/**
 * The field delimiter of a delimited text, read from its first lines the way Python's
 * `csv.Sniffer` and R's `data.table::fread` do: the candidate (comma, tab, semicolon, pipe) that
 * splits the header and every sampled line into the same number of fields, at least 2, with
 * delimiters inside quotes not counted; among those, the one giving the most fields. When none is
 * consistent (a ragged row), the one most lines agree with the header on. "," when nothing splits.
 *
 * @example
 * sniffDelimiter('item;score;note\n1;0,5;"a;b"\n') // ";"
 */
export function sniffDelimiter(text: string, maxLines = 20): string {
  const lines = sampleLines(text, maxLines);
  if (lines.length === 0) return ",";
  let best = { delimiter: ",", agreeing: 0, fields: 1 };
  for (const delimiter of DELIMITERS) {
    const code = delimiter.charCodeAt(0);
    const counts = lines.map((line) => fieldCount(line, code));
    const fields = counts[0];
    if (fields < 2) continue;
    const agreeing = counts.filter((n) => n === fields).length;
    if (agreeing > best.agreeing || (agreeing === best.agreeing && fields > best.fields)) best = { delimiter, agreeing, fields };
  }
  return best.delimiter;
}

export class CsvParser {
  private pending = "";
  private line = 1;
  private readonly delimiter: string;
  private readonly delimiterCode: number;

  /** `delimiter` is one character: "," for CSV, "\t" for TSV. */
  constructor(delimiter: string) {
    if (delimiter.length !== 1) throw new RangeError(`delimiter must be one character (value: ${JSON.stringify(delimiter)})`);
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** Parse what `chunk` completes; keep an unfinished row for the next chunk. */
  push(chunk: string, onRow: RowHandler): void {
    const text = this.pending.length ? this.pending + chunk : chunk;
    const used = this.parse(text, false, onRow);
    this.pending = used < text.length ? text.slice(used) : "";
  }

  /** Flush the last row (one without a final line break) and say whether the input was cut off. */
  end(onRow: RowHandler): CsvEnd {
    const text = this.pending;
    this.pending = "";
    const startLine = this.line;
    const used = this.parse(text, true, onRow);
    const unterminatedQuote = used < text.length;
    return { unterminatedQuote, line: startLine };
  }

  /** Parse complete rows from `text`; return how many characters were consumed. */
  private parse(text: string, final: boolean, onRow: RowHandler): number {
    const n = text.length;
    let pos = 0;
    // The next quote is searched once and reused until passed: searching per line would rescan
    // the whole chunk on every line of a file without quotes.
    let quote = -2;
    while (pos < n) {
      const nl = text.indexOf("\n", pos);
      if (nl < 0 && !final) return pos;
      const lineEnd = nl < 0 ? n : nl;
      if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
      if (quote < 0 || quote > lineEnd) {
        // Fast path: no quote on this line.
        let end = lineEnd;
        if (end > pos && text.charCodeAt(end - 1) === CR) end--;
        if (end > pos) onRow(text.slice(pos, end).split(this.delimiter), this.line, nl >= 0);
        this.line++;
        pos = lineEnd + 1;
        continue;
      }
      const next = this.parseQuotedRow(text, pos, final, onRow);
      if (next < 0) return pos; // unfinished quoted row: wait for more text (or report at end)
      pos = next;
    }
    return n;
  }

  /** The slow path: one row containing quotes. Returns the position after it, or -1 if unfinished. */
  private parseQuotedRow(text: string, start: number, final: boolean, onRow: RowHandler): number {
    const n = text.length;
    const fields: string[] = [];
    let newlines = 0;
    let pos = start;
    for (;;) {
      let value: string;
      if (pos < n && text.charCodeAt(pos) === QUOTE) {
        // Quoted field: runs to the next quote not followed by another quote.
        let parts = "";
        let from = pos + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) return -1;
          if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
            parts += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) return -1; // cannot yet tell "" from " at a chunk boundary
          parts += text.slice(from, q);
          pos = q + 1;
          break;
        }
        for (let i = parts.indexOf("\n"); i >= 0; i = parts.indexOf("\n", i + 1)) newlines++;
        // Lenient: text after the closing quote (a"b"c) is kept as it stands.
        let tail = pos;
        while (tail < n) {
          const c = text.charCodeAt(tail);
          if (c === this.delimiterCode || c === LF || (c === CR && (tail + 1 >= n || text.charCodeAt(tail + 1) === LF))) break;
          tail++;
        }
        value = tail > pos ? parts + text.slice(pos, tail) : parts;
        pos = tail;
      } else {
        let tail = pos;
        while (tail < n) {
          const c = text.charCodeAt(tail);
          if (c === this.delimiterCode || c === LF) break;
          tail++;
        }
        let end = tail;
        if (end > pos && text.charCodeAt(end - 1) === CR && (tail >= n || text.charCodeAt(tail) === LF)) end--;
        value = text.slice(pos, end);
        pos = tail;
      }
      fields.push(value);
      if (pos >= n) {
        if (!final) return -1;
        onRow(fields, this.line, false);
        this.line += newlines + 1;
        return n;
      }
      const c = text.charCodeAt(pos);
      if (c === this.delimiterCode) {
        pos++;
        continue;
      }
      if (c === CR) pos++;
      if (pos < n && text.charCodeAt(pos) === LF) pos++;
      else if (!final) return -1;
      onRow(fields, this.line, true);
      this.line += newlines + 1;
      return pos;
    }
  }
}
