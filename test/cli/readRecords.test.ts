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
    expect((await inProcess(["summarize", join(folder, "sub")])).err).toBe(`evalgap summarize: ${join(folder, "sub")}: folder holds no files\n`);
    if (process.getuid?.() !== 0) {
      // root reads any file, so the permission case is only checkable as another user.
      const locked = temp("locked.csv", "item,condition,score\n1,a,1\n");
      chmodSync(locked, 0o000);
      expect((await inProcess(["summarize", locked])).err).toBe(`evalgap summarize: no permission to read: ${locked}\n`);
    }
  });
});

const EXTERNAL = resolve(root, "../shared/external-logs");
const LLMDRIFT = resolve(EXTERNAL, "llmdrift-prime/PRIME_FULL_EVAL.csv");
const BBH_DIRECT = resolve(EXTERNAL, "bbh-navigate/code-davinci-002-direct/navigate_few_shot_template_0-255000.jsonl");
const VITALS = resolve(EXTERNAL, "vitals-are/2025-04-29T14-36-27-05-00_An-R-Eval_e4763d5da8fe03a6cf4a90.json");
const CONTAINS_SCORER = resolve(root, "test/collect/fixtures/containsScorer.mjs");

describe("scoring free-text answers and keying items from the command line", () => {
  it("LLMDrift's free-text CSV in one command: gpt-4-0314 84.0% and gpt-4-0613 51.1%, with the unreadable answers counted", async () => {
    const r = await inProcess(["summarize", LLMDRIFT, "--columns", "condition=model,target=ref_answer", "--item", "id", "--extract", "yes-no", "--json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { group: string; items: number; accuracy: number }[];
    expect(rows.find((x) => x.group === "openaichat/gpt-4-0314")).toMatchObject({ items: 1000, accuracy: 0.84 });
    expect(rows.find((x) => x.group === "openaichat/gpt-4-0613")).toMatchObject({ items: 1000, accuracy: 0.511 });
    expect(r.err).toContain(`evalgap: ${LLMDRIFT}: 52 answers had no extractable yes/no; scored 0`);
    expect(r.err).toContain(`evalgap: ${LLMDRIFT}: items keyed by column "id"`);
    // LLMDrift's own rule gives the same two numbers, and GPT-3.5's as published (49.6, 76.2).
    const own = JSON.parse((await inProcess(["summarize", LLMDRIFT, "--columns", "condition=model,target=ref_answer", "--item", "id", "--extract", "yes-no-anywhere", "--json"])).out) as { group: string; accuracy: number }[];
    expect(own.map((x) => [x.group, x.accuracy])).toEqual([
      ["openaichat/gpt-3.5-turbo-0301", 0.496],
      ["openaichat/gpt-3.5-turbo-0613", 0.762],
      ["openaichat/gpt-4-0314", 0.84],
      ["openaichat/gpt-4-0613", 0.511],
    ]);
  });

  it("--scorer takes a scorer module, as evalgap run does; --item input keys BBH's items by question", async () => {
    const r = await inProcess(["summarize", BBH_DIRECT, "--columns", "answer=prediction", "--item", "input", "--scorer", CONTAINS_SCORER, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject([{ items: 250, accuracy: 0.504 }]);
    expect(r.err).toContain("item key is the input without the 750-character prefix and 23-character suffix all 250 rows share");
    const missing = await inProcess(["summarize", BBH_DIRECT, "--columns", "answer=prediction", "--item", "input", "--scorer", "/nonexistent/scorer.mjs"]);
    expect(missing.code).toBe(2);
    expect(missing.err.trim().split("\n")).toHaveLength(1);
    expect(missing.err).toMatch(/^evalgap summarize: --scorer \/nonexistent\/scorer\.mjs could not be loaded: /);
  });

  it("a file with neither an item column nor --item: the error suggests --item input or --item row", async () => {
    const r = await inProcess(["summarize", BBH_DIRECT, "--columns", "answer=prediction", "--extract", "(\\w+)\\.?$"]);
    expect(r.code).toBe(2);
    expect(lastLine(r.err)).toMatch(/or key items by --item input \(the "input" text without the prompt all rows share\) or --item row \(the row number\)$/);
  });

  it.each([
    ["a misspelled rule", ["--extract", "yesno"], '--extract must be one of yes-no, yes-no-anywhere, letter, number or a regular expression with a capture group; "yesno" has no capture group ( ) around the answer; did you mean yes-no?'],
    ["a broken pattern", ["--extract", "answer is (\\w+"], '--extract must be one of yes-no, yes-no-anywhere, letter, number or a regular expression with a capture group; "answer is (\\\\w+" is not a valid regular expression'],
    ["--no-fold alone", ["--no-fold"], "--no-fold changes how --extract compares answers; give --extract (or --scorer)"],
    ["--item with --columns item=", ["--item", "row", "--columns", "item=input"], '--item and --columns item=… both name the item; give one (got --item "row")'],
    ["--cluster with --columns cluster=", ["--cluster", "a", "--columns", "cluster=b"], '--cluster and --columns cluster=… both name the cluster; give one (got --cluster "a")'],
    ["a misspelled format", ["--format", "jsonll"], '--format must be one of "csv", "tsv", "jsonl", "json", "inspect-eval", "inspect-json", "lm-eval", "helm", got "jsonll"'],
    ["an empty --meta entry", ["--meta", "a,,b"], '--meta must be a comma-separated list of names, got "a,,b"'],
    ["an empty --metric", ["--metric", ""], "--metric must not be empty"],
  ])("%s is a one-line error naming the flag and value, exit 2", async (_label, flags, message) => {
    const r = await inProcess(["summarize", BBH_DIRECT, ...flags]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`evalgap summarize: ${message}\n`);
  });

  it("flags for one kind of file, given only files of another kind, are errors naming the flag and the files", async () => {
    const extract = await inProcess(["summarize", VITALS, "--extract", "letter"]);
    expect(lastLine(extract.err)).toBe(`evalgap summarize: --extract applies only to tables (CSV/TSV, JSONL, JSON arrays), and no file given is one (${VITALS} is inspect-json)`);
    const metric = await inProcess(["summarize", BBH_DIRECT, "--item", "row", "--columns", "answer=prediction", "--extract", "(\\w+)$", "--metric", "acc"]);
    expect(lastLine(metric.err)).toBe(`evalgap summarize: --metric applies only to lm-eval samples and HELM runs, and no file given is one (${BBH_DIRECT} is jsonl)`);
    const scoreKey = await inProcess(["summarize", BBH_DIRECT, "--item", "row", "--columns", "answer=prediction", "--extract", "(\\w+)$", "--score-key", "x", "--inspect-scorer", "model_graded_qa"]);
    expect(lastLine(scoreKey.err)).toBe(`evalgap summarize: --inspect-scorer, --score-key apply only to Inspect logs, and no file given is one (${BBH_DIRECT} is jsonl)`);
  });

  it("--metric, --filter and --inspect-scorer reach the loaders: a name the log does not have is an error listing those it has", async () => {
    const lmeval = resolve(EXTERNAL, "pyfade-mmlu-pro-plus/samples_mmlu_pro_plus_chemistry_2025-10-14T14-44-39.372006.jsonl");
    const metric = await inProcess(["summarize", lmeval, "--metric", "acc_norm"]);
    expect(metric.code).toBe(2);
    expect(lastLine(metric.err)).toMatch(/no metric "acc_norm"; metrics present: exact_match/);
    const filter = await inProcess(["summarize", lmeval, "--filter", "strict-match"]);
    expect(lastLine(filter.err)).toMatch(/filter "strict-match"; filters present: custom-extract/);
    const inspect = resolve(EXTERNAL, "inspect-mmlu-gpt4/2025-07-30T18-42-38+00-00_mmlu_ZYEnfbu3nstBuwzjiAGzuG.eval");
    const scorer = await inProcess(["summarize", inspect, "--inspect-scorer", "match"]);
    expect(lastLine(scorer.err)).toMatch(/no scorer "match"; scorers present: choice/);
  });

  it("--item and --cluster take dotted paths into JSON rows", async () => {
    const file = temp("runs.jsonl", ['{"doc":{"id":"1","subject":"law"},"score":1}', '{"doc":{"id":"2","subject":"law"},"score":0}', '{"doc":{"id":"3","subject":"art"},"score":1}'].join("\n"));
    const r = await inProcess(["summarize", file, "--item", "doc.id", "--cluster", "doc.subject", "--by", "cluster", "--json"]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { group: string; items: number }[]).map((x) => [x.group, x.items])).toEqual([["law", 2], ["art", 1]]);
  });

  it("--format forces a format: the BBH JSON lines read as CSV have no columns to score", async () => {
    const r = await inProcess(["summarize", BBH_DIRECT, "--format", "csv", "--item", "row"]);
    expect(r.code).toBe(2);
    expect(lastLine(r.err)).toMatch(/missing required column "score"/);
  });
});
