/**
 * The sequential checks of the validation suite (validate/sequential.ts), reduced for `npm test`:
 * the four null scenarios (rate = chance and gap 0, binary and K = 5 item means) and one real
 * effect of each kind, at 200 seeded replications of 150 items, looked at after every item. The
 * anytime-valid rule of `--until decided` must keep its type I error ≤ 5% and its time-uniform
 * coverage ≥ 95%, each allowed 2 Monte Carlo SEs (at the threshold, for 200 replications) for the
 * reduced run; the naive "stop at the first p < 0.05" must be inflated beyond that on the same data.
 * `npm run validate -- --sequential` runs them at 2,000 × 500 and writes docs/validation.md's section.
 */
import { describe, expect, it } from "vitest";
import { measureSequential, SEQUENTIAL_MAX_TYPE_I, SEQUENTIAL_METHODS, SEQUENTIAL_MIN_COVERAGE, SEQUENTIAL_SCENARIOS, isNullScenario, type SequentialResult } from "../../validate/sequential.js";
import { markdownReport, type RunInfo } from "../../validate/report.js";
import { SECTION_BEGIN, SECTION_END, sequentialSection, spliceSequentialSection, type SequentialRunInfo } from "../../validate/sequentialReport.js";

const REPS = 200;
const ITEMS = 150;
const TOLERANCE_SES = 2;
const tolerance = (threshold: number) => TOLERANCE_SES * Math.sqrt((threshold * (1 - threshold)) / REPS);

describe("anytime-valid sequences under continuous monitoring (reduced validation)", () => {
  const results = new Map<string, SequentialResult>();
  const resultOf = (id: string) => {
    if (!results.has(id)) results.set(id, measureSequential(SEQUENTIAL_SCENARIOS.find((s) => s.id === id)!, { reps: REPS, items: ITEMS }));
    return results.get(id)!;
  };

  it("the scenarios cover binary scores and K-sample item means, one rate at chance and a paired gap of 0", () => {
    const nulls = SEQUENTIAL_SCENARIOS.filter(isNullScenario);
    expect(nulls.map((s) => `${s.design} K=${s.samples}`).sort()).toEqual(["one-rate K=1", "one-rate K=5", "paired K=1", "paired K=5"]);
    expect(SEQUENTIAL_SCENARIOS.every((s) => s.id.startsWith("sequential "))).toBe(true);
  });

  const reduced = SEQUENTIAL_SCENARIOS.filter((s) => isNullScenario(s) || s.id === "sequential one-rate K=5 p=0.9" || s.id === "sequential paired K=1 rho=0.8 p=0.6/0.7");

  it.each(reduced.map((s) => [s.id]))("%s: time-uniform coverage ≥ 95% (both methods)", (id) => {
    const r = resultOf(id);
    expect(r.reps).toBe(REPS);
    for (const method of SEQUENTIAL_METHODS) expect(r.coverage[method].rate, `${method} coverage`).toBeGreaterThanOrEqual(SEQUENTIAL_MIN_COVERAGE - tolerance(SEQUENTIAL_MIN_COVERAGE));
  });

  it.each(SEQUENTIAL_SCENARIOS.filter(isNullScenario).map((s) => [s.id]))("%s: type I ≤ 5% when stopping at any item; the naive rule inflated", (id) => {
    const r = resultOf(id);
    for (const method of SEQUENTIAL_METHODS) expect(r.typeI![method].rate, `${method} type I`).toBeLessThanOrEqual(SEQUENTIAL_MAX_TYPE_I + tolerance(SEQUENTIAL_MAX_TYPE_I));
    // Peeking at a fixed-n p-value after every item from the 10th: above α beyond Monte Carlo error even
    // over 150 items (and climbing with more: 28–41% over 500 in the full run).
    expect(r.naive!.rate).toBeGreaterThan(SEQUENTIAL_MAX_TYPE_I + 2 * tolerance(SEQUENTIAL_MAX_TYPE_I));
    expect(r.naive!.rate).toBeGreaterThan(2 * r.typeI!.betting.rate);
  });

  it("is seeded: the same scenario gives the same counts", () => {
    const id = SEQUENTIAL_SCENARIOS[0].id;
    const again = measureSequential(SEQUENTIAL_SCENARIOS[0], { reps: 40, items: 50 });
    expect(measureSequential(SEQUENTIAL_SCENARIOS[0], { reps: 40, items: 50 }).typeI).toEqual(again.typeI);
    expect(resultOf(id).coverage.betting.reps).toBe(REPS);
  });
});

describe("the section of docs/validation.md (validate/sequentialReport.ts)", () => {
  const info: SequentialRunInfo = { date: "2026-01-01", commit: "abc", uncommittedSrc: [], command: "npm run validate -- --sequential", wallSeconds: 60, reps: 40, items: 50 };
  const results = SEQUENTIAL_SCENARIOS.map((s) => measureSequential(s, { reps: 40, items: 50 }));
  const section = sequentialSection(results, info);

  it("renders one type I row per null scenario and one coverage row per scenario, with ± Monte Carlo SE", () => {
    expect(section.startsWith(SECTION_BEGIN)).toBe(true);
    expect(section.endsWith(SECTION_END)).toBe(true);
    const typeIRows = section.split("### Time-uniform coverage")[0].split("\n").filter((l) => /^\| (one rate|paired)/.test(l));
    const coverageRows = section.split("### Time-uniform coverage")[1].split("\n").filter((l) => /^\| (one rate|paired)/.test(l));
    expect(typeIRows).toHaveLength(4);
    expect(coverageRows).toHaveLength(SEQUENTIAL_SCENARIOS.length);
    expect(typeIRows[0]).toMatch(/^\| one rate 0\.25, chance 0\.25 \| binary \| lower bound > 0\.25 \(`--against-chance`\) \| \d+\.\d ± \d+\.\d \| \d+\.\d ± \d+\.\d \| \d+\.\d ± \d+\.\d \| exact binomial test, greater \| (pass|\*\*FAIL\*\*) \|$/);
  });

  it("replaces its own section and leaves the grid's text as it was; appends when absent", () => {
    const grid = "# Validation\n\n## Every cell\n\n| a | b |\n";
    const once = spliceSequentialSection(grid, section);
    expect(once).toBe(`${grid}\n${section}\n`);
    const other = sequentialSection(results.slice(0, 2), { ...info, date: "2026-02-02" });
    const twice = spliceSequentialSection(once, other);
    expect(twice).toBe(`${grid}\n${other}\n`);
    expect(() => spliceSequentialSection(`${grid}${SECTION_BEGIN}\n`, section)).toThrow(/only one of the sequential section's two markers/);
  });

  it("the full run's report ends with the section, which `--sequential` can then rewrite in place", () => {
    const runInfo: RunInfo = { date: "2026-01-01", commit: "abc", uncommittedSrc: [], wallSeconds: 1500, workers: 2, minReps: 2000, maxReps: 5000 };
    const full = markdownReport([], runInfo, section);
    expect(full.endsWith(`${section}\n`)).toBe(true);
    const other = sequentialSection(results.slice(0, 1), info);
    expect(spliceSequentialSection(full, other)).toBe(markdownReport([], runInfo, other));
    expect(markdownReport([], runInfo)).not.toContain(SECTION_BEGIN);
  });
});
