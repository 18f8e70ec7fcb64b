import { describe, expect, it } from "vitest";
import { createRandom, createRandomFromState, seedToState } from "../../src/stats/random.js";
import { dbinom, pchisq } from "../../src/stats/distributions.js";
import { loadFixture } from "../helpers/close.js";

interface PyCase {
  seed: number | string;
  state: number[];
  uint32: number[];
  next: number[];
  int: Record<string, number[]>;
}
const reference = loadFixture<{ splitmix64From0: string[]; cases: PyCase[] }>("random.json");

describe("createRandom: the published algorithm, bit for bit", () => {
  it("matches the xoshiro128** test vector made with the reference C code", () => {
    // edorfaus/xoshiro-6502 test-rom/testdata.asm: state from its seed bytes, first starstar outputs
    // produced by Vigna's xoshiro128starstar.c.
    const rng = createRandomFromState([0x964d4a0c, 0xd40ab895, 0xad7fdecb, 0x3006f0f0]);
    expect([rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32()]).toEqual([0xf1391922, 0x6fe53806, 0xa5be2840, 0xf510ee70]);
  });

  it("seeds through splitmix64, whose outputs from 0 are the published e220a8397b1dcdaf, 6e789e6aa1b965f4", () => {
    expect(reference.splitmix64From0.slice(0, 2)).toEqual(["e220a8397b1dcdaf", "6e789e6aa1b965f4"]);
    const [w0, w1, w2, w3] = seedToState(0);
    expect(((BigInt(w1) << 32n) | BigInt(w0)).toString(16)).toBe("e220a8397b1dcdaf");
    expect(((BigInt(w3) << 32n) | BigInt(w2)).toString(16)).toBe("6e789e6aa1b965f4");
  });

  it(`agrees with the independent Python implementation on ${reference.cases.length} seeds`, () => {
    for (const c of reference.cases) {
      expect(seedToState(c.seed), `state for ${c.seed}`).toEqual(c.state);
      let rng = createRandom(c.seed);
      expect(c.uint32.map(() => rng.uint32()), `uint32 for ${c.seed}`).toEqual(c.uint32);
      rng = createRandom(c.seed);
      expect(c.next.map(() => rng.next()), `next for ${c.seed}`).toEqual(c.next);
      rng = createRandom(c.seed);
      for (const [n, values] of Object.entries(c.int)) {
        expect(values.map(() => rng.int(Number(n))), `int(${n}) for ${c.seed}`).toEqual(values);
      }
    }
  });

  it("pins the @example: createRandom(42).uint32() is 1776835114", () => {
    const case42 = reference.cases.find((c) => c.seed === 42)!;
    expect(case42.uint32[0]).toBe(1776835114);
    expect(createRandom(42).uint32()).toBe(1776835114);
  });

  it("fillInt gives the same numbers as repeated int(n)", () => {
    for (const n of [1, 6, 1000, 2097152, 3000000000]) {
      const a = createRandom("fill");
      const b = createRandom("fill");
      const out = new Float64Array(500) as unknown as number[];
      a.fillInt(out, n);
      const again = Array.from({ length: 500 }, () => b.int(n));
      expect(Array.from(out)).toEqual(again);
      expect(a.uint32()).toBe(b.uint32());
    }
  });

  it("sampleInto draws source[int(n)] with the same numbers", () => {
    const source = Array.from({ length: 1000 }, (_, i) => `item ${i}`);
    const a = createRandom(8);
    const b = createRandom(8);
    const target = new Array<string>(2500);
    a.sampleInto(source, target);
    expect(target).toEqual(Array.from({ length: 2500 }, () => source[b.int(1000)]));
  });

  it("int(n) is uniform: chi-square over 7 and over 1000 values", () => {
    for (const n of [7, 1000]) {
      const rng = createRandom(`uniform ${n}`);
      const draws = 100 * n;
      const counts = new Array<number>(n).fill(0);
      for (let i = 0; i < draws; i++) counts[rng.int(n)]++;
      const stat = counts.reduce((acc, c) => acc + (c - 100) ** 2 / 100, 0);
      expect(pchisq(stat, n - 1, false)).toBeGreaterThan(1e-3);
    }
  });
});

/**
 * Pearson chi-square p-value of observed counts against a pmf on [lo, hi] (beyond 8 SD the mass is
 * below 1e-14, so no draw may fall outside); adjacent values pool until each cell expects >= 20.
 */
function chiSquareFit(counts: Map<number, number>, pmf: (x: number) => number, [lo, hi]: [number, number], draws: number) {
  expect([...counts.keys()].filter((x) => x < lo || x > hi)).toEqual([]);
  const cells: [number, number][] = [];
  let obs = 0;
  let exp = 0;
  for (let x = lo; x <= hi; x++) {
    obs += counts.get(x) ?? 0;
    exp += pmf(x) * draws;
    if (exp >= 20) {
      cells.push([obs, exp]);
      obs = 0;
      exp = 0;
    }
  }
  cells[cells.length - 1][0] += obs;
  cells[cells.length - 1][1] += exp;
  const stat = cells.reduce((s, [o, e]) => s + (o - e) ** 2 / e, 0);
  return pchisq(stat, cells.length - 1, false);
}

describe("binomial draws follow dbinom", () => {
  const settings: [number, number][] = [
    [20, 0.3], // inversion
    [200, 0.02], // inversion, np = 4
    [50, 0.9], // flipped to p = 0.1, inversion
    [1000, 0.5], // BTRS
    [1e6, 1e-5], // np = 10: BTRS at its lower edge
    [1e6, 0.37], // BTRS, large n
    [123457, 0.999], // flipped, BTRS
  ];
  for (const [n, p] of settings) {
    it(`Binomial(${n}, ${p}): mean, variance and chi-square fit`, () => {
      const rng = createRandom(`binomial ${n} ${p}`);
      const draws = 100000;
      const counts = new Map<number, number>();
      let sum = 0;
      let sumSq = 0;
      let invalid = 0;
      for (let i = 0; i < draws; i++) {
        const x = rng.binomial(n, p);
        if (!(Number.isInteger(x) && x >= 0 && x <= n)) invalid++;
        counts.set(x, (counts.get(x) ?? 0) + 1);
        sum += x;
        sumSq += x * x;
      }
      expect(invalid).toBe(0);
      const mean = sum / draws;
      const variance = (sumSq - draws * mean * mean) / (draws - 1);
      const trueVar = n * p * (1 - p);
      expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt(trueVar / draws));
      expect(Math.abs(variance / trueVar - 1)).toBeLessThan(5 * Math.sqrt(2 / draws) + 0.002);
      const sd = Math.sqrt(trueVar);
      const lo = Math.max(0, Math.floor(n * p - 8 * sd - 2));
      const hi = Math.min(n, Math.ceil(n * p + 8 * sd + 2));
      expect(chiSquareFit(counts, (x) => dbinom(x, n, p), [lo, hi], draws)).toBeGreaterThan(1e-3);
    });
  }

  it("handles the edges exactly: n = 0, p = 0, p = 1", () => {
    const rng = createRandom(1);
    expect(rng.binomial(0, 0.3)).toBe(0);
    expect(rng.binomial(10, 0)).toBe(0);
    expect(rng.binomial(10, 1)).toBe(10);
  });
});

describe("multinomial draws", () => {
  it("match the exact Multinomial(3; 0.2, 0.3, 0.5) probabilities (all 10 outcomes enumerated)", () => {
    const rng = createRandom("multinomial");
    const probs = [0.2, 0.3, 0.5];
    const draws = 60000;
    const counts = new Map<string, number>();
    let wrongTotal = 0;
    for (let i = 0; i < draws; i++) {
      const x = rng.multinomial(3, probs);
      if (x[0] + x[1] + x[2] !== 3) wrongTotal++;
      counts.set(x.join(","), (counts.get(x.join(",")) ?? 0) + 1);
    }
    expect(wrongTotal).toBe(0);
    const fact = [1, 1, 2, 6];
    let stat = 0;
    let cells = 0;
    for (let a = 0; a <= 3; a++) {
      for (let b = 0; a + b <= 3; b++) {
        const c = 3 - a - b;
        const pr = (fact[3] / (fact[a] * fact[b] * fact[c])) * probs[0] ** a * probs[1] ** b * probs[2] ** c;
        const e = pr * draws;
        stat += ((counts.get(`${a},${b},${c}`) ?? 0) - e) ** 2 / e;
        cells++;
      }
    }
    expect(cells).toBe(10);
    expect(pchisq(stat, cells - 1, false)).toBeGreaterThan(1e-3);
  });

  it("treats probs as weights and never gives counts to zero-weight cells", () => {
    const rng = createRandom(5);
    for (let i = 0; i < 200; i++) {
      const x = rng.multinomial(1000, [1, 0, 2, 7, 0]);
      expect(x[1]).toBe(0);
      expect(x[4]).toBe(0);
      expect(x.reduce((s, v) => s + v, 0)).toBe(1000);
    }
  });
});

describe("bad input", () => {
  it("rejects bad seeds, ranges and probabilities, naming the argument", () => {
    expect(() => createRandom(-1)).toThrow(/seed.*-1/);
    expect(() => createRandom(-1)).toThrow(RangeError);
    expect(() => createRandom(1.5)).toThrow(/seed.*1.5/);
    expect(() => createRandom(2 ** 53)).toThrow(RangeError);
    expect(() => createRandom(Number.NaN)).toThrow(TypeError);
    expect(() => createRandom({} as unknown as number)).toThrow(/seed/);
    const rng = createRandom(1);
    expect(() => rng.int(0)).toThrow(/n .*0/);
    expect(() => rng.int(2.5)).toThrow(RangeError);
    expect(() => rng.int(2 ** 32 + 1)).toThrow(RangeError);
    expect(() => rng.binomial(-1, 0.5)).toThrow(/n .*-1/);
    expect(() => rng.binomial(10, 1.5)).toThrow(/p .*1.5/);
    expect(() => rng.binomial(10, Number.NaN)).toThrow(TypeError);
    expect(() => rng.multinomial(10, [])).toThrow(/probs/);
    expect(() => rng.multinomial(10, [0.5, -0.1])).toThrow(/probs\[1\]/);
    expect(() => rng.multinomial(10, [0, 0])).toThrow(/probs/);
    expect(() => createRandomFromState([0, 0, 0, 0])).toThrow(/state/);
  });
});
