import { describe, expect, it } from "vitest";
import { comparePassAtK, passAtK, passAtKCurve, passAtKTable } from "../../src/analysis/passAtK.js";
import { loadRuns } from "../../src/runs/loadRuns.js";
import type { RunRecord } from "../../src/runs/record.js";
import { createRandom } from "../../src/stats/random.js";
import { loadFixture, missesOf } from "../helpers/close.js";
import { temperatureDir } from "../runs/paths.js";

/** test/fixtures/r/pass-at-k.R: R choose(), t.test and clubSandwich CR2/Satterthwaite on the same records. */
interface Inference { estimate: number; se: number; df: number; lower: number; upper: number; pValue: number }
interface SingleCase { condition: string; measure: "pass@k" | "pass^k"; k: number; items: number[]; t: Inference; cr2: Inference }
interface PairedCase { measure: "pass@k" | "pass^k"; k: number; t: Inference; cr2: Inference }
const fixture = loadFixture<{ records: RunRecord[]; single: SingleCase[]; paired: PairedCase[] }>("pass-at-k-analysis.json");
const clustered = fixture.records;
const unclustered = fixture.records.map(({ cluster: _cluster, ...r }) => r);

const clip = (x: number) => Math.min(1, Math.max(0, x));

describe("passAtK against R (choose, t.test, clubSandwich)", () => {
  it(`item estimates, mean and t interval on n − 1 df equal R; CR2 + Satterthwaite when clustered (${fixture.single.length} cases)`, () => {
    const misses: string[] = [];
    for (const c of fixture.single) {
      const call = `${c.measure} k=${c.k}`;
      const plain = passAtK(unclustered, { k: c.k, measure: c.measure, condition: c.condition });
      expect(plain.method).toBe("t");
      misses.push(...missesOf(`${call} items`, plain.itemEstimates.map((e, i) => [e.item, e.estimate, c.items[i]] as const)));
      misses.push(...missesOf(`${call} t.test`, [["estimate", plain.estimate, c.t.estimate], ["se", plain.se, c.t.se], ["df", plain.df, c.t.df],
        ["lower", plain.lower, clip(c.t.lower)], ["upper", plain.upper, clip(c.t.upper)]]));
      const cr2 = passAtK(clustered, { k: c.k, measure: c.measure, condition: c.condition });
      expect([cr2.method, cr2.clusters]).toEqual(["t-cr2", 6]);
      misses.push(...missesOf(`${call} clubSandwich CR2`, [["estimate", cr2.estimate, c.cr2.estimate], ["se", cr2.se, c.cr2.se], ["df", cr2.df, c.cr2.df],
        ["lower", cr2.lower, clip(c.cr2.lower)], ["upper", cr2.upper, clip(c.cr2.upper)]]));
    }
    expect(misses).toEqual([]);
  });

  it(`the paired comparison B − A equals R t.test(paired = TRUE) and clubSandwich CR2 on the differences (${fixture.paired.length} cases)`, () => {
    const misses: string[] = [];
    for (const c of fixture.paired) {
      const call = `${c.measure} k=${c.k}`;
      for (const [records, want, method] of [[unclustered, c.t, "paired-t"], [clustered, c.cr2, "paired-t-cr2"]] as const) {
        const r = comparePassAtK(records, { k: c.k, measure: c.measure, baseline: "A", treatment: "B" });
        expect(r.method).toBe(method);
        misses.push(...missesOf(`${call} ${method}`, [["estimate", r.estimate, want.estimate], ["se", r.se, want.se], ["df", r.df, want.df],
          ["lower", r.lower, want.lower], ["upper", r.upper, want.upper], ["pValue", r.pValue, want.pValue]]));
      }
    }
    expect(misses).toEqual([]);
  });
});

describe("passAtK coverage (seeded simulation)", () => {
  it("the 95% interval covers the true mean pass@k at least 93% of 400 replications, k = 1 and 5, K = 10", () => {
    const random = createRandom("pass-at-k coverage");
    const items = 40;
    const K = 10;
    const reps = 400;
    const ks = [1, 5];
    // Heterogeneous items: 30% never solved, the rest p ~ Uniform(0, 1). Population pass@k =
    // 0.7 · E[1 − (1 − U)^k] = 0.7 · k/(k + 1); the finite-sample truth is the items' own mean.
    // Measured (seed "pass-at-k coverage"): population 94.75% (k = 1), 95.5% (k = 5); the items' own
    // mean 100% at both, since the item-level SE also carries the between-item spread.
    const covered = { population: [0, 0], items: [0, 0] };
    for (let rep = 0; rep < reps; rep++) {
      const p = Array.from({ length: items }, () => (random.next() < 0.3 ? 0 : random.next()));
      const records: RunRecord[] = [];
      p.forEach((pi, i) => {
        for (let s = 0; s < K; s++) records.push({ item: `q${i}`, condition: "sim", score: random.next() < pi ? 1 : 0, sample: s });
      });
      ks.forEach((k, j) => {
        const r = passAtK(records, { k });
        const population = (0.7 * k) / (k + 1);
        const itemsTruth = p.reduce((sum, pi) => sum + 1 - (1 - pi) ** k, 0) / items;
        if (r.lower <= population && population <= r.upper) covered.population[j]++;
        if (r.lower <= itemsTruth && itemsTruth <= r.upper) covered.items[j]++;
      });
    }
    const rates = { population: covered.population.map((c) => c / reps), items: covered.items.map((c) => c / reps) };
    for (const rate of [...rates.population, ...rates.items]) expect(rate).toBeGreaterThanOrEqual(0.93);
  });
});

describe("passAtK on small hand-checked inputs", () => {
  const rows = (condition: string, answers: number[][], cluster?: (i: number) => string): RunRecord[] =>
    answers.flatMap((scores, i) => scores.map((score, s) => ({ item: `q${i}`, condition, score, sample: s, ...(cluster ? { cluster: cluster(i) } : {}) })));

  it("pass@k and pass^k of one item set, by hand", () => {
    const input = rows("A", [[1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 1]]);
    // pass@2 per item: 1 − C(3,2)/C(4,2) = 1/2, 1 − 1/6 = 5/6, 1. pass^2: 0, 1/6, 1.
    expect(passAtK(input, { k: 2 }).estimate).toBeCloseTo((1 / 2 + 5 / 6 + 1) / 3, 14);
    expect(passAtK(input, { k: 2, measure: "pass^k" }).estimate).toBeCloseTo((0 + 1 / 6 + 1) / 3, 14);
  });

  it("the curve runs k = 1..fewest answers, pass@k rising and pass^k falling", () => {
    const input = rows("A", [[1, 0, 0, 0, 1], [1, 1, 0, 0], [0, 1, 1, 1]]);
    const at = passAtKCurve(input);
    const hat = passAtKCurve(input, { measure: "pass^k" });
    expect(at.map((r) => r.k)).toEqual([1, 2, 3, 4]);
    expect(at[0].estimate).toBeCloseTo(hat[0].estimate, 15);
    for (let i = 1; i < at.length; i++) {
      expect(at[i].estimate).toBeGreaterThanOrEqual(at[i - 1].estimate);
      expect(hat[i].estimate).toBeLessThanOrEqual(hat[i - 1].estimate);
    }
    expect(passAtKCurve(input, { maxK: 2 }).length).toBe(2);
    expect(() => passAtKCurve(input, { maxK: 5 })).toThrow(/2 items under condition "A": "q1" \(4\), "q2" \(4\)/);
  });

  it("says what it computed in a sentence", () => {
    const r = passAtK(rows("A", [[1, 0], [1, 1], [0, 0], [0, 1]]), { k: 2 });
    expect(r.sentence).toBe("pass@2 of A is 75.0% (95% CI 0.0–100.0%; t on 3 df over 4 items, 2 answers each; unbiased estimator of Chen et al. 2021).");
    const c = comparePassAtK([...rows("A", [[1, 0], [1, 1], [0, 0], [0, 1], [1, 1]]), ...rows("B", [[0, 0], [1, 0], [0, 0], [0, 0]])], { k: 2, baseline: "B", treatment: "A" });
    expect(c.onlyBaseline).toEqual([]);
    expect(c.onlyTreatment).toEqual(["q4"]);
    expect(c.sentence).toMatch(/^pass@2: A − B = \+50\.0 pp \(75\.0% vs 25\.0%; 95% CI .* paired t on 3 df over 4 items; 1 unshared item left out\): two-sided p = /);
  });

  it("refuses k above an item's answers (naming the item and its count), graded scores and unknown conditions", () => {
    const input = [...rows("A", [[1, 0, 1], [1, 1], [0, 0, 1]]), ...rows("B", [[1, 1, 1], [1, 1, 0], [0, 0, 1]])];
    expect(() => passAtK(input, { k: 3, condition: "A" })).toThrow(/k \(3\) exceeds the scored answers of 1 item under condition "A": "q1" \(2\)/);
    expect(() => passAtK(input, { k: 2 })).toThrow(/condition must name one of the conditions "A", "B", got undefined/);
    expect(() => passAtK(input, { k: 2, condition: "C" })).toThrow(/got "C"/);
    expect(() => passAtK(input, { k: 0, condition: "A" })).toThrow(/k must be at least 1, got 0/);
    expect(() => passAtK(input, { k: 1, condition: "A", measure: "pass@1" as never })).toThrow(/measure/);
    expect(() => passAtK([{ item: "q", condition: "A", score: 0.5 }, { item: "r", condition: "A", score: 1 }], { k: 1 })).toThrow(/item "q" under condition "A" has a graded score/);
    expect(() => passAtK(rows("A", [[1, 0]]), { k: 1 })).toThrow(/at least 2 items/);
    expect(() => comparePassAtK(input, { k: 1, baseline: "A", treatment: "A" })).toThrow(/treatment must differ from baseline/);
  });

  it('with shortItems "drop", leaves out items with fewer than k answers and lists them; a paired comparison drops the pair', () => {
    const input = [...rows("A", [[1, 0, 1], [1, 1], [0, 0, 1], [1, 1, 1]]), ...rows("B", [[1, 1, 1], [1, 1, 0], [0, 0], [0, 0, 1]])];
    const a = passAtK(input, { k: 3, condition: "A", shortItems: "drop" });
    // q0: 2 of 3 right, pass@3 = 1; q2: 1 of 3, 1; q3: 3 of 3, 1. q1 (2 answers) is left out.
    expect([a.items, a.estimate]).toEqual([3, 1]);
    expect(a.shortItems).toEqual([{ item: "q1", condition: "A", samples: 2 }]);
    expect(a.sentence).toContain('1 item with fewer than 3 answers left out: "q1" (2)');
    const c = comparePassAtK(input, { k: 3, measure: "pass^k", baseline: "B", treatment: "A", shortItems: "drop" });
    // Pairs q0 and q3 remain: pass^3 A − B = (0 − 1 + 1 − 0) / 2 = 0.
    expect([c.items, c.estimate]).toEqual([2, 0]);
    expect(c.shortItems).toEqual([{ item: "q1", condition: "A", samples: 2 }, { item: "q2", condition: "B", samples: 2 }]);
    expect(c.sentence).toContain('2 items with fewer than 3 answers left out: "q1" (2), "q2" (2)');
    expect(passAtK(input, { k: 2, condition: "A", shortItems: "drop" }).shortItems).toEqual([]);
    expect(() => passAtK(input, { k: 3, condition: "A", shortItems: "skip" as never })).toThrow(/shortItems/);
    expect(() => passAtK(input, { k: 3, condition: "A" })).toThrow(/shortItems "drop" leaves them out/);
  });

  it("passAtKTable gives passAtK's result for every condition × measure × k, in that order", () => {
    const input = [...rows("A", [[1, 0, 1], [1, 1], [0, 0, 1], [1, 1, 1]]), ...rows("B", [[1, 1, 1], [1, 1, 0], [0, 0, 1], [0, 0, 1]])];
    const table = passAtKTable(input, { ks: [1, 3], shortItems: "drop", level: 0.9 });
    const one = ["A", "B"].flatMap((condition) => (["pass@k", "pass^k"] as const).flatMap((measure) => [1, 3].map((k) => passAtK(input, { k, measure, condition, shortItems: "drop", level: 0.9 }))));
    expect(table).toEqual(one);
    expect(passAtKTable(input, { ks: [2], measures: ["pass^k"], conditions: ["B"] })).toEqual([passAtK(input, { k: 2, measure: "pass^k", condition: "B" })]);
    expect(() => passAtKTable(input, { ks: [] })).toThrow(/ks must list at least one k/);
    expect(() => passAtKTable(input, { ks: [3] })).toThrow(/k \(3\) exceeds the scored answers of 1 item under condition "A": "q1" \(2\)/);
  });

  it("leaves errored answers out before counting n, as every analysis does", () => {
    const input: RunRecord[] = [...rows("A", [[1, 0, 1], [1, 1, 0]]), { item: "q0", condition: "A", score: 0, error: "timeout" }];
    expect(passAtK(input, { k: 3 }).itemEstimates.map((e) => e.samples)).toEqual([3, 3]);
    expect(() => passAtK(input, { k: 3, errors: "wrong" })).not.toThrow();
    expect(passAtK(input, { k: 1, errors: "wrong" }).itemEstimates[0]).toMatchObject({ samples: 4, correct: 2 });
  });
});

/** test/fixtures/r/pass-at-k-real.R: the temperature sweeps read by read.csv, CR2/Satterthwaite by clubSandwich. */
interface RealCase {
  file: string; measure: "pass@k" | "pass^k"; k: number; items: number; minSamples: number;
  short?: string | string[]; shortSamples?: number | number[]; estimate?: number; se?: number; df?: number; lower?: number; upper?: number; clusters?: number;
  /** The same over the items with at least k answers (shortItems "drop"). */
  dropped?: { items: number; estimate: number; se: number; df: number; lower: number; upper: number; clusters: number };
}

describe("passAtK on the real temperature sweeps (3 models × 11–17 temperatures, 10 answers per item)", () => {
  const real = loadFixture<{ cases: RealCase[] }>("pass-at-k-real.json").cases;

  it(`pass@k and pass^k at k = 1, 5, 10 equal an independent R computation from the CSVs (${real.length} cases)`, async () => {
    const records = await loadRuns(temperatureDir, {
      columns: { item: "Problem ID", cluster: "Source", error: "Error" },
      conditionPattern: /([^/]+)\.csv$/,
      repeats: { answers: /^Answer \d+$/, key: "Correct Answer" },
      onNote: () => {},
    });
    const misses: string[] = [];
    let shortChecked = 0;
    let degenerate = 0;
    for (const c of real) {
      const options = { k: c.k, measure: c.measure, condition: c.file.replace(/\.csv$/, "") };
      const call = `${c.file} ${c.measure} k=${c.k}`;
      if (c.short !== undefined) {
        // Some answers errored, so an item has fewer than k: the error names it.
        const short = typeof c.short === "string" ? [c.short] : c.short;
        expect(() => passAtK(records, options), call).toThrow(new RegExp(`${short.length} items? under .*"${short[0]}" \\(\\d\\)`));
        // Opted in, they are left out and listed, and the rest equals R over the same items.
        const d = passAtK(records, { ...options, shortItems: "drop" });
        const samples = typeof c.shortSamples === "number" ? [c.shortSamples] : c.shortSamples!;
        expect(d.shortItems.map((s) => [s.item, s.samples]), call).toEqual(short.map((item, i) => [item, samples[i]]));
        expect(d.sentence, call).toContain(`${short.length} item${short.length === 1 ? "" : "s"} with fewer than ${c.k} answers left out: "${short[0]}" (${samples[0]})`);
        expect([d.items, d.clusters], call).toEqual([c.dropped!.items, c.dropped!.clusters]);
        const w = c.dropped!;
        misses.push(...missesOf(`${call} drop`, [["estimate", d.estimate, w.estimate], ["se", d.se, w.se], ["df", d.df, w.df], ["lower", d.lower, clip(w.lower)], ["upper", d.upper, clip(w.upper)]]));
        shortChecked++;
        continue;
      }
      const r = passAtK(records, options);
      expect([r.items, r.clusters, r.method, r.minSamples], call).toEqual([c.items, c.clusters, "t-cr2", c.minSamples]);
      if (c.se === 0) {
        // Every item 0 (pass^10 at high temperature): clubSandwich gives [0, 0]; meanCI's exact-units
        // fallback gives Clopper–Pearson on the m clusters, [0, 1 − 0.025^(1/m)] (= binom.test(0, m)).
        expect([r.estimate, r.degenerate, r.lower], call).toEqual([0, true, 0]);
        misses.push(...missesOf(call, [["upper", r.upper, 1 - 0.025 ** (1 / c.clusters!)]]));
        degenerate++;
        continue;
      }
      misses.push(...missesOf(call, [["estimate", r.estimate, c.estimate!], ["se", r.se, c.se!], ["df", r.df, c.df!],
        ["lower", r.lower, clip(c.lower!)], ["upper", r.upper, clip(c.upper!)]]));
    }
    expect(misses).toEqual([]);
    expect(degenerate).toBe(1);
    expect(shortChecked).toBe(20);
  });
});
