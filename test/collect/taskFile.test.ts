import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkTask, InputFileError, parseConditions, parseTasks } from "../../src/collect/taskFile.js";
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
    ["not json", /^tasks, line 1: not valid JSON: "not json"$/],
    ['{"prompt":"p","target":"t"}', /^tasks, line 1: id must be a string, got undefined$/],
    ['{"id":"a","prompt":"","target":"t"}', /prompt must not be empty/],
    ['{"id":"a","prompt":"p"}', /target must be a string, got undefined/],
    ['{"id":"a","prompt":"p","target":"A","choices":1}', /choices must be an integer from 2 to 26, got 1/],
    ['{"id":"a","prompt":"p","target":"A","choices":["x"]}', /choices must list 2 to 26 options, got 1/],
    ['{"id":"a","prompt":"p","target":"A","choices":["x",3]}', /choices\[1\] must be a non-empty string, got 3/],
    ['{"id":"a","prompt":"p","target":"A","choices":"AB"}', /choices must be an array of strings or a number/],
    ['{"id":"a","prompt":"p","target":"t","meta":[1]}', /meta must be an object/],
    ['"q"', /^tasks, line 1: a task must be a JSON object, got "q"$/],
    ["", /^tasks: holds no tasks$/],
    // A JSON array would give one "not valid JSON" per line; it is named once, for what it is.
    ['[\n  {"id": "a", "prompt": "p", "target": "t"}\n]', /^tasks, line 1: is a JSON array; tasks are JSON lines: one task object on each line$/],
  ])("rejects %j as an InputFileError (bad input, exit 2 in the CLI)", (text, message) => {
    expect(() => parseTasks(text)).toThrow(InputFileError);
    expect(() => parseTasks(text)).toThrow(RangeError);
    expect(() => parseTasks(text)).toThrow(message);
  });

  it("reports every problem of the file, each with its line, not only the first", () => {
    const text = ['{"id":"a","prompt":"p","target":"t"}', '{"prompt":"","target":7}', "{oops", '{"id":"a","prompt":"p","target":"t"}'].join("\n");
    const error = (() => {
      try {
        parseTasks(text, "t.jsonl");
      } catch (e) {
        return e as InputFileError;
      }
      throw new Error("parseTasks accepted a bad file");
    })();
    expect(error.problems).toEqual([
      { file: "t.jsonl", line: 2, message: "id must be a string, got undefined" },
      { file: "t.jsonl", line: 2, message: 'prompt must not be empty, got ""' },
      { file: "t.jsonl", line: 3, message: 'not valid JSON: "{oops"' },
      { file: "t.jsonl", line: 4, message: 'id "a" appears more than once (first on line 1)' },
    ]);
    expect(error.message.split("\n")).toEqual([
      "4 problems in t.jsonl:",
      "  t.jsonl, line 2: id must be a string, got undefined",
      '  t.jsonl, line 2: prompt must not be empty, got ""',
      '  t.jsonl, line 3: not valid JSON: "{oops"',
      '  t.jsonl, line 4: id "a" appears more than once (first on line 1)',
    ]);
  });

  it("lists 20 problems and counts the rest (all are on .problems)", () => {
    const text = Array.from({ length: 25 }, () => "x").join("\n");
    const error = (() => {
      try {
        parseTasks(text, "t.jsonl");
      } catch (e) {
        return e as InputFileError;
      }
      throw new Error("parseTasks accepted a bad file");
    })();
    expect(error.problems).toHaveLength(25);
    expect(error.message.split("\n")).toHaveLength(22);
    expect(error.message).toMatch(/\n {2}… and 5 more$/);
  });

  it("rejects duplicate ids, naming the line", () => {
    const line = JSON.stringify({ id: "a", prompt: "p", target: "t" });
    expect(() => parseTasks(`${line}\n${line}`)).toThrow(/tasks, line 2: id "a" appears more than once \(first on line 1\)/);
  });

  it("checkTask names where the task came from, and every fault of it", () => {
    expect(() => checkTask(null, "x.jsonl line 3")).toThrow(/x.jsonl line 3: a task must be a JSON object, got null/);
    expect(() => checkTask({ id: "a" })).toThrow(new TypeError("task: prompt must be a string, got undefined; target must be a string, got undefined"));
  });
});

describe("parseConditions", () => {
  it("reads an array of conditions", () => {
    const c = parseConditions(JSON.stringify([{ name: "a", model: "m", maxTokens: 10, temperature: 0.5, topP: 0.9, system: "s", promptSuffix: "p" }]));
    expect(c).toEqual([{ name: "a", model: "m", maxTokens: 10, temperature: 0.5, topP: 0.9, system: "s", promptSuffix: "p" }]);
  });
  it.each([
    ["{", /^conditions: is not valid JSON \(/],
    ["{}", /^conditions: must be a JSON array of conditions, got object$/],
    ["[]", /^conditions: holds no conditions$/],
    ['[{"name":"a","model":"m"}]', /^conditions, entry \[0\]: maxTokens must be a number, got undefined$/],
    ['[{"name":"a","model":"m","maxTokens":0}]', /maxTokens must be a positive integer, got 0/],
    ['[{"name":"a","model":"m","maxTokens":1.5}]', /maxTokens must be a positive integer, got 1.5/],
    ['[{"name":"a","model":"m","maxTokens":5,"temperature":2}]', /temperature must be between 0 and 1, got 2/],
    ['[{"name":"a","model":"m","maxTokens":5,"topP":"x"}]', /topP must be a number, got "x"/],
    ['[{"name":"","model":"m","maxTokens":5}]', /name must not be empty/],
    ['[{"name":"a","model":"m","maxTokens":5},{"name":"a","model":"n","maxTokens":5}]', /conditions, entry \[1\]: name "a" appears more than once \(first at \[0\]\)/],
  ])("rejects %j", (text, message) => {
    expect(() => parseConditions(text)).toThrow(InputFileError);
    expect(() => parseConditions(text)).toThrow(message);
  });
  it("reports every bad condition, each with its index", () => {
    const text = JSON.stringify([{ name: "a", model: "m", maxTokens: 0 }, { name: "b", model: "m", maxTokens: 5 }, { model: "m", maxTokens: 5, temperature: 3 }]);
    expect(() => parseConditions(text, "c.json")).toThrow(
      [
        "3 problems in c.json:",
        "  c.json, entry [0]: maxTokens must be a positive integer, got 0",
        "  c.json, entry [2]: name must be a string, got undefined",
        "  c.json, entry [2]: temperature must be between 0 and 1, got 3",
      ].join("\n"),
    );
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
    // The conditions file is one JSON array: read as tasks, it is named for what it is.
    expect(() => loadTasks(inputs.conditions)).toThrow(`${inputs.conditions}, line 1: is a JSON array; tasks are JSON lines: one task object on each line`);
  });

  it("a missing file, a folder and a binary file are said in words, with no raw bytes", () => {
    const dir = tempDir();
    expect(() => loadTasks(join(dir, "none.jsonl"))).toThrow(new InputFileError([{ file: join(dir, "none.jsonl"), message: "no such file" }]));
    expect(() => loadTasks(join(dir, "none.jsonl"))).toThrow(`no such file: ${join(dir, "none.jsonl")}`);
    expect(() => loadConditions(dir)).toThrow(`a folder, not a file: ${dir}`);
    const binary = join(dir, "tasks.jsonl");
    writeFileSync(binary, Buffer.from([0x00, 0x01, 0x1b, 0x5b, 0x32, 0x4a, 0xff, 0xfe, 0x7b, 0x0a]));
    let message = "";
    try {
      loadTasks(binary);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(`${binary}: not a text file (binary data); tasks are JSON lines: one task object on each line`);
    const conditions = join(dir, "conditions.json");
    writeFileSync(conditions, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]));
    expect(() => loadConditions(conditions)).toThrow(`${conditions}: not a text file (binary data); conditions are a JSON array of objects`);
  });
});
