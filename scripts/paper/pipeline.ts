/**
 * `npm run paper`'s work: build every notebook's story from data/, draw all figures in one
 * Chromium (`saveFigures`), write each figure's interactive HTML against one shared plotly file,
 * and write the gallery (index.html) and the verdict table (report.md). Same data, same bytes.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, unlink, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { saveFigures } from "../../src/figures/save.js";
import { figureHtml } from "../../src/figures/html.js";
import { figureTitle, readPlotly } from "../../src/figures/render.js";
import { defaultSize, type Figure } from "../../src/figures/theme.js";
import { stories as registeredStories } from "../../src/paper/registry.js";
import type { NotebookStory, StoryBuilder } from "../../src/paper/types.js";
import { galleryHtml, reportMarkdown } from "./gallery.js";

export interface PaperOptions {
  /** The project's data/ directory. */
  dataDir: string;
  /** Where figures, index.html and report.md go (figures/ for the repository). */
  outDir: string;
  /** The stories to build (default: every notebook's, from src/paper/registry.ts). */
  stories?: readonly StoryBuilder[];
  /** One line per figure and a summary (default console.log). */
  log?: (line: string) => void;
}

export interface PaperResult {
  stories: NotebookStory[];
  /** Every file written, relative to outDir, sorted. */
  files: string[];
  seconds: number;
}

/** The shared plotly bundle the figure pages load (one 4.8 MB copy instead of one per page). */
export const plotlyFile = "plotly.min.js";

/**
 * A figure's interactive page: `figureHtml` from src/figures with its inlined plotly swapped for
 * `<script src="plotly.min.js">`, so figures/ holds plotly once.
 */
export function sharedPlotlyHtml(figure: Figure): string {
  const html = figureHtml(figure, figureTitle(figure), defaultSize.width, defaultSize.height, 2);
  const inline = `<script>${readPlotly()}</script>`;
  const at = html.indexOf(inline);
  if (at < 0) throw new Error("figureHtml no longer inlines plotly as <script>…</script>; update sharedPlotlyHtml");
  return `${html.slice(0, at)}<script src="${plotlyFile}"></script>${html.slice(at + inline.length)}`;
}

/**
 * Plotly names the SVG's clip paths and defs after a random id per plot ("clip3a57cf…"); swap it for
 * one derived from the figure's name so an unchanged figure gives an unchanged file.
 */
export function stableSvg(svg: string, name: string): string {
  const uid = /id="defs-([0-9a-f]+)"/.exec(svg)?.[1];
  if (uid === undefined) return svg;
  const stable = createHash("sha256").update(name).digest("hex").slice(0, uid.length);
  return svg.replace(new RegExp(`(?<=[A-Za-z-])${uid}`, "g"), stable);
}

/** Plotly also gives each trace a random uid (the SVG's "trace7ac99c" classes) unless it has one. */
export function withTraceIds(figure: Figure): Figure {
  return { ...figure, data: figure.data.map((t, i) => ("uid" in t ? t : { ...t, uid: `t${i}` })) };
}

/** Stories must agree with the paper's rules before anything is drawn. */
function checkStories(stories: readonly NotebookStory[]): void {
  const seen = new Set<string>();
  for (const s of stories) {
    for (const f of s.figures) {
      if (seen.has(f.name)) throw new RangeError(`figure name ${JSON.stringify(f.name)} is used twice (notebook ${s.notebook})`);
      seen.add(f.name);
      const title = f.figure.layout.title as { text?: string; subtitle?: { text?: string } } | undefined;
      const text = `${title?.text ?? ""} ${title?.subtitle?.text ?? ""}`;
      if (f.simulated && !/simulated/i.test(text)) {
        throw new RangeError(`figure ${f.name} is drawn from data/simulated but its title and subtitle do not say "simulated"`);
      }
    }
  }
}

/** Remove figure files a previous run wrote for figures that no longer exist. */
async function removeStale(outDir: string, keep: Set<string>): Promise<void> {
  for (const file of await readdir(outDir)) {
    if (/^\d\d-.*\.(svg|png|html)$/.test(file) && !keep.has(file)) await unlink(join(outDir, file));
  }
}

/** Build, draw and index every story's figures into `outDir`. */
export async function runPaper(options: PaperOptions): Promise<PaperResult> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const builders = options.stories ?? registeredStories;
  const stories: NotebookStory[] = [];
  for (const b of builders) stories.push(await b.build({ dataDir: options.dataDir }));
  checkStories(stories);
  const all = stories.flatMap((s) => s.figures);
  await mkdir(options.outDir, { recursive: true });

  const files = new Set<string>([plotlyFile, "index.html", "report.md"]);
  for (const f of all) for (const ext of ["svg", "png", "html"]) files.add(`${f.name}.${ext}`);
  await removeStale(options.outDir, files);

  // One browser for every SVG and PNG; the pages need none.
  await saveFigures(Object.fromEntries(all.map((f) => [f.name, withTraceIds(f.figure)])), options.outDir, { formats: ["svg", "png"] });
  await writeFile(join(options.outDir, plotlyFile), readPlotly());
  let i = 0;
  for (const f of all) {
    const svgPath = join(options.outDir, `${f.name}.svg`);
    await writeFile(svgPath, stableSvg(await readFile(svgPath, "utf8"), f.name));
    await writeFile(join(options.outDir, `${f.name}.html`), sharedPlotlyHtml(f.figure));
    log(`[${String(++i).padStart(2)}/${all.length}] ${f.name}: svg png html${f.simulated ? " (simulated)" : ""}`);
  }
  await writeFile(join(options.outDir, "index.html"), galleryHtml(stories));
  await writeFile(join(options.outDir, "report.md"), reportMarkdown(stories));
  const seconds = (performance.now() - started) / 1000;
  const verdicts = stories.reduce((n, s) => n + s.verdicts.length, 0);
  log(`paper: ${all.length} figures from ${stories.length} notebooks, ${verdicts} verdicts → ${options.outDir} (${seconds.toFixed(1)} s)`);
  return { stories, files: [...files].sort(), seconds };
}
