/**
 * Resampling benchmarks. Reference: a NumPy loop (rng.integers + mean per resample) takes 6.3 s for
 * 10,000 bootstrap resamples over 100,000 paired items.
 */
import type { Benchmark } from "./harness.js";
import { bootstrapCI } from "../src/stats/bootstrapCI.js";
import { createRandom } from "../src/stats/random.js";

const REFERENCE = "NumPy loop 6.3 s for 10,000 resamples over 100,000 paired items";

/** A user-written statistic, as an analyst would pass it. */
function mean(xs: number[]): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

export const benchmarks: Benchmark[] = [
  {
    name: "bootstrapCI paired binary gap, 10,000 × 100,000 (counts)",
    goalMs: 100,
    reference: REFERENCE,
    run: () => bootstrapCI({ both: 61000, onlyA: 12500, onlyB: 10500, neither: 16000 }, "paired-difference", { resamples: 10000, seed: 1 }),
  },
  {
    name: "bootstrapCI paired binary gap, BCa, 10,000 × 100,000",
    goalMs: 100,
    reference: REFERENCE,
    run: () =>
      bootstrapCI({ both: 61000, onlyA: 12500, onlyB: 10500, neither: 16000 }, "paired-difference", { resamples: 10000, seed: 1, method: "bca" }),
  },
  {
    name: "bootstrapCI generic statistic (mean), 10,000 × 100,000",
    goalMs: 6000,
    reference: REFERENCE,
    repeats: 3,
    setup: () => {
      const rng = createRandom("bench");
      return Array.from({ length: 100000 }, () => rng.binomial(1, 0.2) - rng.binomial(1, 0.18));
    },
    run: (data) => bootstrapCI(data as number[], mean, { resamples: 10000, seed: 1 }),
  },
];
