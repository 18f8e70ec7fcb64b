/**
 * Benchmark harness: each bench/*.bench.ts exports `benchmarks: Benchmark[]`. `npm run bench` runs
 * them all and prints our median time beside the goal and the R/SciPy figure it is compared with.
 */
export interface Benchmark {
  /** What is measured, e.g. "binomialTest two-sided, n = 1e7". */
  name: string;
  /** The goal in milliseconds (median of the timed runs must be at or below it). */
  goalMs: number;
  /** The reference figure as measured with R or SciPy, e.g. "R binom.test 660 ms; SciPy 0.9 ms". */
  reference: string;
  /** Prepare inputs once (not timed). Returns the state passed to `run`. */
  setup?: () => unknown | Promise<unknown>;
  /** The timed work. */
  run: (state: unknown) => unknown | Promise<unknown>;
  /** Release what setup made (not timed). */
  teardown?: (state: unknown) => unknown | Promise<unknown>;
  /** Timed repetitions after one warm-up run (default 15). */
  repeats?: number;
  /** Whether to run once untimed first (default true; false for runs that take minutes). */
  warmUp?: boolean;
}

export interface BenchResult {
  name: string;
  medianMs: number;
  goalMs: number;
  reference: string;
  pass: boolean;
}

/** Time one benchmark: one untimed warm-up (unless `warmUp: false`), then `repeats` timed runs; report the median. */
export async function measure(b: Benchmark): Promise<BenchResult> {
  const state = b.setup ? await b.setup() : undefined;
  try {
    if (b.warmUp !== false) await b.run(state);
    const times: number[] = [];
    for (let i = 0; i < (b.repeats ?? 15); i++) {
      const t0 = performance.now();
      await b.run(state);
      times.push(performance.now() - t0);
    }
    times.sort((x, y) => x - y);
    const medianMs = times[Math.floor(times.length / 2)];
    return { name: b.name, medianMs, goalMs: b.goalMs, reference: b.reference, pass: medianMs <= b.goalMs };
  } finally {
    if (b.teardown) await b.teardown(state);
  }
}
