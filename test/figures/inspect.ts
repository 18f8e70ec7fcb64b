/**
 * Reading rendered figures back: PNG size from its header, ink and colours through a canvas, SVG
 * marks and title through the browser's DOMParser, and where the plot, legend, labels and curves
 * were drawn. Shared by the rendering tests.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { launchBrowser } from "../../src/figures/browser.js";
import { FigureRenderer } from "../../src/figures/render.js";
import { type Figure, figureHeight } from "../../src/figures/theme.js";

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian), after checking the signature. */
export function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Share of pixels that are not white, and how many distinct colours, read back through a canvas. */
export async function inkOf(page: Page, png: Buffer): Promise<{ ink: number; colors: number }> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    const colors = new Set<number>();
    for (let i = 0; i < px.length; i += 4) {
      if (px[i] < 245 || px[i + 1] < 245 || px[i + 2] < 245) ink++;
      if (colors.size < 1000) colors.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
    }
    return { ink: ink / (px.length / 4), colors: colors.size };
  }, png.toString("base64"));
}

/** How many elements of an SVG document match a CSS selector. */
export async function countMarks(page: Page, svg: string, selector: string): Promise<number> {
  return page.evaluate(
    ({ svg, selector }) => new DOMParser().parseFromString(svg, "image/svg+xml").querySelectorAll(selector).length,
    { svg, selector },
  );
}

/** The title's text as drawn (all lines of it, entities decoded). */
export async function titleText(page: Page, svg: string): Promise<string> {
  return page.evaluate(
    (svg) => Array.from(new DOMParser().parseFromString(svg, "image/svg+xml").querySelectorAll(".gtitle")).map((t) => t.textContent).join(" "),
    svg,
  );
}

/** A box in CSS pixels of the drawn SVG. */
export interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Where things landed in a drawn figure, in CSS pixels from its top left corner. */
export interface SvgGeometry {
  width: number;
  height: number;
  /** The plot area, from the x axis line (left, right, bottom) and the y axis line (top). */
  plot: Rect;
  legend: Rect | null;
  annotations: { text: string; rect: Rect }[];
  /** Each trace line sampled every 2 px along its path. */
  lines: { x: number; y: number }[][];
  /** Each marker's box. */
  points: Rect[];
  shapes: { stroke: string; dash: string; rect: Rect }[];
}

/**
 * Lay the SVG out in the page and read back where the plot, legend, annotations, trace lines,
 * markers and shapes were drawn (getBoundingClientRect, and getPointAtLength for lines).
 */
export async function svgGeometry(page: Page, svg: string): Promise<SvgGeometry> {
  await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
  return page.evaluate(() => {
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const root = document.querySelector("svg")!;
    const xLine = document.querySelector("path.xlines-above");
    const yLine = document.querySelector("path.ylines-above");
    const xr = xLine ? box(xLine) : { left: 0, right: 0, bottom: 0, top: 0 };
    const yr = yLine ? box(yLine) : { top: 0, bottom: 0, left: 0, right: 0 };
    const legend = document.querySelector(".legend .bg");
    const lines = Array.from(document.querySelectorAll(".scatterlayer path.js-line")).map((p) => {
      const path = p as SVGPathElement;
      const m = path.getScreenCTM()!;
      const out: { x: number; y: number }[] = [];
      const length = path.getTotalLength();
      for (let l = 0; l <= length; l += 2) {
        const q = path.getPointAtLength(l);
        out.push({ x: m.a * q.x + m.c * q.y + m.e, y: m.b * q.x + m.d * q.y + m.f });
      }
      return out;
    });
    return {
      width: Number(root.getAttribute("width")),
      height: Number(root.getAttribute("height")),
      plot: { left: xr.left, right: xr.right, bottom: xr.bottom, top: yr.top },
      legend: legend ? box(legend) : null,
      annotations: Array.from(document.querySelectorAll(".annotation")).map((a) => ({
        text: a.querySelector(".annotation-text")?.textContent ?? "",
        rect: box(a.querySelector(".annotation-text")!),
      })),
      lines,
      points: Array.from(document.querySelectorAll(".scatterlayer .point")).map(box),
      shapes: Array.from(document.querySelectorAll(".shapelayer path")).map((s) => {
        const style = (s as SVGPathElement).style;
        return { stroke: style.stroke, dash: style.strokeDasharray, rect: box(s) };
      }),
    };
  });
}

/** Whether a point lies inside a box (edges included). */
export function inside(p: { x: number; y: number }, r: Rect): boolean {
  return p.x >= r.left && p.x <= r.right && p.y >= r.top && p.y <= r.bottom;
}

/** Whether two boxes overlap. */
export function overlap(a: Rect, b: Rect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** A headless Chromium with a figure renderer and a spare page for reading SVGs back, for one test file. */
export function chromiumForTests(): { renderer: () => FigureRenderer; page: () => Page } {
  let browser: Browser | undefined;
  let renderer: FigureRenderer | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    renderer = await FigureRenderer.open(browser);
    page = await browser.newPage();
  }, 60_000);
  afterAll(async () => {
    await renderer?.close();
    await browser?.close();
  });
  return { renderer: () => renderer!, page: () => page! };
}

/** Draw a figure at its own height (or 560) and read its geometry back. */
export async function drawnGeometry(tools: { renderer: () => FigureRenderer; page: () => Page }, figure: Figure): Promise<SvgGeometry> {
  const out = await tools.renderer().render(figure, ["svg"], { width: 900, height: figureHeight(figure), scale: 1 });
  return svgGeometry(tools.page(), out.svg!);
}
