/**
 * `reportHtml`: one self-contained HTML page of a set of results (what was loaded, the summary per
 * condition, each condition against chance, all pairs with tie groups, the figures as inline SVG),
 * for sending to a colleague. Pure: results and SVG strings in, HTML out; no network, no scripts.
 */
import type { AdjustedComparison, AllPairsComparison } from "../analysis/compareAll.js";
import { beatsChance, type BeatsChanceOptions, type ChanceVerdict } from "../analysis/beatsChance.js";
import { formatCount, formatInterval, formatLevel, formatP, formatPercent, formatRate } from "../analysis/format.js";
import type { Rankings } from "../analysis/rankings.js";
import type { SummaryRow } from "../analysis/summarize.js";
import { splitConditions, type AnalysisInput } from "../analysis/itemTable.js";
import { adjustPValues } from "../stats/adjustPValues.js";
import { show } from "../stats/validate.js";
import { allPairsSection, baselineSection, escapeHtml, passAtKSection, table, type PassAtKSectionInput } from "./reportSections.js";

export { escapeHtml } from "./reportSections.js";

/** A name no condition has (conditions are non-empty text): `pair(c, NO_CONDITION)` is c's records alone. */
const NO_CONDITION = "\u0000";

/** A condition's chance verdict with the family's Holm-adjusted p (as `evalgap chance` prints it). */
export interface ChanceRow extends ChanceVerdict {
  holmPValue: number;
  significantAfterHolm: boolean;
}

/**
 * Every condition against its own chance rate (`beatsChance`), with the p-values adjusted together
 * by Holm (1979): one verdict per condition is a family of tests. Conditions with no scored records
 * are left out and named in `skipped`.
 *
 * @example
 * const records = ["a", "b"].flatMap((condition) =>
 *   [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => ({ item: `q${i}`, condition, score: i < 9 ? 1 : 0, choices: 2 })));
 * chanceFamily(records, ["a", "b"]).rows.length; // 2
 */
export function chanceFamily(input: AnalysisInput, conditions: readonly string[], options: BeatsChanceOptions = {}): { rows: ChanceRow[]; skipped: string[] } {
  const verdicts: ChanceVerdict[] = [];
  const skipped: string[] = [];
  // Each verdict sees only its condition's records (the others cannot change it), so a family of
  // k conditions does not score every record k times.
  const { pair } = splitConditions(input);
  for (const condition of conditions) {
    try {
      verdicts.push(beatsChance(pair(condition, NO_CONDITION), { ...options, condition }));
    } catch (error) {
      // A condition whose every record errored has nothing to test: named, and left out of the family.
      if (!(error instanceof RangeError) || !/has no scored records/.test(error.message)) throw error;
      skipped.push(condition);
    }
  }
  const adjusted = verdicts.length > 0 ? adjustPValues(verdicts.map((v) => v.pValue), "holm") : [];
  return { rows: verdicts.map((v, i) => ({ ...v, holmPValue: adjusted[i], significantAfterHolm: adjusted[i] < v.alpha })), skipped };
}

/** What was read, for the page's first section. */
export interface LoadedSummary {
  files: string[];
  records: number;
  conditions: string[];
  /** Notes the reader printed while loading (dropped rows, guessed columns, …). */
  notes: string[];
  /** The field the conditions were grouped by (`--by model`), when not the records' own condition. */
  groupedBy?: string;
}

/** A figure drawn to SVG (plotly's export), with the title it is listed under. */
export interface ReportFigure {
  title: string;
  svg: string;
}

export interface ReportInput {
  title: string;
  loaded: LoadedSummary;
  summary: SummaryRow[];
  chance: ChanceRow[];
  /** Conditions left out of the chance family (no scored records). */
  chanceSkipped?: string[];
  /** Every pair (absent with one condition, or when `againstBaseline` is given instead). */
  allPairs?: AllPairsComparison;
  ranking?: Rankings;
  /** Every other condition against one baseline (`compareAll` with pairs "baseline"), instead of all pairs. */
  againstBaseline?: { baseline: string; comparisons: AdjustedComparison[] };
  /** pass@k and pass^k per condition at the k asked for. */
  passAtK?: PassAtKSectionInput;
  figures: ReportFigure[];
  /** Who made the page: "evalgap 0.1.0 (commit abc1234)". */
  madeBy: string;
  /** When it was made (ISO), shown in the footer. */
  madeAt?: string;
}

/** Plotly's SVG, checked to be one <svg> element with no script (it is inlined into the page as is). */
function checkSvg(index: number, svg: unknown): string {
  if (typeof svg !== "string" || !/^\s*<svg[\s>]/.test(svg) || !/<\/svg>\s*$/.test(svg)) {
    throw new TypeError(`figures[${index}].svg must be one <svg> element, got ${show(typeof svg === "string" ? svg.slice(0, 60) : svg)}`);
  }
  if (/<script/i.test(svg)) throw new RangeError(`figures[${index}].svg holds a <script> element; a report inlines SVG without scripts`);
  return svg;
}

const STYLE = `body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;max-width:1000px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}th,td{padding:.25rem .6rem;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.sentence{background:#f6f8fa;border-left:4px solid #0969da;padding:.5rem .8rem;margin:.8rem 0}
.note{color:#57606a;font-size:.9rem}figure{margin:1rem 0}figure svg{max-width:100%;height:auto}
figcaption{color:#57606a;font-size:.85rem}.warning{color:#9a6700;font-size:.9rem}footer{margin-top:2.5rem;color:#57606a;font-size:.8rem;border-top:1px solid #d0d7de;padding-top:.5rem}`;

/**
 * The report page: loading summary, summary table (accuracy, interval, method, warnings), the chance
 * verdict per condition with Holm-adjusted p (Holm 1979), all pairs with the family sentence and tie
 * letters (compareAll), the figures as inline SVG, and a footer naming what made it. Self-contained:
 * inline CSS, no scripts, no external resources. Every name from the data is escaped.
 *
 * @example
 * reportHtml({ title: "t", loaded: { files: [], records: 0, conditions: [], notes: [] }, summary: [], chance: [], figures: [], madeBy: "evalgap" }).startsWith("<!doctype html>"); // true
 */
export function reportHtml(input: ReportInput): string {
  if (typeof input !== "object" || input === null) throw new TypeError(`input must be the report's results, got ${show(input)}`);
  if (typeof input.title !== "string" || input.title.trim() === "") throw new RangeError(`title must be non-empty text, got ${show(input.title)}`);
  const figures = input.figures.map((f, i) => ({ title: f.title, svg: checkSvg(i, f.svg) }));
  const { loaded } = input;
  const level = input.summary[0]?.level ?? 0.95;
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(input.title)}</h1>`);

  parts.push(`<section id="loaded"><h2>What was loaded</h2>`);
  parts.push(
    `<p>${formatCount(loaded.files.length)} file${loaded.files.length === 1 ? "" : "s"}, ${formatCount(loaded.records)} records, ${formatCount(loaded.conditions.length)} condition${loaded.conditions.length === 1 ? "" : "s"}${loaded.groupedBy ? ` (grouped by ${escapeHtml(loaded.groupedBy)})` : ""}: ${loaded.conditions.map(escapeHtml).join(", ")}.</p>`,
  );
  parts.push(`<ul>${loaded.files.map((f) => `<li><code>${escapeHtml(f)}</code></li>`).join("")}</ul>`);
  if (loaded.notes.length > 0) parts.push(`<ul class="note">${loaded.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>`);
  parts.push(`</section>`);

  parts.push(`<section id="summary"><h2>Accuracy per condition</h2>`);
  parts.push(
    table(
      input.summary,
      [
        { header: "condition", value: (r) => r.group },
        { header: "items", value: (r) => formatCount(r.items), numeric: true },
        { header: "samples/item", value: (r) => (Number.isInteger(r.samplesPerItem) ? String(r.samplesPerItem) : r.samplesPerItem.toFixed(2)), numeric: true },
        { header: "accuracy", value: (r) => formatPercent(r.accuracy), numeric: true },
        { header: `${formatLevel(level)} CI`, value: (r) => formatInterval(r.lower, r.upper), numeric: true },
        { header: "method", value: (r) => (r.clusters !== undefined ? `${r.method} (${r.clusters} clusters)` : r.method) },
        { header: "errors", value: (r) => formatCount(r.errors), numeric: true },
        { header: "warnings", value: (r) => r.warnings.join("; ") },
      ],
      "summary",
    ),
  );
  parts.push(`</section>`);

  parts.push(`<section id="chance"><h2>Against chance</h2>`);
  if (input.chance.length > 0) {
    const alpha = input.chance[0].alpha;
    const beat = input.chance.filter((r) => r.significantAfterHolm).length;
    parts.push(
      table(
        input.chance,
        [
          { header: "condition", value: (r) => r.condition ?? "" },
          { header: "accuracy", value: (r) => formatPercent(r.accuracy), numeric: true },
          { header: "chance", value: (r) => `${formatRate(r.chance)} (${r.chanceKind})`, numeric: true },
          { header: "test", value: (r) => r.method },
          { header: "p", value: (r) => formatP(r.pValue), numeric: true },
          { header: "p (Holm)", value: (r) => formatP(r.holmPValue), numeric: true },
          { header: "beats chance", value: (r) => (r.significantAfterHolm ? "yes" : "no") },
          { header: "warnings", value: (r) => r.warnings.join("; ") },
        ],
        "chance",
      ),
    );
    parts.push(
      `<p class="sentence">${beat} of ${input.chance.length} condition${input.chance.length === 1 ? "" : "s"} beat${beat === 1 && input.chance.length === 1 ? "s" : ""} chance at α = ${alpha} after Holm's adjustment for ${input.chance.length} test${input.chance.length === 1 ? "" : "s"} (${escapeHtml(input.chance[0].alternative)}).</p>`,
    );
  } else {
    parts.push(`<p>No condition has scored records to test.</p>`);
  }
  if (input.chanceSkipped && input.chanceSkipped.length > 0) {
    parts.push(`<p class="note">Left out (no scored records): ${input.chanceSkipped.map(escapeHtml).join(", ")}.</p>`);
  }
  parts.push(`</section>`);

  if (input.againstBaseline !== undefined) {
    if (input.allPairs !== undefined) throw new RangeError("give allPairs or againstBaseline, not both: the page compares every pair or every condition with one baseline");
    parts.push(`<section id="baseline"><h2>Against ${escapeHtml(input.againstBaseline.baseline)}</h2>`);
    parts.push(baselineSection(input.againstBaseline.baseline, input.againstBaseline.comparisons));
  } else {
    parts.push(`<section id="pairs"><h2>All pairs</h2>`);
    if (input.allPairs === undefined) {
      parts.push(`<p class="sentence">Only one condition: there is nothing to compare (this page shows its accuracy and its test against chance; pairs, tie groups and rankings need two or more conditions).</p>`);
    } else {
      parts.push(allPairsSection(input.allPairs, input.ranking));
    }
  }
  parts.push(`</section>`);

  if (input.passAtK !== undefined) {
    parts.push(`<section id="pass-at-k"><h2>pass@k and pass^k</h2>`);
    parts.push(passAtKSection(input.passAtK));
    parts.push(`</section>`);
  }

  if (figures.length > 0) {
    parts.push(`<section id="figures"><h2>Figures</h2>`);
    for (const f of figures) parts.push(`<figure>${f.svg}<figcaption>${escapeHtml(f.title)}</figcaption></figure>`);
    parts.push(`</section>`);
  }

  parts.push(`<footer>Made by ${escapeHtml(input.madeBy)}${input.madeAt ? ` on ${escapeHtml(input.madeAt)}` : ""}. Self-contained: no scripts, no network.</footer>`);
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(input.title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head><body>",
    ...parts,
    "</body></html>",
    "",
  ].join("\n");
}
