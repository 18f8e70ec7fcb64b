import { describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { beatsChance } from "../../src/analysis/beatsChance.js";
import { compareAll } from "../../src/analysis/compareAll.js";
import { compareConditions } from "../../src/analysis/compareConditions.js";
import { itemScoresFromTable, itemTableFromRecords } from "../../src/analysis/itemTable.js";
import { summarize } from "../../src/analysis/summarize.js";
import { loadRuns } from "../../src/runs/loadRuns.js";
import type { RunRecord } from "../../src/runs/record.js";
import { projectRoot, sharedFixtures, temperatureDir } from "../runs/paths.js";
import { expectSame } from "../helpers/same.js";

const externalLogs = resolve(projectRoot, "../shared/external-logs");

/** Every analysis from records and from their table: summarize, beatsChance per condition, compareConditions of each pair with the first. */
function expectTableAgrees(records: RunRecord[], options: { errors?: "exclude" | "wrong"; refusals?: "wrong" | "exclude" } = {}): number {
  const table = itemTableFromRecords(records);
  expectSame(summarize(table, options), summarize(records, options), "summarize");
  const conditions = [...new Set(records.map((r) => r.condition))];
  let checked = 0;
  for (const condition of conditions) {
    const fromRecords = (() => { try { return beatsChance(records, { ...options, condition, resamples: 199 }); } catch (e) { return (e as Error).message; } })();
    const fromTable = (() => { try { return beatsChance(table, { ...options, condition, resamples: 199 }); } catch (e) { return (e as Error).message; } })();
    expectSame(fromTable, fromRecords, `beatsChance ${condition}`);
    checked++;
  }
  for (const treatment of conditions.slice(1)) {
    const run = (input: RunRecord[] | ReturnType<typeof itemTableFromRecords>) => {
      try { return compareConditions(input, { ...options, baseline: conditions[0], treatment }); } catch (e) { return (e as Error).message; }
    };
    expectSame(run(table), run(records), `compareConditions ${conditions[0]} vs ${treatment}`);
    checked++;
  }
  if (conditions.length > 1 && conditions.length <= 6) {
    // compareAll cuts the table to each pair's two conditions (splitConditions), as it cuts records
    // (a family of more conditions adds time, not paths).
    const family = (input: RunRecord[] | ReturnType<typeof itemTableFromRecords>, pairs: "baseline" | "all") => {
      try { return pairs === "all" ? compareAll(input, { ...options, pairs }) : compareAll(input, { ...options, baseline: conditions[0] }); } catch (e) { return (e as Error).message; }
    };
    expectSame(family(table, "baseline"), family(records, "baseline"), "compareAll baseline");
    expectSame(family(table, "all"), family(records, "all"), "compareAll all pairs");
  }
  return checked;
}

describe("the item table gives the analyses the same results as the records", () => {
  it("on every shared fixture (Inspect, lm-eval, a log of errors)", async () => {
    const records = await loadRuns(sharedFixtures, { onNote: () => {} });
    expect(expectTableAgrees(records)).toBeGreaterThan(5);
    expectTableAgrees(records, { errors: "wrong" });
  });

  it("on the external logs that load without options (HELM, Inspect, lm-eval, vitals)", async () => {
    for (const folder of ["helm-mmlu-philosophy-gpt2", "inspect-mmlu-gpt4", "vitals-are", "pyfade-mmlu-pro-plus", "eee-math-perturbed"]) {
      const records = await loadRuns(resolve(externalLogs, folder), { onNote: () => {} });
      expect(expectTableAgrees(records), folder).toBeGreaterThan(0);
    }
  });

  it("on the simulated data the notebooks use (data/simulated)", async () => {
    for (const name of ["research-vs-production-simulated.jsonl", "k-samples-simulated.jsonl", "ablations-simulated.jsonl"]) {
      const records = await loadRuns(resolve(projectRoot, "data/simulated", name), { onNote: () => {} });
      expect(expectTableAgrees(records), name).toBeGreaterThan(1);
    }
  });

  it("on the real temperature runs: repeats, clusters, errors, MOVER and CR2 paths", async () => {
    const files = ["0.0", "0.6", "1.0"].map((t) => resolve(temperatureDir, `gpt-4 - chain_of_thought - comprehensive-100 - temp-${t}.csv`));
    const records = await loadRuns(files, {
      columns: { item: "Problem ID", cluster: "Source", error: "Error" },
      conditionPattern: /temp-([\d.]+)\.csv$/,
      repeats: { answers: /^Answer \d+$/, key: "Correct Answer" },
      onNote: () => {},
    });
    expect(expectTableAgrees(records)).toBe(5);
    expectTableAgrees(records, { errors: "wrong" });
  });

  it("on refusals, graded scores and missing answers, under each error and refusal rule", () => {
    const records: RunRecord[] = [];
    for (let i = 0; i < 40; i++) {
      for (const condition of ["A", "B"]) {
        for (let k = 0; k < 3; k++) {
          const r: RunRecord = { item: `q${i}`, condition, score: ((i * 7 + k * 3 + (condition === "B" ? 1 : 0)) % 5) / 4, sample: k, cluster: `c${i % 6}`, target: "x" };
          if ((i + k) % 11 === 0) r.refused = true;
          if ((i + k) % 13 === 0) r.error = "timeout";
          if ((i + k) % 3 !== 0) r.answer = (i + k) % 2 ? "x" : "y";
          records.push(r);
        }
      }
    }
    for (const errors of ["exclude", "wrong"] as const) for (const refusals of ["wrong", "exclude"] as const) expectTableAgrees(records, { errors, refusals });
  });

  it("keeps the counts a condition's records had (errors and refusals), and refuses conflicting item fields", () => {
    const table = itemTableFromRecords([
      { item: "a", condition: "A", score: 1, answer: "B", target: "B", choices: 4 },
      { item: "a", condition: "A", score: 0, error: "timeout" },
      { item: "b", condition: "A", score: 0, refused: true, answer: "I can't" },
    ]);
    expect([...table.answered]).toEqual([1, 0]);
    expect([...table.errors]).toEqual([1, 0]);
    expect([...table.refused]).toEqual([0, 1]);
    const { groups, counts } = itemScoresFromTable(table);
    expect(counts.get("A")).toEqual({ condition: "A", records: 3, scored: 2, errors: 1, refusals: 1, refusalRate: 0.5 });
    expect(groups.get("A")!.map((s) => [s.item, s.mean, s.samples, s.answers])).toEqual([["a", 1, 1, ["B"]], ["b", 0, 1, ["I can't"]]]);
    expect(() => itemTableFromRecords([{ item: "a", condition: "A", score: 1, cluster: "x" }, { item: "a", condition: "A", score: 1, cluster: "y" }])).toThrow(/item "a" has two values of cluster within condition "A": "x" and "y"/);
    expect(() => summarize(table, { by: "model" })).toThrow(/an item table is grouped by condition only/);
  });
});
