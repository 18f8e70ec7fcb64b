import { describe, expect, it } from "vitest";
import { basename, join } from "node:path";
import { loadRuns, loadRunsReport } from "../../src/runs/index.js";
import { loadFixture } from "../helpers/close.js";
import { POPULARITY, STREAMING, ZSTD_ERROR, sharedFixtures } from "./paths.js";

interface Sample { id: string; epoch: number; score: number }
interface Reference {
  inspectEval: { file: string; task: string; model: string; status: string; samples: Sample[] }[];
  inspectJson: { file: string; task: string; model: string; samples: Sample[] }[];
  lmeval: { file: string; model: string; docs: { id: string; score: number }[] }[];
}
const ref = loadFixture<Reference>("runs.json");
const byKey = (rows: { item: string; sample?: number; score: number }[]) =>
  rows.map((r) => `${r.item}#${r.sample ?? ""}=${r.score}`).sort();

describe("Inspect .eval logs (deflate), against R's unzip + jsonlite", () => {
  const folders = { "inspect-eval-popularity": true, "inspect-eval-starsim": true };
  for (const log of ref.inspectEval) {
    it(`${log.file}: every sample's id, epoch and score`, async () => {
      const folder = Object.keys(folders).find((f) => f.includes(log.task === "popularity" ? "popularity" : "starsim"))!;
      const records = await loadRuns(join(sharedFixtures, folder, log.file));
      expect(byKey(records)).toEqual(byKey(log.samples.map((s) => ({ item: s.id, sample: s.epoch, score: s.score }))));
      expect(new Set(records.map((r) => r.condition))).toEqual(new Set([`${log.task}/${log.model}`]));
      expect(records.every((r) => r.model === log.model && r.error === undefined)).toBe(true);
    });
  }

  it("the gpt-4o-mini popularity log: 10 samples, 8 correct (fixtures README)", async () => {
    const records = await loadRuns(POPULARITY);
    expect(records).toHaveLength(10);
    expect(records.filter((r) => r.score === 1)).toHaveLength(8);
    expect(records.find((r) => r.item === "1")).toMatchObject({ answer: "Yes", target: "Yes", sample: 1 });
  });

  it("log_streaming.eval: epochs become samples 1 and 2; 3 of 4 correct (README: C,I / C,C; R: item 1 is I in epoch 1)", async () => {
    const records = await loadRuns(STREAMING);
    expect(byKey(records)).toEqual(["1#1=0", "1#2=1", "2#1=1", "2#2=1"]);
  });

  it("a condition function receives the file, task and model", async () => {
    const records = await loadRuns(POPULARITY, { condition: (_file, info) => `${info.model}` });
    expect(records[0].condition).toBe("openai/gpt-4o-mini");
  });

  it("asks for a scorer that is not there: names the scorers present", async () => {
    await expect(loadRuns(POPULARITY, { scorer: "mach" })).rejects.toThrow(/no scorer "mach"; scorers present: match; closest: match/);
  });
});

describe("the errored zstd Inspect log", () => {
  it("loads 27 samples, all with errors, and says so", async () => {
    const report = await loadRunsReport(ZSTD_ERROR);
    expect(report.records).toHaveLength(27);
    expect(report.records.every((r) => typeof r.error === "string" && r.error.length > 0 && r.score === 0)).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.notes).toEqual([`${ZSTD_ERROR}: log status error: 27 samples, all with errors`]);
    expect(report.files[0].format).toBe("inspect-eval");
  });

  it("strict loadRuns hands the note to onNote rather than dropping it", async () => {
    const notes: string[] = [];
    const records = await loadRuns(ZSTD_ERROR, { onNote: (n) => notes.push(n) });
    expect(records).toHaveLength(27);
    expect(notes.some((n) => n.includes("log status error: 27 samples, all with errors"))).toBe(true);
  });
});

describe("Inspect .json logs (version 2), against R's jsonlite", () => {
  for (const log of ref.inspectJson) {
    it(`${log.file}: every sample's id and score`, async () => {
      const records = await loadRuns(join(sharedFixtures, "inspect-json-arc", log.file));
      expect(byKey(records)).toEqual(byKey(log.samples.map((s) => ({ item: s.id, sample: s.epoch, score: s.score }))));
      expect(records[0]).toMatchObject({ condition: `${log.task}/${log.model}`, choices: 4 });
    });
  }
  it("the fixtures README counts: qwen C,I,I and sonnet all 5 C", async () => {
    const qwen = await loadRuns(join(sharedFixtures, "inspect-json-arc/data_arc_qwen.json"));
    const sonnet = await loadRuns(join(sharedFixtures, "inspect-json-arc/data_arc_sonnet.json"));
    expect(qwen.map((r) => r.score)).toEqual([1, 0, 0]);
    expect(sonnet.map((r) => r.score)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe("lm-evaluation-harness samples, against R's jsonlite", () => {
  for (const run of ref.lmeval) {
    it(`${run.file}: task/doc_id → item, exact_match → score, the model from results_*.json → condition`, async () => {
      const records = await loadRuns(join(sharedFixtures, "lmeval-gsm8k", run.file));
      expect(byKey(records)).toEqual(byKey(run.docs.map((d) => ({ item: `gsm8k/${d.id}`, score: d.score }))));
      expect(records.every((r) => r.model === run.model && r.condition === run.model)).toBe(true);
    });
  }
  it("the README's exact_match: tuned 1/0/0, base 1/0/1", async () => {
    const files = ["samples_gsm8k_2025-09-09T13-31-53.431753.jsonl", "samples_gsm8k_2025-09-09T13-42-42.857006.jsonl"];
    const both = await loadRuns(files.map((f) => join(sharedFixtures, "lmeval-gsm8k", f)));
    const tuned = both.filter((r) => r.model === "gemma3:12b-u1").map((r) => r.score);
    const base = both.filter((r) => r.model === "gemma3:12b-it-q4_K_M").map((r) => r.score);
    expect([tuned, base]).toEqual([[1, 0, 0], [1, 0, 1]]);
  });
  it("a metric that is not there names the metrics present", async () => {
    const file = join(sharedFixtures, "lmeval-gsm8k", ref.lmeval[0].file);
    await expect(loadRuns(file, { metric: "acc" })).rejects.toThrow(/line 1: no metric "acc"; metrics present: exact_match/);
  });
  it("the results file alone is refused with a pointer to the samples file", async () => {
    const report = await loadRunsReport(join(sharedFixtures, "lmeval-gsm8k/results_2025-09-09T13-31-53.431753.json"));
    expect(report.records).toEqual([]);
    expect(report.problems[0].message).toMatch(/lm-eval results file.*samples_<task>_<date>\.jsonl/);
    expect(basename(report.problems[0].file)).toBe("results_2025-09-09T13-31-53.431753.json");
  });
});
