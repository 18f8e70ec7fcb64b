import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CsvParser, sniffDelimiter } from "../../src/runs/csvParser.js";
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

describe("sniffDelimiter (as Python's csv.Sniffer and R's data.table::fread read the first lines)", () => {
  it.each([
    ["comma", "item,condition,score\n1,a,1\n2,a,0\n", ","],
    ["tab", "item\tcondition\tscore\n1\ta\t1\n", "\t"],
    ["semicolon", "item;condition;score\n1;a;1\n2;a;0\n", ";"],
    ["pipe", "item|condition|score\n1|a|1\n", "|"],
    // Decimal commas in a semicolon file: the comma splits the rows unevenly, the semicolon evenly.
    ["semicolon with decimal commas", "item;condition;score\n1;a;0,5\n2;a;1\n3;a;0,25\n", ";"],
    // Free text with commas in a semicolon file, and semicolons in a comma file.
    ["semicolon with commas in text", "item;condition;score;note\n1;a;1;hello, world\n2;a;0;x\n", ";"],
    ["comma with semicolons in text", "item,condition,score,note\n1,a,1,x;y\n2,a,0,z\n", ","],
    // The other delimiter inside quotes does not count.
    ["comma with quoted semicolons", 'item,condition,score,note\n1,a,1,"a;b;c;d"\n', ","],
    ["semicolon with quoted commas", 'item;condition;score;note\n1;a;1;"a,b,c,d,e"\n2;a;1;"x"\n', ";"],
    // A quoted field may span lines: the line break inside it does not start a row.
    ["quoted line break", 'item;score;note\n1;1;"two\nlines, with, commas"\n2;0;x\n', ";"],
    ["CRLF", "item;score\r\n1;1\r\n", ";"],
    ["one column", "score\n1\n0\n", ","],
    ["empty", "", ","],
    // A ragged row: the delimiter most lines agree on still wins.
    ["ragged semicolon", "item;condition;score\n1;a;1\n2;a\n3;a;0\n4;a;1\n", ";"],
    // A header-only sample cut mid-line is read alone.
    ["cut header", "item;condition;sc", ";"],
  ])("%s", (_label, text, expected) => {
    expect(sniffDelimiter(text)).toBe(expected);
  });

  it("reads only the first lines (a stray delimiter further down changes nothing)", () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i};a;1`).join("\n");
    expect(sniffDelimiter(`item;condition;score\n${rows}\n1,2,3,4,5,6;x;y`)).toBe(";");
  });
});
