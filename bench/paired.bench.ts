/**
 * Paired-items family: McNemar's exact test at a very large discordant count, and the paired gap
 * with a clustered SE over a million items. References measured with R 4.2.2 on this machine
 * (scripted: binom.test(4990000, 1e7); mean/var/tapply cluster sums; sd + cor).
 */
import type { Benchmark } from "./harness.js";
import { mcnemarTest } from "../src/stats/mcnemarTest.js";
import { pairedDifference } from "../src/stats/pairedDifference.js";
import { createRandom } from "../src/stats/random.js";

interface PairedState { a: Float64Array; b: Float64Array; clusters: number[] }

function makePaired(): PairedState {
  const rng = createRandom(20261124);
  const n = 1_000_000;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const clusters = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    a[i] = rng.next() < 0.6 ? 1 : 0;
    b[i] = rng.next() < 0.55 ? 1 : 0;
    clusters[i] = rng.int(5000);
  }
  return { a, b, clusters };
}

export const benchmarks: Benchmark[] = [
  {
    name: "mcnemarTest exact, b + c = 1e7",
    goalMs: 50,
    reference: "R binom.test(4990000, 1e7) 621 ms",
    run: () => mcnemarTest(4_990_000, 5_010_000),
  },
  {
    name: "pairedDifference, 1e6 items, 5000 clusters",
    goalMs: 200,
    reference: "R mean/var/tapply clustered SE 201 ms",
    setup: makePaired,
    run: (s) => {
      const { a, b, clusters } = s as PairedState;
      return pairedDifference(a, b, { clusters });
    },
    repeats: 7,
  },
  {
    name: "pairedDifference, 1e6 items, unclustered",
    goalMs: 100,
    reference: "R sd(a - b) + cor(a, b) 98 ms",
    setup: makePaired,
    run: (s) => {
      const { a, b } = s as PairedState;
      return pairedDifference(a, b);
    },
    repeats: 7,
  },
];
