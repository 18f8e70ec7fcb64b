/** `evalgap task value-inference` (src/cli/taskCommand.ts): writes tasks `evalgap run` reads; impossible knobs exit 2 naming the flag. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadTasks } from "../../src/collect/taskFile.js";
import { baselinePage } from "../../src/tasks/valueInference/baselinePage.js";
import { generateValueInferenceTasks, tasksToJsonl } from "../../src/tasks/valueInference/generateTasks.js";
import { inProcess } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "evalgap-task-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("evalgap task value-inference", () => {
  it("writes the tasks to --out, the same bytes as the library, and prints the ceiling per question", async () => {
    const out = join(dir, "tasks.jsonl");
    const r = await inProcess(["task", "value-inference", "--items", "20", "--seed", "9", "--beta", "2", "--size", "5-6", "--out", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(tasksToJsonl(generateValueInferenceTasks({ items: 20, seed: 9, beta: 2, size: [5, 6] })));
    expect(loadTasks(out)).toHaveLength(20);
    expect(r.out).toMatch(/^wrote 20 tasks in 4 worlds to .*tasks\.jsonl$/m);
    expect(r.out).toMatch(/^profile\s+10\s+25\.0%\s+\d+\.\d%$/m);
    expect(r.out).toMatch(/^compare\s+10\s+50\.0%\s+\d+\.\d%$/m);
  });

  it("prints the JSONL when there is no --out, and a text seed works", async () => {
    const r = await inProcess(["task", "value-inference", "--items", "3", "--seed", "pilot", "--question", "profile", "--candidates", "3", "--radius", "2"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(tasksToJsonl(generateValueInferenceTasks({ items: 3, seed: "pilot", question: "profile", candidates: 3, radius: 2 })));
  });

  it("the summary as JSON", async () => {
    const r = await inProcess(["task", "value-inference", "--items", "4", "--question", "compare", "--out", join(dir, "c.jsonl"), "--json"]);
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({ items: 4, worlds: 1, seed: 1, questions: [{ question: "compare", items: 4, chance: 0.5 }] });
  });

  const bad: [string[], string][] = [
    [["--beta", "0"], "--beta must be a finite number greater than 0, got 0"],
    [["--beta=-1"], "--beta must be a finite number greater than 0, got -1"],
    [["--beta", "-1"], '--beta -1: write a value that starts with "-" as --beta=-1'],
    [["--radius", "1", "--candidates", "5"], "--candidates 5 is more than the profiles available: some anchors have only 4 distinct profiles within radius 1"],
    [["--items", "0"], "--items must be an integer from 1 to 1000000, got 0"],
    [["--candidates", "6", "--kinds", "2", "--levels", "0,1"], "--candidates 6 is more than the profiles available: 2 kinds with 2 levels give 4 distinct profiles"],
    [["--size", "3", "--objects", "3"], "--size 3 is too small: 3 kinds × 3 objects and 2 start cells need 11 cells, a 3×3 grid has 9"],
    [["--objects", "9"], "--objects must be an integer from 1 to 5, got 9"],
    [["--size", "big"], '--size must be a whole number such as 7 or a range such as 5-9, got "big"'],
    [["--radius", "near"], '--radius must be a whole number or "any", got "near"'],
    [["--levels", "0,,2"], '--levels must be numbers separated by commas such as 0,1,2,3, got "0,,2"'],
    [["--per-world", "0"], "--per-world must be an integer from 1 to 1000000, got 0"],
    [["--question", "why"], '--question must be one of "profile", "compare", "both", got "why"'],
    [["extra.jsonl"], 'value-inference takes no file arguments, got "extra.jsonl" (write to a file with --out)'],
  ];
  for (const [args, message] of bad) {
    it(`${args.join(" ")}: exit 2, one line naming the flag`, async () => {
      const r = await inProcess(["task", "value-inference", ...args]);
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(r.err).toBe(`evalgap task: ${message}\n`);
    });
  }

  it("an unknown task, and help", async () => {
    const unknown = await inProcess(["task", "mazes", "tasks.jsonl"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('evalgap task: unknown task "mazes"; tasks: value-inference, page\n');
    for (const args of [["task", "--help"], ["task", "value-inference", "--help"], ["help", "task"]]) {
      const r = await inProcess(args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.out).toContain("Usage: evalgap task value-inference");
    }
  });
});

describe("evalgap task page", () => {
  it("writes the offline baseline page for a tasks file, the same HTML as the library", async () => {
    const tasksFile = join(dir, "page-tasks.jsonl");
    const tasks = generateValueInferenceTasks({ items: 4, seed: 2 });
    writeFileSync(tasksFile, tasksToJsonl(tasks));
    const out = join(dir, "baseline.html");
    const r = await inProcess(["task", "page", tasksFile, "--out", out, "--name", "Ada"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^wrote a baseline page of 4 items to .*baseline\.html/);
    expect(readFileSync(out, "utf8")).toBe(baselinePage(loadTasks(tasksFile), { name: "Ada" }));
  });

  it("bad input: exit 2, one line naming the argument or the task", async () => {
    const noOut = await inProcess(["task", "page", join(dir, "page-tasks.jsonl")]);
    expect([noOut.code, noOut.err]).toEqual([2, "evalgap task: --out is required\n"]);
    const noFile = await inProcess(["task", "page", "--out", join(dir, "x.html")]);
    expect([noFile.code, noFile.err]).toEqual([2, "evalgap task: page takes one tasks file, got none\n"]);
    const other = join(dir, "other.jsonl");
    writeFileSync(other, '{"id":"q1","prompt":"What is 2+2?","target":"4"}\n');
    const notWorld = await inProcess(["task", "page", other, "--out", join(dir, "y.html")]);
    expect(notWorld.code).toBe(2);
    expect(notWorld.err).toMatch(/^evalgap task: .*other\.jsonl: task "q1": no legend line/);
  });
});
