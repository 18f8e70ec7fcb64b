/**
 * `show(figure)` for tslab notebooks: one output that is interactive in Jupyter and still a picture
 * wherever scripts do not run (a saved notebook on GitHub, an untrusted notebook, nbconvert).
 *
 * The output is one MIME bundle: `text/html` holding a static PNG inside a div plus a script that
 * swaps it for the interactive plot when plotly is available, `image/png` for renderers that skip
 * HTML, and `text/plain`. Plotly is inlined (no network) in the first figure a kernel shows; later
 * figures reuse `window.Plotly`. The PNG comes from a headless Chromium shared by all `show` calls
 * and closed after a minute of idleness. tslab is loaded lazily, so this module loads anywhere.
 */
import { createRequire } from "node:module";
import { importOptional } from "../optional.js";
import { show as showValue } from "../stats/validate.js";
import { plainText, plotConfig, scriptJson } from "./html.js";
import { FigureRenderer, figureTitle, readPlotly } from "./render.js";
import { checkSize } from "./save.js";
import { type Figure, escapeText, figureHeight } from "./theme.js";

/** MIME type → content, as Jupyter's display_data carries it (binary as base64). */
export type MimeBundle = Record<string, string>;

export interface ShowOptions {
  /** CSS pixels (default 900). */
  width?: number;
  /** CSS pixels (default: the figure's own `layout.height`, else 560). */
  height?: number;
  /** Pixel density of the static PNG (default 2 so it stays sharp on high-DPI screens). */
  scale?: number;
  /** Inline plotly in this output even if an earlier one did (e.g. after clearing that output). */
  includePlotly?: boolean;
  /**
   * The picture alone (PNG and title, no HTML and no plotly). Default: on when the environment has
   * EVALGAP_SHOW=static, which `npm run notebooks` sets, so committed notebooks stay small (plotly
   * is 4.8 MB) and GitHub and nbconvert show the same image; off in a live Jupyter session.
   */
  staticOnly?: boolean;
  /** Where the bundle goes (default: the running tslab kernel). Tests and other frontends pass their own. */
  output?: (bundle: MimeBundle) => void;
}

let shared: Promise<FigureRenderer> | undefined;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
let plotlyShown = false;
let counter = 0;
const idleMs = 60_000;

/** The Chromium page shared by `show` calls, started on first use. */
function sharedRenderer(): Promise<FigureRenderer> {
  if (idleTimer) clearTimeout(idleTimer);
  if (!shared) {
    shared = FigureRenderer.open();
    shared.catch(() => {
      shared = undefined;
    });
  }
  return shared;
}

/**
 * Close the browser `show` uses (it also closes itself after a minute without figures).
 *
 * @example
 * await closeShowBrowser(); // at the end of a notebook or script
 */
export async function closeShowBrowser(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  const r = shared;
  shared = undefined;
  if (r) await (await r).close();
}

function scheduleIdleClose(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void closeShowBrowser(), idleMs);
  idleTimer.unref();
}

/**
 * The MIME bundle `show` displays: HTML (static PNG, replaced by the interactive plot when scripts
 * run), the PNG alone, and the title as text.
 *
 * @example
 * const bundle = await figureBundle(forestFigure(rows));
 * Object.keys(bundle); // ["text/html", "image/png", "text/plain"]
 */
export async function figureBundle(figure: Figure, options: ShowOptions = {}): Promise<MimeBundle> {
  if (typeof figure !== "object" || figure === null || !Array.isArray(figure.data) || typeof figure.layout !== "object") {
    throw new TypeError(`figure must be a plotly figure { data: [...], layout: {...} }, got ${showValue(figure)}`);
  }
  const size = checkSize({ width: options.width, height: options.height ?? figureHeight(figure), scale: options.scale });
  const renderer = await sharedRenderer();
  let png: Buffer;
  try {
    png = (await renderer.render(figure, ["png"], size)).png!;
  } finally {
    scheduleIdleClose();
  }
  const b64 = png.toString("base64");
  const title = plainText(figureTitle(figure));
  if (options.staticOnly ?? process.env.EVALGAP_SHOW === "static") return { "image/png": b64, "text/plain": title };
  const id = `evalgap-figure-${process.pid}-${++counter}-${Date.now().toString(36)}`;
  const withPlotly = options.includePlotly ?? !plotlyShown;
  const alt = escapeText(title).replace(/"/g, "&quot;");
  const html = [
    `<div id="${id}" style="width:${size.width}px;max-width:100%">`,
    `<img src="data:image/png;base64,${b64}" width="${size.width}" height="${size.height}" alt="${alt}" style="max-width:100%;height:auto">`,
    "</div>",
    withPlotly ? `<script>${readPlotly()}</script>` : "",
    "<script>(function () {",
    `  var el = document.getElementById(${JSON.stringify(id)});`,
    "  if (!el || !window.Plotly) return; // no plotly on this page: keep the static image",
    `  el.innerHTML = ""; el.style.height = "${size.height}px";`,
    `  window.Plotly.newPlot(el, ${scriptJson(figure.data)}, ${scriptJson({ ...figure.layout, height: size.height })}, ${scriptJson(plotConfig(size.width, size.height, size.scale))});`,
    "})();</script>",
  ].join("\n");
  if (withPlotly) plotlyShown = true;
  return { "text/html": html, "image/png": b64, "text/plain": title };
}

/** tslab's internal hook for writing a display_data message, found among loaded CommonJS modules. */
type WriteDisplayData = (data: { data: MimeBundle; metadata: object; transient: object }, update: boolean) => void;

function kernelWriter(): WriteDisplayData | undefined {
  const cache = createRequire(import.meta.url).cache;
  for (const [file, mod] of Object.entries(cache)) {
    if (/tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) {
      const w = (mod?.exports as { lastWriteDisplayData?: WriteDisplayData } | undefined)?.lastWriteDisplayData;
      if (typeof w === "function") return w;
    }
  }
  return undefined;
}

/** The running kernel's tslab module (the notebook's `require("tslab")`), else the installed one. */
async function tslabDisplay(): Promise<{ html(s: string): void }> {
  const hook = (globalThis as { __tslab__?: { require?: (id: string) => unknown } }).__tslab__;
  if (hook?.require) {
    const mod = hook.require("tslab") as { display?: { html(s: string): void } };
    if (mod?.display) return mod.display;
  }
  try {
    const mod = await importOptional<{ display?: { html(s: string): void }; default?: { display?: { html(s: string): void } } }>("tslab", "evalgap/figures: show()");
    const display = mod.display ?? mod.default?.display;
    if (display) return display;
  } catch {
    // fall through to the error below
  }
  throw new Error("show() displays figures in a tslab notebook and found no tslab kernel; outside notebooks use saveFigures().");
}

/**
 * Display a figure in a tslab (Jupyter) notebook: interactive while the kernel runs, a static PNG in
 * the saved notebook for GitHub and nbconvert. Needs Chromium (as `saveFigures` does).
 *
 * @example
 * await show(forestFigure(rows)); // in a notebook cell
 */
export async function show(figure: Figure, options: ShowOptions = {}): Promise<void> {
  const bundle = await figureBundle(figure, options);
  if (options.output) return options.output(bundle);
  const write = kernelWriter();
  // One message with every MIME type, so each viewer picks what it can draw.
  if (write) return write({ data: bundle, metadata: {}, transient: {} }, false);
  // An unusual tslab layout: the HTML alone still carries the static image.
  (await tslabDisplay()).html(bundle["text/html"]);
}
