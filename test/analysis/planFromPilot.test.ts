import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { itemTableFromRecords, type AnalysisInput } from "../../src/analysis/itemTable.js";
import { planFromPilot, type PlanFromPilotOptions } from "../../src/analysis/planFromPilot.js";
import { planSampleSize } from "../../src/analysis/planSampleSize.js";
import { varianceComponents } from "../../src/analysis/varianceComponents.js";
import { loadItemTable } from "../../src/runs/loadItemTable.js";
import { loadRuns } from "../../src/runs/loadRuns.js";
import type { RunRecord } from "../../src/runs/record.js";
import { projectRoot, sharedFixtures } from "../runs/paths.js";
import { expectSame } from "../helpers/same.js";

const simulated = (name: string) => resolve(projectRoot, "data/simulated", name);
const SIMULATED = ["research-vs-production-simulated.jsonl", "k-samples-simulated.jsonl", "ablations-simulated.jsonl"];

interface RCase {
  file: string;
  compare?: [string, string];
  condition?: string;
  pairing?: "paired" | "independent";
  design: string;
  items?: number;
  samplesPerItem?: number;
  rates: number | number[];
  chance?: number;
  gap: number;
  discordance?: number;
  omega2?: number;
  sigma2?: number;
  observedDesignEffect: number;
  n: number;
}
const reference = JSON.parse(readFileSync(resolve(projectRoot, "test/fixtures/plan-from-pilot.json"), "utf8")) as { compare: RCase[]; chance: RCase[] };

const close = (got: number | undefined, want: number, what: string) => expect(Math.abs(got! - want), `${what}: ${got} vs ${want}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));

const runs = new Map<string, RunRecord[]>();
async function run(name: string): Promise<RunRecord[]> {
  if (!runs.has(name)) runs.set(name, await loadRuns(simulated(name), { onNote: () => {} }));
  return runs.get(name)!;
}

/** The plan, or the message it fails with (so failures must agree too). */
function attempt(input: AnalysisInput, options: PlanFromPilotOptions): unknown {
  try {
    return planFromPilot(input, options);
  } catch (error) {
    return (error as Error).message;
  }
}

describe("planFromPilot: the pilot's estimates against R (test/fixtures/r/plan-from-pilot.R)", () => {
  for (const c of [...reference.compare, ...reference.chance]) {
    const label = `${c.file}: ${c.compare ? `${c.compare.join(" vs ")} (${c.pairing})` : `${c.condition} against chance`}`;
    it(label, async () => {
      const options: PlanFromPilotOptions = c.compare ? { compare: c.compare, pairing: c.pairing } : { againstChance: true, condition: c.condition };
      const result = planFromPilot(await run(c.file), options);
      const p = result.pilot;
      expect(result.plan.design).toBe(c.design);
      [c.rates].flat().forEach((r, i) => close(p.rates[i], r, `rate ${i}`));
      close(p.gap, c.gap, "gap");
      close(p.observedDesignEffect, c.observedDesignEffect, "design effect");
      if (c.items !== undefined) expect(p.items).toBe(c.items);
      if (c.samplesPerItem !== undefined) expect(p.samplesPerItem).toBe(c.samplesPerItem);
      if (c.chance !== undefined) close(p.chance, c.chance, "chance");
      if (c.discordance !== undefined) close(p.discordance, c.discordance, "discordance");
      if (c.omega2 !== undefined) close(p.omega2, c.omega2, "omega2");
      if (c.sigma2 !== undefined) close(p.sigma2, c.sigma2, "sigma2");
      // R's planning formula on R's estimates: n to 1e-9 (the estimates agree to 1e-12).
      expect(Math.abs(result.plan.n - c.n), `n: ${result.plan.n} vs ${c.n}`).toBeLessThanOrEqual(1e-9 * c.n);
      expect(result.designEffect).toBe(Math.max(1, p.observedDesignEffect));
      expect(result.items).toBe(Math.ceil(result.plan.n * result.designEffect - 1e-9));
    });
  }
});

describe("planFromPilot: the plan is planSampleSize on the pilot's estimates", () => {
  it("paired, repeated, independent and one-rate designs, with the observed gap and with delta", async () => {
    const rvp = await run("research-vs-production-simulated.jsonl");
    const ks = await run("k-samples-simulated.jsonl");
    const [prod, research] = ["production: Claude 3.5 Sonnet", "research: Claude 3.5 Sonnet"];
    const paired = planFromPilot(rvp, { compare: [prod, research] });
    expect(paired.plan).toEqual(planSampleSize({ design: "paired", delta: paired.pilot.gap, discordance: paired.pilot.discordance, alpha: 0.05, power: 0.8, alternative: "two-sided" }));
    const smaller = planFromPilot(rvp, { compare: [prod, research], delta: 0.05, alpha: 0.01, power: 0.9 });
    expect(smaller.plan).toEqual(planSampleSize({ design: "paired", delta: 0.05, discordance: 0.35, alpha: 0.01, power: 0.9 }));
    expect(smaller.sentence).not.toMatch(/gap the pilot saw/);
    const independent = planFromPilot(rvp, { compare: [prod, research], pairing: "independent" });
    expect(independent.plan).toEqual(planSampleSize({ design: "independent", p1: 0.51, p2: independent.pilot.rates[0] + independent.pilot.gap }));
    expect(independent.plan.perGroup).toBe(true);
    const repeated = planFromPilot(ks, { compare: [prod, research] });
    const { omega2, sigma2 } = repeated.pilot;
    expect(repeated.plan).toEqual(planSampleSize({ design: "repeated", delta: repeated.pilot.gap, omega2, sigma2, samples: 5 }));
    const moreSamples = planFromPilot(ks, { compare: [prod, research], samples: 20 });
    expect(moreSamples.plan).toEqual(planSampleSize({ design: "repeated", delta: repeated.pilot.gap, omega2, sigma2, samples: 20 }));
    expect(moreSamples.plan.items).toBeLessThan(repeated.plan.items);
    const chance = planFromPilot(rvp, { againstChance: true, condition: research });
    expect(chance.plan).toEqual(planSampleSize({ p0: 0.5, p1: 0.5 + chance.pilot.gap }));
    const chanceK = planFromPilot(ks, { againstChance: true, condition: research, chance: 0.5 });
    expect(chanceK.plan).toEqual(planSampleSize({ design: "repeated", delta: chanceK.pilot.gap, omega2: chanceK.pilot.omega2, sigma2: chanceK.pilot.sigma2, samples: 5, alternative: "greater" }));
  });

  it("estimates ω² and σ² as varianceComponents does", async () => {
    const ks = await run("k-samples-simulated.jsonl");
    const v = varianceComponents(ks, { baseline: "production: Claude 3.5 Sonnet", treatment: "research: Claude 3.5 Sonnet" });
    const p = planFromPilot(ks, { compare: ["production: Claude 3.5 Sonnet", "research: Claude 3.5 Sonnet"] }).pilot;
    close(p.omega2, v.omega2, "omega2");
    close(p.sigma2, v.sigma2, "sigma2");
    close(p.gap, v.gap, "gap");
  });

  it("the doc example: Connor on a 20-item pilot by hand", () => {
    const pattern = [...Array(8).fill([1, 1]), ...Array(6).fill([0, 1]), [1, 0], ...Array(5).fill([0, 0])] as [number, number][];
    const pilot = pattern.flatMap(([a, b], i) => [{ item: `q${i}`, condition: "A", score: a }, { item: `q${i}`, condition: "B", score: b }]);
    const result = planFromPilot(pilot, { compare: ["A", "B"] });
    // R: (qnorm(0.975) * sqrt(0.35) + qnorm(0.8) * sqrt(0.35 - 0.25^2))^2 / 0.25^2 = 41.514797503
    expect(result.plan.n).toBeCloseTo(41.514797503, 8);
    expect(result.pilot).toEqual({ conditions: ["A", "B"], items: 20, samplesPerItem: 1, rates: [0.45, 0.7], gap: 0.25, discordance: 0.35, droppedItems: 0, observedDesignEffect: 1 });
    expect(result.sentence).toBe(
      "The pilot paired 20 items: A 45.0%, B 70.0%, 35.0% right under exactly one. Planned for the gap the pilot saw (+25.0 pp). " +
        "To detect a gap of +25.0 pp on the same items (discordance 35.0%) (two-sided, α = 0.05) with 80% power takes 42 items.",
    );
  });
});

describe("planFromPilot: the same plan from records, their table, and the table DuckDB aggregates", () => {
  /** Every pair with the first condition, and each condition against chance. */
  function plans(input: AnalysisInput, conditions: string[]): unknown[] {
    return [
      ...conditions.slice(1).map((t) => attempt(input, { compare: [conditions[0], t] })),
      ...conditions.slice(1).map((t) => attempt(input, { compare: [conditions[0], t], errors: "wrong" })),
      ...conditions.map((condition) => attempt(input, { againstChance: true, condition })),
    ];
  }

  it("on the simulated runs (JSON lines, read by DuckDB too)", async () => {
    for (const name of SIMULATED) {
      const records = await run(name);
      const conditions = [...new Set(records.map((r) => r.condition))];
      const want = plans(records, conditions);
      expect(want.filter((p) => typeof p !== "string").length, name).toBeGreaterThan(conditions.length);
      expectSame(plans(itemTableFromRecords(records), conditions), want, `${name} table`);
      expectSame(plans(await loadItemTable(simulated(name), { onNote: () => {} }), conditions), want, `${name} DuckDB`);
    }
  });

  it("on every shared fixture (Inspect, lm-eval, a log of errors)", async () => {
    const records = await loadRuns(sharedFixtures, { onNote: () => {} });
    const conditions = [...new Set(records.map((r) => r.condition))];
    const want = plans(records, conditions);
    expect(want.length).toBeGreaterThan(5);
    expectSame(plans(itemTableFromRecords(records), conditions), want, "shared fixtures table");
  });

  it("on repeats, refusals, errors and graded scores, under each rule", () => {
    const records: RunRecord[] = [];
    for (let i = 0; i < 40; i++) {
      for (const condition of ["A", "B"]) {
        for (let k = 0; k < 3; k++) {
          const r: RunRecord = { item: `q${i}`, condition, score: ((i * 7 + k * 3 + (condition === "B" ? 2 : 0)) % 5) / 4, sample: k, cluster: `c${i % 6}`, choices: 4 };
          if ((i + k) % 11 === 0) r.refused = true;
          if ((i + k) % 13 === 0) r.error = "timeout";
          records.push(r);
        }
      }
    }
    const table = itemTableFromRecords(records);
    for (const errors of ["exclude", "wrong"] as const) {
      for (const refusals of ["wrong", "exclude"] as const) {
        const options = { errors, refusals };
        const want = planFromPilot(records, { ...options, compare: ["A", "B"] });
        expect(want.plan.design).toBe("repeated");
        expectSame(planFromPilot(table, { ...options, compare: ["A", "B"] }), want);
        expectSame(planFromPilot(table, { ...options, againstChance: true, condition: "B" }), planFromPilot(records, { ...options, againstChance: true, condition: "B" }));
      }
    }
  });
});

describe("planFromPilot: bad input is named", () => {
  const records: RunRecord[] = ["q1", "q2", "q3"].flatMap((item, i) => [
    { item, condition: "A", score: i % 2 },
    { item, condition: "B", score: i % 2 },
  ]);

  it("a gap of 0 asks for delta; unknown conditions, both or neither mode, and a bad delta are errors", () => {
    expect(() => planFromPilot(records, { compare: ["A", "B"] })).toThrow(/the pilot's gap between A and B is 0: there is no observed gap to plan for; give delta/);
    expect(planFromPilot(records, { compare: ["A", "B"], delta: 0.1, pairing: "independent" }).plan.design).toBe("independent");
    expect(() => planFromPilot(records, { compare: ["A", "C"] })).toThrow(/treatment "C" is not a condition of the pilot; it has "A", "B"/);
    expect(() => planFromPilot(records, {})).toThrow(/give either compare: \[baseline, treatment\] or againstChance: true, got neither/);
    expect(() => planFromPilot(records, { compare: ["A", "B"], againstChance: true })).toThrow(/got both/);
    expect(() => planFromPilot(records, { againstChance: true })).toThrow(/the pilot holds 2 conditions \("A", "B"\); choose one/);
    expect(() => planFromPilot(records, { compare: ["A", "B"], delta: 0 })).toThrow(/delta must not be 0/);
    expect(() => planFromPilot(records, { compare: ["A", "A"] })).toThrow(/two different conditions, got "A" twice/);
    expect(() => planFromPilot(records, { compare: ["A", "B"], delta: 0.1, samples: 5 })).toThrow(/samples \(5\) plans K answers per item, which needs a pilot with at least 2 answers per item/);
    expect(() => planFromPilot(records, { againstChance: true, condition: "A", chance: 0.9 })).toThrow(/below chance \(90\.0%\): a one-sided plan to beat chance needs a positive delta/);
    expect(() => planFromPilot(records, { againstChance: true, condition: "A", chance: 0.5, delta: 0.6 })).toThrow("delta (0.6) puts the rate to detect at 1.1, chance 0.5 + delta, outside (0, 1)");
    expect(() => planFromPilot(records, { compare: ["A", "B"], delta: 0.1, pairing: "independent", samples: 3 })).toThrow(/samples \(3\) plans K answers per item on items paired across the conditions; these do not pair/);
    // One item a side, clustered: no variance to weigh the design effect by, and no crash.
    const one: RunRecord[] = [{ item: "x", condition: "A", score: 0.4, cluster: "c1" }, { item: "y", condition: "B", score: 0.3, cluster: "c2" }];
    expect(planFromPilot(one, { compare: ["A", "B"], pairing: "independent" }).designEffect).toBe(1);
    expect(() => planFromPilot(one, { compare: ["A", "B"], delta: 0.7 })).toThrow("A + delta (0.7) is 1.1: a plan on different items (power.prop.test) needs rates strictly between 0 and 1");
  });
});
