/**
 * The seed experiment end to end (issue 15): 300 generated tasks × the two story conditions
 * ("research t1" and "production t1" of tasks/value-inference/conditions.json) sent by collectRuns
 * through the local mock Messages API, answered by the SIMULATED respondent, written to a temp file
 * and read back with loadRuns. Every (item, condition) once, scored against its target, clustered
 * by world, and the accuracy is the respondent's own tally.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectRuns } from "../../../src/collect/collect.js";
import { parseConditions } from "../../../src/collect/taskFile.js";
import { loadRuns } from "../../../src/runs/loadRuns.js";
import { generateValueInferenceTasks } from "../../../src/tasks/valueInference/generateTasks.js";
import { simulatedRespondent } from "../../../src/tasks/valueInference/simulatedRespondent.js";
import { tempDir, useMockApi } from "../../collect/helpers.js";

const conditionsFile = join(import.meta.dirname, "../../../tasks/value-inference/conditions.json");
const conditions = parseConditions(readFileSync(conditionsFile, "utf8"), conditionsFile).filter((c) => c.name.endsWith(" t1"));
const tasks = generateValueInferenceTasks({ items: 300, seed: 1 });
const respondent = simulatedRespondent({ tasks, conditions });
const mockApi = useMockApi({ answer: respondent.answer });

describe("300 value-inference items × research and production through the mock API", () => {
  it("collects 600 records that loadRuns reads: each (item, condition) once, scored, clustered by world, as the respondent tallied", { timeout: 60_000 }, async () => {
    const out = join(tempDir(), "runs.jsonl");
    const summary = await collectRuns({ tasks, conditions, samples: 1, out, progress: false, concurrency: 8 });
    expect(summary).toMatchObject({ total: 600, written: 600, errors: 0, refused: 0, done: 600, interrupted: false });
    expect(mockApi.server.stats.messages).toBe(600);

    const records = await loadRuns(out);
    expect(records).toHaveLength(600);
    expect(new Set(records.map((r) => `${r.item}|${r.condition}`)).size).toBe(600);
    expect([...new Set(records.map((r) => r.condition))].sort()).toEqual(["production t1", "research t1"]);

    const byId = new Map(tasks.map((t) => [t.id, t]));
    for (const r of records) {
      const task = byId.get(r.item)!;
      const simulated = respondent.answerFor(r.item, r.condition);
      expect(r.target).toBe(task.target);
      expect(r.answer).toBe(simulated.answer);
      expect(r.score).toBe(r.answer === task.target ? 1 : 0);
      expect(r.cluster).toBe(`world-${task.meta.world}`);
    }
    expect(new Set(records.map((r) => r.cluster)).size).toBe(60);

    const accuracy = (condition: string) => {
      const mine = records.filter((r) => r.condition === condition);
      return mine.reduce((s, r) => s + r.score, 0) / mine.length;
    };
    const tally = respondent.tally();
    expect(tally.map((t) => t.answered)).toEqual([300, 300]);
    for (const t of tally) expect(accuracy(t.condition)).toBe(t.accuracy);
    console.log(
      `simulated accuracy: ${tally.map((t) => `${t.condition} ${t.correct}/300 (expected ${(100 * respondent.expectedAccuracy(t.condition)).toFixed(1)}%)`).join(", ")}`,
    );
    expect(accuracy("research t1")).toBeGreaterThan(accuracy("production t1"));
  });
});
