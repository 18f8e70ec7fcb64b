import { describe, expect, it } from "vitest";
import { checkTask, parseConditions, parseTasks } from "../../src/collect/taskFile.js";
import { messageParams, planJobs } from "../../src/collect/plan.js";

describe("parseTasks", () => {
  it("reads JSONL, skipping blank lines, keeping optional fields", () => {
    const text = [
      JSON.stringify({ id: "q1", prompt: "2+2?", target: "4" }),
      "",
      JSON.stringify({ id: 7, prompt: "Pick", target: "B", choices: ["x", "y"], cluster: "p1", system: "Be terse.", meta: { src: "s" } }),
    ].join("\n");
    const tasks = parseTasks(text);
    expect(tasks).toHaveLength(2);
    expect(tasks[1]).toEqual({ id: "7", prompt: "Pick", target: "B", choices: ["x", "y"], cluster: "p1", system: "Be terse.", meta: { src: "s" } });
  });

  it.each([
    ["not json", TypeError, /tasks line 1 is not valid JSON/],
    ['{"prompt":"p","target":"t"}', TypeError, /tasks line 1: id must be a string, got undefined/],
    ['{"id":"a","prompt":"","target":"t"}', RangeError, /prompt must not be empty/],
    ['{"id":"a","prompt":"p"}', TypeError, /target must be a string, got undefined/],
    ['{"id":"a","prompt":"p","target":"A","choices":1}', RangeError, /choices must be an integer from 2 to 26, got 1/],
    ['{"id":"a","prompt":"p","target":"A","choices":["x"]}', RangeError, /choices must list 2 to 26 options, got 1/],
    ['{"id":"a","prompt":"p","target":"A","choices":["x",3]}', TypeError, /choices\[1\] must be a non-empty string, got 3/],
    ['{"id":"a","prompt":"p","target":"A","choices":"AB"}', TypeError, /choices must be an array of strings or a number/],
    ['{"id":"a","prompt":"p","target":"t","meta":[1]}', TypeError, /meta must be an object/],
    ['[1,2]', TypeError, /tasks line 1 must be a JSON object, got an array of length 2/],
    ["", RangeError, /holds no tasks/],
  ])("rejects %j", (text, kind, message) => {
    expect(() => parseTasks(text)).toThrow(kind);
    expect(() => parseTasks(text)).toThrow(message);
  });

  it("rejects duplicate ids, naming the line", () => {
    const line = JSON.stringify({ id: "a", prompt: "p", target: "t" });
    expect(() => parseTasks(`${line}\n${line}`)).toThrow(/tasks line 2: id "a" appears more than once/);
  });

  it("checkTask names where the task came from", () => {
    expect(() => checkTask(null, "x.jsonl line 3")).toThrow(/x.jsonl line 3 must be a JSON object, got null/);
  });
});

describe("parseConditions", () => {
  it("reads an array of conditions", () => {
    const c = parseConditions(JSON.stringify([{ name: "a", model: "m", maxTokens: 10, temperature: 0.5, topP: 0.9, system: "s", promptSuffix: "p" }]));
    expect(c).toEqual([{ name: "a", model: "m", maxTokens: 10, temperature: 0.5, topP: 0.9, system: "s", promptSuffix: "p" }]);
  });
  it.each([
    ["{", TypeError, /conditions is not valid JSON/],
    ["{}", TypeError, /must be a JSON array of conditions/],
    ["[]", RangeError, /holds no conditions/],
    ['[{"name":"a","model":"m"}]', TypeError, /conditions\[0\]: maxTokens must be a number, got undefined/],
    ['[{"name":"a","model":"m","maxTokens":0}]', RangeError, /maxTokens must be a positive integer, got 0/],
    ['[{"name":"a","model":"m","maxTokens":1.5}]', RangeError, /maxTokens must be a positive integer, got 1.5/],
    ['[{"name":"a","model":"m","maxTokens":5,"temperature":2}]', RangeError, /temperature must be between 0 and 1, got 2/],
    ['[{"name":"a","model":"m","maxTokens":5,"topP":"x"}]', TypeError, /topP must be a number, got "x"/],
    ['[{"name":"","model":"m","maxTokens":5}]', RangeError, /name must not be empty/],
    ['[{"name":"a","model":"m","maxTokens":5},{"name":"a","model":"n","maxTokens":5}]', RangeError, /conditions\[1\]: name "a" appears more than once/],
  ])("rejects %j", (text, kind, message) => {
    expect(() => parseConditions(text)).toThrow(kind);
    expect(() => parseConditions(text)).toThrow(message);
  });
});

describe("planJobs and messageParams", () => {
  const tasks = parseTasks(["a", "b", "c"].map((id) => JSON.stringify({ id, prompt: `P ${id}`, target: "A", choices: 2, system: "task sys" })).join("\n"));
  const conditions = parseConditions(JSON.stringify([
    { name: "x", model: "m1", maxTokens: 5 },
    { name: "y", model: "m2", maxTokens: 7, temperature: 0, topP: 0.5, system: "cond sys", promptSuffix: "Think." },
  ]));

  it("plans items × conditions × samples, sample-major", () => {
    const jobs = planJobs(tasks, conditions, 4);
    expect(jobs).toHaveLength(24);
    expect(jobs.slice(0, 6).map((j) => j.sample)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(new Set(jobs.map((j) => `${j.task.id}|${j.condition.name}|${j.sample}`)).size).toBe(24);
  });

  it("rejects bad samples and a target that is no option, before any call", () => {
    expect(() => planJobs(tasks, conditions, 0)).toThrow(/samples must be a positive integer, got 0/);
    expect(() => planJobs(tasks, conditions, 1.5)).toThrow(RangeError);
    const bad = parseTasks(JSON.stringify({ id: "z", prompt: "p", target: "C", choices: 2 }));
    expect(() => planJobs(bad, conditions, 1)).toThrow(/target "C" is not one of its choices/);
  });

  it("builds the request: suffix after a blank line, condition system then task system", () => {
    const [, y] = conditions;
    expect(messageParams({ task: tasks[0], condition: y, sample: 0 })).toEqual({
      model: "m2",
      max_tokens: 7,
      messages: [{ role: "user", content: "P a\n\nThink." }],
      system: "cond sys\n\ntask sys",
      temperature: 0,
      top_p: 0.5,
    });
    expect(messageParams({ task: { id: "q", prompt: "2+2?", target: "4" }, condition: { name: "c", model: "m", maxTokens: 5, promptSuffix: "Be brief." }, sample: 0 }).messages[0].content).toBe("2+2?\n\nBe brief.");
    expect(messageParams({ task: { id: "q", prompt: "hi", target: "4" }, condition: conditions[0], sample: 0 })).toEqual({
      model: "m1",
      max_tokens: 5,
      messages: [{ role: "user", content: "hi" }],
    });
  });
});

describe("doc examples and files", async () => {
  const { checkTask, checkCondition, loadTasks, loadConditions } = await import("../../src/collect/taskFile.js");
  const { tempDir, writeInputs, mcTasks, twoConditions } = await import("./helpers.js");
  it("checkTask, parseTasks, checkCondition, parseConditions", () => {
    expect(checkTask({ id: 1, prompt: "2+2?", target: 4 }).target).toBe("4");
    expect(parseTasks('{"id":"q1","prompt":"2+2?","target":"4"}').length).toBe(1);
    expect(checkCondition({ name: "t0", model: "claude-haiku-4-5", maxTokens: 256, temperature: 0 }).temperature).toBe(0);
    expect(parseConditions('[{"name":"a","model":"m","maxTokens":5}]')[0].name).toBe("a");
  });
  it("loadTasks and loadConditions read files and name them in errors", () => {
    const dir = tempDir();
    const inputs = writeInputs(dir, mcTasks(3));
    expect(loadTasks(inputs.tasks)).toHaveLength(3);
    expect(loadConditions(inputs.conditions)).toEqual(twoConditions);
    expect(() => loadTasks(inputs.conditions)).toThrow(new RegExp(`${inputs.conditions} line 1 must be a JSON object`));
  });
});
