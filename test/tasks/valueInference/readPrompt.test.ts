/**
 * Reading a task back from its prompt (src/tasks/valueInference/readPrompt.ts): renderPrompt of what
 * is read gives the prompt back character for character, and the hypotheses are the generator's.
 */
import { describe, expect, it } from "vitest";
import { generateValueInferenceTasks, type ValueInferenceTask } from "../../../src/tasks/valueInference/generateTasks.js";
import { readPrompt } from "../../../src/tasks/valueInference/readPrompt.js";
import { renderPrompt } from "../../../src/tasks/valueInference/renderPrompt.js";

function roundTrip(task: ValueInferenceTask): string {
  const read = readPrompt(task.prompt);
  return renderPrompt(read.world, read.walks, read.question, { ...read.rules, maxSteps: read.rules.maxSteps ?? task.meta.maxSteps });
}

describe("readPrompt", () => {
  it("reads back every default task exactly (300 tasks, 60 worlds)", () => {
    const tasks = generateValueInferenceTasks({ items: 300, seed: 1 });
    expect(tasks.filter((t) => roundTrip(t) !== t.prompt).map((t) => t.id)).toEqual([]);
  });

  it("reads back other knobs: 4 kinds, 6 candidates, 5 walks, fractional levels and rules, cut-off walks", () => {
    const tasks = generateValueInferenceTasks({ items: 40, seed: "read", kinds: 4, candidates: 6, trajectories: 5, levels: [-1, 0.5, 2], beta: 0.7, discount: 0.9, stepCost: 0.25, maxSteps: 3, size: [6, 8], radius: 2 });
    expect(tasks.filter((t) => roundTrip(t) !== t.prompt).map((t) => t.id)).toEqual([]);
    const read = tasks.map((t) => readPrompt(t.prompt));
    // maxSteps 3 cuts most walks off, and the text then states it.
    expect(read.filter((r) => r.rules.maxSteps === 3).length).toBeGreaterThan(30);
    expect(read[0].rules).toMatchObject({ beta: 0.7, discount: 0.9, stepCost: 0.25, levels: [-1, 0.5, 2] });
  });

  it("gives the generator's hypotheses: the k options, or every profile with the two compared values different", () => {
    const [profile, compare] = generateValueInferenceTasks({ items: 2, seed: 3 });
    const p = readPrompt(profile.prompt);
    expect(p.hypotheses.length).toBe(4);
    expect(p.hypotheses.some((h) => p.world.kinds.every((k, j) => profile.meta.truth[k.name] === h[j]))).toBe(true);
    const c = readPrompt(compare.prompt);
    // 3 kinds, 4 levels: 64 profiles, 16 with the compared two equal.
    expect(c.hypotheses.length).toBe(48);
    expect(c.question.kind === "compare" && [c.world.kinds[c.question.more].name, c.world.kinds[c.question.less].name]).toEqual(compare.meta.compared);
  });

  it("names what it cannot find in a text that is not a value-inference prompt", () => {
    expect(() => readPrompt("What is 2 + 2?")).toThrow(new RangeError("prompt: cannot find the legend in the text (is it a value-inference prompt?)"));
    const [task] = generateValueInferenceTasks({ items: 1, seed: 3 });
    expect(() => readPrompt(task.prompt.replace(/^Walk .*$/gm, ""))).toThrow("prompt: cannot find the walks");
  });
});
