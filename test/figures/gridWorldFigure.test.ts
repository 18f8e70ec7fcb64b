/**
 * gridWorldFigure: objects by kind, each walk's start and one arrow per move (stays counted, not
 * drawn), rows from the top; bad input named; drawn in real Chromium without a plotly complaint.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../../src/figures/browser.js";
import { gridWorldFigure, type GridWorldInput } from "../../src/figures/gridWorldFigure.js";
import { FigureRenderer } from "../../src/figures/render.js";
import { pngSize } from "./inspect.js";
import { type Obj, titleOf } from "./helpers.js";

// 3×3: a hat at (1,3), a key at (3,1); walk 1 goes (2,2) → (1,2) → (1,3), walk 2 stays once then steps east.
const world: GridWorldInput = {
  size: 3,
  kinds: [{ name: "hat", symbol: "H" }, { name: "key", symbol: "K" }],
  objects: [{ row: 1, column: 3, kind: 0 }, { row: 3, column: 1, kind: 1 }],
  walks: [{ cells: [[2, 2], [1, 2], [1, 3]] }, { cells: [[2, 2], [2, 2], [2, 3]] }],
};

describe("gridWorldFigure", () => {
  const fig = gridWorldFigure(world);
  const data = fig.data as Obj[];
  const layout = fig.layout as Obj;

  it("draws one trace per kind at its cells, with its letter, and row 1 at the top", () => {
    expect(data.slice(0, 2).map((t) => [t.name, t.x, t.y, t.text])).toEqual([
      ["hat (H)", [3], [1], ["H"]],
      ["key (K)", [1], [3], ["K"]],
    ]);
    expect(layout.yaxis.range).toEqual([3.5, 0.5]);
    expect(layout.xaxis.range).toEqual([0.5, 3.5]);
    expect(layout.yaxis.scaleanchor).toBe("x");
    // 4 vertical and 4 horizontal cell borders.
    expect(layout.shapes).toHaveLength(8);
  });

  it("marks each walk's start (walks set apart by ±0.18), one arrow per move, stays counted in the legend", () => {
    expect(data.slice(2).map((t) => [t.name, t.x, t.y])).toEqual([
      ["walk 1: 2 moves → hat", [2 - 0.18], [2 - 0.18]],
      ["walk 2: 2 moves, 1 stay (cut off)", [2 + 0.18], [2 + 0.18]],
    ]);
    const arrows = (layout.annotations as Obj[]).map((a) => [a.ax, a.ay, a.x, a.y]);
    expect(arrows).toEqual([
      [1.82, 1.82, 1.82, 0.82],
      [1.82, 0.82, 2.82, 0.82],
      [2.18, 2.18, 3.18, 2.18],
    ].map((a) => a.map((v) => expect.closeTo(v, 12))));
    expect(titleOf(fig)).toBe("A 3×3 world: 2 objects of 2 kinds, 2 walks");
  });

  it("takes a finding as its title, and centres a single walk", () => {
    const one = gridWorldFigure({ ...world, walks: [world.walks[0]] }, { finding: "One walk" });
    expect(titleOf(one)).toBe("One walk");
    expect((one.data as Obj[])[2].x).toEqual([2]);
  });

  it("names the bad argument and its value", () => {
    expect(() => gridWorldFigure({ ...world, size: 0 })).toThrow(/world\.size/);
    expect(() => gridWorldFigure({ ...world, objects: [{ row: 4, column: 1, kind: 0 }] })).toThrow("world.objects[0] must lie on the 3×3 grid (rows and columns 1–3), got [4, 1]");
    expect(() => gridWorldFigure({ ...world, objects: [{ row: 1, column: 1, kind: 2 }] })).toThrow("world.objects[0].kind must index world.kinds (0–1), got 2");
    expect(() => gridWorldFigure({ ...world, walks: [{ cells: [[1, 1], [3, 3]] }] })).toThrow("world.walks[0].cells[1] must be next to the cell before it or the same, got [3, 3] after [1, 1]");
    expect(() => gridWorldFigure({ ...world, walks: [{ cells: [] }] })).toThrow(/world\.walks\[0\]\.cells must be a non-empty array/);
    expect(() => gridWorldFigure({ ...world, kinds: [] })).toThrow("world.kinds must hold at least one row, got 0");
  });
});

describe("gridWorldFigure in Chromium", () => {
  let browser: Browser;
  let renderer: FigureRenderer;
  beforeAll(async () => {
    browser = await launchBrowser();
    renderer = await FigureRenderer.open(browser);
  }, 60_000);
  afterAll(async () => {
    await renderer?.close();
    await browser?.close();
  });

  it("renders without a plotly complaint, at its own height", async () => {
    const fig = gridWorldFigure(world);
    const out = await renderer.render(fig, ["png"], { width: 900, height: fig.layout.height as number, scale: 1 });
    expect(pngSize(out.png!)).toEqual({ width: 900, height: 680 });
  }, 30_000);
});
