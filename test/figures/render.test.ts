/**
 * Every figure drawn in real Chromium: no plotly errors, a PNG of the asked size that is not blank,
 * and an SVG holding the title and the right number of data marks. Needs Chromium (CI installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { findBrowser, installHint, launchBrowser } from "../../src/figures/browser.js";
import { FigureRenderer, figureTitle, readPlotly } from "../../src/figures/render.js";
import { countMarks, inkOf, pngSize, titleText } from "./inspect.js";
import { samples } from "./samples.js";

let browser: Browser;
let renderer: FigureRenderer;
let inspector: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  renderer = await FigureRenderer.open(browser);
  inspector = await browser.newPage();
}, 60_000);

afterAll(async () => {
  await renderer?.close();
  await browser?.close();
});

describe("each figure in Chromium", () => {
  it.each(Object.entries(samples))("%s renders: PNG of the asked size with ink, SVG with title and marks", async (_, s) => {
    const out = await renderer.render(s.figure, ["svg", "png"], { width: 900, height: 560, scale: 1 });
    expect(pngSize(out.png!)).toEqual({ width: 900, height: 560 });
    const { ink, colors } = await inkOf(inspector, out.png!);
    expect(ink).toBeGreaterThan(0.02);
    expect(colors).toBeGreaterThan(20);
    expect(out.svg!.startsWith("<svg")).toBe(true);
    expect(await titleText(inspector, out.svg!)).toContain(s.titleText);
    expect(await countMarks(inspector, out.svg!, s.marks.selector)).toBe(s.marks.count);
  }, 30_000);

  it("scales the PNG and keeps the SVG at CSS size", async () => {
    const out = await renderer.render(samples.forest.figure, ["svg", "png"], { width: 640, height: 400, scale: 2 });
    expect(pngSize(out.png!)).toEqual({ width: 1280, height: 800 });
    expect(out.svg).toMatch(/^<svg[^>]* width="640" height="400"/);
  }, 30_000);

  it("throws, naming the figure, when plotly rejects an attribute", async () => {
    const bad = { data: [{ type: "scatter", x: [1], y: [1], colour: "red" }], layout: { title: { text: "Bad one" } } };
    await expect(renderer.render(bad, ["svg"], { width: 300, height: 200, scale: 1 })).rejects.toThrow(/"Bad one".*colour/);
  }, 30_000);
});

describe("render helpers", () => {
  it("read plotly once and a figure's title for messages", () => {
    expect(readPlotly().includes("plotly.js v4")).toBe(true);
    expect(figureTitle({ data: [], layout: { title: { text: "T" } } })).toBe("T");
    expect(figureTitle({ data: [], layout: {} })).toBe("evalgap figure");
  });
});

describe("findBrowser", () => {
  it("finds this machine's Chromium", () => {
    expect(findBrowser()).toMatch(/chrom/i);
  });
  it("says how to install one when CHROME_PATH points nowhere", () => {
    expect(() => findBrowser({ CHROME_PATH: "/nonexistent/chrome" })).toThrow(/CHROME_PATH.*does not exist/);
    expect(installHint).toMatch(/apt-get install -y chromium/);
    expect(installHint).toMatch(/npx playwright install chromium/);
  });
});
