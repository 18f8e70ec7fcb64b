/**
 * `collectRuns({ untilDecided })` against the mock API: items in a seeded order, each item's
 * conditions answered before the next, and a stop as soon as the anytime-valid sequence decides.
 * The mock's "#right=NN" marker (in the conditions' prompt suffixes) gives each condition a seeded
 * accuracy, so the true gap is known; "#agree=AA" makes the conditions share the item's coin on AA%
 * of the items (common random numbers), so they agree on most items as real paired conditions do.
 * The decision is checked independently by `sequentialGap` over the records the run wrote (the
 * file's order is the draw order), and the calls by what the mock saw.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectRuns, type CollectOptions } from "../../src/collect/collect.js";
import { drawOrder } from "../../src/collect/untilDecided.js";
import { sequentialAgainstChance, sequentialGap } from "../../src/analysis/sequentialAnalysis.js";
import type { Condition, Task } from "../../src/collect/types.js";
import { keysOf, mcTasks, readRecords, tempDir, useMockApi } from "./helpers.js";

const mock = useMockApi();

const fast: Partial<CollectOptions> = { progress: false, retryBaseMs: 1, timeoutMs: 2000, maxRetries: 2, concurrency: 8 };

/** `agree`: the mock's "#agree=AA" share of items on which the two conditions share the coin. */
function conditionsRight(production: number, research: number, agree?: number): Condition[] {
  const shared = agree === undefined ? "" : `#agree=${agree} `;
  return [
    { name: "production", model: "claude-haiku-4-5", maxTokens: 64, promptSuffix: `Answer briefly. ${shared}#right=${production}` },
    { name: "research", model: "claude-haiku-4-5", maxTokens: 64, promptSuffix: `Think it through. ${shared}#right=${research}` },
  ];
}

/** The (item, condition, sample) keys of the first `drawn` items of the seeded order, every condition of each. */
function askedKeys(tasks: readonly Task[], drawn: number, conditions: readonly Condition[]): string[] {
  return drawOrder(tasks).slice(0, drawn).flatMap((t) => conditions.map((c) => `${t.id}|${c.name}|0`));
}

/** The (item, condition) of each call the mock answered, from its prompt (plan.ts: prompt, blank line, suffix). */
function callKeys(answered: readonly { messages: { content: string }[] }[], tasks: readonly Task[], conditions: readonly Condition[]): string[] {
  const byPrompt = new Map(tasks.flatMap((t) => conditions.map((c): [string, string] => [`${t.prompt}\n\n${c.promptSuffix}`, `${t.id}|${c.name}|0`])));
  return answered.map((r) => byPrompt.get(r.messages[0].content) ?? `unknown prompt ${JSON.stringify(r.messages[0].content)}`);
}

/** Items in the order the file first names them. */
function itemOrder(records: Record<string, unknown>[]): string[] {
  return [...new Set(records.map((r) => String(r.item)))];
}

describe("--until decided", () => {
  // Independent draws: the differences have variance ≈ 0.45 (measured: decided at item 367).
  // Agreeing on 90% of items: a nested set, far less noise (measured: decided at item 66).
  it.each([
    ["independent draws", undefined, 500],
    ["conditions agreeing on 90% of items", 90, 150],
  ] as const)("a true gap of 10 points, %s: stops well before 2,000 items with 'excludes 0', exactly the pairs asked, none twice", async (_design, agree, within) => {
    const out = join(tempDir(), "runs.jsonl");
    const tasks = mcTasks(2000);
    const conditions = conditionsRight(60, 70, agree);
    const callsBefore = mock.server.stats.answered.length;
    const summary = await collectRuns({ ...fast, tasks, conditions, samples: 1, out, untilDecided: { compare: ["production", "research"] } });
    const records = readRecords(out);
    const s = summary.sequential!;
    expect(s.reason).toBe("excludes");
    expect(s.label).toBe("decided: excludes 0");
    expect(s.items).toBeLessThanOrEqual(within);
    expect(s.drawn).toBe(s.items);
    // The records are exactly both conditions of the first `drawn` items of the seeded order, each once,
    // and the mock answered exactly those calls: none repeated, none beyond the stop.
    expect(keysOf(records).sort()).toEqual(askedKeys(tasks, s.drawn, conditions).sort());
    expect(callKeys(mock.server.stats.answered.slice(callsBefore), tasks, conditions).sort()).toEqual(askedKeys(tasks, s.drawn, conditions).sort());
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

  it("a true gap of 0 with margin 3 points, conditions agreeing on 90% of items: settles 'within ±3.0 pp' before the end", async () => {
    const out = join(tempDir(), "runs.jsonl");
    const tasks = mcTasks(2000);
    const conditions = conditionsRight(65, 65, 90);
    const callsBefore = mock.server.stats.answered.length;
    const summary = await collectRuns({ ...fast, tasks, conditions, samples: 1, out, untilDecided: { compare: ["production", "research"], margin: 0.03 } });
    const s = summary.sequential!;
    const records = readRecords(out);
    expect(s.reason).toBe("within-margin");
    expect(s.label).toBe("settled: within ±3.0 pp");
    expect(s.items).toBeLessThan(1000); // measured: 664
    expect(s.state.lower).toBeGreaterThanOrEqual(-0.03);
    expect(s.state.upper).toBeLessThanOrEqual(0.03);
    expect(keysOf(records).sort()).toEqual(askedKeys(tasks, s.drawn, conditions).sort());
    expect(callKeys(mock.server.stats.answered.slice(callsBefore), tasks, conditions).sort()).toEqual(keysOf(records).sort());
    const check = sequentialGap(records, { baseline: "production", treatment: "research", margin: 0.03 });
    expect(check.decisionLabel).toBe("settled: within ±3.0 pp");
    expect(check.decidedAt).toBe(s.items);
    expect(s.sentence).toMatch(/: settled: within ±3\.0 pp\.$/);
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
