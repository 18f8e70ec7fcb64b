/**
 * show/figureBundle: the notebook output holds a static PNG that Chromium turns into the
 * interactive plot when plotly is on the page and leaves as a picture when it is not; plotly is
 * inlined once per kernel; the bundle reaches tslab's display hook; importing figures loads
 * neither playwright-core nor tslab.
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../src/figures/browser.js";
import { closeShowBrowser, figureBundle, type MimeBundle, show } from "../../src/figures/show.js";
import { figureHeight } from "../../src/figures/theme.js";
import { pngSize } from "./inspect.js";
import { samples } from "./samples.js";

afterAll(() => closeShowBrowser());

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

describe("figureBundle", () => {
  let first: MimeBundle;
  let second: MimeBundle;

  it("inlines plotly in the first output only, and carries the PNG in the HTML and alone", async () => {
    first = await figureBundle(samples.forest.figure);
    second = await figureBundle(samples.gap.figure, { width: 600, height: 400, scale: 1 });
    expect(Object.keys(first)).toEqual(["text/html", "image/png", "text/plain"]);
    expect(first["text/html"].split("* plotly.js v").length - 1).toBe(1);
    expect(second["text/html"]).not.toContain("* plotly.js v");
    expect((await figureBundle(samples.gap.figure, { includePlotly: true }))["text/html"]).toContain("* plotly.js v");
    expect(first["text/html"]).toContain(`src="data:image/png;base64,${first["image/png"]}"`);
    // At the figure's own height (a forest plot sets one by its rows), twice over for the 2× PNG.
    expect(pngSize(Buffer.from(first["image/png"], "base64"))).toEqual({ width: 1800, height: 2 * figureHeight(samples.forest.figure) });
    expect(pngSize(Buffer.from(second["image/png"], "base64"))).toEqual({ width: 600, height: 400 });
    // The interactive plot is drawn at the same height as the picture it replaces.
    expect(second["text/html"]).toContain('"height":400');
    expect(second["text/plain"]).toBe("2 of 3 gaps significant after Holm adjustment");
  }, 60_000);

  it("becomes interactive where plotly loads, and stays a picture where it does not", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      // A notebook page: both outputs in order, the first bringing plotly.
      await page.setContent(`<html><body>${first["text/html"]}${second["text/html"]}</body></html>`);
      await page.waitForFunction(() => document.querySelectorAll(".main-svg").length >= 2);
      expect(await page.evaluate(() => document.querySelectorAll("img").length)).toBe(0);
      expect(await page.evaluate(() => document.querySelectorAll(".scatterlayer .point").length)).toBe(
        samples.forest.marks.count + samples.gap.marks.count,
      );
      // GitHub-like: the second output alone, scripts present but no plotly: the image remains.
      const bare = await browser.newPage();
      bare.on("pageerror", (e) => errors.push(e.message));
      await bare.setContent(`<html><body>${second["text/html"]}</body></html>`);
      expect(await bare.evaluate(() => document.querySelectorAll("img").length)).toBe(1);
      expect(await bare.evaluate(() => (document.querySelector("img") as HTMLImageElement).complete)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it("gives the picture alone when static (as npm run notebooks saves them), by option or EVALGAP_SHOW", async () => {
    const picture = await figureBundle(samples.gap.figure, { staticOnly: true, scale: 1 });
    expect(Object.keys(picture).sort()).toEqual(["image/png", "text/plain"]);
    expect(Buffer.from(picture["image/png"], "base64").subarray(1, 4).toString()).toBe("PNG");
    const saved = process.env.EVALGAP_SHOW;
    process.env.EVALGAP_SHOW = "static";
    try {
      expect(Object.keys(await figureBundle(samples.gap.figure, { scale: 1 }))).not.toContain("text/html");
      expect(Object.keys(await figureBundle(samples.gap.figure, { scale: 1, staticOnly: false }))).toContain("text/html");
    } finally {
      if (saved === undefined) delete process.env.EVALGAP_SHOW;
      else process.env.EVALGAP_SHOW = saved;
    }
  });

  it("rejects a non-figure and bad sizes", async () => {
    await expect(figureBundle(null as never)).rejects.toThrow(TypeError);
    await expect(figureBundle(samples.forest.figure, { width: -1 })).rejects.toThrow(/width/);
  });
});

describe("show", () => {
  it("hands the bundle to a given output", async () => {
    const got: MimeBundle[] = [];
    await show(samples.posterior.figure, { output: (b) => got.push(b), scale: 1 });
    expect(got).toHaveLength(1);
    expect(got[0]["text/plain"]).toBe("P(rate > chance 50.0%) = 98.6%");
  }, 60_000);

  it("writes one display_data with every MIME type through tslab's kernel hook", async () => {
    const cache = createRequire(import.meta.url).cache;
    const key = join(root, "fake-kernel", "node_modules", "tslab", "dist", "jupyter.js");
    const messages: { data: MimeBundle }[] = [];
    cache[key] = { exports: { lastWriteDisplayData: (m: { data: MimeBundle }) => messages.push(m) } } as never;
    try {
      await show(samples.discordance.figure, { scale: 1 });
    } finally {
      delete cache[key];
    }
    expect(messages).toHaveLength(1);
    expect(Object.keys(messages[0].data)).toEqual(["text/html", "image/png", "text/plain"]);
  }, 60_000);
});

describe("loading", () => {
  it("importing src/figures loads neither playwright-core nor tslab", () => {
    const code = [
      "const m = await import('./src/figures/index.ts');",
      "const { createRequire } = await import('node:module');",
      "const keys = Object.keys(createRequire(import.meta.url).cache);",
      "console.log(JSON.stringify({ show: typeof m.show, save: typeof m.saveFigures,",
      "  playwright: keys.some((k) => k.includes('playwright')), tslab: keys.some((k) => k.includes('tslab')) }));",
    ].join("\n");
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { cwd: root, encoding: "utf8" });
    expect(JSON.parse(out.trim().split("\n").pop()!)).toEqual({ show: "function", save: "function", playwright: false, tslab: false });
  }, 30_000);
});
