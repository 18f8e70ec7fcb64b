/**
 * The ideal observer (src/tasks/valueInference/idealObserver.ts) against brute-force enumeration:
 * tasks on tiny worlds are read back from their prompt text and their posterior recomputed by an
 * independent implementation (test/tasks/valueInference/bruteForce.ts: plain value iteration on
 * (row, column), move probabilities normalised directly, likelihoods as products in linear space).
 */
import { describe, expect, it } from "vitest";
import { generateValueInferenceTasks } from "../../../src/tasks/valueInference/generateTasks.js";
import { mapOption, posteriorFromLogLikelihoods } from "../../../src/tasks/valueInference/idealObserver.js";
import type { ValueInferenceKnobs } from "../../../src/tasks/valueInference/knobs.js";
import { parsePrompt, referencePosterior } from "./bruteForce.js";

const TINY: Partial<ValueInferenceKnobs>[] = [
  { size: 3, kinds: 2, objectsPerKind: 1, levels: [0, 1, 2], candidates: 3, trajectories: 2, maxSteps: 4, beta: 2 },
  { size: 3, kinds: 2, objectsPerKind: 2, levels: [0, 1, 2, 3], candidates: 4, trajectories: 3, maxSteps: 5, beta: 0.7, discount: 0.9 },
  { size: 4, kinds: 2, objectsPerKind: 1, levels: [-1, 0, 2], candidates: 2, trajectories: 1, maxSteps: 6, beta: 5, stepCost: 0 },
  { size: 4, kinds: 2, objectsPerKind: 2, levels: [0, 1, 2, 3], candidates: 6, trajectories: 2, maxSteps: 4, beta: 3, radius: 2 },
];

describe("the ideal observer's posterior equals brute-force enumeration on tiny worlds", () => {
  let worst = 0;
  let compared = 0;
  TINY.forEach((knobs, i) => {
    it(`configuration ${i + 1}: ${JSON.stringify(knobs)}`, () => {
      const tasks = generateValueInferenceTasks({ ...knobs, items: 24, seed: `tiny-${i}`, perWorld: 4 });
      for (const task of tasks) {
        const parsed = parsePrompt(task.prompt);
        expect(parsed.kindNames).toEqual(task.meta.kinds);
        expect(parsed.walks.map((w) => w.length - 1)).toEqual(task.meta.walkLengths);
        const reference = referencePosterior(parsed);
        expect(reference).toHaveLength(task.choices.length);
        reference.forEach((p, j) => {
          worst = Math.max(worst, Math.abs(p - task.meta.posterior[j]));
          expect(Math.abs(p - task.meta.posterior[j]), `${task.id} option ${j}`).toBeLessThanOrEqual(1e-12);
        });
        compared++;
      }
      // Not a vacuous match of flat posteriors: the walks are informative on some tasks.
      expect(tasks.some((t) => t.meta.idealAccuracy > Math.min(0.99, 1.5 * t.meta.chance))).toBe(true);
    });
  });
  it("reports the largest difference", () => {
    console.log(`value inference: posterior vs brute-force enumeration, ${compared} tiny tasks, max |difference| ${worst.toExponential(2)}`);
    expect(compared).toBe(TINY.length * 24);
    expect(worst).toBeLessThanOrEqual(1e-12);
  });
});

describe("posteriorFromLogLikelihoods", () => {
  it("normalises likelihoods under a uniform prior, stably far below the smallest double", () => {
    expect(posteriorFromLogLikelihoods([Math.log(0.2), Math.log(0.6)])).toEqual([0.25, 0.75].map((x) => expect.closeTo(x, 15)));
    // Likelihoods of e^-2000 and e^-2001 underflow to 0 in linear space; their ratio is still e.
    const p = posteriorFromLogLikelihoods([-2000, -2001]);
    expect(p[0]).toBeCloseTo(Math.E / (1 + Math.E), 14);
    expect(posteriorFromLogLikelihoods([-Infinity, -3, -3])).toEqual([0, 0.5, 0.5]);
  });

  it("rejects walks that every hypothesis rules out", () => {
    expect(() => posteriorFromLogLikelihoods([-Infinity, -Infinity])).toThrow("logLikelihoods: every hypothesis has probability 0 for these walks");
  });
});

describe("mapOption", () => {
  it("picks the most probable option, the first of a tie", () => {
    expect(mapOption([0.2, 0.5, 0.3])).toBe(1);
    expect(mapOption([0.4, 0.2, 0.4])).toBe(0);
  });
});
