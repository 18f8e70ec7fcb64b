/**
 * pairwiseMatrixFigure as data (conditions sorted, antisymmetric gaps in points, "*" exactly where
 * the adjusted p is below α, blank diagonal, colour scale centred at 0) and as drawn (one cell per
 * pair, each drawn twice; every label inside the figure).
 */
import { describe, expect, it } from "vitest";
import { compareAll } from "../../src/analysis/compareAll.js";
import { formatPoints } from "../../src/analysis/format.js";
import { pairwiseMatrixFigure, significanceMark } from "../../src/figures/pairwiseMatrixFigure.js";
import { familyRecords } from "./familyRecords.js";
import { type Obj, titleOf } from "./helpers.js";
import { chromiumForTests } from "./inspect.js";

const family = compareAll(familyRecords, { pairs: "all" });
const order = ["top", "middle", "lower", "behind"];

describe("pairwiseMatrixFigure", () => {
  it("lays the conditions out by accuracy with row − column gaps in points and a blank diagonal", () => {
    const fig = pairwiseMatrixFigure({ ...family, conditions: [...family.conditions].reverse() });
    const cells = fig.data[0] as Obj;
    expect(cells.x).toEqual(order);
    expect(cells.y).toEqual(order);
    // top − behind = 50/60 − 20/60 = 50 points; behind − top the negative.
    expect(cells.z[0][3]).toBeCloseTo(50, 10);
    expect(cells.z[3][0]).toBeCloseTo(-50, 10);
    for (let i = 0; i < 4; i++) {
      expect(cells.z[i][i]).toBeNull();
      expect(cells.text[i][i]).toBe("");
      for (let j = 0; j < 4; j++) if (i !== j) expect(cells.z[i][j]).toBeCloseTo(-cells.z[j][i], 12);
    }
    expect(titleOf(fig)).toBe("Gap row − column; * adjusted p < 0.05 (Holm's adjustment)");
    // The correction is named as the sentences name it; without one the p is not "adjusted".
    expect(titleOf(pairwiseMatrixFigure(compareAll(familyRecords, { pairs: "all", correction: "bh" })))).toBe("Gap row − column; * adjusted p < 0.05 (the Benjamini–Hochberg false-discovery-rate adjustment)");
    expect(titleOf(pairwiseMatrixFigure(compareAll(familyRecords, { pairs: "all", correction: "none" })))).toBe("Gap row − column; * p < 0.05 (no adjustment for multiple comparisons)");
  });
  it("marks exactly the cells whose pair has adjusted p < α", () => {
    const cells = pairwiseMatrixFigure(family).data[0] as Obj;
    let marked = 0;
    for (const c of family.comparisons) {
      const [i, j] = [order.indexOf(c.treatment), order.indexOf(c.baseline)];
      const mark = c.adjustedPValue < family.alpha ? significanceMark : "";
      expect(cells.text[i][j]).toBe(`${formatPoints(c.estimate)}${mark}`);
      expect(cells.text[j][i]).toBe(`${formatPoints(-c.estimate)}${mark}`);
      if (mark) marked++;
    }
    // Holm over the six pairs: all but top–middle and middle–lower (adjusted p 0.125 each).
    expect(marked).toBe(4);
    expect(cells.text[0][1]).toBe("+8.3 pp");
    expect(cells.text[0][2]).toBe("+16.7 pp*");
    expect(cells.customdata[0][2]).toBe("top − lower: +16.7 pp<br>adjusted p = 0.0059");
  });
  it("with many conditions numbers the columns as the rows, prints gaps without pp (marks only above twelve), and widens to fit", () => {
    // k conditions on 40 nested items: condition c_i gets the first 40 − 2i right.
    const many = (k: number) => compareAll(Array.from({ length: k }, (_, i) => Array.from({ length: 40 }, (_, q) => ({ item: `q${q}`, condition: `setting number ${i}`, score: q < 40 - 2 * i ? 1 : 0 }))).flat(), { pairs: "all" });
    const nine = many(9);
    const fig = pairwiseMatrixFigure(nine);
    const cells = fig.data[0] as Obj;
    expect(cells.x).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    expect(cells.y[0]).toBe("1. setting number 0");
    const c = nine.comparisons[0];
    expect(cells.text[0][1]).toBe(`${formatPoints(c.estimate).replace(" pp", "")}${c.adjustedPValue < nine.alpha ? significanceMark : ""}`);
    expect(fig.layout.width as number).toBeGreaterThanOrEqual(900);
    const thirteen = many(13);
    const dense = pairwiseMatrixFigure(thirteen).data[0] as Obj;
    const marks = thirteen.comparisons.filter((p) => p.adjustedPValue < thirteen.alpha).length;
    expect(dense.text.flat().filter((t: string) => t === significanceMark).length).toBe(2 * marks);
    expect(dense.text.flat().every((t: string) => t === "" || t === significanceMark)).toBe(true);
    // Four short names keep their names on both axes (the first test) and no width of their own.
    expect(pairwiseMatrixFigure(family).layout.width).toBeUndefined();
  });
  it("centres the diverging colour scale at 0: white at the middle, limits ± the largest gap", () => {
    const cells = pairwiseMatrixFigure(family).data[0] as Obj;
    expect(cells.zmin).toBeCloseTo(-50, 10);
    expect(cells.zmax).toBe(-cells.zmin);
    expect(cells.colorscale[1]).toEqual([0.5, "#FFFFFF"]);
    expect(cells.colorscale[0][1]).not.toBe(cells.colorscale[2][1]);
  });
  it("rejects a baseline family, one condition, and pairs of unknown conditions", () => {
    expect(() => pairwiseMatrixFigure(compareAll(familyRecords, { baseline: "top" }) as never)).toThrow(/allPairs must be the result of compareAll/);
    expect(() => pairwiseMatrixFigure({ ...family, conditions: family.conditions.slice(0, 1) })).toThrow(/at least two conditions, got 1/);
    expect(() => pairwiseMatrixFigure({ ...family, conditions: family.conditions.slice(0, 2) })).toThrow(/pair "top" − "lower" whose condition is not in/);
  });
});

describe("pairwiseMatrixFigure drawn", () => {
  const chromium = chromiumForTests();
  it("prints every off-diagonal cell once, inside the figure", async () => {
    const fig = pairwiseMatrixFigure(family);
    const out = await chromium.renderer().render(fig, ["svg"], { width: 900, height: fig.layout.height as number, scale: 1 });
    await chromium.page().setContent(`<!doctype html><html><body style="margin:0">${out.svg!}</body></html>`);
    const texts = await chromium.page().evaluate(() =>
      Array.from(document.querySelectorAll(".heatmaplayer text")).map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent ?? "", left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      }),
    );
    const cells = fig.data[0].text as string[][];
    expect(texts.map((t) => t.text).sort()).toEqual(cells.flat().filter((t) => t !== "").sort());
    for (const t of texts) {
      expect(t.left).toBeGreaterThanOrEqual(0);
      expect(t.right).toBeLessThanOrEqual(900);
    }
  }, 30_000);
});
