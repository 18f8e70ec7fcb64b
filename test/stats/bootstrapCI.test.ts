import { describe, expect, it } from "vitest";
import {
  bootstrapCI,
  bootstrapInterval,
  jackknifeAcceleration,
  jackknifeValues,
  normInter,
  type PairedCounts,
} from "../../src/stats/bootstrapCI.js";
import { dbinom } from "../../src/stats/distributions.js";
import { expectClose, loadFixture } from "../helpers/close.js";

/** A case of test/fixtures/r/resampling.R: `call` is the R boot() and boot.ci() over the case's `data` that gave its values. */
interface BootCase {
  call: string;
  name: string;
  t: number[];
  t0: number;
  jack: number[];
  acceleration: number;
  z0: number;
  intervals: { level: number; percentile: [number, number]; bca: [number, number] }[];
  data: number[] | { LSAT: number[]; GPA: number[] };
  clusters?: string[];
  counts?: PairedCounts;
}
const { bootstrap } = loadFixture<{ bootstrap: BootCase[] }>("resampling.json");

const mean = (xs: number[]): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
};
const plugInVariance = (xs: number[]): number => {
  const m = mean(xs);
  return mean(xs.map((x) => (x - m) ** 2));
};
const median = (v: number[]): number => {
  const s = [...v].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
type Row = { LSAT: number; GPA: number };
const correlation = (rows: Row[]): number => {
  const mx = mean(rows.map((r) => r.LSAT));
  const my = mean(rows.map((r) => r.GPA));
  let sxy = 0, sxx = 0, syy = 0;
  for (const r of rows) {
    sxy += (r.LSAT - mx) * (r.GPA - my);
    sxx += (r.LSAT - mx) ** 2;
    syy += (r.GPA - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
};

/** Our own jackknife of each R case, with the statistic written independently in TypeScript. */
function ourJackknife(c: BootCase): Float64Array {
  if (!Array.isArray(c.data)) {
    const { LSAT, GPA } = c.data;
    const rows: Row[] = LSAT.map((l, i) => ({ LSAT: l, GPA: GPA[i] }));
    return jackknifeValues(rows, correlation);
  }
  if (c.name.startsWith("spatial")) return jackknifeValues(c.data, plugInVariance);
  return jackknifeValues(c.data, mean, c.clusters);
}

describe("bootstrap intervals from R's replicates equal R boot.ci (perc, bca) to 1e-9", () => {
  for (const c of bootstrap) {
    it(`${c.name}: jackknife, acceleration, z0, ${c.intervals.length} levels`, () => {
      const jack = ourJackknife(c);
      expect(jack.length).toBe(c.jack.length);
      jack.forEach((v, i) => expectClose(v, c.jack[i], `${c.call}: jackknife value ${i}`));
      expectClose(jackknifeAcceleration(jack), c.acceleration, `${c.call}: acceleration`);
      for (const iv of c.intervals) {
        const perc = bootstrapInterval(c.t, c.t0, { level: iv.level, method: "percentile" });
        expectClose(perc.lower, iv.percentile[0], `${c.call}: percentile lower at ${iv.level}`);
        expectClose(perc.upper, iv.percentile[1], `${c.call}: percentile upper at ${iv.level}`);
        const bca = bootstrapInterval(c.t, c.t0, { level: iv.level, method: "bca", jackknife: jack });
        expectClose(bca.lower, iv.bca[0], `${c.call}: bca lower at ${iv.level}`);
        expectClose(bca.upper, iv.bca[1], `${c.call}: bca upper at ${iv.level}`);
        expectClose(bca.z0!, c.z0, `${c.call}: z0`);
      }
    });
  }

  it("the closed-form jackknife of paired counts equals R's item jackknife", () => {
    const c = bootstrap.find((b) => b.counts)!;
    const r = bootstrapCI(c.counts!, "paired-difference", { method: "bca", resamples: 2000, seed: 3 });
    expectClose(r.acceleration!, c.acceleration, `${c.call}: acceleration from counts`);
    expectClose(r.estimate, c.t0, `${c.call}: estimate`);
  });
});

describe("bootstrapCI matches Efron & Tibshirani (1993) Table 14.2", () => {
  // Efron & Tibshirani (1993), spatial test data A (Table 14.1), θ = plug-in variance = 171.5.
  // Table 14.2 (90%, B = 2000): percentile (100.8, 233.9), BCa (115.8, 259.6); p. 186: a = 0.061.
  const spatial = bootstrap.find((b) => b.name.startsWith("spatial"))!.data as number[];
  const opts = { level: 0.9, resamples: 20000, seed: "Efron-Tibshirani 14.2" };

  // The book's endpoints are themselves B = 2000 Monte-Carlo values: at the 5% point the bootstrap
  // density is about 0.0025, so their SD is sqrt(0.05 · 0.95 / 2000) / 0.0025 ≈ 2 (2%). We use
  // B = 20,000 and allow about two of the book's SDs (4%) for the percentile and 2% for BCa.
  it("reproduces Table 14.2 within the book's Monte-Carlo error and a = 0.061", () => {
    const perc = bootstrapCI(spatial, plugInVariance, { ...opts, method: "percentile" });
    const bca = bootstrapCI(spatial, plugInVariance, { ...opts, method: "bca" });
    expect(perc.estimate).toBeCloseTo(171.5, 1);
    expect(Math.abs(perc.lower / 100.8 - 1)).toBeLessThan(0.04);
    expect(Math.abs(perc.upper / 233.9 - 1)).toBeLessThan(0.04);
    expect(Math.abs(bca.lower / 115.8 - 1)).toBeLessThan(0.02);
    expect(Math.abs(bca.upper / 259.6 - 1)).toBeLessThan(0.02);
    expect(bca.acceleration!).toBeCloseTo(0.061, 3);
    expect(bca).toMatchObject({ method: "bca", level: 0.9, resamples: 20000, seed: opts.seed });
  });
});

/** Exact bootstrap distribution of (A* − B*) / n for paired counts, by enumerating the multinomial. */
function exactPairedQuantile(c: PairedCounts, alpha: number): number {
  const n = c.both + c.onlyA + c.onlyB + c.neither;
  const pA = c.onlyA / n;
  const pB = c.onlyB / (n - c.onlyA); // P(only B | not only A)
  const mass = new Map<number, number>();
  for (let a = 0; a <= n; a++) {
    const pa = dbinom(a, n, pA);
    if (pa < 1e-16) continue;
    for (let b = 0; b <= n - a; b++) {
      const pb = pa * dbinom(b, n - a, pB);
      if (pb < 1e-18) continue;
      mass.set(a - b, (mass.get(a - b) ?? 0) + pb);
    }
  }
  let cum = 0;
  for (const d of [...mass.keys()].sort((x, y) => x - y)) {
    cum += mass.get(d)!;
    if (cum >= alpha) return d / n;
  }
  return Infinity;
}

describe("bootstrapCI resampling is the bootstrap it claims to be", () => {
  it("doc example: paired counts give the exact multinomial bootstrap quantiles within a grid step or two", () => {
    const counts = { both: 50, onlyA: 30, onlyB: 20, neither: 900 };
    const r = bootstrapCI(counts, "paired-difference", { seed: 7, resamples: 2000 });
    expect(r.estimate).toBe(0.01);
    expect([r.lower, r.upper]).toEqual([-0.004, 0.023]); // the numbers in the doc comment
    expect(Math.abs(r.lower - exactPairedQuantile(counts, 0.025))).toBeLessThanOrEqual(0.0021);
    expect(Math.abs(r.upper - exactPairedQuantile(counts, 0.975))).toBeLessThanOrEqual(0.0021);
    // Exact bootstrap SD of (A* − B*)/n: sqrt((pA + pB − (pA − pB)²) / n).
    const sd = Math.sqrt((0.03 + 0.02 - 0.01 ** 2) / 1000);
    expect(Math.abs(r.se / sd - 1)).toBeLessThan(4 / Math.sqrt(2 * 2000));
  });

  it("the item bootstrap of a mean has the exact bootstrap SD sqrt(plug-in variance / n)", () => {
    const data = Array.from({ length: 300 }, (_, i) => ((i * 7919) % 101) / 100);
    const r = bootstrapCI(data, mean, { resamples: 4000, seed: 11 });
    const sd = Math.sqrt(plugInVariance(data) / data.length);
    expect(Math.abs(r.se / sd - 1)).toBeLessThan(4 / Math.sqrt(2 * 4000));
  });

  it("the cluster bootstrap with equal clusters has SD sqrt(plug-in variance of cluster means / G)", () => {
    const G = 40;
    const data: number[] = [];
    const clusters: string[] = [];
    for (let g = 0; g < G; g++) for (let k = 0; k < 5; k++) {
      data.push(((g * 37 + k * 11) % 23) / 10 + (g % 3));
      clusters.push(`g${g}`);
    }
    const means = Array.from({ length: G }, (_, g) => mean(data.slice(5 * g, 5 * g + 5)));
    const r = bootstrapCI(data, mean, { resamples: 4000, seed: 12, clusters });
    expect(Math.abs(r.se / Math.sqrt(plugInVariance(means) / G) - 1)).toBeLessThan(4 / Math.sqrt(2 * 4000));
    // Ignoring the clusters would understate the SE badly here (items within a cluster are alike).
    const naive = bootstrapCI(data, mean, { resamples: 4000, seed: 12 });
    expect(naive.se).toBeLessThan(r.se);
  });

  it("the fast path and the item bootstrap agree within Monte-Carlo error", () => {
    const counts = { both: 40, onlyA: 25, onlyB: 10, neither: 25 };
    const items = [...Array(counts.onlyA).fill(1), ...Array(counts.onlyB).fill(-1), ...Array(counts.both + counts.neither).fill(0)];
    for (const method of ["percentile", "bca"] as const) {
      const fast = bootstrapCI(counts, "paired-difference", { method, resamples: 20000, seed: 5 });
      const slow = bootstrapCI(items, mean, { method, resamples: 20000, seed: 6 });
      expectClose(fast.acceleration ?? 0, slow.acceleration ?? 0, `${method} acceleration`);
      expect(Math.abs(fast.lower - slow.lower)).toBeLessThan(0.012);
      expect(Math.abs(fast.upper - slow.upper)).toBeLessThan(0.012);
    }
  });

  it("is reproducible: same seed, same interval; another seed, another draw", () => {
    const data = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    const a = bootstrapCI(data, mean, { seed: "x", resamples: 500, method: "bca" });
    const b = bootstrapCI(data, mean, { seed: "x", resamples: 500, method: "bca" });
    const c = bootstrapCI(data, mean, { seed: "y", resamples: 500, method: "bca" });
    expect(a).toEqual(b);
    expect(c.lower === a.lower && c.upper === a.upper).toBe(false);
    expect(a.seed).toBe("x");
    expect(bootstrapCI(data, mean, { resamples: 50 }).seed).toBe(1);
  });

  it("gives a degenerate interval when every replicate is the estimate", () => {
    const r = bootstrapCI([1, 1, 1, 1], mean, { method: "bca", resamples: 100 });
    expect([r.lower, r.upper, r.se]).toEqual([1, 1, 0]);
    const p = bootstrapCI({ both: 5, onlyA: 0, onlyB: 0, neither: 5 }, "paired-difference", { method: "bca", resamples: 100 });
    expect([p.lower, p.upper]).toEqual([0, 0]);
  });

  it("the jackknife is safe with a statistic that sorts its argument in place", () => {
    const data = [5, 3, 9, 1, 7, 2, 8, 6, 4, 10, 12, 11];
    const sortingMedian = (s: number[]): number => median(s.sort((x, y) => x - y));
    const got = jackknifeValues(data, sortingMedian);
    const want = data.map((_, i) => median(data.filter((__, j) => j !== i)));
    expect(Array.from(got)).toEqual(want);
    expect(jackknifeAcceleration([2, 2, 2])).toBe(0);
  });

  it("normInter uses boot's rule: exact order statistic when (B + 1)α is whole, extremes beyond", () => {
    const sorted = Float64Array.from({ length: 19 }, (_, i) => i + 1);
    expect(normInter(sorted, 0.05)).toBe(1); // (19 + 1)·0.05 = 1
    expect(normInter(sorted, 0.5)).toBe(10);
    expect(normInter(sorted, 0.01)).toBe(1); // k = 0: smallest
    expect(normInter(sorted, 0.999)).toBe(19); // k = B: largest
  });
});

describe("bootstrapCI bad input", () => {
  it("rejects bad arguments, naming them", () => {
    expect(() => bootstrapCI([], mean)).toThrow(/data.*0/);
    expect(() => bootstrapCI("abc" as unknown as number[], mean)).toThrow(TypeError);
    expect(() => bootstrapCI([1, 2], "mean" as unknown as (s: number[]) => number)).toThrow(/statistic/);
    expect(() => bootstrapCI([1, 2], mean, { resamples: 0 })).toThrow(/resamples.*0/);
    expect(() => bootstrapCI([1, 2], mean, { resamples: 1 })).toThrow(/resamples.*1/);
    expect(() => bootstrapCI([1, 2], mean, { resamples: 2.5 })).toThrow(RangeError);
    expect(() => bootstrapCI([1, 2], mean, { level: 1 })).toThrow(/level.*1/);
    expect(() => bootstrapCI([1, 2], mean, { method: "bc" as "bca" })).toThrow(/method.*"bc"/);
    expect(() => bootstrapCI([1, 2], mean, { seed: -3 })).toThrow(/seed.*-3/);
    expect(() => bootstrapCI([1, 2], mean, { clusters: ["a"] })).toThrow(/clusters.*2 and 1/);
    expect(() => bootstrapCI([1, 2], mean, { clusters: ["a", Number.NaN] })).toThrow(/clusters\[1\]/);
    expect(() => bootstrapCI([1, 2], () => Number.NaN)).toThrow(/statistic.*NaN/);
    expect(() => bootstrapCI([5], mean, { method: "bca" })).toThrow(RangeError);
    expect(() => bootstrapCI({ both: 1, onlyA: -1, onlyB: 0, neither: 0 }, "paired-difference")).toThrow(/onlyA.*-1/);
    expect(() => bootstrapCI({ both: 0, onlyA: 0, onlyB: 0, neither: 0 }, "paired-difference")).toThrow(/at least 1/);
    expect(() => bootstrapCI({ both: 1, onlyA: 2.5, onlyB: 0, neither: 0 }, "paired-difference")).toThrow(/onlyA.*2.5/);
    expect(() => bootstrapCI([1, 2] as unknown as PairedCounts, "paired-difference")).toThrow(/paired counts/);
    expect(() => bootstrapInterval([1, Number.NaN], 1, {})).toThrow(/replicates\[1\]/);
  });

  it("refuses BCa when every replicate lies on one side of the estimate", () => {
    // A resample of 20 distinct values almost surely repeats one: every replicate is below the estimate.
    const distinct = (s: number[]): number => new Set(s).size;
    const data = Array.from({ length: 20 }, (_, i) => i);
    expect(() => bootstrapCI(data, distinct, { method: "bca", resamples: 200 })).toThrow(/percentile/);
  });
});
