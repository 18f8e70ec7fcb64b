/**
 * saveFigures end to end: files written in every format at the asked size, HTML that draws offline
 * in Chromium, a clear error when there is no browser, and argument checks.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../src/figures/browser.js";
import { gapFigure } from "../../src/figures/gap.js";
import { atHeight, checkSize, saveFigures } from "../../src/figures/save.js";
import { figureHeight } from "../../src/figures/theme.js";
import { countMarks, pngSize } from "./inspect.js";
import { samples } from "./samples.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "evalgap-figures-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("export size", () => {
  it("resolves and checks the size, and writes an asked height into the figure", () => {
    expect(checkSize({})).toEqual({ width: 900, height: 560, scale: 2 });
    expect(() => checkSize({ scale: 11 })).toThrow(/scale/);
    expect(figureHeight(atHeight({ data: [], layout: { height: 330 } }, 400))).toBe(400);
    const own = { data: [], layout: { height: 330 } };
    expect(atHeight(own, undefined)).toBe(own);
  });
});

describe("saveFigures", () => {
  it("draws each figure at its own height unless a height is asked, in every format", async () => {
    const out = join(dir, "own-height");
    const two = gapFigure([
      { label: "a", estimate: 0.01, lower: -0.02, upper: 0.04, significant: false },
      { label: "b", estimate: 0.02, lower: -0.01, upper: 0.05, significant: false },
    ]);
    const height = two.layout.height as number;
    expect(height).toBeLessThan(560);
    await saveFigures({ two }, out, { scale: 1 });
    expect(pngSize(readFileSync(join(out, "two.png")))).toEqual({ width: 900, height });
    expect(readFileSync(join(out, "two.svg"), "utf8")).toMatch(new RegExp(`^<svg[^>]* width="900" height="${height}"`));
    expect(readFileSync(join(out, "two.html"), "utf8")).toContain(`style="width:900px;height:${height}px"`);
    await saveFigures({ two }, join(out, "asked"), { scale: 1, height: 500, formats: ["png", "html"] });
    expect(pngSize(readFileSync(join(out, "asked", "two.png")))).toEqual({ width: 900, height: 500 });
    expect(readFileSync(join(out, "asked", "two.html"), "utf8")).toContain('style="width:900px;height:500px"');
  }, 60_000);

  it("writes SVG, PNG and HTML per figure, named by the record's keys, at the asked size", async () => {
    const out = join(dir, "all");
    const paths = await saveFigures({ forest: samples.forest.figure, gap: samples.gap.figure }, out, {
      width: 600,
      height: 400,
      scale: 1.5,
    });
    expect(paths).toEqual(["forest.svg", "forest.png", "forest.html", "gap.svg", "gap.png", "gap.html"].map((f) => join(out, f)));
    expect(pngSize(readFileSync(join(out, "forest.png")))).toEqual({ width: 900, height: 600 });
    expect(readFileSync(join(out, "gap.svg"), "utf8")).toMatch(/^<svg[^>]* width="600" height="400"/);
    const html = readFileSync(join(out, "forest.html"), "utf8");
    // plotly inlined exactly once, nothing fetched from elsewhere.
    expect(html.split("* plotly.js v").length - 1).toBe(1);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).toContain("<title>Highest: chain-of-thought at 61.0%");
  }, 60_000);

  it("writes HTML that draws the figure with the network blocked", async () => {
    const out = join(dir, "offline");
    await saveFigures({ scatter: samples.scatter.figure }, out, { formats: ["html"] });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const fetched: string[] = [];
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("file:")) return route.continue();
        fetched.push(url);
        return route.abort();
      });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`file://${join(out, "scatter.html")}`);
      await page.waitForSelector(".main-svg");
      const svg = await page.evaluate(() => document.querySelector(".main-svg")!.outerHTML);
      expect(await countMarks(page, svg, samples.scatter.marks.selector)).toBe(samples.scatter.marks.count);
      const titles = await page.evaluate(() => Array.from(document.querySelectorAll(".gtitle")).map((t) => t.textContent).join(" "));
      expect(titles).toContain(samples.scatter.titleText);
      expect(errors).toEqual([]);
      expect(fetched).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it("names array entries figure-1, figure-2, …", async () => {
    const out = join(dir, "array");
    const paths = await saveFigures([samples.power.figure, samples.pvalue.figure], out, { formats: ["svg"] });
    expect(paths).toEqual([join(out, "figure-1.svg"), join(out, "figure-2.svg")]);
    expect(readFileSync(paths[1], "utf8")).toContain("beats 50.0% chance");
  }, 60_000);

  it("without a browser: HTML still works, SVG/PNG fail saying how to install one", async () => {
    const saved = process.env.CHROME_PATH;
    process.env.CHROME_PATH = "/nonexistent/chromium";
    try {
      const out = join(dir, "nobrowser");
      expect(await saveFigures({ p: samples.posterior.figure }, out, { formats: ["html"] })).toEqual([join(out, "p.html")]);
      await expect(saveFigures({ p: samples.posterior.figure }, out, { formats: ["png"] })).rejects.toThrow(
        /CHROME_PATH.*does not exist.*apt-get install -y chromium/,
      );
    } finally {
      if (saved === undefined) delete process.env.CHROME_PATH;
      else process.env.CHROME_PATH = saved;
    }
  });

  it("rejects bad arguments before writing anything", async () => {
    const out = join(dir, "bad");
    const f = samples.forest.figure;
    await expect(saveFigures({ f }, out, { formats: ["pdf" as never] })).rejects.toThrow(/formats\[0\] must be one of/);
    await expect(saveFigures({ f }, out, { formats: [] })).rejects.toThrow(RangeError);
    await expect(saveFigures({ "../escape": f }, out)).rejects.toThrow(/figure name/);
    await expect(saveFigures({ f }, out, { width: 0 })).rejects.toThrow(/width/);
    await expect(saveFigures({ f }, out, { scale: NaN })).rejects.toThrow(TypeError);
    await expect(saveFigures({ f: { data: 1 } as never }, out)).rejects.toThrow(/figures\.f must be a plotly figure/);
    await expect(saveFigures(null as never, out)).rejects.toThrow(TypeError);
    await expect(saveFigures({ f }, "")).rejects.toThrow(/dir/);
    await expect(saveFigures({}, out)).rejects.toThrow(/at least one figure/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
