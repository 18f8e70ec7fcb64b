/** `evalgap report <files…> --out report.html [--title T] [--baseline A] [--pass-at 1,5] [--by FIELD]`: one self-contained HTML page to send to a colleague. */
import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compareAll, type AdjustedComparison, type AllPairsComparison } from "../analysis/compareAll.js";
import { passAtKTable, shortItemsPhrase, type PassAtKResult } from "../analysis/passAtK.js";
import { rankConditions, type Rankings } from "../analysis/rankings.js";
import { correctionName } from "../analysis/sentences.js";
import { summarize } from "../analysis/summarize.js";
import { formatCount } from "../analysis/format.js";
import { gapFigure } from "../figures/gap.js";
import { pairwiseMatrixFigure } from "../figures/pairwiseMatrixFigure.js";
import { passAtKFigure } from "../figures/passAtKFigure.js";
import { rankedForestFigure } from "../figures/rankedForestFigure.js";
import { FigureRenderer } from "../figures/render.js";
import { defaultSize, figureHeight, type Figure } from "../figures/theme.js";
import { chanceFamily, reportHtml, type ReportFigure } from "../paper/report.js";
import { baselineSentence } from "../paper/reportSections.js";
import { isItemTable } from "../runs/itemTable.js";
import { numberFlag, parseCommand, requiredString, stringFlag, UsageError } from "./args.js";
import { checkCondition, regroupRecords } from "./conditions.js";
import type { Io } from "./io.js";
import { recordOptionsFromFlags } from "./readRecords.js";
import { INPUT_FLAGS, INPUT_HELP, inputConditions, readInput } from "./readInput.js";

export const REPORT_HELP = `evalgap report — one self-contained HTML page of the results, to send to a colleague

Usage: evalgap report <files…> --out report.html [--title T] [--level 0.95] [--baseline A]
                       [--by model|condition|FIELD] [--pass-at 1,5,10 [--drop-short-items]]

  --out FILE          where to write the page (required; folders are made)
  --title T           the page's heading (default "evalgap report")
  --level 0.95        level of every interval on the page
  --baseline A        every other condition against A (Holm-adjusted) instead of all pairs
  --by FIELD          what a condition is, as compare --by: condition, model, cluster or a meta field
  --pass-at K[,K…]    a pass@k / pass^k section at each k (items asked several times), with a curve;
                      an item with fewer than k scored answers is an error naming it and its condition
  --drop-short-items  with --pass-at: leave such items out instead, and say which on the page

The page holds what was loaded, accuracy per condition with its interval, every condition against
chance (Holm-adjusted), all pairs with tie groups, rank intervals, P(best) and the family sentence
(or, with --baseline, every condition against the baseline), the ranked forest and the pairwise
matrix (or the gap plot), the pass@k curve with --pass-at (drawn as SVG in headless Chromium), and
the evalgap version and commit that made it. It has no scripts and loads nothing from the network.

${INPUT_HELP}`;

/** Most conditions drawn in the pass@k curve (pass^k too up to half as many): more lines and legend entries cannot be read. */
const PASS_AT_K_FIGURE_MAX = 8;

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** "evalgap 0.1.0 (commit abc1234)"; the commit is left out when this is not a git checkout. */
async function madeBy(): Promise<string> {
  let version = "unknown version";
  try {
    version = (JSON.parse(await readFile(resolve(packageRoot, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    // An unusual install without package.json beside src: the page still says it is evalgap.
  }
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: packageRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: packageRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() !== "";
    return `evalgap ${version} (commit ${commit}${dirty ? ", with uncommitted changes" : ""})`;
  } catch {
    return `evalgap ${version}`;
  }
}

/** Draw the figures in one headless Chromium (its start is paid once). */
async function drawFigures(figures: { caption: string; figure: Figure }[]): Promise<ReportFigure[]> {
  if (figures.length === 0) return [];
  const renderer = await FigureRenderer.open();
  try {
    const drawn: ReportFigure[] = [];
    for (const { caption, figure } of figures) {
      // A figure that sizes itself to its content (the pairwise matrix of many conditions) says how wide.
      const width = typeof figure.layout.width === "number" && figure.layout.width > 0 ? figure.layout.width : defaultSize.width;
      const out = await renderer.render(figure, ["svg"], { width, height: figureHeight(figure), scale: 1 });
      drawn.push({ title: caption, svg: out.svg! });
    }
    return drawn;
  } finally {
    await renderer.close();
  }
}

/** "1,5,10" as distinct whole numbers of at least 1, in the order given. */
function passAtList(raw: string | undefined): number[] | undefined {
  if (raw === undefined) return undefined;
  const ks = raw.split(",").map((t) => t.trim());
  const bad = ks.find((t) => !/^\d+$/.test(t) || Number(t) < 1);
  if (ks.length === 0 || bad !== undefined) throw new UsageError(`--pass-at must list whole numbers of answers of at least 1, separated by commas (e.g. 1,5,10), got ${JSON.stringify(raw)}`);
  return [...new Set(ks.map(Number))];
}

export async function reportCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    ...INPUT_FLAGS,
    out: { type: "string" },
    title: { type: "string" },
    level: { type: "string" },
    baseline: { type: "string" },
    by: { type: "string" },
    "pass-at": { type: "string" },
    "drop-short-items": { type: "boolean" },
  });
  if (values.help) {
    io.out(REPORT_HELP);
    return 0;
  }
  const out = requiredString(values, "out");
  const title = stringFlag(values, "title") ?? "evalgap report";
  if (title.trim() === "") throw new UsageError(`--title must be non-empty text, got ${JSON.stringify(title)}`);
  const level = numberFlag(values, "level");
  const options = { ...recordOptionsFromFlags(values), ...(level !== undefined ? { level } : {}) };
  const baseline = stringFlag(values, "baseline");
  if (baseline !== undefined && baseline.trim() === "") throw new UsageError("--baseline must name a condition");
  const by = stringFlag(values, "by");
  if (by !== undefined && by.trim() === "") throw new UsageError("--by must name a field: condition, model, cluster or a meta field");
  const ks = passAtList(stringFlag(values, "pass-at"));
  const dropShort = values["drop-short-items"] === true;
  if (dropShort && ks === undefined) throw new UsageError("--drop-short-items applies to --pass-at; give --pass-at K as well, or drop --drop-short-items");

  // The reader's notes go to stderr as usual and onto the page.
  const notes: string[] = [];
  const read = await readInput(positionals, values, { out: io.out, err: (t) => (notes.push(t.replace(/^evalgap: /, "")), io.err(t)) }, by, true);
  // An item table read for --by is grouped by that field already (its condition is the column).
  const input = by === undefined || isItemTable(read) ? read : regroupRecords(read, by);
  const conditions = inputConditions(input);
  if (baseline !== undefined) checkCondition("--baseline", baseline, conditions);
  const records = isItemTable(input) ? [...input.answered, ...input.refused, ...input.errors].reduce((a, b) => a + b, 0) : input.length;
  const summary = summarize(input, options);
  const chance = chanceFamily(input, conditions, options);
  let allPairs: AllPairsComparison | undefined;
  let againstBaseline: { baseline: string; comparisons: AdjustedComparison[] } | undefined;
  let ranking: Rankings | undefined;
  const figures: { caption: string; figure: Figure }[] = [];
  if (baseline !== undefined) {
    if (conditions.length < 2) throw new UsageError(`--baseline ${JSON.stringify(baseline)} is the only condition of these records; there is nothing to compare it with`);
    const comparisons = compareAll(input, { ...options, baseline });
    againstBaseline = { baseline, comparisons };
    figures.push({
      caption: `Gap plot: each condition − ${baseline} with its ${Math.round(100 * (level ?? 0.95))}% interval; filled where significant after ${correctionName(comparisons[0].correction)}.`,
      figure: gapFigure(
        comparisons.map((c) => ({ label: c.treatment, estimate: c.estimate, lower: c.lower, upper: c.upper, pAdjusted: c.adjustedPValue, significant: c.significantAdjusted, n: c.paired ? c.items : Math.min(c.baselineItems, c.treatmentItems) })),
        { finding: baselineSentence(baseline, comparisons), baseline, correction: correctionName(comparisons[0].correction).replace(/ adjustment$/, ""), ...(level !== undefined ? { level } : {}) },
      ),
    });
  } else if (conditions.length >= 2) {
    allPairs = compareAll(input, { ...options, pairs: "all" });
    try {
      ranking = rankConditions(input, { errors: options.errors, refusals: options.refusals, ...(level !== undefined ? { level } : {}) });
    } catch (error) {
      // Rankings need items every condition shares; without them the family stands alone.
      if (!(error instanceof RangeError && /share no items/.test(error.message))) throw error;
      notes.push("no item is shared by every condition, so no rank intervals or P(best)");
    }
    figures.push(
      { caption: "Ranked forest: each condition's accuracy and interval; conditions sharing a letter cannot be told apart.", figure: rankedForestFigure(allPairs, { intervals: summary, ...(ranking ? { ranking } : {}), ...(level !== undefined ? { level } : {}) }) },
      { caption: "Pairwise matrix: the gap row − column for every pair, marked where the adjusted p is below α.", figure: pairwiseMatrixFigure(allPairs) },
    );
  }
  let passAtKResults: PassAtKResult[] | undefined;
  let passAtKNote: string | undefined;
  if (ks !== undefined) {
    passAtKResults = passAtKTable(input, { ks, conditions, errors: options.errors, refusals: options.refusals, ...(level !== undefined ? { level } : {}), ...(dropShort ? { shortItems: "drop" as const } : {}) });
    // Said on stderr too: the numbers rest on fewer items than were read.
    const dropped = passAtKResults.filter((r) => r.measure === "pass@k" && r.shortItems.length > 0);
    for (const r of dropped.slice(0, 3)) io.err(`evalgap: --drop-short-items: ${r.condition}, k = ${r.k}: ${shortItemsPhrase(r.shortItems, r.k)}`);
    if (dropped.length > 3) io.err(`evalgap: --drop-short-items: and ${formatCount(dropped.length - 3)} more (condition, k) with items left out; the page lists every one`);
    if (conditions.length <= PASS_AT_K_FIGURE_MAX / 2) {
      figures.push({ caption: `pass@k (solid) and pass^k (dashed) at k = ${ks.join(", ")}, each with its interval over items.`, figure: passAtKFigure(passAtKResults) });
    } else if (conditions.length <= PASS_AT_K_FIGURE_MAX) {
      figures.push({ caption: `pass@k at k = ${ks.join(", ")}, each with its interval over items (pass^k is in the table).`, figure: passAtKFigure(passAtKResults.filter((r) => r.measure === "pass@k")) });
    } else {
      passAtKNote = `The pass@k curve is left out: ${formatCount(conditions.length)} conditions are more than one figure can show (more than ${PASS_AT_K_FIGURE_MAX}); the table has every value.`;
    }
  }
  const html = reportHtml({
    title,
    loaded: { files: positionals, records, conditions, notes, ...(by !== undefined && by !== "condition" ? { groupedBy: by } : {}) },
    summary,
    chance: chance.rows,
    chanceSkipped: chance.skipped,
    ...(allPairs ? { allPairs } : {}),
    ...(ranking ? { ranking } : {}),
    ...(againstBaseline ? { againstBaseline } : {}),
    ...(passAtKResults ? { passAtK: { ks: [...ks!].sort((a, b) => a - b), results: passAtKResults, ...(passAtKNote ? { note: passAtKNote } : {}) } } : {}),
    figures: await drawFigures(figures),
    madeBy: await madeBy(),
    madeAt: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  });
  await mkdir(dirname(resolve(out)), { recursive: true });
  await writeFile(out, html);
  io.out(`wrote ${out} (${formatCount(Math.round(Buffer.byteLength(html) / 1024))} KB; ${formatCount(conditions.length)} condition${conditions.length === 1 ? "" : "s"}, ${formatCount(figures.length)} figure${figures.length === 1 ? "" : "s"})`);
  return 0;
}
