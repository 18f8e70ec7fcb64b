/**
 * The project's only source of randomness: a seeded generator that gives the same numbers on every
 * machine, because every step is 32-bit integer arithmetic (Math.imul, shifts, xor) with no
 * platform-dependent floating point.
 *
 * Core: xoshiro128** 1.1 (Blackman & Vigna 2021, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47(4); reference C code at https://prng.di.unimi.it/xoshiro128starstar.c).
 * Seeding: the 128-bit state is the first two outputs of splitmix64 (Steele, Lea & Flood 2014,
 * "Fast splittable pseudorandom number generators"), as Vigna recommends, started from the seed
 * (a non-negative safe integer, or a string hashed with 64-bit FNV-1a over its UTF-8 bytes).
 * test/fixtures/py/random_reference.py is an independent implementation of the same recipe.
 */
import { logDbinom } from "./distributions.js";
import { checkClosedUnit, checkCount, show } from "./validate.js";

/** A seeded stream of random numbers. */
export interface Random {
  /** The seed this stream started from. */
  readonly seed: number | string;
  /** A uniform 32-bit unsigned integer in [0, 2^32). */
  uint32(): number;
  /** A uniform double in [0, 1) with 53 random bits (two 32-bit outputs per call). */
  next(): number;
  /** A uniform integer in [0, n) without modulo bias; n an integer in [1, 2^32]. */
  int(n: number): number;
  /** Fill `target` with uniform integers in [0, n) (the same numbers as repeated `int(n)`), fast. */
  fillInt(target: Int32Array | Uint32Array | number[], n: number): void;
  /**
   * Fill `target` with items drawn uniformly with replacement from `source`: target[i] =
   * source[int(source.length)], the same draws as `fillInt` (source length up to 2^21). The bootstrap's inner loop.
   */
  sampleInto<T>(source: readonly T[], target: T[]): void;
  /** One draw from Binomial(n, p), exact up to floating-point rounding; O(1) expected time. */
  binomial(n: number, p: number): number;
  /** One draw from Multinomial(n, probs) via conditional binomials; `probs` are weights (normalized). */
  multinomial(n: number, probs: readonly number[]): number[];
}

const TWO32 = 4294967296;
const INV_TWO32 = 1 / TWO32;
const MASK64 = (1n << 64n) - 1n;

/** splitmix64 step: returns [newState, output] as BigInts (only used when seeding). */
function splitmix64(state: bigint): [bigint, bigint] {
  const s = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [s, z ^ (z >> 31n)];
}

/** 64-bit FNV-1a of the string's UTF-8 bytes: a stable number for a text seed. */
function fnv1a64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & MASK64;
  }
  return h;
}

/** The splitmix64 starting value for a seed; exported so tests can pin the recipe. */
export function seedToState(seed: number | string): [number, number, number, number] {
  let start: bigint;
  if (typeof seed === "string") start = fnv1a64(seed);
  else if (typeof seed !== "number" || Number.isNaN(seed)) {
    throw new TypeError(`seed must be a non-negative safe integer or a string, got ${show(seed)}`);
  } else if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer or a string, got ${seed}`);
  } else start = BigInt(seed);
  const [s1, z1] = splitmix64(start);
  const [, z2] = splitmix64(s1);
  const words = [z1 & 0xffffffffn, z1 >> 32n, z2 & 0xffffffffn, z2 >> 32n].map(Number);
  // An all-zero state would be a fixed point; splitmix64 makes it practically impossible, but be safe.
  if (words[0] === 0 && words[1] === 0 && words[2] === 0 && words[3] === 0) words[0] = 1;
  return words as [number, number, number, number];
}

/**
 * Start a seeded generator.
 *
 * Same seed, same numbers, on every machine and Node version.
 *
 * @example
 * const rng = createRandom(42);
 * rng.uint32(); // 1776835114 (pinned in test/stats/random.test.ts against the Python reference)
 */
export function createRandom(seed: number | string): Random {
  return new Xoshiro128StarStar(seed, seedToState(seed));
}

/**
 * A generator started from an explicit xoshiro128** state (four 32-bit words, not all zero);
 * for checking against the algorithm's published test vectors.
 */
export function createRandomFromState(state: readonly [number, number, number, number]): Random {
  if (state.length !== 4 || state.some((w) => !Number.isInteger(w) || w < 0 || w >= TWO32) || state.every((w) => w === 0)) {
    throw new RangeError(`state must be four 32-bit unsigned integers, not all zero, got ${show(state)}`);
  }
  return new Xoshiro128StarStar("(state)", state);
}

class Xoshiro128StarStar implements Random {
  readonly seed: number | string;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number | string, state: readonly number[]) {
    this.seed = seed;
    this.s0 = state[0] | 0;
    this.s1 = state[1] | 0;
    this.s2 = state[2] | 0;
    this.s3 = state[3] | 0;
  }

  uint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  next(): number {
    // Top 27 bits of one output and top 26 of the next: 53 bits, as in numpy's random_standard_uniform.
    const hi = this.uint32() >>> 5;
    const lo = this.uint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  int(n: number): number {
    checkRange(n);
    if (n <= 2097152) return this.lemire(n);
    // Large n: plain rejection below the largest multiple of n, then the remainder.
    const limit = TWO32 - (TWO32 % n);
    let x = this.uint32();
    while (x >= limit) x = this.uint32();
    return x % n;
  }

  /** Lemire (2019), "Fast random integer generation in an interval": exact since x·n < 2^53. */
  private lemire(n: number): number {
    let x = this.uint32();
    let low = Math.imul(x, n) >>> 0;
    if (low < n) {
      const threshold = (TWO32 - n) % n;
      while (low < threshold) {
        x = this.uint32();
        low = Math.imul(x, n) >>> 0;
      }
    }
    return Math.floor((x * n) / TWO32);
  }

  fillInt(target: Int32Array | Uint32Array | number[], n: number): void {
    checkRange(n);
    if (n > 2097152) {
      for (let i = 0; i < target.length; i++) target[i] = this.int(n);
      return;
    }
    // The generator's state lives in locals for the loop. The step is written out twice (first
    // draw, rare rejection redraw) because V8 optimizes that shape best; sampleInto repeats it.
    let s0 = this.s0 | 0, s1 = this.s1 | 0, s2 = this.s2 | 0, s3 = this.s3 | 0;
    const threshold = (TWO32 - n) % n;
    const len = target.length;
    for (let i = 0; i < len; i++) {
      let m = Math.imul(s1, 5);
      let x = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      let t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      while (Math.imul(x, n) >>> 0 < threshold) {
        m = Math.imul(s1, 5);
        x = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
        t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      }
      // x·n < 2^53 is exact, and scaling by 2^-32 is exact: this is floor(x·n / 2^32).
      target[i] = (x * n * INV_TWO32) | 0;
    }
    this.s0 = s0; this.s1 = s1; this.s2 = s2; this.s3 = s3;
  }

  sampleInto<T>(source: readonly T[], target: T[]): void {
    const n = source.length;
    checkRange(n);
    if (n > 2097152) {
      for (let i = 0; i < target.length; i++) target[i] = source[this.int(n)];
      return;
    }
    // Fusing the draw with the copy (no index array) halves the bootstrap's time per item.
    let s0 = this.s0 | 0, s1 = this.s1 | 0, s2 = this.s2 | 0, s3 = this.s3 | 0;
    const threshold = (TWO32 - n) % n;
    const len = target.length;
    for (let i = 0; i < len; i++) {
      let m = Math.imul(s1, 5);
      let x = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      let t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      while (Math.imul(x, n) >>> 0 < threshold) {
        m = Math.imul(s1, 5);
        x = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
        t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      }
      target[i] = source[(x * n * INV_TWO32) | 0];
    }
    this.s0 = s0; this.s1 = s1; this.s2 = s2; this.s3 = s3;
  }

  binomial(n: number, p: number): number {
    checkCount("n", n);
    checkClosedUnit("p", p);
    if (n === 0 || p === 0) return 0;
    if (p === 1) return n;
    // Draw the rarer outcome so the algorithms below only meet p ≤ 1/2.
    if (p > 0.5) return n - this.binomialSmallP(n, 1 - p);
    return this.binomialSmallP(n, p);
  }

  private binomialSmallP(n: number, p: number): number {
    return n * p < 10 ? this.binomialInversion(n, p) : this.binomialBtrs(n, p);
  }

  /** Sequential inversion from 0 (Kachitvichyanukul & Schmeiser 1988, BINV): mean np < 10 steps. */
  private binomialInversion(n: number, p: number): number {
    const q = 1 - p;
    const pmf0 = Math.exp(n * Math.log1p(-p));
    const ratio = p / q;
    // Beyond this bound the remaining mass is below 1e-20; restarting there keeps rounding from looping.
    const bound = Math.min(n, n * p + 10 * Math.sqrt(n * p * q + 1));
    for (;;) {
      let u = this.next();
      let x = 0;
      let px = pmf0;
      while (u > px) {
        u -= px;
        x++;
        if (x > bound) break;
        px *= ((n - x + 1) / x) * ratio;
      }
      if (x <= bound) return x;
    }
  }

  /**
   * BTRS, transformed rejection with squeeze (Hörmann 1993, "The generation of binomial random
   * variates", J. Stat. Comput. Simul. 46, 101–110), for n·p ≥ 10. The final acceptance test
   * compares with log f(k)/f(m) computed by Loader's saddle-point dbinom, so it is exact to rounding.
   */
  private binomialBtrs(n: number, p: number): number {
    const q = 1 - p;
    const spq = Math.sqrt(n * p * q);
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * p;
    const c = n * p + 0.5;
    const vr = 0.92 - 4.2 / b;
    const alpha = (2.83 + 5.1 / b) * spq;
    const m = Math.floor((n + 1) * p);
    const logPmfMode = logDbinom(m, n, p);
    for (;;) {
      const u = this.next() - 0.5;
      let v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + c);
      if (k < 0 || k > n) continue;
      if (us >= 0.07 && v <= vr) return k;
      v = Math.log((v * alpha) / (a / (us * us) + b));
      if (v <= logDbinom(k, n, p) - logPmfMode) return k;
    }
  }

  multinomial(n: number, probs: readonly number[]): number[] {
    checkCount("n", n);
    if (!Array.isArray(probs) || probs.length === 0) {
      throw new TypeError(`probs must be a non-empty array of weights, got ${show(probs)}`);
    }
    let total = 0;
    probs.forEach((w, i) => {
      if (typeof w !== "number" || Number.isNaN(w)) throw new TypeError(`probs[${i}] must be a number, got ${show(w)}`);
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`probs[${i}] must be a finite non-negative weight, got ${w}`);
      total += w;
    });
    if (!(total > 0)) throw new RangeError(`probs must have a positive sum, got ${total}`);
    // Suffix sums of the weights: when every later weight is 0, the share below is exactly 1.
    const k = probs.length;
    const suffix = new Array<number>(k);
    suffix[k - 1] = probs[k - 1];
    for (let i = k - 2; i >= 0; i--) suffix[i] = probs[i] + suffix[i + 1];
    const counts = new Array<number>(k).fill(0);
    let left = n;
    for (let i = 0; i < k - 1 && left > 0; i++) {
      // X_i given the earlier counts ~ Binomial(items left, p_i / mass left).
      const share = suffix[i] > 0 ? Math.min(1, probs[i] / suffix[i]) : 0;
      counts[i] = this.binomial(left, share);
      left -= counts[i];
    }
    counts[k - 1] += left;
    return counts;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function checkRange(n: number): void {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > TWO32) {
    throw new RangeError(`n must be an integer between 1 and 2^32, got ${show(n)}`);
  }
}
