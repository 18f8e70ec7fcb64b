import { describe, expect, it } from "vitest";
import { dbinom } from "../../src/stats/distributions.js";
import { proportionCI, type ProportionCIMethod } from "../../src/stats/proportionCI.js";

/**
 * Exact coverage by enumeration: for a true rate p, coverage = Σ_k P(X = k | n, p) · [L_k ≤ p ≤ U_k].
 * Averaged over the 1,000-point grid p = (j − ½)/1000, j = 1..1000 (docs/coverage.md shows the table).
 */
function coverage(n: number, method: ProportionCIMethod, grid = 1000): { mean: number; min: number } {
  const bounds = Array.from({ length: n + 1 }, (_, k) => proportionCI(k, n, { method }));
  let sum = 0;
  let min = 1;
  for (let j = 1; j <= grid; j++) {
    const p = (j - 0.5) / grid;
    let c = 0;
    for (let k = 0; k <= n; k++) if (bounds[k].lower <= p && p <= bounds[k].upper) c += dbinom(k, n, p);
    sum += c;
    min = Math.min(min, c);
  }
  return { mean: sum / grid, min };
}

describe("proportionCI: exact coverage of the 95% intervals, by enumeration over the binomial", () => {
  it("Wilson: mean coverage within 1 point of 95% at n = 10, 30, 100, 1000", () => {
    for (const n of [10, 30, 100, 1000]) {
      const { mean } = coverage(n, "wilson");
      expect(Math.abs(mean - 0.95), `n = ${n}: mean ${mean}`).toBeLessThan(0.01);
    }
  });

  it("Clopper-Pearson never covers less than 95% (it is exact); Wald falls far short at small n, as Brown, Cai & DasGupta (2001) show", () => {
    for (const n of [10, 30]) {
      expect(coverage(n, "clopper-pearson").min).toBeGreaterThanOrEqual(0.95 - 1e-12);
      // Brown, Cai & DasGupta (2001): Wald's coverage collapses near 0 and 1
      expect(coverage(n, "wald").mean).toBeLessThan(0.9);
    }
  });

  it("enumeration is a probability: coverage of the whole [0, 1] is 1", () => {
    let total = 0;
    for (let k = 0; k <= 30; k++) total += dbinom(k, 30, 0.37);
    expect(Math.abs(total - 1)).toBeLessThan(1e-14);
  });
});
