import { describe, expect, it } from "vitest";
import { passAtKEstimate, passHatKEstimate } from "../../src/stats/passAtK.js";
import { loadFixture, missesOf } from "../helpers/close.js";

/** A case of test/fixtures/py/pass_at_k.py: Chen et al.'s numpy code and the exact rational closed forms. */
interface Case { n: number; c: number; k: number; numpy: number; exactAt: number; exactHat: number }
const { cases } = loadFixture<{ cases: Case[] }>("pass-at-k.json");

/** Every k-subset of the indices 0..n−1, in lexicographic order. */
function* subsets(n: number, k: number, start = 0, chosen: number[] = []): Generator<number[]> {
  if (chosen.length === k) {
    yield chosen;
    return;
  }
  for (let i = start; i <= n - (k - chosen.length); i++) yield* subsets(n, k, i + 1, [...chosen, i]);
}

describe("passAtKEstimate and passHatKEstimate", () => {
  it("equal the average over all k-subsets of the n samples (exact enumeration, n ≤ 8)", () => {
    const misses: string[] = [];
    for (let n = 1; n <= 8; n++) {
      for (let c = 0; c <= n; c++) {
        // The first c samples are right; which ones does not matter to an average over all subsets.
        for (let k = 1; k <= n; k++) {
          let any = 0;
          let all = 0;
          let count = 0;
          for (const s of subsets(n, k)) {
            const right = s.filter((i) => i < c).length;
            any += right > 0 ? 1 : 0;
            all += right === k ? 1 : 0;
            count++;
          }
          const call = `enumerate(n=${n}, c=${c}, k=${k})`;
          misses.push(...missesOf(call, [["pass@k", passAtKEstimate(n, c, k), any / count], ["pass^k", passHatKEstimate(n, c, k), all / count]], 1e-12, 1e-15));
        }
      }
    }
    expect(misses).toEqual([]);
  });

  it(`match Chen et al.'s numpy reference and the exact rational closed forms (${cases.length} cases, n up to 200, k up to 200)`, () => {
    expect(cases.some((c) => c.n === 200 && c.k === 100)).toBe(true);
    const misses = cases.flatMap((c) =>
      missesOf(`pass_at_k(${c.n}, ${c.c}, ${c.k})`, [
        ["pass@k vs numpy", passAtKEstimate(c.n, c.c, c.k), c.numpy],
        ["pass@k vs exact", passAtKEstimate(c.n, c.c, c.k), c.exactAt],
        ["pass^k vs exact", passHatKEstimate(c.n, c.c, c.k), c.exactHat],
      ], 1e-12, 1e-15),
    );
    expect(misses).toEqual([]);
  });

  it("are finite at n = 200, k = 100 where C(n, k) overflows a double", () => {
    // C(200, 100) ≈ 9.05e58 fits, but C(2000, 1000) does not; the product form never forms it.
    expect(passAtKEstimate(2000, 1, 1000)).toBeCloseTo(0.5, 14);
    expect(passHatKEstimate(2000, 1999, 1000)).toBeCloseTo(0.5, 14);
    expect(passAtKEstimate(200, 3, 100)).toBeCloseTo(1 - (100 * 99 * 98) / (200 * 199 * 198), 14);
  });

  it("reduce to c/n at k = 1 and to the all-or-nothing indicator at k = n", () => {
    expect(passAtKEstimate(7, 3, 1)).toBeCloseTo(3 / 7, 15);
    expect(passHatKEstimate(7, 3, 1)).toBeCloseTo(3 / 7, 15);
    expect([passAtKEstimate(7, 0, 7), passAtKEstimate(7, 1, 7)]).toEqual([0, 1]);
    expect([passHatKEstimate(7, 6, 7), passHatKEstimate(7, 7, 7)]).toEqual([0, 1]);
  });

  it("reject counts that are not counts, c > n and k > n, naming the argument", () => {
    expect(() => passAtKEstimate(5, 6, 1)).toThrow(/c \(6\) must not exceed n \(5\)/);
    expect(() => passAtKEstimate(5, 2, 6)).toThrow(/k \(6\) must not exceed n \(5\)/);
    expect(() => passHatKEstimate(5, 2, 0)).toThrow(/k must be at least 1, got 0/);
    expect(() => passHatKEstimate(5, 2.5, 1)).toThrow(/c must be an integer count, got 2.5/);
    expect(() => passAtKEstimate(Number.NaN, 0, 1)).toThrow(/n must be a number/);
  });
});
