/**
 * docs/validation.md and docs/validation.json from the measured cells: a summary per design, the
 * methods the API picked and where, the worst cells, and one table per design with coverage / type I
 * (± Monte Carlo SE), mean interval width, the reported method and pass/fail.
 */
import { ALPHA, LEVEL, MAX_TYPE_I, MIN_COVERAGE, type Cell, type DesignKind } from "./designs.js";
import { summarizeMetric, threshold, type CellResult, type MetricKind, type MetricSummary } from "./measure.js";
import { ITEM_SD } from "./truth.js";

export interface RunInfo {
  /** ISO date of the run. */
  date: string;
  /** `git describe` of the checkout, with "-dirty" when the working tree had changes. */
  commit: string;
  /** Files under src/ with uncommitted changes when the run started (`git status --short src`): part of what was measured. */
  uncommittedSrc: string[];
  wallSeconds: number;
  workers: number;
  minReps: number;
  maxReps: number;
}

export interface CellSummary extends Omit<Cell, "rates"> {
  rates: number[];
  truth: number;
  reps: number;
  seconds: number;
  pass: boolean;
  metrics: MetricSummary[];
}

export function cellSummary(r: CellResult): CellSummary {
  const metrics = r.metrics.map(summarizeMetric);
  return { ...r.cell, rates: [...r.cell.rates], truth: r.truth, reps: r.reps, seconds: r.seconds, pass: metrics.every((m) => m.pass), metrics };
}

const DESIGN_TITLES: Record<DesignKind, string> = {
  "one-rate": "One rate: `summarize` interval, `beatsChance` test",
  paired: "Paired gap: `compareConditions` on shared items",
  independent: "Two independent conditions: `compareConditions` on different items",
  "compare-all": "Three null arms against a baseline: `compareAll` (Holm)",
};
const KIND_NAMES: Record<MetricKind, string> = { coverage: "coverage", "type-i": "type I", "family-wise": "family-wise error" };
const DESIGNS: DesignKind[] = ["one-rate", "paired", "independent", "compare-all"];

const pct = (x: number, digits = 1) => (100 * x).toFixed(digits);
const withSe = (m: MetricSummary) => `${pct(m.rate)} ± ${pct(m.mcse)}`;

function methodText(m: MetricSummary): string {
  if (m.methods.length === 1) return m.methods[0].method;
  return m.methods.map((x) => `${x.method} (${x.share < 0.005 ? "<1" : pct(x.share, 0)}%)`).join(", ");
}

function shape(c: CellSummary): string {
  const parts = [`n ${c.items}`, `K ${c.samples}`, c.clusters ? `${c.clusters} clusters, ICC ${c.icc}` : "no clusters"];
  if (c.design === "paired" || c.design === "compare-all") parts.push(`ρ ${c.pairCorrelation}`);
  parts.push(c.design === "one-rate" || c.design === "compare-all" ? `rate ${c.rates[0]}` : `${c.rates[0]} → ${c.rates[1]}`);
  return parts.join(", ");
}

/** How far a metric falls short of its threshold (positive: failing), for ranking the worst cells. */
function shortfall(m: MetricSummary): number {
  return m.kind === "coverage" ? threshold(m.kind) - m.rate : m.rate - threshold(m.kind);
}

function worst(cells: readonly CellSummary[], kind: MetricKind): { cell: CellSummary; metric: MetricSummary } | undefined {
  let best: { cell: CellSummary; metric: MetricSummary } | undefined;
  for (const cell of cells) {
    for (const metric of cell.metrics) {
      if (metric.kind === kind && (!best || shortfall(metric) > shortfall(best.metric))) best = { cell, metric };
    }
  }
  return best;
}

function summaryTable(cells: readonly CellSummary[]): string[] {
  const lines = ["| design | cells | pass | fail | worst coverage | worst type I / family-wise error |", "|---|---:|---:|---:|---|---|"];
  for (const design of DESIGNS) {
    const own = cells.filter((c) => c.design === design);
    if (own.length === 0) continue;
    const pass = own.filter((c) => c.pass).length;
    const cov = worst(own, "coverage");
    const rej = worst(own, "type-i") ?? worst(own, "family-wise");
    const show = (w: typeof cov) => (w ? `${withSe(w.metric)} (${methodText(w.metric)}; ${shape(w.cell)})` : "–");
    lines.push(`| ${design} | ${own.length} | ${pass} | ${own.length - pass} | ${show(cov)} | ${show(rej)} |`);
  }
  const pass = cells.filter((c) => c.pass).length;
  lines.push(`| **all** | ${cells.length} | ${pass} | ${cells.length - pass} | | |`);
  return lines;
}

/** Per design and call, each method reported as the main one: where it was picked and how it did. */
function methodTable(cells: readonly CellSummary[]): string[] {
  const lines = [
    "| design | measured | method reported | cells | failing | worst | picked where (K; clusters) |",
    "|---|---|---|---:|---:|---|---|",
  ];
  for (const design of DESIGNS) {
    const groups = new Map<string, { cells: CellSummary[]; metrics: MetricSummary[]; where: Set<string> }>();
    for (const cell of cells.filter((c) => c.design === design)) {
      for (const m of cell.metrics) {
        const key = `${KIND_NAMES[m.kind]}\u0000${m.methods[0]?.method ?? "–"}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { cells: [], metrics: [], where: new Set() }));
        g.cells.push(cell);
        g.metrics.push(m);
        g.where.add(`K ${cell.samples}; ${cell.clusters ? "clusters" : "none"}`);
      }
    }
    for (const [key, g] of groups) {
      const [kind, method] = key.split("\u0000");
      const failing = g.metrics.filter((m) => !m.pass).length;
      let w = 0;
      for (let i = 1; i < g.metrics.length; i++) if (shortfall(g.metrics[i]) > shortfall(g.metrics[w])) w = i;
      lines.push(`| ${design} | ${kind} | ${method} | ${g.metrics.length} | ${failing} | ${withSe(g.metrics[w])} (${shape(g.cells[w])}) | ${[...g.where].sort().join(" · ")} |`);
    }
  }
  return lines;
}

function worstCells(cells: readonly CellSummary[], count: number): string[] {
  const failing = cells
    .flatMap((cell) => cell.metrics.filter((m) => !m.pass).map((metric) => ({ cell, metric })))
    .sort((a, b) => shortfall(b.metric) - shortfall(a.metric))
    .slice(0, count);
  if (failing.length === 0) return ["No cell fails."];
  const lines = ["| design | cell | measured | value ± MC SE | method |", "|---|---|---|---|---|"];
  for (const { cell, metric } of failing) lines.push(`| ${cell.design} | ${shape(cell)} | ${KIND_NAMES[metric.kind]} | ${withSe(metric)} | ${methodText(metric)} |`);
  return lines;
}

function designTable(design: DesignKind, cells: readonly CellSummary[]): string[] {
  const own = cells.filter((c) => c.design === design);
  if (own.length === 0) return [];
  const lines = [`### ${DESIGN_TITLES[design]}`, ""];
  const paired = design === "paired" || design === "compare-all";
  const head = ["n", "K", "clusters", "ICC", ...(paired ? ["ρ"] : []), design === "one-rate" || design === "compare-all" ? "rate" : "rates (A → B)"];
  if (design === "compare-all") {
    lines.push(`| ${head.join(" | ")} | family-wise error % | method | warned % | reps | verdict |`, `|${head.map(() => "---").join("|")}|---|---|---:|---:|---|`);
  } else {
    lines.push(
      `| ${head.join(" | ")} | coverage % | width | interval method | type I % | test method | warned % | reps | verdict |`,
      `|${head.map(() => "---").join("|")}|---|---:|---|---|---|---:|---:|---|`,
    );
  }
  for (const c of own) {
    const key = [c.items, c.samples, c.clusters || "–", c.clusters ? c.icc : "–", ...(paired ? [c.pairCorrelation] : [])];
    key.push(design === "one-rate" || design === "compare-all" ? c.rates[0] : `${c.rates[0]} → ${c.rates[1]}`);
    const verdict = c.pass ? "pass" : "**FAIL**";
    if (design === "compare-all") {
      const f = c.metrics[0];
      lines.push(`| ${key.join(" | ")} | ${withSe(f)} | ${methodText(f)} | ${pct(f.warnedShare, 0)} | ${c.reps} | ${verdict} |`);
      continue;
    }
    const cov = c.metrics.find((m) => m.kind === "coverage")!;
    const rej = c.metrics.find((m) => m.kind === "type-i");
    const errors = c.metrics.reduce((a, m) => a + m.errors, 0);
    lines.push(
      `| ${key.join(" | ")} | ${withSe(cov)} | ${cov.width!.toFixed(3)} | ${methodText(cov)} | ${rej ? withSe(rej) : "–"} | ${rej ? methodText(rej) : "–"} | ${pct(Math.max(cov.warnedShare, rej?.warnedShare ?? 0), 0)} | ${c.reps} | ${verdict}${errors ? ` (${errors} errors)` : ""} |`,
    );
  }
  return [...lines, ""];
}

function errorNotes(cells: readonly CellSummary[]): string[] {
  const notes = cells.flatMap((c) => c.metrics.filter((m) => m.errors > 0).map((m) => `- ${c.id}, ${KIND_NAMES[m.kind]}: ${m.errors} of ${c.reps} calls threw, first: ${m.firstError}`));
  return notes.length ? ["## Calls that threw", "", "Counted as not covering and not rejecting.", "", ...notes, ""] : [];
}

/** The report; `sequential`, when given, is the anytime-valid section (validate/sequentialReport.ts), put last. */
export function markdownReport(cells: readonly CellSummary[], info: RunInfo, sequential?: string): string {
  const minutes = (info.wallSeconds / 60).toFixed(1);
  return [
    "# Validation of evalgap's defaults by simulation",
    "",
    `Generated by \`npm run validate\` (validate/run.ts) on ${info.date} from ${info.commit}: ${cells.length} design cells,`,
    `${info.minReps.toLocaleString("en-US")}–${info.maxReps.toLocaleString("en-US")} seeded replications each, ${info.workers} worker threads, wall time ${minutes} min (${info.wallSeconds.toFixed(0)} s).`,
    "Every number below comes from the public API (`summarize`, `beatsChance`, `compareConditions`, `compareAll`",
    "from src/index.ts) called with its default options; the method is what the result's `method` field reported.",
    info.uncommittedSrc.length
      ? `The checkout had uncommitted changes in ${info.uncommittedSrc.length} file(s) under src/, measured as they were: ${info.uncommittedSrc.join(", ")}.`
      : "src/ had no uncommitted changes.",
    "The numbers per cell are also in docs/validation.json. The anytime-valid sequences of `run --until decided`",
    "are checked in the last section.",
    "",
    "## How",
    "",
    "- **Data.** Every answer is Bernoulli(p) with logit p = μ_j + u_cluster + v_item. Item difficulty is",
    `  heterogeneous (v ~ N(0, ${ITEM_SD}²)), so an item's K repeats are correlated; cluster effects u ~ N(0, σ_c²) with`,
    "  the latent-response ICC σ_c²/(σ_c² + σ_v² + π²/3) (Snijders & Bosker 2012, §17.3.4); items are dealt to the",
    "  clusters round robin. Conditions share items (paired, compare-all) with latent correlation ρ of the item and",
    "  cluster effects across conditions; independent conditions have their own items and clusters.",
    "- **Truth.** The estimand is the population mean, the expected accuracy of a fresh item from a fresh cluster:",
    "  ∫ expit(μ + s·z) φ(z) dz with s² = σ_c² + σ_v², by Simpson's rule (validate/truth.ts; checked against R",
    "  `integrate`). μ_j is solved so that this equals the cell's nominal rate, so the truth is the rate itself",
    "  (or the difference of two rates), never a number computed from a sample.",
    `- **Measured.** Coverage: the ${pct(LEVEL, 0)}% interval contains the truth. Type I: the α = ${ALPHA} test rejects a true null`,
    "  (`beatsChance` with `chance` set to the true rate, one-sided `greater` by default; `compareConditions` two-sided",
    "  when both rates are equal). Family-wise error: any of the three Holm-adjusted comparisons of null arms with",
    "  the baseline is significant. A call that throws counts as not covering and not rejecting.",
    `- **Pass rule.** A cell passes when every coverage is ≥ ${pct(MIN_COVERAGE)}% and every type I / family-wise error is ≤ ${pct(MAX_TYPE_I)}%.`,
    `  Each cell runs ${info.minReps.toLocaleString("en-US")} replications and is extended by 500 at a time, up to ${info.maxReps.toLocaleString("en-US")}, while an estimate lies within`,
    "  2 Monte Carlo SE of its threshold. ± is the Monte Carlo SE √(p̂(1 − p̂)/R) in points.",
    "- **Width.** The mean width of the interval (in rate units), so a conservative method shows its price.",
    "- **Warned.** The share of replications whose result carried `warnings` (thin ground, said to the user).",
    "- **Seeds.** Each cell's stream is `createRandom(\"evalgap validation \" + cell id)` (src/stats/random.ts);",
    "  the run is reproducible cell by cell whatever the number of workers. Rerun one cell with",
    "  `npm run validate -- --filter \"<cell id>\"`.",
    "",
    "## Summary",
    "",
    ...summaryTable(cells),
    "",
    "## Methods the API picked",
    "",
    "The main method each call reported in a cell (cells where it was picked, how many failed, its worst cell).",
    "",
    ...methodTable(cells),
    "",
    "## Worst cells",
    "",
    ...worstCells(cells, 30),
    "",
    ...errorNotes(cells),
    "## Every cell",
    "",
    ...DESIGNS.flatMap((d) => designTable(d, cells)),
    ...(sequential ? [sequential, ""] : []),
  ].join("\n");
}

/** The run's settings, then one cell per line (a diff between two runs then shows the cells that changed). */
export function jsonReport(cells: readonly CellSummary[], info: RunInfo): string {
  const head = JSON.stringify({ ...info, level: LEVEL, alpha: ALPHA, minCoverage: MIN_COVERAGE, maxTypeI: MAX_TYPE_I });
  const rows = cells.map((c) => JSON.stringify({ ...c, seconds: Math.round(c.seconds * 100) / 100 }));
  return `${head.slice(0, -1)},"cells":[\n${rows.join(",\n")}\n]}\n`;
}
