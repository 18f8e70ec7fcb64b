// The baseline page in real Chromium (playwright-core): open it from a file:// URL with the network
// blocked, answer five items by clicking, download the JSONL and read it with loadRuns.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../../src/figures/browser.js";
import { loadRuns } from "../../../src/runs/loadRuns.js";
import { baselinePage } from "../../../src/tasks/valueInference/baselinePage.js";
import { generateValueInferenceTasks } from "../../../src/tasks/valueInference/generateTasks.js";

const tasks = generateValueInferenceTasks({ items: 6, seed: 5, question: "both", trajectories: 2 });
let dir: string;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "evalgap-baseline-"));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("baseline page in Chromium", () => {
  it("records five clicked answers, with their time, as runs loadRuns reads", async () => {
    const file = join(dir, "baseline.html");
    writeFileSync(file, baselinePage(tasks, { name: "Ada" }));
    const page = await browser.newPage({ acceptDownloads: true });
    const fetched: string[] = [];
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:") || url.startsWith("blob:")) return route.continue();
      fetched.push(url);
      return route.abort();
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`file://${file}`);

    // Right on the odd items, wrong on the even ones, so the scores test both directions.
    const clicked: string[] = [];
    for (let i = 0; i < 5; i++) {
      const task = tasks[i];
      await expect.poll(() => page.textContent("#progress")).toBe(`Item ${i + 1} of 6`);
      // The world is drawn: one mark per object, one arrow line per move (stays drawn as rings).
      expect(await page.locator("#grid svg rect").count()).toBe(task.meta.kinds.length * task.meta.objectsPerKind);
      const answers = await page.locator("#choices button").evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.answer!));
      const pick = i % 2 === 0 ? task.target : answers.find((a) => a !== task.target)!;
      clicked.push(pick);
      await page.waitForTimeout(5);
      await page.click(`#choices button[data-answer="${pick}"]`);
    }
    await page.click("#stop");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    expect(download.suggestedFilename()).toBe("baseline-Ada.jsonl");
    const saved = join(dir, "baseline-Ada.jsonl");
    await download.saveAs(saved);

    const runs = await loadRuns(saved, { meta: ["ms"] });
    expect(runs.map((r) => r.item)).toEqual(tasks.slice(0, 5).map((t) => t.id));
    expect(new Set(runs.map((r) => r.condition))).toEqual(new Set(["human: Ada"]));
    expect(runs.map((r) => r.answer)).toEqual(clicked);
    expect(runs.map((r) => r.score)).toEqual([1, 0, 1, 0, 1]);
    expect(runs.map((r) => r.target)).toEqual(tasks.slice(0, 5).map((t) => t.target));
    expect(runs.map((r) => r.choices)).toEqual(tasks.slice(0, 5).map((t) => t.choices.length));
    expect(runs.map((r) => r.cluster)).toEqual(tasks.slice(0, 5).map((t) => t.cluster));
    expect(runs.every((r) => r.sample === 0)).toBe(true);
    for (const r of runs) expect(r.meta?.ms).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(fetched).toEqual([]);
  }, 20_000);
});
