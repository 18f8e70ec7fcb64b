/**
 * `collectRuns({ untilDecided })` against the mock API: items in a seeded order, each item's
 * conditions answered before the next, and a stop as soon as the anytime-valid sequence decides.
 * The mock's "#right=NN" marker (in the conditions' prompt suffixes) gives each condition a seeded
 * accuracy, so the true gap is known. The decision is checked independently by `sequentialGap`
 * over the records the run wrote (the file's order is the draw order).
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectRuns, type CollectOptions } from "../../src/collect/collect.js";
import { drawOrder } from "../../src/collect/untilDecided.js";
import { sequentialAgainstChance, sequentialGap } from "../../src/analysis/sequentialAnalysis.js";
import type { Condition } from "../../src/collect/types.js";
import { keysOf, mcTasks, readRecords, tempDir, useMockApi } from "./helpers.js";

useMockApi();

const fast: Partial<CollectOptions> = { progress: false, retryBaseMs: 1, timeoutMs: 2000, maxRetries: 2, concurrency: 8 };

function conditionsRight(production: number, research: number): Condition[] {
  return [
    { name: "production", model: "claude-haiku-4-5", maxTokens: 64, promptSuffix: `Answer briefly. #right=${production}` },
    { name: "research", model: "claude-haiku-4-5", maxTokens: 64, promptSuffix: `Think it through. #right=${research}` },
  ];
}

/** Items in the order the file first names them. */
function itemOrder(records: Record<string, unknown>[]): string[] {
  return [...new Set(records.map((r) => String(r.item)))];
}

describe("--until decided", () => {
  it("a true gap of about 10 points: stops early with 'excludes 0', in the seeded order, each key once", async () => {
    const out = join(tempDir(), "runs.jsonl");
    const tasks = mcTasks(2000);
    const summary = await collectRuns({ ...fast, tasks, conditions: conditionsRight(60, 70), samples: 1, out, untilDecided: { compare: ["production", "research"] } });
    const records = readRecords(out);
    const s = summary.sequential!;
    expect(s.reason).toBe("excludes");
    expect(s.label).toBe("decided: excludes 0");
    expect(records).toHaveLength(s.calls);
    expect(new Set(keysOf(records)).size).toBe(records.length);
    expect(s.callsSaved).toBe(4000 - s.calls);
    expect(s.callsSaved).toBeGreaterThan(0);
    expect(summary.interrupted).toBe(false);
    // Drawn in the seeded order, both conditions of an item before the next item.
    expect(itemOrder(records)).toEqual(drawOrder(tasks).slice(0, s.drawn).map((t) => t.id));
    for (let i = 0; i < records.length; i += 2) expect(records[i].item).toBe(records[i + 1].item);
    // Independently: the sequence over the written records decides first at the last item.
    const check = sequentialGap(records, { baseline: "production", treatment: "research", margin: 0.02 });
    expect(check.decidedAt).toBe(s.items);
    expect(check.decisionLabel).toBe("decided: excludes 0");
    expect(s.sentence).toMatch(/^After [\d,]+ items, research − production is \+\d+\.\d pp, anytime-valid 95% interval \[\+\d+\.\d pp, \+\d+\.\d pp\] \(p = [\d.e-]+\): decided: excludes 0\.$/);
  });

  it("a true gap of 0 with margin 10 points: settles 'within ±10 pp' before the end", async () => {
    const out = join(tempDir(), "runs.jsonl");
    const summary = await collectRuns({ ...fast, tasks: mcTasks(2000), conditions: conditionsRight(65, 65), samples: 1, out, untilDecided: { compare: ["production", "research"], margin: 0.1 } });
    const s = summary.sequential!;
    const records = readRecords(out);
    const check = sequentialGap(records, { baseline: "production", treatment: "research", margin: 0.1 });
    expect(s.reason).toBe("within-margin");
    expect(s.label).toBe("settled: within ±10.0 pp");
    expect(check.decisionLabel).toBe("settled: within ±10.0 pp");
    expect(check.decidedAt).toBe(s.items);
    expect(s.items).toBeLessThan(2000);
    expect(records).toHaveLength(2 * s.items);
    expect(s.state.lower).toBeGreaterThanOrEqual(-0.1);
    expect(s.state.upper).toBeLessThanOrEqual(0.1);
  });

  it("against chance: one condition at 60% on 4-choice items excludes chance (25%) early", async () => {
    const out = join(tempDir(), "runs.jsonl");
    const conditions = [conditionsRight(60, 60)[0]];
    const summary = await collectRuns({ ...fast, tasks: mcTasks(500), conditions, samples: 1, out, untilDecided: {} });
    const s = summary.sequential!;
    const check = sequentialAgainstChance(readRecords(out), { chance: 0.25 });
    expect(s.nullValue).toBe(0.25);
    expect(s.label).toBe("decided: excludes chance");
    expect(check.decidedAt).toBe(s.items);
    expect(s.callsSaved).toBe(500 - s.items);
  });

  it("refuses batch mode with one clear error", async () => {
    const out = join(tempDir(), "runs.jsonl");
    await expect(collectRuns({ ...fast, tasks: mcTasks(4), conditions: conditionsRight(60, 70), samples: 1, out, batch: true, untilDecided: { compare: ["production", "research"] } })).rejects.toThrow(/only online/);
  });

  it("an aborted run, resumed, reaches the same decision at the same item, each key once", async () => {
    const tasks = mcTasks(2000);
    const conditions = conditionsRight(60, 70);
    const untilDecided = { compare: ["production", "research"] as [string, string] };
    const whole = join(tempDir(), "whole.jsonl");
    const straight = (await collectRuns({ ...fast, tasks, conditions, samples: 2, out: whole, untilDecided })).sequential!;

    const out = join(tempDir(), "runs.jsonl");
    const controller = new AbortController();
    const watch = setInterval(() => {
      if (readRecords(out).length >= 150) controller.abort();
    }, 5);
    const first = await collectRuns({ ...fast, tasks, conditions, samples: 2, out, untilDecided, signal: controller.signal });
    clearInterval(watch);
    expect(first.interrupted).toBe(true);
    expect(first.sequential!.reason).toBe("interrupted");
    const written = readRecords(out).length;
    expect(written).toBeLessThan(straight.calls);

    const resumed = await collectRuns({ ...fast, tasks, conditions, samples: 2, out, untilDecided });
    const s = resumed.sequential!;
    expect(resumed.resumed).toBe(written);
    expect(s.reason).toBe(straight.reason);
    expect(s.items).toBe(straight.items);
    expect(s.state.lower).toBe(straight.state.lower);
    expect(s.state.upper).toBe(straight.state.upper);
    expect(s.sentence).toBe(straight.sentence);
    const records = readRecords(out);
    expect(new Set(keysOf(records)).size).toBe(records.length);
    expect(records).toHaveLength(straight.calls);
    expect(new Set(keysOf(records))).toEqual(new Set(keysOf(readRecords(whole))));
  });
});
