/**
 * Standalone check of the anytime-valid sequences (src/stats/confidenceSequence.ts) under optional
 * stopping after every item; not part of `npm run validate`'s grid yet (issue 16).
 *
 *   npx tsx validate/sequential.ts [--reps 2000] [--n 500]
 *
 * Prints, with Monte Carlo standard errors: the time-uniform miscoverage (the truth outside the
 * interval at some t ≤ n) on binary scores and 5-sample item means, the type-I error of "stop at the
 * first anytime p < 0.05" at the null, and the same for the naive "stop at the first fixed-n exact
 * test p < 0.05" (binomial test; McNemar's exact test for the paired gap), which peeking inflates.
 */
import { binomialTest } from "../src/stats/binomialTest.js";
import {
  type ConfidenceSequenceMethod,
  createConfidenceSequence,
  createPairedGapSequence,
} from "../src/stats/confidenceSequence.js";
import { createRandom, type Random } from "../src/stats/random.js";

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${JSON.stringify(process.argv[at + 1])}`);
  return value;
}

const REPS = flag("--reps", 2000);
const N = flag("--n", 500);
const ALPHA = 0.05;
const METHODS: ConfidenceSequenceMethod[] = ["betting", "empirical-bernstein"];

function row(label: string, hits: number): string {
  const rate = hits / REPS;
  const se = Math.sqrt((rate * (1 - rate)) / REPS);
  return `${label.padEnd(68)} ${(100 * rate).toFixed(2).padStart(6)}%  (MC SE ${(100 * se).toFixed(2)})`;
}

const scenarios: [string, (rng: Random) => number, number][] = [
  ["Bernoulli(0.5)", (rng) => (rng.next() < 0.5 ? 1 : 0), 0.5],
  ["Bernoulli(0.9)", (rng) => (rng.next() < 0.9 ? 1 : 0), 0.9],
  ["Binomial(5, 0.8)/5 (item means of 5 samples)", (rng) => rng.binomial(5, 0.8) / 5, 0.8],
];

console.log(`${REPS} replications of ${N} observations, alpha ${ALPHA}, stopping allowed after every item\n`);
console.log("time-uniform miscoverage (should be ≤ 5%)");
for (const method of METHODS) {
  for (const [name, draw, truth] of scenarios) {
    const rng = createRandom(`sequential coverage ${name} ${method}`);
    let missed = 0;
    for (let r = 0; r < REPS; r++) {
      const cs = createConfidenceSequence({ method });
      for (let t = 0; t < N; t++) {
        const s = cs.push(draw(rng));
        if (s.lower > truth || s.upper < truth) {
          missed++;
          break;
        }
      }
    }
    console.log(row(`  ${method}, ${name}`, missed));
  }
}

console.log("\ntype-I error, Bernoulli(0.5), null 0.5 (anytime should be ≤ 5%)");
for (const method of METHODS) {
  const rng = createRandom(`sequential type I ${method}`);
  const hits = { twoSided: 0, greater: 0, naive: 0 };
  for (let r = 0; r < REPS; r++) {
    const twoSided = createConfidenceSequence({ method });
    const greater = createConfidenceSequence({ method, alternative: "greater" });
    let [a, g, n] = [false, false, false];
    let successes = 0;
    for (let t = 1; t <= N; t++) {
      const x = rng.next() < 0.5 ? 1 : 0;
      successes += x;
      a ||= twoSided.push(x).pValue < ALPHA;
      g ||= greater.push(x).pValue < ALPHA;
      if (method === "betting") n ||= binomialTest(successes, t).pValue < ALPHA;
    }
    hits.twoSided += +a;
    hits.greater += +g;
    hits.naive += +n;
  }
  console.log(row(`  ${method}: anytime p, two-sided`, hits.twoSided));
  console.log(row(`  ${method}: anytime p, greater`, hits.greater));
  if (method === "betting") console.log(row("  naive: exact binomial test after every item, two-sided", hits.naive));
}

console.log("\ntype-I error, paired gap 0 (both conditions 70% on the same items)");
for (const method of METHODS) {
  const rng = createRandom(`sequential paired ${method}`);
  let anytime = 0;
  let naive = 0;
  for (let r = 0; r < REPS; r++) {
    const gap = createPairedGapSequence({ method });
    let [a, n] = [false, false];
    let [wins, discordant] = [0, 0];
    for (let t = 1; t <= N; t++) {
      const d = (rng.next() < 0.7 ? 1 : 0) - (rng.next() < 0.7 ? 1 : 0);
      a ||= gap.push(d).pValue < ALPHA;
      if (method === "betting" && d !== 0) {
        discordant++;
        if (d > 0) wins++;
        n ||= binomialTest(wins, discordant).pValue < ALPHA;
      }
    }
    anytime += +a;
    naive += +n;
  }
  console.log(row(`  ${method}: anytime p, gap ≠ 0`, anytime));
  if (method === "betting") console.log(row("  naive: exact McNemar test after every item", naive));
}
