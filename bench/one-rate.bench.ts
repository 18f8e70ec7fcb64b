/**
 * One-rate family: the exact binomial test and every interval method must stay O(log n) or O(1),
 * so a billion trials cost under a millisecond. Inputs sit at the centre of the distribution, where
 * the tail continued fraction is longest (the worst case).
 */
import type { Benchmark } from "./harness.js";
import { binomialTest } from "../src/stats/binomialTest.js";
import { proportionCI, PROPORTION_CI_METHODS } from "../src/stats/proportionCI.js";

export const benchmarks: Benchmark[] = [
  {
    name: "binomialTest two-sided, n = 1e7 (k = 5,001,000)",
    goalMs: 1,
    reference: "R binom.test 660 ms; SciPy binomtest 0.9 ms",
    repeats: 51,
    run: () => binomialTest(5_001_000, 10_000_000),
  },
  ...PROPORTION_CI_METHODS.map(
    (method): Benchmark => ({
      name: `proportionCI ${method}, n = 1e9 (k = 500,012,345)`,
      goalMs: 1,
      reference: method === "clopper-pearson" ? "R binom.test conf.int (qbeta) < 1 ms, but its p-value pass needs 8 GB" : "closed form or a few Newton steps",
      repeats: 51,
      run: () => proportionCI(500_012_345, 1_000_000_000, { method }),
    }),
  ),
];
