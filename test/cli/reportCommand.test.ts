import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../src/figures/browser.js";
import { escapeHtml } from "../../src/paper/report.js";
import { inProcess, realFiles, realFlags, root } from "./helpers.js";

const ablations = join(root, "data/simulated/ablations-simulated.jsonl");
let dir: string;
let page: string;
let pagePath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "evalgap-report-"));
  pagePath = join(dir, "sub", "report.html");
  const r = await inProcess(["report", ablations, "--out", pagePath, "--title", "Ablations <simulated>"]);
  expect(r).toMatchObject({ code: 0 });
  expect(r.out).toMatch(/^wrote .*report\.html \(\d+ KB; 5 conditions, 2 figures\)\n$/);
  page = await readFile(pagePath, "utf8");
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("evalgap report", () => {
  it("holds the same family sentence, tie groups and chance verdicts as compare --all-pairs and chance", async () => {
    const pairs = JSON.parse((await inProcess(["compare", ablations, "--all-pairs", "--json"])).out) as { sentence: string; conditions: { condition: string; letters: string }[] };
    expect(page).toContain(`<p class="sentence">${escapeHtml(pairs.sentence)}</p>`);
    for (const c of pairs.conditions) expect(page).toContain(`<tr><td>${escapeHtml(c.condition)}</td>`);
    const chance = JSON.parse((await inProcess(["chance", ablations, "--json"])).out) as { condition: string; significantAfterHolm: boolean }[];
    expect(chance).toHaveLength(5);
    const beat = chance.filter((c) => c.significantAfterHolm).length;
    expect(page).toContain(`${beat} of 5 conditions beat chance at α = 0.05 after Holm's adjustment for 5 tests`);
  });

  it("has the loading summary, the summary table, both figures as inline SVG and a footer with version and commit", () => {
    expect(page).toContain("<h1>Ablations &lt;simulated&gt;</h1>");
    expect(page).toContain("1 file, 1,500 records, 5 conditions");
    expect(page).toContain("<th>method</th>");
    expect(page).toMatch(/korn-graubard \(30 clusters\)/);
    expect(page.match(/<figure><svg/g)).toHaveLength(2);
    expect(page).toMatch(/<footer>Made by evalgap 0\.1\.0( \(commit [0-9a-f]{7,}(, with uncommitted changes)?\))? on \d{4}-\d\d-\d\dT/);
  });

  it("is self-contained: every reference is inside the page (#id or data:), and it has no scripts", () => {
    const refs = [...page.matchAll(/(?:href|src)="([^"]*)"|url\(['"]?([^'")]*)/g)].map((m) => m[1] ?? m[2]);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((r) => !r.startsWith("#") && !r.startsWith("data:"))).toEqual([]);
    expect(page).not.toMatch(/<script/i);
  });

  it("opens in Chromium with no errors and no request leaving the page", async () => {
    const browser = await launchBrowser();
    try {
      const tab = await browser.newPage();
      const problems: string[] = [];
      tab.on("console", (m) => m.type() === "error" && problems.push(m.text()));
      tab.on("pageerror", (e) => problems.push(e.message));
      tab.on("request", (r) => !r.url().startsWith("file:") && !r.url().startsWith("data:") && problems.push(`request ${r.url()}`));
      await tab.goto(`file://${pagePath}`);
      expect(problems).toEqual([]);
      expect(await tab.locator("figure svg.main-svg").count()).toBe(2);
      expect(await tab.locator("table.pairs tbody tr").count()).toBe(10);
    } finally {
      await browser.close();
    }
  }, 30_000);

  it("reads the real temperature runs with the reading flags (clustered, 10 answers per item)", async () => {
    const out = join(dir, "real.html");
    const r = await inProcess(["report", ...realFiles, ...realFlags, "--out", out]);
    expect(r.code).toBe(0);
    const real = await readFile(out, "utf8");
    expect(real).toContain("2 files, ");
    expect(real).toContain("<td>0.0</td>");
    expect(real).toContain("<td>1.0</td>");
    expect(real).toMatch(/<td class="num">10<\/td>/); // samples per item
    expect(real).toContain("empty answers counted as wrong"); // the reader's notes are on the page
  }, 60_000);

  it("with one condition, says there is nothing to compare and draws no figures", async () => {
    const one = join(dir, "one.jsonl");
    await writeFile(one, ["q1", "q2", "q3"].map((item, i) => JSON.stringify({ item, condition: "only", score: i === 0 ? 0 : 1 })).join("\n"));
    const out = join(dir, "one.html");
    const r = await inProcess(["report", one, "--out", out]);
    expect(r).toMatchObject({ code: 0, out: expect.stringContaining("1 condition, 0 figures") });
    expect(await readFile(out, "utf8")).toContain("Only one condition: there is nothing to compare.");
  });

  it("bad input exits 2 and names the flag", async () => {
    expect(await inProcess(["report", ablations])).toMatchObject({ code: 2, err: "evalgap report: --out is required\n" });
    expect(await inProcess(["report", ablations, "--out", join(dir, "x.html"), "--title", " "])).toMatchObject({ code: 2, err: 'evalgap report: --title must be non-empty text, got " "\n' });
  });
});
