/**
 * Two independent rates. The goal is R's time for the same call:
 * `fisher.test(matrix(c(5100, 4800, 4900, 5200), 2))` (p-value, conditional MLE and 95% interval), 14 ms.
 */
import { fisherExactTest } from "../src/stats/fisherExactTest.js";
import type { Benchmark } from "./harness.js";

export const benchmarks: Benchmark[] = [
  {
    name: "fisherExactTest n = 20,000 with odds ratio and interval",
    goalMs: 14,
    reference: "R fisher.test 14 ms",
    run: () => fisherExactTest([[5100, 4900], [4800, 5200]]),
    repeats: 25,
  },
  {
    name: "fisherExactTest n = 20,000, one-sided (greater)",
    goalMs: 14,
    reference: "R fisher.test 14 ms",
    run: () => fisherExactTest([[5100, 4900], [4800, 5200]], { alternative: "greater" }),
    repeats: 25,
  },
];
