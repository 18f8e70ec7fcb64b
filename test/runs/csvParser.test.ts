import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CsvParser } from "../../src/runs/csvParser.js";
import { localFixtures } from "./paths.js";

/** Parse `text` fed in pieces of `size` characters; return rows with their start lines. */
function parse(text: string, size = Infinity, delimiter = ","): { rows: string[][]; lines: number[]; terminated: boolean[]; end: ReturnType<CsvParser["end"]> } {
  const parser = new CsvParser(delimiter);
  const rows: string[][] = [];
  const lines: number[] = [];
  const terminated: boolean[] = [];
  const onRow = (fields: string[], line: number, t: boolean): void => {
    rows.push(fields);
    lines.push(line);
    terminated.push(t);
  };
  const step = Number.isFinite(size) ? size : text.length || 1;
  for (let i = 0; i < text.length; i += step) parser.push(text.slice(i, i + step), onRow);
  return { rows, lines, terminated, end: parser.end(onRow) };
}

// Expected rows written out from RFC 4180 §2 (rules 1-7); Python's csv module reads tricky.csv the same.
const TRICKY_ROWS = [
  ["item", "condition", "score", "note"],
  ["q,1", "base", "1", 'said "hi"'],
  [" q2 ", "base", "0", "two\r\nlines, and a comma"],
  ["q3", "base", "0.5", ""],
  ["q4", "base", "1", 'plain "quote" inside'],
  ["q5", "base", "0", ""],
];

describe("CsvParser (RFC 4180)", () => {
  it("reads quoted commas, doubled quotes, CRLF inside quotes and empty fields", () => {
    const text = readFileSync(join(localFixtures, "tricky.csv"), "utf8").replace(/^\uFEFF/, "");
    const { rows, lines, end } = parse(text);
    expect(rows).toEqual(TRICKY_ROWS);
    expect(lines).toEqual([1, 2, 3, 5, 6, 7]);
    expect(end.unterminatedQuote).toBe(false);
  });

  it("gives the same rows whatever the chunk boundaries", () => {
    const text = readFileSync(join(localFixtures, "tricky.csv"), "utf8").replace(/^\uFEFF/, "");
    for (const size of [1, 2, 3, 5, 7, 13]) expect(parse(text, size).rows).toEqual(TRICKY_ROWS);
  });

  it("keeps a last row without a line break and says it was not terminated", () => {
    const { rows, terminated } = parse("a,b\n1,2");
    expect(rows).toEqual([["a", "b"], ["1", "2"]]);
    expect(terminated).toEqual([true, false]);
  });

  it("reports an unclosed quote at the end as unterminated, with its line", () => {
    const { rows, end } = parse('a,b\n1,2\n3,"open\nstill open');
    expect(rows).toEqual([["a", "b"], ["1", "2"]]);
    expect(end).toEqual({ unterminatedQuote: true, line: 3 });
  });

  it("reads tabs as the delimiter for TSV and skips blank lines", () => {
    expect(parse("a\tb\n\n1\t\"x\ty\"\n", Infinity, "\t").rows).toEqual([["a", "b"], ["1", "x\ty"]]);
  });

  it("rejects a delimiter that is not one character", () => {
    expect(() => new CsvParser(",,")).toThrow(/delimiter.*",,"/);
  });
});
