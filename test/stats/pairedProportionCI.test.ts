import { describe, expect, it } from "vitest";
import { pairedProportionCI, type PairedProportionMethod, type PairedTable } from "../../src/stats/pairedProportionCI.js";
import { closeness, loadFixture, missesOf } from "../helpers/close.js";

/** A case of test/fixtures/r/paired.R: `call` is the R expression (tangoLimits and kin there) that gave its limits. */
interface Case {
  call: string;
  table: PairedTable;
  level: number;
  source: string;
  estimate: number;
  tango: [number, number];
  newcombe: [number, number];
  wald: [number, number];
}
const { pairedProportion: cases } = loadFixture<{ pairedProportion: Case[] }>("paired.json");
const METHODS: PairedProportionMethod[] = ["tango", "newcombe", "wald"];

describe("pairedProportionCI against independent R computations", () => {
  // Tango: R finds the constrained MLE with polyroot and each limit by a grid scan + uniroot.
  // Newcombe: R combines prop.test Wilson limits with Newcombe's corrected phi. Wald: R formula.
  for (const method of METHODS) {
    it(`${method}: equals R on ${cases.length} tables (published, edge and random), estimate and both limits`, () => {
      const misses: string[] = [];
      for (const c of cases) {
        const r = pairedProportionCI(c.table, { level: c.level, method });
        misses.push(...missesOf(`${method}: ${c.call}`, [
          ["estimate", r.estimate, c.estimate],
          ["lower", r.lower, c[method][0]],
          ["upper", r.upper, c[method][1]],
        ]));
      }
      expect(misses).toEqual([]);
    });
  }
});

describe("pairedProportionCI published worked examples", () => {
  const round4 = (x: number) => x.toFixed(4);

  it("matches Fagerland, Lydersen & Laake (2017) ch. 8 on Cavo et al. (2012), Newcombe square-and-add: -0.0621 (-0.1186 to -0.0046)", () => {
    // Fagerland, Lydersen & Laake (2017), Statistical Analysis of Contingency Tables, ch. 8, as
    // reproduced in the contingencytables package tests.
    const r = pairedProportionCI({ both: 59, onlyA: 6, onlyB: 16, neither: 80 }, { method: "newcombe" });
    expect([r.estimate, r.lower, r.upper].map(round4)).toEqual(["-0.0621", "-0.1186", "-0.0046"]);
  });

  it("matches Fagerland, Lydersen & Laake (2014) Table V on Bentur et al. (2009), Tango score interval: (−0.517, −0.026)", () => {
    // Fagerland, Lydersen & Laake (2014), "Recommended tests and confidence intervals for paired
    // binomial proportions", Stat Med 33:2850, Table II data (1, 1, 7, 12) and Table V's Tango interval.
    const r = pairedProportionCI({ both: 1, onlyA: 1, onlyB: 7, neither: 12 });
    expect(r.method).toBe("tango");
    expect([r.estimate, r.lower, r.upper].map((x) => x.toFixed(3))).toEqual(["-0.286", "-0.517", "-0.026"]);
  });

  it("matches Newcombe (1998) paired paper, example (a) = (36, 12, 2, 0), n = 50: Wald by hand and method 10", () => {
    const t = { both: 36, onlyA: 12, onlyB: 2, neither: 0 };
    // Wald (method 1): 0.2 ± 1.96 · sqrt(14 − 100/50)/50 = 0.0642 to 0.3358 (hand-checkable).
    const w = pairedProportionCI(t, { method: "wald" });
    expect([w.lower, w.upper].map(round4)).toEqual(["0.0642", "0.3358"]);
    // Method 10 (Wilson limits, phi = (0 − 24)/sqrt(48·2·38·12) since ad − bc < 0): 0.0569 to 0.3404,
    // the figures we recall from Newcombe's Table II (not re-fetched; the R fixture checks all digits).
    const n = pairedProportionCI(t, { method: "newcombe" });
    expect([n.lower, n.upper].map(round4)).toEqual(["0.0569", "0.3404"]);
  });

  it("Tango's interval works with an empty off-diagonal cell and brackets the estimate", () => {
    // Tango (1998) stresses that the score interval exists when b or c is 0, unlike McNemar-type ones.
    const r = pairedProportionCI({ both: 0, onlyA: 7, onlyB: 0, neither: 3 });
    expect(r.method).toBe("tango");
    expect(r.lower).toBeGreaterThan(0);
    expect(r.lower).toBeLessThan(r.estimate);
    expect(r.upper).toBeGreaterThan(r.estimate);
    expect(r.upper).toBeLessThan(1);
  });
});

describe("pairedProportionCI edge cases", () => {
  it("with no discordant items, Tango is symmetric around 0 with limit z²/(n + z²)", () => {
    const r = pairedProportionCI({ both: 5, onlyA: 0, onlyB: 0, neither: 5 });
    const z2 = 1.959963984540054 ** 2;
    expect(r.estimate).toBe(0);
    expect(closeness(r.upper, z2 / (10 + z2))).toBeNull();
    expect(closeness(r.lower, -z2 / (10 + z2))).toBeNull();
  });

  it("with every item discordant one way, that limit is exactly ±1", () => {
    for (const method of METHODS) {
      expect(pairedProportionCI({ both: 0, onlyA: 4, onlyB: 0, neither: 0 }, { method }).upper).toBe(1);
      expect(pairedProportionCI({ both: 0, onlyA: 0, onlyB: 4, neither: 0 }, { method }).lower).toBe(-1);
    }
  });

  it("n = 1: Tango's lower limit solves sqrt((1 − d)/(1 + d)) = z", () => {
    const r = pairedProportionCI({ both: 0, onlyA: 1, onlyB: 0, neither: 0 });
    const z2 = 1.959963984540054 ** 2;
    expect(closeness(r.lower, (1 - z2) / (1 + z2))).toBeNull();
    expect(r.n).toBe(1);
  });

  it("never returns NaN and keeps every limit within [-1, 1] for all tables up to n = 6", () => {
    for (let n = 1; n <= 6; n++) {
      for (let a = 0; a <= n; a++) for (let b = 0; a + b <= n; b++) for (let c = 0; a + b + c <= n; c++) {
        const t = { both: a, onlyA: b, onlyB: c, neither: n - a - b - c };
        for (const method of METHODS) {
          const r = pairedProportionCI(t, { method });
          for (const v of [r.estimate, r.lower, r.upper]) {
            expect(Number.isFinite(v)).toBe(true);
            expect(Math.abs(v)).toBeLessThanOrEqual(1);
          }
          expect(r.lower).toBeLessThanOrEqual(r.estimate);
          expect(r.upper).toBeGreaterThanOrEqual(r.estimate);
        }
      }
    }
  });
});

describe("pairedProportionCI bad input", () => {
  it("rejects negative or fractional cells, naming the cell", () => {
    expect(() => pairedProportionCI({ both: -1, onlyA: 2, onlyB: 1, neither: 0 })).toThrow(/table.both must be a non-negative count, got -1/);
    expect(() => pairedProportionCI({ both: 1, onlyA: 2.5, onlyB: 1, neither: 0 })).toThrow(RangeError);
    expect(() => pairedProportionCI({ both: 1, onlyA: 2, onlyB: Number.NaN, neither: 0 })).toThrow(/table.onlyB must be a number/);
  });

  it("rejects a missing cell, an empty table and a non-object", () => {
    expect(() => pairedProportionCI({ both: 1, onlyA: 2, onlyB: 1 } as PairedTable)).toThrow(/table.neither must be a number, got undefined/);
    expect(() => pairedProportionCI({ both: 0, onlyA: 0, onlyB: 0, neither: 0 })).toThrow(/at least one item/);
    expect(() => pairedProportionCI([1, 2, 3, 4] as unknown as PairedTable)).toThrow(TypeError);
  });

  it("rejects a level outside (0, 1) and an unknown method", () => {
    const t = { both: 3, onlyA: 2, onlyB: 1, neither: 4 };
    expect(() => pairedProportionCI(t, { level: 95 })).toThrow(/level must be strictly between 0 and 1, got 95/);
    expect(() => pairedProportionCI(t, { method: "exact" as PairedProportionMethod })).toThrow(/method must be one of/);
  });
});
