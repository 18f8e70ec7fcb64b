/**
 * Run the public API with its default options on a cell's replications and tally, per metric, how
 * often the 95% interval covers the truth or the α = 0.05 test rejects a true null, with the Monte
 * Carlo SE √(p̂(1 − p̂)/R), the mean interval width and the methods the API reported picking.
 */
import { beatsChance, compareAll, compareConditions, summarize, type RunRecord } from "../src/index.js";
import { isNull, MAX_TYPE_I, MIN_COVERAGE, type Cell } from "./designs.js";
import { cellModel, cellStream, simulateRecords } from "./simulate.js";

/** coverage: the interval holds the truth (good when high); rejection: a true null was rejected (good when low). */
export type MetricKind = "coverage" | "type-i" | "family-wise";

export interface Metric {
  kind: MetricKind;
  /** The public function measured, as called (default options but what the design must name). */
  call: string;
  reps: number;
  /** Replications that covered (coverage) or rejected (type I, family-wise error). */
  hits: number;
  /** Replications where the call threw; counted as not covering and not rejecting. */
  errors: number;
  firstError?: string;
  /** Sum of interval widths (coverage metrics), over replications that returned an interval. */
  widthSum: number;
  /** Replications whose result carried a non-empty `warnings` list (thin ground, said to the user). */
  warned: number;
  /** How often each `method` was reported. */
  methods: Record<string, number>;
}

export interface CellResult {
  cell: Cell;
  /** True value the interval should cover: the rate, or treatment − baseline. */
  truth: number;
  reps: number;
  metrics: Metric[];
  seconds: number;
}

export interface MetricSummary {
  kind: MetricKind;
  call: string;
  rate: number;
  mcse: number;
  pass: boolean;
  /** Mean interval width (coverage only). */
  width?: number;
  /** Methods reported, most frequent first, with their share of replications. */
  methods: { method: string; share: number }[];
  /** Share of replications whose result warned. */
  warnedShare: number;
  errors: number;
  firstError?: string;
}

export function threshold(kind: MetricKind): number {
  return kind === "coverage" ? MIN_COVERAGE : MAX_TYPE_I;
}

export function passes(kind: MetricKind, rate: number): boolean {
  return kind === "coverage" ? rate >= MIN_COVERAGE : rate <= MAX_TYPE_I;
}

export function summarizeMetric(m: Metric): MetricSummary {
  const rate = m.hits / m.reps;
  const intervals = m.reps - m.errors;
  const methods = Object.entries(m.methods)
    .sort((a, b) => b[1] - a[1])
    .map(([method, count]) => ({ method, share: count / m.reps }));
  return {
    kind: m.kind,
    call: m.call,
    rate,
    mcse: Math.sqrt((rate * (1 - rate)) / m.reps),
    pass: passes(m.kind, rate),
    ...(m.kind === "coverage" ? { width: intervals > 0 ? m.widthSum / intervals : NaN } : {}),
    methods,
    warnedShare: m.warned / m.reps,
    errors: m.errors,
    ...(m.firstError !== undefined ? { firstError: m.firstError } : {}),
  };
}

function metric(kind: MetricKind, call: string): Metric {
  return { kind, call, reps: 0, hits: 0, errors: 0, widthSum: 0, warned: 0, methods: {} };
}

/** Whether an API result carries warnings (read defensively: older results have no such field). */
function warns(result: object): boolean {
  const list = (result as { warnings?: unknown }).warnings;
  return Array.isArray(list) && list.length > 0;
}

function record(m: Metric, outcome: { hit: boolean; method: string; width?: number; warned?: boolean } | Error): void {
  m.reps++;
  if (outcome instanceof Error) {
    m.errors++;
    m.firstError ??= outcome.message;
    m.methods["(error)"] = (m.methods["(error)"] ?? 0) + 1;
    return;
  }
  if (outcome.hit) m.hits++;
  if (outcome.warned) m.warned++;
  if (outcome.width !== undefined) m.widthSum += outcome.width;
  m.methods[outcome.method] = (m.methods[outcome.method] ?? 0) + 1;
}

function attempt<T>(run: () => T): T | Error {
  try {
    return run();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The interval holds the truth (NaN limits do not). */
function covers(lower: number, upper: number, truth: number): boolean {
  return lower <= truth && truth <= upper;
}

/** The metrics of a design and how one replication's records feed them. */
interface Measurement {
  metrics: Metric[];
  observe(records: RunRecord[]): void;
}

function measurement(cell: Cell, truth: number): Measurement {
  switch (cell.design) {
    case "one-rate": {
      const coverage = metric("coverage", "summarize(records)");
      const typeI = metric("type-i", `beatsChance(records, { chance: ${cell.rates[0]} })`);
      return {
        metrics: [coverage, typeI],
        observe(records) {
          const row = attempt(() => summarize(records)[0]);
          record(coverage, row instanceof Error ? row : { hit: covers(row.lower, row.upper, truth), method: row.method, width: row.upper - row.lower, warned: warns(row) });
          const verdict = attempt(() => beatsChance(records, { chance: cell.rates[0] }));
          record(typeI, verdict instanceof Error ? verdict : { hit: verdict.significant, method: verdict.method, warned: warns(verdict) });
        },
      };
    }
    case "paired":
    case "independent": {
      const coverage = metric("coverage", 'compareConditions(records, { baseline: "A", treatment: "B" })');
      const typeI = isNull(cell) ? metric("type-i", coverage.call) : undefined;
      return {
        metrics: typeI ? [coverage, typeI] : [coverage],
        observe(records) {
          const c = attempt(() => compareConditions(records, { baseline: "A", treatment: "B" }));
          record(coverage, c instanceof Error ? c : { hit: covers(c.lower, c.upper, truth), method: c.method, width: c.upper - c.lower, warned: warns(c) });
          if (typeI) record(typeI, c instanceof Error ? c : { hit: c.significant, method: c.method, warned: warns(c) });
        },
      };
    }
    case "compare-all": {
      const fwer = metric("family-wise", 'compareAll(records, { baseline: "A" })');
      return {
        metrics: [fwer],
        observe(records) {
          const all = attempt(() => compareAll(records, { baseline: "A" }));
          record(fwer, all instanceof Error ? all : { hit: all.some((c) => c.significantAdjusted), method: `${all[0].correction} over ${all[0].method}`, warned: all.some(warns) });
        },
      };
    }
  }
}

export interface MeasureOptions {
  /** Replications always run (default 2,000). */
  minReps?: number;
  /** Replications at most (default 5,000): a cell whose rate lies within 2 MC SE of its threshold is extended to it. */
  maxReps?: number;
  /** Replications between checks of the extension rule (default 500). */
  block?: number;
}

/** Whether some metric's estimate is too close to its threshold to call at this R. */
function undecided(metrics: readonly Metric[]): boolean {
  return metrics.some((m) => {
    const rate = m.hits / m.reps;
    const se = Math.sqrt((threshold(m.kind) * (1 - threshold(m.kind))) / m.reps);
    return Math.abs(rate - threshold(m.kind)) < 2 * se;
  });
}

/** The truth a cell's interval must cover: the rate (one rate) or treatment − baseline. */
export function cellTruth(cell: Cell): number {
  return cell.design === "one-rate" ? cell.rates[0] : cell.rates[1] - cell.rates[0];
}

/**
 * Measure one cell: its seeded replications, in order, through the API. Replication r is the same
 * whatever minReps, so a reduced run is a prefix of the full one.
 */
export function measureCell(cell: Cell, options: MeasureOptions = {}): CellResult {
  const minReps = options.minReps ?? 2000;
  const maxReps = Math.max(options.maxReps ?? 5000, minReps);
  const block = options.block ?? 500;
  const started = performance.now();
  const truth = cellTruth(cell);
  const model = cellModel(cell);
  const stream = cellStream(cell);
  const m = measurement(cell, truth);
  let reps = 0;
  while (reps < minReps || (reps < maxReps && undecided(m.metrics))) {
    const target = reps < minReps ? minReps : Math.min(maxReps, reps + block);
    for (; reps < target; reps++) m.observe(simulateRecords(model, stream));
  }
  return { cell, truth, reps, metrics: m.metrics, seconds: (performance.now() - started) / 1000 };
}
