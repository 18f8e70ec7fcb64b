/**
 * Drawing figures to SVG and PNG in one headless Chromium page that has plotly loaded once. The
 * plotly bundle (4.8 MB) is read from node_modules only when a renderer or an HTML page needs it.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser.js";
import type { Figure } from "./theme.js";

let plotlySource: string | undefined;

/**
 * plotly.min.js as text, read once per process (lazily: importing evalgap does not read it).
 *
 * @example
 * readPlotly().includes("plotly.js v4"); // true
 */
export function readPlotly(): string {
  if (plotlySource === undefined) {
    const require = createRequire(import.meta.url);
    plotlySource = readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8");
  }
  return plotlySource;
}

export interface RenderSize {
  /** CSS pixels (default 900). */
  width: number;
  /** CSS pixels (default 560). */
  height: number;
  /** PNG pixels per CSS pixel (default 2); SVG ignores it. */
  scale: number;
}

/** The SVG and/or PNG of one figure. */
export interface Rendered {
  svg?: string;
  png?: Buffer;
}

/** Plotly.validate's complaint about one attribute (unknown attribute, bad value, …). */
interface PlotlyIssue {
  code: string;
  msg: string;
}

/** Opens a page with plotly, draws figures on it, and reports any plotly or page error as a throw. */
export class FigureRenderer {
  private readonly errors: string[] = [];

  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly ownsBrowser: boolean,
  ) {
    page.on("pageerror", (e) => this.errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") this.errors.push(m.text());
    });
  }

  /** Start Chromium (or use `browser`), open a blank page and load plotly into it once. */
  static async open(browser?: Browser): Promise<FigureRenderer> {
    const b = browser ?? (await launchBrowser());
    try {
      const page = await b.newPage();
      await page.setContent("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>");
      await page.addScriptTag({ content: readPlotly() });
      return new FigureRenderer(b, page, browser === undefined);
    } catch (e) {
      if (browser === undefined) await b.close();
      throw e;
    }
  }

  /**
   * Draw `figure` as SVG and/or PNG. Throws when plotly rejects an attribute (Plotly.validate),
   * fails to draw, or the page logs an error, so a broken figure never passes silently.
   */
  async render(figure: Figure, formats: readonly ("svg" | "png")[], size: RenderSize): Promise<Rendered> {
    this.errors.length = 0;
    const result = await this.page.evaluate(
      async ({ figure, formats, size }) => {
        const P = (globalThis as unknown as { Plotly: any }).Plotly;
        let issues: PlotlyIssue[] = [];
        try {
          issues = (P.validate(figure.data, figure.layout) ?? []) as PlotlyIssue[];
        } catch {
          // Plotly.validate has bugs of its own (4.1 throws on some legend settings); drawing still checks.
        }
        if (issues.length > 0) return { issues: issues.map((i) => `${i.code}: ${i.msg}`) };
        const out: { svg?: string; png?: string; issues: string[] } = { issues: [] };
        // Plot once, as SVG; the PNG is that SVG painted on a canvas (what Plotly.toImage does
        // internally), which saves a second layout pass per figure.
        const url: string = await P.toImage(
          { data: figure.data, layout: figure.layout },
          { format: "svg", width: size.width, height: size.height },
        );
        const svg = decodeURIComponent(url.slice(url.indexOf(",") + 1));
        if (formats.includes("svg")) out.svg = svg;
        if (formats.includes("png")) {
          const canvas = document.createElement("canvas");
          const png: string = await P.Snapshot.svgToImg({ svg, format: "png", canvas, scale: size.scale, width: size.width, height: size.height, promise: true });
          out.png = png.slice(png.indexOf(",") + 1);
        }
        return out;
      },
      { figure, formats: [...formats], size },
    );
    const problems = [...result.issues, ...this.errors];
    if (problems.length > 0) {
      throw new Error(`plotly could not draw the figure titled ${JSON.stringify(figureTitle(figure))}: ${problems.join("; ")}`);
    }
    const rendered: Rendered = {};
    if (result.svg !== undefined) rendered.svg = result.svg;
    if (result.png !== undefined) rendered.png = Buffer.from(result.png, "base64");
    return rendered;
  }

  /** Close the page, and the browser when this renderer started it. */
  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
    if (this.ownsBrowser) await this.browser.close();
  }
}

/**
 * The title text of a figure (for messages and HTML <title>).
 *
 * @example
 * figureTitle({ data: [], layout: { title: { text: "T" } } }); // "T"
 */
export function figureTitle(figure: Figure): string {
  const t = figure.layout.title;
  if (typeof t === "string") return t;
  if (t && typeof t === "object" && typeof (t as { text?: unknown }).text === "string") return (t as { text: string }).text;
  return "evalgap figure";
}
