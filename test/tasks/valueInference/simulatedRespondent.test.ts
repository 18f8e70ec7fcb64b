/**
 * The simulated respondent (src/tasks/valueInference/simulatedRespondent.ts): reproducible, it finds
 * the (task, condition) of a request as src/collect/plan.ts builds it, and with the person's true β
 * it IS the ideal observer: its posterior is the task's meta.posterior (to 1e-12), at T = 1 it is
 * right with probability meta.posteriorOfTarget exactly, at T = 0 it answers meta.idealAnswer.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { messageParams } from "../../../src/collect/plan.js";
import type { Condition } from "../../../src/collect/types.js";
import { generateValueInferenceTasks } from "../../../src/tasks/valueInference/generateTasks.js";
import { SIMULATED_BETAS, sharpen, simulatedBeta, simulatedRespondent, type RespondentCondition } from "../../../src/tasks/valueInference/simulatedRespondent.js";

const conditions = JSON.parse(readFileSync(join(import.meta.dirname, "../../../tasks/value-inference/conditions.json"), "utf8")) as Condition[];
const tasks = generateValueInferenceTasks({ items: 60, seed: "respondent" });
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Conditions whose β is the person's own (3), at temperature 1 and 0. */
const truthful: RespondentCondition[] = [
  { name: "true β t1", model: "m", maxTokens: 16, temperature: 1 },
  { name: "true β t0", model: "m", maxTokens: 16, temperature: 0 },
];

describe("sharpen", () => {
  it("raises the posterior to 1/T and normalizes; T = 1 leaves it, T = 0 takes the first most probable", () => {
    expect(sharpen([0.25, 0.75], 0.5)).toEqual([0.1, 0.9].map((x) => expect.closeTo(x, 15)));
    expect(sharpen([0.2, 0.3, 0.5], 1)).toEqual([0.2, 0.3, 0.5]);
    expect(sharpen([0.4, 0.2, 0.4], 0)).toEqual([1, 0, 0]);
    // T = 2: square roots, normalized.
    const roots = [0.2, 0.3, 0.5].map(Math.sqrt);
    const total = roots.reduce((a, b) => a + b);
    sharpen([0.2, 0.3, 0.5], 2).forEach((p, i) => expect(p).toBeCloseTo(roots[i] / total, 15));
    expect(() => sharpen([0.5, 0.5], -1)).toThrow("temperature must be a finite number ≥ 0, got -1");
  });
});

describe("with the person's true β the respondent is the ideal observer", () => {
  const respondent = simulatedRespondent({ tasks, conditions: truthful, beta: () => 3 });

  it("its posterior is the task's exact posterior, to 1e-12", () => {
    const worst = Math.max(...tasks.flatMap((t) => respondent.answerFor(t.id, "true β t1").posterior.map((p, i) => Math.abs(p - t.meta.posterior[i]))));
    expect(worst).toBeLessThan(1e-12);
  });

  it("at T = 1 it is right with probability posteriorOfTarget on each task, so its expected accuracy is their mean", () => {
    for (const t of tasks) expect(Math.abs(respondent.answerFor(t.id, "true β t1").probabilityCorrect - t.meta.posteriorOfTarget)).toBeLessThan(1e-12);
    expect(Math.abs(respondent.expectedAccuracy("true β t1") - mean(tasks.map((t) => t.meta.posteriorOfTarget)))).toBeLessThan(1e-12);
  });

  it("at T = 0 it answers as the ideal observer (the MAP option) on every task", () => {
    expect(tasks.map((t) => respondent.answerFor(t.id, "true β t0").answer)).toEqual(tasks.map((t) => t.meta.idealAnswer));
    expect(respondent.expectedAccuracy("true β t0")).toBe(mean(tasks.map((t) => (t.meta.idealAnswer === t.target ? 1 : 0))));
  });
});

describe("the story's conditions (tasks/value-inference/conditions.json)", () => {
  const respondent = simulatedRespondent({ tasks, conditions });

  it("assume β 1.5 in research and 0.5 in production, both below the person's 3", () => {
    expect(conditions.map((c) => simulatedBeta(c))).toEqual([1.5, 1.5, 0.5, 0.5]);
    expect(SIMULATED_BETAS.research).toBeGreaterThan(SIMULATED_BETAS.production);
    expect(() => simulatedBeta({ name: "baseline" })).toThrow('condition "baseline": the simulated respondent has a β for "research…" and "production…" conditions only');
  });

  it("answers each request as its (item, condition), the same on every run and from a fresh respondent", () => {
    const again = simulatedRespondent({ tasks, conditions });
    for (const condition of conditions) {
      for (const task of tasks.slice(0, 10)) {
        const request = messageParams({ task, condition, sample: 1 });
        const { text } = respondent.answer(request);
        expect(text).toBe(again.answer(request).text);
        expect(text).toBe(respondent.answer(request).text);
        expect(text).toMatch(/^\[Simulated respondent, not a model/);
        expect(text.endsWith(`\nAnswer: ${respondent.answerFor(task.id, condition.name).answer}`)).toBe(true);
        expect(text).toContain(`assuming β = ${simulatedBeta(condition)}, temperature ${condition.temperature}`);
      }
    }
    // Each (item, condition) is tallied once, however often it is asked.
    expect(respondent.tally().map((t) => [t.condition, t.answered])).toEqual(conditions.map((c) => [c.name, 10]));
  });

  it("answers with a seeded draw: another seed changes some answers at T = 1 and none at T = 0", () => {
    const other = simulatedRespondent({ tasks, conditions, seed: 2 });
    const differ = (name: string) => tasks.filter((t) => other.answerFor(t.id, name).answer !== respondent.answerFor(t.id, name).answer).length;
    expect(differ("production t1")).toBeGreaterThan(0);
    expect(differ("production t0")).toBe(0);
  });

  it("realises its expected accuracy within Monte Carlo error (z < 3), and production is below research at T = 1", () => {
    for (const c of conditions) {
      const answers = tasks.map((t) => respondent.answerFor(t.id, c.name));
      const right = answers.filter((a) => a.correct).length;
      const expected = answers.reduce((s, a) => s + a.probabilityCorrect, 0);
      const se = Math.sqrt(answers.reduce((s, a) => s + a.probabilityCorrect * (1 - a.probabilityCorrect), 0));
      expect(se === 0 ? right - expected : Math.abs(right - expected) / se, c.name).toBeLessThan(3);
    }
    expect(respondent.expectedAccuracy("production t1")).toBeLessThan(respondent.expectedAccuracy("research t1"));
  });
});

describe("bad input", () => {
  it("refuses a β that is not > 0, naming the condition", () => {
    expect(() => simulatedRespondent({ tasks, conditions: truthful, beta: () => 0 })).toThrow(new RangeError('beta for condition "true β t1" must be a finite number greater than 0, got 0'));
  });

  it("refuses two conditions that send identical requests, and two tasks with one prompt", () => {
    const twins = [truthful[0], { ...truthful[0], name: "twin" }];
    expect(() => simulatedRespondent({ tasks, conditions: twins, beta: () => 3 })).toThrow('conditions "true β t1" and "twin" send identical requests');
    expect(() => simulatedRespondent({ tasks: [tasks[0], { ...tasks[0], id: "copy" }], conditions: truthful, beta: () => 3 })).toThrow("tasks: copy and vi-01 have the same prompt");
  });

  it("refuses a request that matches no task or condition, and unknown names", () => {
    const respondent = simulatedRespondent({ tasks, conditions });
    const request = messageParams({ task: tasks[0], condition: conditions[0], sample: 1 });
    expect(() => respondent.answer({ ...request, temperature: 0.5 })).toThrow("matches no (task, condition) it was given");
    expect(() => respondent.answer({ ...request, messages: [{ role: "user", content: "Reply with A" }] })).toThrow('the request (prompt starting "Reply with A") matches no (task, condition)');
    expect(() => respondent.answerFor("nope", "research t0")).toThrow('item "nope" is not one of the respondent\'s tasks');
    expect(() => respondent.expectedAccuracy("nope")).toThrow('condition "nope" is not one of the respondent\'s conditions');
  });
});
