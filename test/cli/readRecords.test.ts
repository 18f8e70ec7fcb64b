/** The reading flags every analysis command shares (src/cli/readRecords.ts). */
import { chmodSync, mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { inProcess, lastLine, root } from "./helpers.js";

const POPULARITY = resolve(root, "../shared/fixtures/inspect-eval-popularity/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval");

function temp(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "evalgap-cli-")), name);
  writeFileSync(path, content);
  return path;
}

describe("reading run files from the command line", () => {
  it("a semicolon-separated CSV is read by its delimiter (it was one column), and a note says so", async () => {
    const file = temp("runs.csv", 'item;condition;score;note\n1;a;1;"x; y"\n2;a;0;"a, b"\n3;a;1;z\n');
    const r = await inProcess(["summarize", file, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject([{ group: "a", items: 3, accuracy: 2 / 3 }]);
    expect(r.err).toContain(`evalgap: ${file}: fields separated by semicolons (read from the first lines)`);
  });

  it("--delimiter wins over what the first lines suggest", async () => {
    // Read as semicolons, this file has one column per line and no score; --delimiter "," reads it right.
    const file = temp("runs.csv", "item,condition,score;x\n1,a,1;y\n2,a,0;z\n");
    const asked = await inProcess(["summarize", file, "--delimiter", ",", "--json"]);
    expect(asked.code).toBe(2); // the comma reading has "score;x", no score column
    expect(lastLine(asked.err)).toMatch(/missing required column "score" \(for score\); columns present: "item", "condition", "score;x"$/);
    const tab = temp("runs.txt", "item\tcondition\tscore\n1\ta\t1\n");
    expect((await inProcess(["summarize", tab, "--delimiter", "tab", "--json"])).code).toBe(0);
    expect(await inProcess(["summarize", tab, "--delimiter", "::"])).toMatchObject({ code: 2, err: 'evalgap summarize: --delimiter must be one character (or "tab"), got "::"\n' });
  });

  it("a reading flag that no file given can use is an error naming it, not ignored", async () => {
    const r = await inProcess(["summarize", POPULARITY, "--columns", "item=id"]);
    expect(r.code).toBe(2);
    expect(lastLine(r.err)).toBe(`evalgap summarize: --columns applies only to tables (CSV/TSV, JSONL, JSON arrays), and no file given is one (${POPULARITY} is inspect-eval)`);
    const jsonl = temp("runs.jsonl", '{"item":"1","condition":"a","score":1}\n');
    const d = await inProcess(["summarize", jsonl, "--delimiter", ";"]);
    expect(lastLine(d.err)).toBe(`evalgap summarize: --delimiter applies only to CSV/TSV files, and no file given is one (${jsonl} is jsonl)`);
  });

  it("files that cannot be opened are named in plain words, not by Node's error code", async () => {
    const missing = await inProcess(["summarize", "/nonexistent/runs.csv"]);
    expect(missing).toMatchObject({ code: 2, err: "evalgap summarize: no such file: /nonexistent/runs.csv\n" });
    const folder = mkdtempSync(join(tmpdir(), "evalgap-cli-"));
    mkdirSync(join(folder, "sub"));
    expect((await inProcess(["summarize", join(folder, "sub")])).err).toBe(`evalgap summarize: ${join(folder, "sub")}: is a directory; pass the files in it\n`);
    if (process.getuid?.() !== 0) {
      // root reads any file, so the permission case is only checkable as another user.
      const locked = temp("locked.csv", "item,condition,score\n1,a,1\n");
      chmodSync(locked, 0o000);
      expect((await inProcess(["summarize", locked])).err).toBe(`evalgap summarize: no permission to read: ${locked}\n`);
    }
  });
});
