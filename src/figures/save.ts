/**
 * `saveFigures`: write many figures as SVG, PNG and self-contained HTML, drawing all of them in one
 * headless Chromium (its ~2 s start is paid once, not per figure).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { checkChoice, checkFinite, checkPositiveInteger, show } from "../stats/validate.js";
import { figureHtml } from "./html.js";
import { FigureRenderer, figureTitle } from "./render.js";
import { type Figure, defaultSize, figureHeight } from "./theme.js";

export type FigureFormat = "svg" | "png" | "html";
const formatsAllowed: readonly FigureFormat[] = ["svg", "png", "html"];

export interface SaveOptions {
  /** Which files to write per figure (default all three). */
  formats?: FigureFormat[];
  /** CSS pixels (default 900). */
  width?: number;
  /** CSS pixels (default: each figure's own `layout.height`, else 560). */
  height?: number;
  /** PNG pixels per CSS pixel (default 2, for print); SVG and HTML are unaffected. */
  scale?: number;
}

/** A figure's file name stem must be a plain name: no folders, nothing hidden. */
function checkName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new RangeError(`figure name must be letters, digits, ".", "_" or "-" (no folders), got ${show(name)}`);
  }
  return name;
}

/**
 * Resolve and check the export size.
 *
 * @example
 * checkSize({}); // { width: 900, height: 560, scale: 2 }
 */
export function checkSize(options: SaveOptions): { width: number; height: number; scale: number } {
  const width = options.width === undefined ? defaultSize.width : checkPositiveInteger("width", options.width);
  const height = options.height === undefined ? defaultSize.height : checkPositiveInteger("height", options.height);
  const scale = options.scale === undefined ? 2 : checkFinite("scale", options.scale);
  if (!(scale > 0 && scale <= 10)) throw new RangeError(`scale must be in (0, 10], got ${scale}`);
  return { width, height, scale };
}

/**
 * The figure as exported: with the caller's `height` written into its layout when one was given
 * (so the HTML page and the image agree), else as it is, at its own height.
 *
 * @example
 * atHeight({ data: [], layout: { height: 330 } }, 400).layout.height; // 400
 */
export function atHeight(figure: Figure, height: number | undefined): Figure {
  return height === undefined ? figure : { ...figure, layout: { ...figure.layout, height } };
}

/** A figure must at least look like `{ data: [], layout: {} }`. */
function checkFigure(name: string, figure: unknown): Figure {
  const f = figure as Figure;
  if (typeof f !== "object" || f === null || !Array.isArray(f.data) || typeof f.layout !== "object" || f.layout === null) {
    throw new TypeError(`figures.${name} must be a plotly figure { data: [...], layout: {...} }, got ${show(figure)}`);
  }
  return f;
}

/**
 * Write each figure to `dir` as `<name>.svg`, `<name>.png` and `<name>.html` (names are the record's
 * keys, or figure-1, figure-2, … for an array) and return the paths written. Each figure keeps its
 * own height (figures with a row per condition set one) unless `height` is given. SVG and PNG are drawn
 * by plotly in one headless Chromium (see `findBrowser` for where it is looked for); HTML embeds
 * plotly and needs no browser. Throws before writing anything when an argument is bad, and when
 * plotly rejects a figure.
 *
 * @example
 * await saveFigures({ forest: forestFigure(rows) }, "figures", { formats: ["svg", "png"] });
 * // → ["figures/forest.svg", "figures/forest.png"]
 */
export async function saveFigures(
  figures: Record<string, Figure> | Figure[],
  dir: string,
  options: SaveOptions = {},
): Promise<string[]> {
  if (typeof figures !== "object" || figures === null) throw new TypeError(`figures must be a record or array of figures, got ${show(figures)}`);
  if (typeof dir !== "string" || dir === "") throw new TypeError(`dir must be a folder path, got ${show(dir)}`);
  const formatsIn = options.formats ?? formatsAllowed;
  if (!Array.isArray(formatsIn) || formatsIn.length === 0) throw new RangeError(`formats must be a non-empty array, got ${show(formatsIn)}`);
  const formats = [...new Set(formatsIn.map((f, i) => checkChoice(`formats[${i}]`, f, formatsAllowed)))];
  const size = checkSize(options);
  const entries: [string, Figure][] = (
    Array.isArray(figures)
      ? figures.map((f, i): [string, Figure] => [`figure-${i + 1}`, checkFigure(`figure-${i + 1}`, f)])
      : Object.entries(figures).map(([k, f]): [string, Figure] => [checkName(k), checkFigure(k, f)])
  ).map(([name, f]) => [name, atHeight(f, options.height === undefined ? undefined : size.height)]);
  if (entries.length === 0) throw new RangeError("figures must hold at least one figure, got 0");

  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  const writes: Promise<void>[] = [];
  // HTML needs no browser, so it is written while Chromium starts; SVG/PNG files are written while
  // the next figure draws. Everything is awaited before returning.
  if (formats.includes("html")) {
    writes.push(
      (async () => {
        for (const [name, figure] of entries) {
          await writeOne(join(dir, `${name}.html`), figureHtml(figure, figureTitle(figure), size.width, figureHeight(figure), size.scale), written);
        }
      })(),
    );
  }
  const drawn = formats.filter((f): f is "svg" | "png" => f !== "html");
  try {
    if (drawn.length > 0) {
      const renderer = await FigureRenderer.open();
      try {
        for (const [name, figure] of entries) {
          const out = await renderer.render(figure, drawn, { ...size, height: figureHeight(figure) });
          if (out.svg !== undefined) writes.push(writeOne(join(dir, `${name}.svg`), out.svg, written));
          if (out.png !== undefined) writes.push(writeOne(join(dir, `${name}.png`), out.png, written));
        }
      } finally {
        await renderer.close();
      }
    }
  } finally {
    // Let started writes finish (and surface their errors) even when drawing failed.
    const results = await Promise.allSettled(writes);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }
  // Report paths in the order asked (formats within figures), whatever order the writes finished.
  const order = entries.flatMap(([name]) => formats.map((f) => join(dir, `${name}.${f}`)));
  return order.filter((p) => written.includes(p));
}

async function writeOne(path: string, content: string | Buffer, written: string[]): Promise<void> {
  await writeFile(path, content);
  written.push(path);
}
