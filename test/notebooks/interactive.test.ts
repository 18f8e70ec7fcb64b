// Issue 6, the interactive path the README describes: a person opens notebook 1 in Jupyter Notebook on
// the tslab kernel, runs all cells, and sees interactive plotly figures. This test does exactly that in
// headless Chromium: it starts `jupyter notebook` on 127.0.0.1 (random port and token), opens a copy of
// notebooks/01-does-51-beat-chance.ipynb, clicks Cell > Run All, and checks that every cell that calls
// show() drew a live plotly plot (.js-plotly-plot with its svg.main-svg) and that no cell wrote an error.
//
// The committed notebook is never opened, so it can never be saved over. The copy sits next to it as
// notebooks/.interactive-<pid>.ipynb: the same depth, so its "../data/..." paths and the "evalgap"
// import (node_modules/evalgap -> ..) resolve as in the original, and a dot-file, so `npm run
// notebooks` (which skips dot-files) never picks it up if it runs meanwhile. afterAll deletes it.
//
// Nothing is skipped when Jupyter is missing: CI runs `npm run setup` before `npm test`, so a missing
// `jupyter notebook` fails here with the command that installs it.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBrowser, browserArgs } from "../../src/figures/browser.js";
import { ensureBuilt, type JupyterServer, loadJupyterEnv, notebookVersion, startJupyter } from "./jupyterServer.js";

const root = resolve(import.meta.dirname, "..", "..");
const original = join(root, "notebooks", "01-does-51-beat-chance.ipynb");
const copyName = `.interactive-${process.pid}.ipynb`;
const copy = join(root, "notebooks", copyName);
const screenshot = join(tmpdir(), `evalgap-interactive-${process.pid}.png`);
const scratch = mkdtempSync(join(tmpdir(), "evalgap-jupyter-"));
// 2 shared cores: the kernel compiles each cell and starts its own Chromium for the static PNGs.
const RUN_ALL_TIMEOUT_MS = 120_000;

interface NotebookJson {
  cells: { cell_type: string; source: string | string[]; outputs?: unknown[]; execution_count?: number | null }[];
  [key: string]: unknown;
}

/** The notebook with every output and execution count cleared, so only this session's run can pass. */
function cleared(notebook: NotebookJson): NotebookJson {
  return {
    ...notebook,
    cells: notebook.cells.map((cell) => (cell.cell_type === "code" ? { ...cell, outputs: [], execution_count: null } : cell)),
  };
}

const sourceText = (source: string | string[]) => (Array.isArray(source) ? source.join("") : source);

/** What the page shows for one code cell. */
interface CellState {
  /** The execution count once the cell ran; "*" while queued or running; null before. */
  prompt: number | string | null;
  source: string;
  plots: number;
  visiblePlots: number;
  /** Error tracebacks and stderr text (tslab reports compile errors and exceptions on stderr). */
  errors: string[];
}

/** The classic Notebook (6.x) frontend's global, as far as this test uses it. */
interface ClassicJupyter {
  notebook?: {
    _fully_loaded?: boolean;
    kernel?: { is_connected(): boolean } | null;
    set_autosave_interval(ms: number): void;
    execute_all_cells(): void;
    get_cells(): { cell_type: string; input_prompt_number?: number | string | null; element: ArrayLike<HTMLElement>; get_text(): string }[];
  };
}

/** Read every code cell's state from the page (runs in the browser). */
function readCells(page: Page): Promise<CellState[]> {
  return page.evaluate(() => {
    const jupyter = (window as unknown as { Jupyter?: ClassicJupyter }).Jupyter;
    const cells = jupyter?.notebook?.get_cells() ?? [];
    return cells
      .filter((cell) => cell.cell_type === "code")
      .map((cell) => {
        const el = cell.element[0];
        const plots = Array.from(el.querySelectorAll<SVGElement>(".output_area .js-plotly-plot .main-svg"));
        const errors = Array.from(el.querySelectorAll<HTMLElement>(".output_error, .output_stderr"), (e) => e.innerText);
        return {
          prompt: cell.input_prompt_number ?? null,
          source: cell.get_text(),
          plots: plots.length,
          visiblePlots: plots.filter((p) => p.getBoundingClientRect().width > 0 && p.getBoundingClientRect().height > 0).length,
          errors,
        };
      });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll `check` until it returns true; on timeout throw `describe()`'s explanation. */
async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, describe: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(500);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s: ${await describe()}`);
}

const firstLine = (source: string) => source.split("\n").find((l) => l.trim() !== "") ?? "";

let server: JupyterServer | undefined;
let browser: Browser | undefined;
let version = "";
let originalBytes: Buffer | undefined;

beforeAll(async () => {
  const jupyter = await loadJupyterEnv(root);
  // EVALGAP_SHOW=static (what `npm run notebooks` sets) would make show() emit a picture only.
  const env = jupyter.jupyterEnv();
  delete env.EVALGAP_SHOW;
  version = notebookVersion(jupyter.python, env);
  if (!jupyter.kernelRegistered()) {
    const { ok, output } = jupyter.registerKernel();
    if (!ok) throw new Error(`could not register the tslab kernel:\n${output}\nby hand: ${jupyter.registerCommand()}`);
  }
  ensureBuilt(root);
  originalBytes = readFileSync(original);
  const notebook = JSON.parse(originalBytes.toString("utf8")) as NotebookJson;
  writeFileSync(copy, `${JSON.stringify(cleared(notebook), null, 1)}\n`);
  server = await startJupyter({ python: jupyter.python, env, root, scratch });
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({ executablePath: findBrowser(), headless: true, args: [...browserArgs] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(copy, { force: true });
  rmSync(scratch, { recursive: true, force: true });
}, 60_000);

describe("notebook 1 in Jupyter Notebook (interactive)", () => {
  it("runs all cells on the tslab kernel and draws the plotly figures in the page", async () => {
    const started = Date.now();
    // Notebook 7 is a JupyterLab frontend with other menus and DOM: this test drives the classic one.
    expect(Number(version.split(".")[0]), `jupyter notebook ${version}: this test drives Notebook 6's classic page`).toBe(6);
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${server!.base}/notebooks/notebooks/${encodeURIComponent(copyName)}?token=${server!.token}`);

    const kernelState = () =>
      page.evaluate(() => {
        const nb = (window as unknown as { Jupyter?: ClassicJupyter }).Jupyter?.notebook;
        const icon = document.querySelector("#kernel_indicator_icon");
        return {
          loaded: nb?._fully_loaded === true,
          connected: nb?.kernel?.is_connected() === true,
          idle: icon?.classList.contains("kernel_idle_icon") === true,
          indicator: icon?.getAttribute("title") ?? "",
        };
      });
    await waitUntil(
      async () => {
        const s = await kernelState();
        return s.loaded && s.connected && s.idle;
      },
      60_000,
      async () => `the notebook page or the tslab kernel never became ready: ${JSON.stringify(await kernelState())}\n${server!.log()}`,
    );
    // Never write the copy (autosave every 2 minutes by default); the original is not open at all.
    await page.evaluate(() => (window as unknown as { Jupyter: Required<ClassicJupyter> }).Jupyter.notebook.set_autosave_interval(0));

    // Cell > Run All, as a person would; the frontend's own call if the menu ever moves.
    try {
      await page.click("#celllink", { timeout: 5_000 });
      await page.click("#run_all_cells", { timeout: 5_000 });
    } catch {
      await page.evaluate(() => (window as unknown as { Jupyter: Required<ClassicJupyter> }).Jupyter.notebook.execute_all_cells());
    }

    const report = (cells: CellState[]) =>
      cells.map((c, i) => `  cell ${i + 1} [${c.prompt ?? " "}] plots ${c.plots}: ${firstLine(c.source)}`).join("\n");
    let cells: CellState[] = [];
    await waitUntil(
      async () => {
        cells = await readCells(page);
        const failed = cells.find((c) => c.errors.length > 0);
        // An error stops the queue (later cells never get a number): fail now, with the message.
        if (failed) throw new Error(`a cell wrote an error: ${firstLine(failed.source)}\n${failed.errors.join("\n")}`);
        return cells.length > 0 && cells.every((c) => typeof c.prompt === "number");
      },
      RUN_ALL_TIMEOUT_MS,
      async () => `not every cell finished:\n${report(await readCells(page))}\npage errors: ${pageErrors.join("; ")}`,
    );
    // Plotly.newPlot draws after the output is appended: give the last figure a moment.
    const figureCells = () => cells.filter((c) => /\bshow\(/.test(c.source));
    await waitUntil(
      async () => {
        cells = await readCells(page);
        return figureCells().every((c) => c.visiblePlots >= 1);
      },
      15_000,
      async () => `a show() cell has no visible plotly plot:\n${report(cells)}\npage errors: ${pageErrors.join("; ")}`,
    );

    const plot = page.locator(".output_area .js-plotly-plot .main-svg").first();
    await plot.scrollIntoViewIfNeeded();
    expect(await plot.isVisible()).toBe(true);
    await page.screenshot({ path: screenshot });

    // Notebook 1 shows six figures (p-value and interval against n, baselines, power, posterior,
    // equivalence); each show() cell drew a live plot, not only the static fallback image.
    expect(figureCells().length).toBeGreaterThanOrEqual(6);
    for (const cell of figureCells()) expect(cell.visiblePlots, firstLine(cell.source)).toBeGreaterThanOrEqual(1);
    expect(cells.flatMap((c) => c.errors)).toEqual([]);
    expect(cells.every((c) => typeof c.prompt === "number")).toBe(true);
    await page.close();
    console.log(`interactive notebook 1: ${((Date.now() - started) / 1000).toFixed(1)} s, screenshot ${screenshot}`);
  }, 180_000);

  it("leaves the committed notebook untouched and serves only a temporary copy", () => {
    expect(readFileSync(original).equals(originalBytes!)).toBe(true);
    expect(existsSync(copy)).toBe(true);
    const committed = JSON.parse(readFileSync(original, "utf8")) as NotebookJson;
    const served = JSON.parse(readFileSync(copy, "utf8")) as NotebookJson;
    // Autosave is off, so the copy on disk still has no outputs: nothing was saved during the run.
    expect(served.cells.flatMap((c) => c.outputs ?? [])).toEqual([]);
    expect(served.cells.map((c) => sourceText(c.source))).toEqual(committed.cells.map((c) => sourceText(c.source)));
  });
});
