/** The shipped conditions (tasks/value-inference/conditions.json) load with `evalgap run`'s reader and mirror the story's design. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadConditions } from "../../../src/collect/taskFile.js";

const file = join(dirname(fileURLToPath(import.meta.url)), "../../../tasks/value-inference/conditions.json");

describe("tasks/value-inference/conditions.json", () => {
  const conditions = loadConditions(file);

  it("crosses research and production prompts with temperature 0 and 1, one model", () => {
    expect(conditions.map((c) => [c.name, c.temperature])).toEqual([
      ["research t0", 0],
      ["research t1", 1],
      ["production t0", 0],
      ["production t1", 1],
    ]);
    expect(new Set(conditions.map((c) => c.model)).size).toBe(1);
  });

  it("research asks for hypotheses, each walk evaluated, refinement, and no shortcuts; production is plain", () => {
    for (const c of conditions) {
      expect(c.system).toBeTruthy();
      if (c.name.startsWith("research")) {
        expect(c.promptSuffix).toMatch(/Generate hypotheses.*Evaluate each walk.*Refine.*Think step by step without shortcuts\./s);
      } else {
        expect(c.promptSuffix).toBeUndefined();
        expect(c.system).toBe("You are a helpful assistant.");
      }
    }
  });
});
