/**
 * Folders, globs and conditions from paths, through `loadRunsReport` / `loadRuns` (src/runs/loadRuns.ts,
 * expandPaths.ts, fileOverlap.ts, and `fieldsFromPath` in options.ts), on the shared real logs.
 */
import { describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { loadRuns, loadRunsReport, type LoadOptions, type RunRecord } from "../../src/runs/index.js";
import { fieldsFromPath } from "../../src/runs/options.js";
import { projectRoot, scratch, sharedFixtures, temperatureDir } from "./paths.js";

const BBH = resolve(projectRoot, "../shared/external-logs/bbh-navigate");
const BBH_FILE = "navigate_few_shot_template_0-255000.jsonl";
// The BIG-Bench-Hard outputs have no score: each prediction scored against its target (exact match).
const BBH_OPTIONS: LoadOptions = { columns: { item: "input" }, repeats: { answers: ["prediction"], key: "target" } };

/** Write files (relative path → content) under a fresh folder; return the folder. */
function tree(files: Record<string, string | Buffer>): string {
  const root = scratch();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const accuracy = (records: RunRecord[], condition: string): number => {
  const rows = records.filter((r) => r.condition === condition);
  return rows.reduce((s, r) => s + r.score, 0) / rows.length;
};

describe("a folder: BIG-Bench Hard navigate, direct and chain-of-thought outputs of the same file name", () => {
  it("two conditions from the folders, the metrics files skipped with a note that names them", async () => {
    const report = await loadRunsReport(BBH, BBH_OPTIONS);
    expect(report.problems).toEqual([]);
    expect(report.files).toEqual([
      { file: join(BBH, "code-davinci-002-cot", BBH_FILE), format: "jsonl" },
      { file: join(BBH, "code-davinci-002-direct", BBH_FILE), format: "jsonl" },
    ]);
    const metrics = ["code-davinci-002-cot", "code-davinci-002-direct"].map((d) => join(BBH, d, "navigate_few_shot_template_0-255000_eval_metrics.jsonl"));
    expect(report.notes[0]).toBe(`skipped ${metrics.join(", ")}: BIG-Bench-Hard eval metrics: an aggregate accuracy, not per-item results`);
    expect(report.notes[1]).toBe(`${join(BBH, "code-davinci-002-cot", BBH_FILE)}: no condition column or option; condition taken from the folders that tell files of the same name apart: "code-davinci-002-cot"`);
    expect(report.notes.at(-1)).toBe("read 2 files (2 jsonl; 2 skipped): 500 records, 2 conditions");
    expect(report.summary).toEqual({
      files: 2,
      formats: { jsonl: 2 },
      records: 500,
      conditions: ["code-davinci-002-cot", "code-davinci-002-direct"],
      skippedFiles: metrics.map((file) => ({ file, reason: "BIG-Bench-Hard eval metrics: an aggregate accuracy, not per-item results" })),
    });
    // Exact match of the answer-only prediction reproduces the repository's 50.4 (its eval_metrics).
    expect(accuracy(report.records, "code-davinci-002-direct")).toBeCloseTo(0.504, 12);
    expect(report.records.filter((r) => r.condition === "code-davinci-002-cot")).toHaveLength(250);
  });

  it("the two files named explicitly are two conditions too, never one of 500 items", async () => {
    const files = ["code-davinci-002-direct", "code-davinci-002-cot"].map((d) => join(BBH, d, BBH_FILE));
    const records = await loadRuns(files, { ...BBH_OPTIONS, onNote: () => {} });
    expect([...new Set(records.map((r) => r.condition))]).toEqual(["code-davinci-002-direct", "code-davinci-002-cot"]);
  });

  it("a glob over the folders, and a condition group on the whole path", async () => {
    const report = await loadRunsReport(`${BBH}/*/navigate_*.jsonl`, { ...BBH_OPTIONS, conditionPattern: /code-davinci-002-(?<condition>[^/]+)\// });
    // The glob matches the metrics files as well: they are skipped, not read.
    expect(report.summary.skippedFiles).toHaveLength(2);
    expect(report.summary.conditions).toEqual(["cot", "direct"]);
    expect(report.notes.at(-1)).toBe("read 2 files (2 jsonl; 2 skipped): 500 records, 2 conditions");
  });
});

describe("a folder of many formats: the shared fixtures", () => {
  it("reads every run file, skips the README, licences and lm-eval results, and warns of nothing", async () => {
    const report = await loadRunsReport(sharedFixtures);
    expect(report.problems).toEqual([]);
    expect(report.summary.formats).toEqual({ "inspect-eval": 5, "inspect-json": 2, "lm-eval": 2 });
    expect(report.summary.skippedFiles.map((s) => relative(sharedFixtures, s.file))).toEqual([
      "licenses/DanielKluev_pyFade.LICENSE",
      "licenses/evaleval_every_eval_ever.LICENSE",
      "licenses/gspencergoog_A2UI.LICENSE",
      "licenses/starsimhub_scipy2026_starsim_ai.LICENSE",
      "licenses/UKGovernmentBEIS_inspect_ai.LICENSE",
      "lmeval-gsm8k/results_2025-09-09T13-31-53.431753.json",
      "lmeval-gsm8k/results_2025-09-09T13-42-42.857006.json",
      "README.txt",
    ]);
    // Only the errored log's status, the two skip notes and the summary: no overlap warning.
    expect(report.notes.filter((n) => !n.startsWith("skipped "))).toEqual([
      `${join(sharedFixtures, "extra-inspect-zstd-error/2026-07-22T16-51-18-00-00_a2ui-v1-0-eval_nXpB6sZohVsmQgnyUD8nuj.eval")}: log status error: 27 samples, all with errors`,
      `read 9 files (5 inspect-eval, 2 inspect-json, 2 lm-eval; 8 skipped): ${report.records.length} records, 9 conditions`,
    ]);
  });

  it("gives the same records as its files named one by one", async () => {
    const report = await loadRunsReport(sharedFixtures);
    const oneByOne = await loadRunsReport(report.files.map((f) => f.file));
    expect(report.records).toEqual(oneByOne.records);
    expect(report.records.length).toBe(101);
    // Named files say nothing about what was read: the summary is data only.
    expect(oneByOne.notes.some((n) => n.startsWith("read "))).toBe(false);
    expect(oneByOne.summary.records).toBe(101);
  });

  it("globs: ** across folders, {a,b} alternatives, a relative pattern kept as written", async () => {
    const evals = await loadRunsReport(`${sharedFixtures}/**/*.eval`);
    expect(evals.summary.formats).toEqual({ "inspect-eval": 5 });
    expect(evals.summary.skippedFiles).toEqual([]);
    const inspect = await loadRunsReport(`${sharedFixtures}/inspect-{eval-popularity,json-arc}/*`);
    expect(inspect.files.map((f) => f.format)).toEqual(["inspect-eval", "inspect-eval", "inspect-json", "inspect-json"]);
    const rel = relative(process.cwd(), join(sharedFixtures, "lmeval-gsm8k"));
    const lmeval = await loadRunsReport(`${rel}/samples_*.jsonl`);
    expect(lmeval.files.map((f) => f.file)).toEqual([
      `${rel}/samples_gsm8k_2025-09-09T13-31-53.431753.jsonl`,
      `${rel}/samples_gsm8k_2025-09-09T13-42-42.857006.jsonl`,
    ]);
    expect(lmeval.records).toHaveLength(6);
  });
});

describe("nothing to read is a problem naming the folder or pattern", () => {
  it("an empty folder", async () => {
    const empty = scratch();
    const report = await loadRunsReport(empty);
    expect(report.problems).toEqual([{ file: empty, message: "folder holds no files" }]);
    await expect(loadRuns(empty)).rejects.toThrow(`${empty}: folder holds no files`);
  });

  it("a glob that matches nothing, or only files that are not run files", async () => {
    const pattern = `${sharedFixtures}/**/*.parquet`;
    await expect(loadRuns(pattern)).rejects.toThrow(`${pattern}: pattern matches no files`);
    const results = `${sharedFixtures}/lmeval-gsm8k/*.json`;
    const report = await loadRunsReport(results);
    expect(report.problems[0].message).toBe(
      `pattern matches no run files (2 skipped: ${join(sharedFixtures, "lmeval-gsm8k/results_2025-09-09T13-31-53.431753.json")}, ${join(sharedFixtures, "lmeval-gsm8k/results_2025-09-09T13-42-42.857006.json")})`,
    );
  });

  it("a folder or glob whose files another path already gave is not empty", async () => {
    const report = await loadRunsReport([sharedFixtures, `${sharedFixtures}/**/*.eval`]);
    expect(report.problems).toEqual([]);
    expect(report.summary.files).toBe(9);
  });

  it("in a folder, files whose format cannot be told are skipped with the reason; named, they are errors as before", async () => {
    const root = tree({ "run.csv": "item,condition,score\n1,a,1\n", "blob.bin": Buffer.from([0, 1, 2, 3]), "empty.jsonl": "", "config.json": '{\n  "seed": 1\n}\n' });
    const report = await loadRunsReport(root);
    expect(report.problems).toEqual([]);
    expect(report.records).toEqual([{ item: "1", condition: "a", score: 1 }]);
    expect(report.summary.skippedFiles).toEqual([
      { file: join(root, "blob.bin"), reason: "binary content: not a CSV, JSON or JSONL run file, nor an Inspect log" },
      { file: join(root, "config.json"), reason: 'a JSON document that is not an Inspect log (no "eval" header)' },
      { file: join(root, "empty.jsonl"), reason: "file is empty" },
    ]);
    await expect(loadRuns(join(root, "empty.jsonl"))).rejects.toThrow(`${join(root, "empty.jsonl")}: file is empty`);
    await expect(loadRuns(join(root, "blob.bin"))).rejects.toThrow(/blob\.bin: binary content/);
  });
});

describe("conditions and fields from the whole path", () => {
  const runs = {
    "gpt-4o/temp-0.7/run.csv": "item,score\n1,1\n2,0\n",
    "gpt-4o/temp-1.0/run.csv": "item,score\n1,0\n2,0\n",
    "claude/temp-0.7/run.csv": "item,score\n1,1\n2,1\n",
  };

  it("named groups: model × temperature; without a condition group the condition joins them in pattern order", async () => {
    const root = tree(runs);
    const records = await loadRuns(root, { conditionPattern: /(?<model>[^/]+)\/temp-(?<temperature>[\d.]+)\/run\.csv$/, onNote: () => {} });
    expect(records.filter((r) => r.item === "1")).toEqual([
      { item: "1", condition: "claude/0.7", score: 1, model: "claude", meta: { temperature: "0.7" } },
      { item: "1", condition: "gpt-4o/0.7", score: 1, model: "gpt-4o", meta: { temperature: "0.7" } },
      { item: "1", condition: "gpt-4o/1.0", score: 0, model: "gpt-4o", meta: { temperature: "1.0" } },
    ]);
  });

  it("a condition group wins; cluster and other names fill their fields", async () => {
    const root = tree(runs);
    const pattern = /(?<cluster>[^/]+)\/(?<condition>temp-[\d.]+)\/(?<file>[^/]+)$/;
    const records = await loadRuns(`${root}/gpt-4o/*/run.csv`, { conditionPattern: pattern, onNote: () => {} });
    expect(records[0]).toEqual({ item: "1", condition: "temp-0.7", score: 1, cluster: "gpt-4o", meta: { file: "run.csv" } });
    expect(fieldsFromPath(pattern, "a/gpt-4o/temp-0.7/run.csv")).toEqual({ cluster: "gpt-4o", condition: "temp-0.7", meta: { file: "run.csv" } });
  });

  it("unnamed groups keep today's meaning on the whole path; a pattern written for file names still works", async () => {
    expect(fieldsFromPath(/temp-([\d.]+)\//, "runs/gpt-4o/temp-0.7/run.csv")).toEqual({ condition: "0.7" });
    expect(fieldsFromPath(/temp-[\d.]+/, "runs/temp-0.7/run.csv")).toEqual({ condition: "temp-0.7" });
    expect(fieldsFromPath(/^temp-([\d.]+)\.csv$/, "/data/runs/temp-0.7.csv")).toEqual({ condition: "0.7" });
    // A global pattern reads every path from the start (it keeps no state between files).
    const global = /temp-([\d.]+)/g;
    expect([fieldsFromPath(global, "temp-0.7/a.csv"), fieldsFromPath(global, "temp-1.0/a.csv")]).toEqual([{ condition: "0.7" }, { condition: "1.0" }]);
    const root = tree(runs);
    await expect(loadRuns(root, { conditionPattern: /top-p-(\d)/ })).rejects.toThrow(
      `conditionPattern /top-p-(\\d)/ does not match the path (value: "${join(root, "claude/temp-0.7/run.csv")}")`,
    );
  });

  it("the 39 temperature CSVs as a folder: model × prompt × temperature from the file names", async () => {
    const columns = { item: "Problem ID", cluster: "Source" };
    const repeats = { answers: /^Answer \d+$/, key: "Correct Answer" };
    const pattern = /(?<model>[^/]+?) - (?<prompt>[^/]+?) - [^/]+ - temp-(?<temperature>[\d.]+)\.csv$/;
    const report = await loadRunsReport(temperatureDir, { columns, repeats, conditionPattern: pattern });
    expect(report.problems).toEqual([]);
    expect(report.summary.conditions).toHaveLength(39);
    expect(report.summary.skippedFiles.map((s) => s.reason)).toEqual(["documentation or licence", "documentation or licence"]);
    expect(report.records[0]).toMatchObject({ condition: "claude-3-opus-20240229/chain_of_thought/0.0", model: "claude-3-opus-20240229", meta: { prompt: "chain_of_thought", temperature: "0.0" } });
    // The temperature alone puts two models' files in one condition: the error names both files.
    await expect(loadRuns(temperatureDir, { columns, repeats, conditionPattern: /temp-([\d.]+)\.csv$/ })).rejects.toThrow(
      /gpt-4 - chain_of_thought - comprehensive-100 - temp-0\.0\.csv, line 2: duplicate .*, from .*claude-3-opus-20240229 - chain_of_thought - comprehensive-100 - temp-0\.0\.csv too: both files land in condition "0\.0"/,
    );
  });

  it("without a pattern, the folders that differ name the conditions", async () => {
    const report = await loadRunsReport(tree(runs));
    expect(report.summary.conditions).toEqual(["claude/temp-0.7", "gpt-4o/temp-0.7", "gpt-4o/temp-1.0"]);
  });
});

describe("two files in one condition", () => {
  const table = (rows: string) => `item,condition,sample,score\n${rows}`;

  it("overlapping items with different samples: read as repeats, with a note naming both files", async () => {
    const root = tree({ "a/run.csv": table("1,x,1,1\n2,x,1,0\n"), "b/run.csv": table("1,x,2,1\n3,x,1,1\n") });
    const report = await loadRunsReport(root);
    expect(report.problems).toEqual([]);
    expect(report.records).toHaveLength(4);
    expect(report.notes).toContain(
      `${join(root, "a/run.csv")} and ${join(root, "b/run.csv")} both answer 1 item under condition "x" (e.g. item "1"), read as one condition; if they are different settings, tell them apart with conditionPattern (e.g. /(?<condition>[^/]+)\\/[^/]+$/ takes the folder) or condition`,
    );
  });

  it("the same answer twice: strict mode names the other file; collect mode reports it and notes the pair", async () => {
    const root = tree({ "a/run.csv": table("1,x,1,1\n"), "b/run.csv": table("1,x,1,0\n") });
    await expect(loadRuns(root)).rejects.toThrow(
      `${join(root, "b/run.csv")}, line 2: duplicate (item, condition, sample): this answer was already loaded, from ${join(root, "a/run.csv")} too: both files land in condition "x"`,
    );
    const report = await loadRunsReport(root);
    expect(report.problems).toHaveLength(1);
    expect(report.notes.filter((n) => n.includes("both answer 1 item under condition \"x\""))).toHaveLength(1);
  });

  it("different items in one condition (subtask files of one run) say nothing", async () => {
    const root = tree({ "chemistry.csv": table("c1,run,1,1\nc2,run,1,0\n"), "health.csv": table("h1,run,1,1\n") });
    const report = await loadRunsReport(root);
    expect(report.notes).toEqual(["read 2 files (2 csv): 3 records, 1 condition"]);
  });

  it("a duplicate inside one file is the same error as before", async () => {
    const root = tree({ "a.csv": table("1,x,1,1\n1,x,1,0\n"), "b.csv": table("2,x,1,1\n") });
    await expect(loadRuns(root)).rejects.toThrow(`${join(root, "a.csv")}, line 3: duplicate (item, condition, sample): this answer was already loaded (value:`);
  });
});
