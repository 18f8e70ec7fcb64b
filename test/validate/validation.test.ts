/**
 * The validation harness (validate/): its truth against R, its data against its truth, and the
 * reduced grid — the hardest designs of issue 11 through the public API with default options,
 * failing when a default falls short of 93.5% coverage or 6.5% type I by more than its Monte Carlo
 * tolerance. `npm run validate` runs the full grid and writes docs/validation.md.
 */
import { describe, expect, it } from "vitest";
import { fullGrid, findCell, MAX_TYPE_I, MIN_COVERAGE, REDUCED_GRID, type Cell } from "../../validate/designs.js";
import { cellTruth, measureCell, summarizeMetric, type MetricSummary } from "../../validate/measure.js";
import { cellModel, cellStream, simulateRecords } from "../../validate/simulate.js";
import { clusterSd, logitNormalMean, solveMu } from "../../validate/truth.js";
import { beatsChance, summarize } from "../../src/index.js";
import { dbinom } from "../../src/stats/distributions.js";
import { expectClose, loadFixture } from "../helpers/close.js";

/**
 * Cells of REDUCED_GRID the current defaults still fail, with what they measured here (2,000
 * replications unless REDUCED_GRID says otherwise), measured after the switch of issue 11 to
 * Korn–Graubard (exact on clusters near the edge) / t / CR2 / Welch / Clopper–Pearson. They run as `it.fails`, so `npm test` stays green while these
 * defaults fall short and turns red the day one of them passes: then delete its line. The list
 * should end empty.
 */
export const KNOWN_FAILING_UNTIL_DEFAULTS_CHANGE: Readonly<Record<string, string>> = {};

/** A metric may miss its threshold by 2 Monte Carlo SEs (at the threshold, for R replications) before the test fails. */
const TOLERANCE_SES = 2;

function tolerance(threshold: number, reps: number): number {
  return TOLERANCE_SES * Math.sqrt((threshold * (1 - threshold)) / reps);
}

/** Each metric that falls short beyond its tolerance, described with its numbers. */
function shortfalls(metrics: readonly MetricSummary[], reps: number): string[] {
  return metrics.flatMap((m) => {
    const value = `${m.kind} ${(100 * m.rate).toFixed(1)}% ± ${(100 * m.mcse).toFixed(1)} (${m.methods.map((x) => x.method).join(", ")})`;
    if (m.kind === "coverage") {
      const floor = MIN_COVERAGE - tolerance(MIN_COVERAGE, reps);
      return m.rate < floor ? [`${value} < ${(100 * floor).toFixed(1)}%`] : [];
    }
    const ceiling = MAX_TYPE_I + tolerance(MAX_TYPE_I, reps);
    return m.rate > ceiling ? [`${value} > ${(100 * ceiling).toFixed(1)}%`] : [];
  });
}

interface TruthFixture {
  means: { mu: number; sd: number; mean: number }[];
  mus: { rate: number; icc: number; clusterSd: number; sd: number; mu: number }[];
}

describe("the truth of a simulated cell (validate/truth.ts) equals R", () => {
  const fixture = loadFixture<TruthFixture>("validation.json");

  it("E[expit(μ + sZ)] by Simpson's rule equals R integrate() to 1e-10", () => {
    expect(fixture.means.length).toBe(35);
    for (const c of fixture.means) expectClose(logitNormalMean(c.mu, c.sd), c.mean, `mu ${c.mu}, sd ${c.sd}`, 1e-10);
  });

  it("the cluster SD of an ICC and the μ that gives each rate equal R uniroot()", () => {
    for (const c of fixture.mus) {
      expectClose(clusterSd(c.icc), c.clusterSd, `icc ${c.icc}`, 1e-12, 1e-15);
      expectClose(solveMu(c.rate, c.sd), c.mu, `rate ${c.rate}, icc ${c.icc}`, 1e-9, 1e-10);
    }
  });

  it("the population mean is not the median item: at rate 0.97 with spread 1.69, expit(μ) is above 0.99", () => {
    const sd = Math.sqrt(clusterSd(0.3) ** 2 + 1);
    const mu = solveMu(0.97, sd);
    expect(logitNormalMean(mu, sd)).toBeCloseTo(0.97, 12);
    expect(1 / (1 + Math.exp(-mu))).toBeGreaterThan(0.99);
  });
});

describe("the simulated data (validate/simulate.ts)", () => {
  /** Mean over replications of the quantity the interval estimates, with its Monte Carlo SE. */
  function simulatedMean(cell: Cell, reps: number): { mean: number; se: number } {
    const model = cellModel(cell);
    const stream = cellStream(cell, "simulator check ");
    const values: number[] = [];
    for (let r = 0; r < reps; r++) {
      const sums = new Map<string, number>();
      for (const rec of simulateRecords(model, stream)) sums.set(rec.condition, (sums.get(rec.condition) ?? 0) + rec.score);
      const rate = (c: string) => (sums.get(c) ?? 0) / (cell.items * cell.samples);
      values.push(cell.design === "one-rate" ? rate("A") : rate("B") - rate("A"));
    }
    const mean = values.reduce((a, b) => a + b, 0) / reps;
    const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (reps - 1);
    return { mean, se: Math.sqrt(variance / reps) };
  }

  it("hits its truth: the mean accuracy over 4,000 replications is within 4 MC SE of the nominal rate or gap", () => {
    const cells = [
      "one-rate n=30 K=5 C=5 icc=0.3 p=0.97",
      "one-rate n=100 K=1 C=10 icc=0.1 p=0.7",
      "paired n=30 K=5 C=10 icc=0.3 rho=0.8 p=0.9/0.97",
      "independent n=20 K=5 C=5 icc=0.3 p=0.7/0.8",
    ].map((id) => findCell(id));
    for (const cell of cells) {
      const { mean, se } = simulatedMean(cell, 4000);
      expect(Math.abs(mean - cellTruth(cell)), `${cell.id}: mean ${mean}, se ${se}`).toBeLessThan(4 * se);
    }
  });

  it("is reproducible: a cell's stream gives the same records every time", () => {
    const cell = findCell("paired n=10 K=5 C=5 icc=0.1 rho=0.3 p=0.5/0.6");
    const run = () => {
      const model = cellModel(cell);
      const stream = cellStream(cell);
      return [simulateRecords(model, stream), simulateRecords(model, stream)];
    };
    const [first, second] = run();
    expect(run()).toEqual([first, second]);
    expect(first).toHaveLength(2 * 10 * 5);
    expect(first).not.toEqual(second);
    expect(new Set(first.map((r) => r.cluster)).size).toBe(5);
  });

  it("independent conditions get their own items and clusters; paired ones share them", () => {
    const records = (id: string) => simulateRecords(cellModel(findCell(id)), cellStream(findCell(id)));
    const independent = records("independent n=10 K=1 C=5 icc=0.3 p=0.5/0.5");
    const items = (rs: typeof independent, c: string) => new Set(rs.filter((r) => r.condition === c).map((r) => r.item));
    expect([...items(independent, "A")].filter((i) => items(independent, "B").has(i))).toEqual([]);
    const paired = records("paired n=10 K=1 C=5 icc=0.3 rho=0.3 p=0.5/0.5");
    expect([...items(paired, "A")]).toEqual([...items(paired, "B")]);
  });
});

describe("the harness agrees with exact enumeration where the API's answer depends only on k of n", () => {
  // One binary answer per item, no clusters: k ~ Binomial(n, p) exactly, whatever the item effects,
  // so the API's exact coverage and type I are Σ_k dbinom(k, n, p)·[its verdict on k right of n].
  function exact(n: number, p: number): { coverage: number; typeI: number } {
    let coverage = 0;
    let typeI = 0;
    for (let k = 0; k <= n; k++) {
      const records = Array.from({ length: n }, (_, i) => ({ item: `q${i}`, condition: "A", score: i < k ? 1 : 0 }));
      const row = summarize(records)[0];
      if (row.lower <= p && p <= row.upper) coverage += dbinom(k, n, p);
      if (beatsChance(records, { chance: p }).significant) typeI += dbinom(k, n, p);
    }
    return { coverage, typeI };
  }

  it.each(["one-rate n=10 K=1 C=none p=0.7", "one-rate n=30 K=1 C=none p=0.97"])("%s: simulated within 3 MC SE of exact", (id) => {
    const cell = findCell(id);
    const reps = 2000;
    const [coverage, typeI] = measureCell(cell, { minReps: reps, maxReps: reps }).metrics.map(summarizeMetric);
    const truth = exact(cell.items, cell.rates[0]);
    const se = (x: number) => Math.sqrt((x * (1 - x)) / reps);
    expect(Math.abs(coverage.rate - truth.coverage), `coverage ${coverage.rate} vs exact ${truth.coverage}`).toBeLessThanOrEqual(3 * se(truth.coverage));
    expect(Math.abs(typeI.rate - truth.typeI), `type I ${typeI.rate} vs exact ${truth.typeI}`).toBeLessThanOrEqual(3 * Math.max(se(truth.typeI), 1 / reps));
  });
});

describe("the grid covers issue 11's table", () => {
  it("n 10–1000, K 1 and 5, 0/5/10/30 clusters with ICC 0.1 and 0.3, rates 0.25–0.97, ρ 0.3 and 0.8, four designs", () => {
    const grid = fullGrid();
    expect(new Set(grid.map((c) => c.items))).toEqual(new Set([10, 20, 30, 100, 1000]));
    expect(new Set(grid.map((c) => c.samples))).toEqual(new Set([1, 5]));
    expect(new Set(grid.map((c) => c.clusters))).toEqual(new Set([0, 5, 10, 30]));
    expect(new Set(grid.filter((c) => c.clusters).map((c) => c.icc))).toEqual(new Set([0.1, 0.3]));
    expect(new Set(grid.filter((c) => c.design === "one-rate").map((c) => c.rates[0]))).toEqual(new Set([0.25, 0.5, 0.7, 0.9, 0.97]));
    expect(new Set(grid.filter((c) => c.design === "paired").map((c) => c.pairCorrelation))).toEqual(new Set([0.3, 0.8]));
    expect(new Set(grid.map((c) => c.design))).toEqual(new Set(["one-rate", "paired", "independent", "compare-all"]));
    expect(new Set(grid.map((c) => c.id)).size).toBe(grid.length);
    for (const { id } of REDUCED_GRID) expect(() => findCell(id, grid)).not.toThrow();
  });
});

describe("the defaults hold on the hardest designs (reduced grid, public API, default options)", () => {
  for (const { id, reps } of REDUCED_GRID) {
    const known = Object.hasOwn(KNOWN_FAILING_UNTIL_DEFAULTS_CHANGE, id);
    const test = known ? it.fails : it;
    test(`${id}${known ? ` — known to fail: ${KNOWN_FAILING_UNTIL_DEFAULTS_CHANGE[id]}` : ""}`, () => {
      const result = measureCell(findCell(id), { minReps: reps, maxReps: reps });
      expect(result.reps).toBe(reps);
      expect(shortfalls(result.metrics.map(summarizeMetric), reps)).toEqual([]);
    });
  }

  it("every known-failing cell is in the reduced grid", () => {
    const ids = new Set(REDUCED_GRID.map((c) => c.id));
    expect(Object.keys(KNOWN_FAILING_UNTIL_DEFAULTS_CHANGE).filter((id) => !ids.has(id))).toEqual([]);
  });
});
