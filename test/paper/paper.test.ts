/**
 * `npm run paper` end to end, into a temporary folder (never figures/): every figure's files exist,
 * every link of the gallery resolves, report.md has one row per verdict. Needs Chromium (CI installs it).
 */
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { escapeCell, galleryHtml, reportMarkdown } from "../../scripts/paper/gallery.js";
import { runPaper, sharedPlotlyHtml, stableSvg, withTraceIds, type PaperResult } from "../../scripts/paper/pipeline.js";
import type { NotebookStory } from "../../src/paper/types.js";

const outDir = mkdtempSync(join(tmpdir(), "evalgap-paper-"));
const lines: string[] = [];
let result: PaperResult;

beforeAll(async () => {
  result = await runPaper({ dataDir: resolve("data"), outDir, log: (l) => lines.push(l) });
}, 120_000);

describe("npm run paper", () => {
  it("writes svg, png and html for every figure, plus the shared plotly, index.html and report.md", () => {
    const figures = result.stories.flatMap((s) => s.figures);
    expect(figures.length).toBeGreaterThanOrEqual(15);
    expect(result.files).toHaveLength(3 * figures.length + 3);
    for (const file of result.files) expect(statSync(join(outDir, file)).size, file).toBeGreaterThan(0);
    for (const f of figures) {
      expect(readFileSync(join(outDir, `${f.name}.svg`), "utf8")).toMatch(/^<svg/);
      expect(readFileSync(join(outDir, `${f.name}.png`)).subarray(1, 4).toString()).toBe("PNG");
    }
  });

  it("prints one progress line per figure and a summary", () => {
    const figures = result.stories.flatMap((s) => s.figures);
    expect(lines).toHaveLength(figures.length + 1);
    figures.forEach((f, i) => expect(lines[i]).toContain(f.name));
    expect(lines[lines.length - 1]).toMatch(/^paper: \d+ figures from \d+ notebooks, \d+ verdicts/);
  });

  it("every link and image of the gallery resolves inside the folder; notebook links name the notebooks", () => {
    const html = readFileSync(join(outDir, "index.html"), "utf8");
    const targets = [...html.matchAll(/(?:href|src)="([^"#]+)"/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(0);
    const notebooks = new Set(result.stories.map((s) => `../notebooks/${s.notebook}.ipynb`));
    for (const t of targets) {
      if (t.startsWith("../notebooks/")) expect(notebooks.has(t), t).toBe(true);
      else expect(existsSync(join(outDir, t)), t).toBe(true);
    }
    for (const s of result.stories) for (const f of s.figures) expect(html).toContain(`<img src="${f.name}.svg"`);
  });

  it("report.md has one row per verdict, three cells each", () => {
    const md = readFileSync(join(outDir, "report.md"), "utf8");
    const rows = md.split("\n").filter((l) => l.startsWith("| ["));
    expect(rows).toHaveLength(result.stories.reduce((n, s) => n + s.verdicts.length, 0));
    // Three cells: four unescaped pipes per row.
    for (const r of rows) expect(r.replace(/\\\|/g, "").split("|")).toHaveLength(5);
  });

  it("figure pages load the one shared plotly instead of inlining 4.8 MB each", () => {
    const page = readFileSync(join(outDir, `${result.stories[0].figures[0].name}.html`), "utf8");
    expect(page).toContain('<script src="plotly.min.js"></script>');
    expect(page.length).toBeLessThan(200_000);
  });
});

describe("the pieces", () => {
  const fig = { data: [{ type: "scatter", x: [1], y: [2] }], layout: { title: { text: "T" } } };

  it("stableSvg replaces plotly's random plot id everywhere, by one derived from the name", () => {
    const svg = '<svg><defs id="defs-3a57cf"><clipPath id="clip3a57cfxyplot"></clipPath></defs><g fill="#3a57cf"></g></svg>';
    const out = stableSvg(svg, "01-x");
    expect(out).not.toMatch(/defs-3a57cf|clip3a57cf/);
    expect(out).toContain('fill="#3a57cf"'); // a colour is not an id
    expect(stableSvg(svg.replace(/3a57cf/g, "bbbbbb"), "01-x")).toBe(out.replace('fill="#3a57cf"', 'fill="#bbbbbb"'));
  });

  it("withTraceIds numbers traces without touching the input or a given uid", () => {
    const two = { ...fig, data: [...fig.data, { type: "bar", uid: "keep" }] };
    expect(withTraceIds(two).data.map((t) => t.uid)).toEqual(["t0", "keep"]);
    expect("uid" in fig.data[0]).toBe(false);
    expect(sharedPlotlyHtml(fig)).toContain('<script src="plotly.min.js"></script>');
  });

  it("gallery and report escape what they quote", () => {
    const story: NotebookStory = {
      notebook: "09-x",
      title: "A <b> title",
      figures: [{ name: "09-a", caption: 'say "hi" & <go>', figure: fig, simulated: true }],
      verdicts: [{ question: "a | b?", answer: "yes\nno" }],
    };
    expect(galleryHtml([story])).toContain("say &quot;hi&quot; &amp; &lt;go&gt;");
    expect(reportMarkdown([story])).toContain("| a \\| b? | yes no |");
    expect(escapeCell("x|y")).toBe("x\\|y");
  });
});
