/** `evalgap report <files…> --out report.html [--title T]`: one self-contained HTML page to send to a colleague. */
import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compareAll, type AllPairsComparison } from "../analysis/compareAll.js";
import { rankConditions, type Rankings } from "../analysis/rankings.js";
import { summarize } from "../analysis/summarize.js";
import { formatCount } from "../analysis/format.js";
import { pairwiseMatrixFigure } from "../figures/pairwiseMatrixFigure.js";
import { rankedForestFigure } from "../figures/rankedForestFigure.js";
import { FigureRenderer } from "../figures/render.js";
import { defaultSize, figureHeight, type Figure } from "../figures/theme.js";
import { chanceFamily, reportHtml, type ReportFigure } from "../paper/report.js";
import { isItemTable } from "../runs/itemTable.js";
import { numberFlag, parseCommand, requiredString, stringFlag, UsageError } from "./args.js";
import type { Io } from "./io.js";
import { recordOptionsFromFlags } from "./readRecords.js";
import { INPUT_FLAGS, INPUT_HELP, inputConditions, readInput } from "./readInput.js";

export const REPORT_HELP = `evalgap report — one self-contained HTML page of the results, to send to a colleague

Usage: evalgap report <files…> --out report.html [--title T] [--level 0.95]

  --out FILE     where to write the page (required; folders are made)
  --title T      the page's heading (default "evalgap report")
  --level 0.95   level of every interval on the page

The page holds what was loaded, accuracy per condition with its interval, every condition against
chance (Holm-adjusted), all pairs with tie groups and the family sentence, the ranked forest and the
pairwise matrix (drawn as SVG in headless Chromium), and the evalgap version and commit that made it.
It has no scripts and loads nothing from the network.

${INPUT_HELP}`;

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
      const out = await renderer.render(figure, ["svg"], { width: defaultSize.width, height: figureHeight(figure), scale: 1 });
      drawn.push({ title: caption, svg: out.svg! });
    }
    return drawn;
  } finally {
    await renderer.close();
  }
}

export async function reportCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(argv, { ...INPUT_FLAGS, out: { type: "string" }, title: { type: "string" }, level: { type: "string" } });
  if (values.help) {
    io.out(REPORT_HELP);
    return 0;
  }
  const out = requiredString(values, "out");
  const title = stringFlag(values, "title") ?? "evalgap report";
  if (title.trim() === "") throw new UsageError(`--title must be non-empty text, got ${JSON.stringify(title)}`);
  const level = numberFlag(values, "level");
  const options = { ...recordOptionsFromFlags(values), ...(level !== undefined ? { level } : {}) };

  // The reader's notes go to stderr as usual and onto the page.
  const notes: string[] = [];
  const input = await readInput(positionals, values, { out: io.out, err: (t) => (notes.push(t.replace(/^evalgap: /, "")), io.err(t)) });
  const conditions = inputConditions(input);
  const records = isItemTable(input) ? [...input.answered, ...input.refused, ...input.errors].reduce((a, b) => a + b, 0) : input.length;
  const summary = summarize(input, options);
  const chance = chanceFamily(input, conditions, options);
  let allPairs: AllPairsComparison | undefined;
  let ranking: Rankings | undefined;
  const figures: { caption: string; figure: Figure }[] = [];
  if (conditions.length >= 2) {
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
  const html = reportHtml({
    title,
    loaded: { files: positionals, records, conditions, notes },
    summary,
    chance: chance.rows,
    chanceSkipped: chance.skipped,
    ...(allPairs ? { allPairs } : {}),
    ...(ranking ? { ranking } : {}),
    figures: await drawFigures(figures),
    madeBy: await madeBy(),
    madeAt: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  });
  await mkdir(dirname(resolve(out)), { recursive: true });
  await writeFile(out, html);
  io.out(`wrote ${out} (${formatCount(Math.round(Buffer.byteLength(html) / 1024))} KB; ${formatCount(conditions.length)} condition${conditions.length === 1 ? "" : "s"}, ${formatCount(figures.length)} figure${figures.length === 1 ? "" : "s"})`);
  return 0;
}
