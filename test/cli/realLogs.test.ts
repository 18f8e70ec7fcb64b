/**
 * Issue 12's "Done when", end to end from the command line: every real log in ../shared/external-logs
 * and ../shared/fixtures loads in one command and prints the accuracy its source reports (read here
 * from the source's own files where it has them: BBH's eval_metrics, HELM's stats.json, the Inspect
 * logs' results, the lm-eval samples); the three warnings fire when they should and never on
 * these clean logs; bad input is a one-line error naming file, line and value, exit 2.
 * Each log is loaded once (memoised) and the warning check reads the same runs.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ZipReader } from "../../src/runs/zipReader.js";
import { cli, inProcess, root } from "./helpers.js";

const EXTERNAL = resolve(root, "../shared/external-logs");
const FIXTURES = resolve(root, "../shared/fixtures");
const LLMDRIFT = join(EXTERNAL, "llmdrift-prime/PRIME_FULL_EVAL.csv");
const BBH = join(EXTERNAL, "bbh-navigate");
const HELM = join(EXTERNAL, "helm-mmlu-philosophy-gpt2");
const PYFADE = join(EXTERNAL, "pyfade-mmlu-pro-plus");
const INSPECT_MMLU = join(EXTERNAL, "inspect-mmlu-gpt4");
const VITALS = join(EXTERNAL, "vitals-are");
const EEE_MATH = join(EXTERNAL, "eee-math-perturbed");

/** BIG-Bench Hard has no id: items are the question without the shared prompt; "So the answer is No." or "No". */
const BBH_EXTRACT = ["--extract", "(?:So the answer is )?(\\w+)\\.?$"];

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));
const readJsonl = (path: string) => readFileSync(path, "utf8").trim().split("\n").map((line) => JSON.parse(line));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const filesIn = (dir: string, pattern: RegExp) => readdirSync(dir).filter((f) => pattern.test(f)).map((f) => join(dir, f));

/** The one command per log (issue 12: "loads from the CLI in one command with the flags above"). */
const COMMANDS = {
  llmdrift: ["compare", LLMDRIFT, "--columns", "condition=model,target=ref_answer", "--item", "id", "--extract", "yes-no-anywhere",
    "--baseline", "openaichat/gpt-4-0314", "--treatment", "openaichat/gpt-4-0613", "--json"],
  bbh: ["compare", BBH, "--columns", "answer=prediction", "--item", "input", ...BBH_EXTRACT, "--baseline", "code-davinci-002-direct", "--treatment", "code-davinci-002-cot", "--json"],
  helm: ["summarize", HELM, "--json"],
  pyfade: ["compare", PYFADE, "--baseline", "/workspace/gemma-3-12b-it-base", "--treatment", "/workspace/gemma3_12b_u2", "--json"],
  inspectMmlu: ["summarize", INSPECT_MMLU, "--json"],
  vitals: ["compare", VITALS, "--baseline", "An-R-Eval/gpt-4o", "--treatment", "An-R-Eval/claude-3-7-sonnet-latest", "--json"],
  eeeMath: ["summarize", EEE_MATH, "--json"],
  fixtures: ["summarize", FIXTURES, "--json"],
} as const;
type LogName = keyof typeof COMMANDS;

interface Run { code: number; out: string; err: string }
const runs = new Map<LogName, Promise<Run>>();
/** The command for `name`, run once. The fixtures folder goes through the real entry point (src/cli/main.ts) as a child process. */
function load(name: LogName): Promise<Run> {
  if (!runs.has(name)) {
    const args = [...COMMANDS[name]];
    runs.set(name, name === "fixtures" ? cli(args).then(({ code, stdout, stderr }) => ({ code, out: stdout, err: stderr })) : inProcess(args));
  }
  return runs.get(name)!;
}
async function loadJson(name: LogName) {
  const run = await load(name);
  expect(run.code, run.err).toBe(0);
  return JSON.parse(run.out);
}
interface Row { group: string; items: number; samplesPerItem: number; accuracy: number }

describe("every real log loads from the command line in one command, with the numbers its source reports", () => {
  it("LLMDrift: gpt-4-0314 84.0%, gpt-4-0613 51.1% (the paper's README), paired on the 1,000 questions", async () => {
    expect(await loadJson("llmdrift")).toMatchObject({ baselineAccuracy: 0.84, treatmentAccuracy: 0.511, paired: true, items: 1000, droppedItems: 0 });
  });

  it("BBH navigate: 50.4% answer-only and 96.4% chain of thought (the repository's eval_metrics), paired on all 250 items", async () => {
    const reported = (prompt: string) => readJson(join(BBH, prompt, "navigate_few_shot_template_0-255000_eval_metrics.jsonl")).accuracy / 100;
    const c = await loadJson("bbh");
    expect(c.baselineAccuracy).toBeCloseTo(reported("code-davinci-002-direct"), 12);
    expect(c.treatmentAccuracy).toBeCloseTo(reported("code-davinci-002-cot"), 12);
    expect(c).toMatchObject({ baselineAccuracy: 0.504, treatmentAccuracy: 0.964, paired: true, items: 250, droppedItems: 0 });
    // The two same-named files become two conditions by their folders, and the summary line says what was read.
    expect((await load("bbh")).err).toContain("evalgap: read 2 files (2 jsonl; 2 skipped): 500 records, 2 conditions");
  });

  it("HELM: GPT-2 on MMLU philosophy, exact_match on test as HELM's stats.json has it (1 of 9)", async () => {
    const stats = readJson(join(HELM, "stats.json")) as { name: { name: string; split?: string; perturbation?: unknown }; mean: number }[];
    const helm = (name: string) => stats.find((s) => s.name.name === name && s.name.split === "test" && s.name.perturbation === undefined)!.mean;
    const [row] = (await loadJson("helm")) as Row[];
    expect(row).toMatchObject({ group: "openai/gpt2", items: helm("num_instances") });
    expect(row.accuracy).toBe(helm("exact_match"));
    expect(row.accuracy).toBe(1 / 9);
  });

  it("pyfade MMLU-Pro-Plus: each run's exact_match recomputed from its samples, the two runs paired on the same 9 docs", async () => {
    // results_*.json summarise the full 100-doc runs; the samples kept are 3 docs × 3 subtasks per run.
    const runOf = (stamp: string) => ({
      model: readJson(join(PYFADE, `results_${stamp}.json`)).model_name as string,
      accuracy: mean(filesIn(PYFADE, new RegExp(`^samples_.*_${stamp}\\.jsonl$`)).flatMap(readJsonl).map((s) => s.exact_match as number)),
    });
    const tuned = runOf("2025-10-14T14-44-39.372006");
    const base = runOf("2025-10-14T15-11-56.507865");
    const c = await loadJson("pyfade");
    expect([c.baseline, c.treatment]).toEqual([base.model, tuned.model]);
    expect(c.baselineAccuracy).toBe(base.accuracy); // 6 of 9
    expect(c.treatmentAccuracy).toBe(tuned.accuracy); // 3 of 9
    expect(c).toMatchObject({ paired: true, items: 9, droppedItems: 0 });
  });

  it("Inspect MMLU (.eval): the accuracy in the log's own header results, on its 285 samples", async () => {
    const log = filesIn(INSPECT_MMLU, /\.eval$/)[0];
    const zip = await ZipReader.open(log);
    const header = JSON.parse(await zip.text("header.json"));
    await zip.close();
    const [row] = (await loadJson("inspectMmlu")) as Row[];
    expect(row.items).toBe(header.results.total_samples);
    expect(row.accuracy).toBeCloseTo(header.results.scores[0].metrics.accuracy.value, 15); // 0.782
  });

  it("vitals (Inspect JSON written by R): each log's own accuracy, 59.6154 and 48.0769, paired on the 26 questions", async () => {
    const own = new Map(filesIn(VITALS, /\.json$/).map((f) => readJson(f)).map((log) => [log.eval.model as string, log.results.scores[0].metrics.accuracy.value as number]));
    expect([...own.values()].sort()).toEqual([48.0769, 59.6154]);
    const c = await loadJson("vitals");
    // The logs round to four decimals of a percentage.
    expect(Number((100 * c.baselineAccuracy).toFixed(4))).toBe(own.get("gpt-4o"));
    expect(Number((100 * c.treatmentAccuracy).toFixed(4))).toBe(own.get("claude-3-7-sonnet-latest"));
    expect(c).toMatchObject({ paired: true, items: 26, droppedItems: 0 });
  });

  it("every-eval-ever math_perturbed (lm-eval): 0 of 10, as the samples and results_*.json have it", async () => {
    const samples = filesIn(EEE_MATH, /^samples_.*\.jsonl$/).flatMap(readJsonl);
    expect(samples.map((s) => s.exact_match)).toEqual(Array(10).fill(0));
    expect(readJson(filesIn(EEE_MATH, /^results_/)[0]).results.math_perturbed_full["exact_match,none"]).toBe(0);
    expect(await loadJson("eeeMath")).toMatchObject([{ items: 10, accuracy: 0, lower: 0 }]);
  });

  it("the fixtures folder as a whole: every log at its README's count; the crashed zstd log is noted, not scored", async () => {
    // Counts from ../shared/fixtures/README.txt (C of n per log; log_streaming is 2 samples × 2 epochs).
    const rows = (await loadJson("fixtures")) as Row[];
    expect(rows.map((r) => [r.group, r.items, r.samplesPerItem, r.accuracy])).toEqual([
      ["popularity/openai/gpt-4o-mini", 10, 1, 8 / 10],
      ["popularity/azureai/Meta-Llama-3-1-405B-Instruct-jqf", 2, 2, 3 / 4],
      ["starsim_benchmark/anthropic/claude-sonnet-4-6", 23, 1, 11 / 23],
      ["starsim_benchmark/anthropic/claude-opus-4-6", 23, 1, 16 / 23],
      ["inspect_evals/arc_easy/ollama/qwen2.5:0.5b", 3, 1, 1 / 3],
      ["inspect_evals/arc_easy/anthropic/claude-sonnet-4-0", 5, 1, 5 / 5],
      ["gemma3:12b-u1", 3, 1, 1 / 3],
      ["gemma3:12b-it-q4_K_M", 3, 1, 2 / 3],
    ]);
    const { err } = await load("fixtures");
    expect(err).toContain("2026-07-22T16-51-18-00-00_a2ui-v1-0-eval_nXpB6sZohVsmQgnyUD8nuj.eval: log status error: 27 samples, all with errors");
    expect(err).toContain("evalgap: read 9 files (5 inspect-eval, 2 inspect-json, 2 lm-eval; 8 skipped): 101 records, 9 conditions");
  });
});

/** The warnings of issue 12, as they read. */
const WARNINGS = [/read as one condition/, /both files land in condition/, /no item pairs across/, /under only one condition/];

function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), "evalgap-real-"));
}

describe("the loading warnings fire, each from the command line, and never on the clean logs", () => {
  it("two files landing in one condition: a note naming both, and the flag that tells them apart", async () => {
    const dir = scratchDir();
    for (const [folder, sample] of [["research", 0], ["production", 1]] as const) {
      mkdirSync(join(dir, folder));
      writeFileSync(join(dir, folder, "runs.jsonl"), [1, 2, 3].map((item) => JSON.stringify({ item, condition: "gpt", sample, score: item % 2 })).join("\n"));
    }
    const r = await inProcess(["summarize", dir, "--json"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      `evalgap: ${join(dir, "production/runs.jsonl")} and ${join(dir, "research/runs.jsonl")} both answer 3 items under condition "gpt" (e.g. item "1"), read as one condition; ` +
        "if they are different settings, tell them apart with --condition-pattern (e.g. '(?<condition>[^/]+)/[^/]+$' takes the folder)",
    );
  });

  it("no item pairs across the compared conditions: BBH keyed on the raw input (prompts differ) is compared as independent, and says so", async () => {
    const r = await inProcess(["compare", BBH, "--columns", "item=input,answer=prediction", ...BBH_EXTRACT, "--baseline", "code-davinci-002-direct", "--treatment", "code-davinci-002-cot", "--json"]);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    expect(c).toMatchObject({ paired: false, baselineItems: 250, treatmentItems: 250 });
    const warning = "no item pairs across the two conditions (250 and 250 items, none shared): compared as independent samples; if they are the same questions, key the items so they match";
    expect(c.warnings).toContain(warning);
    expect(c.sentence).toContain(warning);
  });

  it("different item sets: the arc logs (3 and 5 questions) pair on 3, and the sentence says 2 were left out", async () => {
    const r = await inProcess(["compare", join(FIXTURES, "inspect-json-arc"), "--baseline", "inspect_evals/arc_easy/ollama/qwen2.5:0.5b", "--treatment", "inspect_evals/arc_easy/anthropic/claude-sonnet-4-0"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^design\s+paired on 3 items \(2 left out; correlation 0\.00\)$/m);
    expect(r.out).toContain("2 items under only one condition were left out.");
  });

  it("none of them fires on the clean shared logs, each loaded as above", async () => {
    for (const name of Object.keys(COMMANDS) as LogName[]) {
      const { code, out, err } = await load(name);
      expect(code, name).toBe(0);
      for (const warning of WARNINGS) expect(`${out}\n${err}`, `${name}: ${warning}`).not.toMatch(warning);
    }
  });
});

describe("bad input is one line naming the file, the line and the value, exit 2", () => {
  function temp(name: string, content: string): string {
    const path = join(scratchDir(), name);
    writeFileSync(path, content);
    return path;
  }
  async function oneLineError(args: string[]): Promise<string> {
    const r = await inProcess(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.trimEnd().split("\n")).toHaveLength(1);
    return r.err.trimEnd();
  }

  it("a CSV with a score that is not one, on line 4", async () => {
    const file = temp("runs.csv", "item,condition,score\n1,a,1\n2,a,0\n3,a,maybe\n4,a,1\n");
    expect(await oneLineError(["summarize", file])).toBe(
      `evalgap summarize: ${file}, line 4: score is not a number in [0, 1] or a known label (C, I, P, N, true, false) (value: "maybe")`,
    );
  });

  it("an lm-eval samples file whose second line is not JSON (the first is a real sample)", async () => {
    const real = readFileSync(filesIn(EEE_MATH, /^samples_.*\.jsonl$/)[0], "utf8").split("\n")[0];
    const file = temp("samples_math_perturbed_full_2026-01-21T03-44-18.458309.jsonl", `${real}\n{"doc_id": 1, "doc": \n`);
    expect(await oneLineError(["summarize", file])).toBe(`evalgap summarize: ${file}, line 2: line is not valid JSON (value: "{\\"doc_id\\": 1, \\"doc\\": ")`);
  });

  it("a misspelled --metric lists the metrics the log has", async () => {
    const samples = filesIn(EEE_MATH, /^samples_.*\.jsonl$/)[0];
    expect(await oneLineError(["summarize", EEE_MATH, "--metric", "exact_mach"])).toBe(
      `evalgap summarize: ${samples}, line 1: no metric "exact_mach"; metrics present: exact_match; closest: exact_match (value: "exact_mach")`,
    );
  });

  it.each([
    ["--format", ["--format", "lmeval"], '--format must be one of "csv", "tsv", "jsonl", "json", "inspect-eval", "inspect-json", "lm-eval", "helm", got "lmeval"'],
    ["--extract", ["--extract", "yes_no"], '--extract must be one of yes-no, yes-no-anywhere, letter, number or a regular expression with a capture group; "yes_no" has no capture group ( ) around the answer; did you mean yes-no?'],
  ])("a misspelled %s value lists the valid ones", async (_flag, flags, message) => {
    expect(await oneLineError(["summarize", EEE_MATH, ...flags])).toBe(`evalgap summarize: ${message}`);
  });

  it("HELM's split: a note says which was kept and names --split; a split it does not have lists those it has", async () => {
    expect((await load("helm")).err).toContain("kept split test, 9 of 10 entries; left out valid (1) (--split to choose)");
    const valid = await inProcess(["summarize", HELM, "--split", "valid", "--json"]);
    expect(JSON.parse(valid.out)).toMatchObject([{ items: 1, accuracy: 0 }]); // stats.json: exact_match 0.0 on valid
    expect(await oneLineError(["summarize", HELM, "--split", "dev"])).toBe(
      `evalgap summarize: ${join(HELM, "per_instance_stats.json")}: no instances in split "dev"; splits present: test (9), valid (1) (value: "dev")`,
    );
  });
});
