/**
 * The task generator (src/tasks/valueInference/generateTasks.ts): calibrated against its own
 * simulation, byte-identical for a seed, readable by `evalgap run`'s task-file reader, and every
 * task consistent with itself (chance, target, MAP answer, cluster).
 */
import { describe, expect, it } from "vitest";
import { parseTasks } from "../../../src/collect/taskFile.js";
import { targetIndex } from "../../../src/collect/score.js";
import { generateValueInferenceTasks, tasksToJsonl, type ValueInferenceTask } from "../../../src/tasks/valueInference/generateTasks.js";

/** Ideal observer: realised accuracy, expected accuracy and the Monte Carlo SE of their difference. */
function calibration(tasks: readonly ValueInferenceTask[]) {
  const n = tasks.length;
  const correct = tasks.filter((t) => t.meta.idealAnswer === t.target).length;
  const expected = tasks.reduce((s, t) => s + t.meta.idealAccuracy, 0);
  // Given the walks, "the MAP answer is right" is Bernoulli(idealAccuracy): the sum's variance is Σ a(1 − a).
  const se = Math.sqrt(tasks.reduce((s, t) => s + t.meta.idealAccuracy * (1 - t.meta.idealAccuracy), 0));
  return { n, empirical: correct / n, expected: expected / n, se: se / n, z: (correct - expected) / se };
}

describe("the generator against its own simulation", () => {
  // Truth drawn from the prior, walks from the truth's policy, the ideal observer's MAP answer scored.
  const tasks = generateValueInferenceTasks({ items: 2000, seed: "calibration", size: 5, perWorld: 10 });

  it("the ideal observer's accuracy on 2,000 seeded tasks matches its expected accuracy within 3 Monte Carlo SE", () => {
    for (const question of ["profile", "compare", "all"] as const) {
      const c = calibration(question === "all" ? tasks : tasks.filter((t) => t.meta.question === question));
      console.log(`ideal observer, ${question}: ${c.n} tasks, empirical ${c.empirical.toFixed(4)} vs expected ${c.expected.toFixed(4)} (MC SE ${c.se.toFixed(4)}, z = ${c.z.toFixed(2)})`);
      expect(Math.abs(c.z)).toBeLessThan(3);
    }
  });

  it("the posterior of the correct answer averages Σ p² (a posterior-sampling respondent's accuracy), below the MAP ceiling", () => {
    const n = tasks.length;
    const target = tasks.reduce((s, t) => s + t.meta.posteriorOfTarget, 0);
    const squares = tasks.reduce((s, t) => s + t.meta.posterior.reduce((a, p) => a + p * p, 0), 0);
    // Given the walks, posteriorOfTarget is p_j with probability p_j: mean Σp², variance Σp³ − (Σp²)².
    const variance = tasks.reduce((s, t) => {
      const p2 = t.meta.posterior.reduce((a, p) => a + p * p, 0);
      return s + t.meta.posterior.reduce((a, p) => a + p * p * p, 0) - p2 * p2;
    }, 0);
    expect(Math.abs(target - squares) / Math.sqrt(variance)).toBeLessThan(3);
    expect(squares / n).toBeLessThan(tasks.reduce((s, t) => s + t.meta.idealAccuracy, 0) / n);
  });

  it("each task's numbers agree: posterior sums to 1, target and MAP answer among the choices, chance 1/k", () => {
    for (const t of tasks) {
      expect(Math.abs(t.meta.posterior.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
      expect(t.meta.posterior).toHaveLength(t.choices.length);
      expect(t.meta.chance).toBe(1 / t.choices.length);
      const index = targetIndex(t);
      expect(t.meta.posteriorOfTarget).toBe(t.meta.posterior[index]);
      expect(t.meta.idealAccuracy).toBe(Math.max(...t.meta.posterior));
      expect(t.cluster).toBe(`world-${t.meta.world}`);
      if (t.meta.question === "compare") {
        expect(t.choices).toEqual(["Yes", "No"]);
        const [more, less] = t.meta.compared!;
        expect(t.target).toBe(t.meta.truth[more] > t.meta.truth[less] ? "Yes" : "No");
      } else {
        expect(t.choices).toHaveLength(4);
        expect(t.choices[index]).toBe(t.meta.kinds.map((k) => `${k} ${t.meta.truth[k]}`).join(", "));
      }
    }
    // Five tasks per world by default; here ten.
    expect(new Set(tasks.map((t) => t.cluster)).size).toBe(200);
  });
});

describe("tasks JSONL", () => {
  it("the same seed gives byte-identical JSONL; another seed does not", () => {
    const a = tasksToJsonl(generateValueInferenceTasks({ items: 40, seed: 12345 }));
    const b = tasksToJsonl(generateValueInferenceTasks({ items: 40, seed: 12345 }));
    expect(b).toBe(a);
    expect(tasksToJsonl(generateValueInferenceTasks({ items: 40, seed: 12346 }))).not.toBe(a);
  });

  it("a task does not change when more items are asked for (each task and world has its own stream)", () => {
    const short = generateValueInferenceTasks({ items: 7, seed: "prefix" });
    const long = generateValueInferenceTasks({ items: 30, seed: "prefix" });
    expect(tasksToJsonl(long.slice(0, 7)).replace(/vi-0(\d)/g, "vi-$1")).toBe(tasksToJsonl(short));
  });

  it("loads with the collector's task-file reader, every field intact", () => {
    const tasks = generateValueInferenceTasks({ items: 30, seed: 3 });
    const loaded = parseTasks(tasksToJsonl(tasks), "tasks.jsonl");
    expect(loaded).toHaveLength(30);
    expect(loaded).toEqual(JSON.parse(JSON.stringify(tasks)));
    expect(loaded.map((t) => t.id).slice(0, 3)).toEqual(["vi-01", "vi-02", "vi-03"]);
    // The target names one of the choices (the run's scorer throws otherwise).
    for (const t of loaded) expect(targetIndex(t)).toBeGreaterThanOrEqual(0);
  });

  it("alternates the question kinds, or asks one kind throughout", () => {
    expect(generateValueInferenceTasks({ items: 4 }).map((t) => t.meta.question)).toEqual(["profile", "compare", "profile", "compare"]);
    expect(new Set(generateValueInferenceTasks({ items: 6, question: "compare" }).map((t) => t.meta.question))).toEqual(new Set(["compare"]));
  });
});
