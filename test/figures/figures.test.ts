/**
 * The figure functions as pure data: what they put in `{ data, layout }` for known inputs, the
 * titles they state, and the errors bad inputs raise. Drawing is tested in render.test.ts.
 */
import { describe, expect, it } from "vitest";
import { discordanceFigure } from "../../src/figures/discordance.js";
import { forestFigure } from "../../src/figures/forest.js";
import { gapFigure } from "../../src/figures/gap.js";
import { itemScatterFigure, markerSize } from "../../src/figures/itemScatter.js";
import { posteriorFigure } from "../../src/figures/posterior.js";
import { powerFigure } from "../../src/figures/power.js";
import { pValueFigure } from "../../src/figures/pvalue.js";
import { sweepFigure } from "../../src/figures/sweep.js";
import { plainText, scriptJson } from "../../src/figures/html.js";
import {
  baseLayout,
  escapeText,
  formatCount,
  formatPercent,
  formatPoints,
  formatPValue,
  referenceLine,
  seriesColor,
  withAlpha,
  wrapText,
} from "../../src/figures/theme.js";
import { checkEstimate, checkOptionalCount, checkOptionalText, checkRows, checkText } from "../../src/figures/check.js";
import { figureHtml, plotConfig } from "../../src/figures/html.js";
import { figureTitle, readPlotly } from "../../src/figures/render.js";
import { checkSize } from "../../src/figures/save.js";
import { sampleSizePhrase } from "../../src/figures/forest.js";
import { expectClose } from "../helpers/close.js";

type Obj = Record<string, any>;
/** Title text as read: plotly line breaks back to spaces, entities decoded. */
const plain = (s: string) => s.replace(/<br>/g, " ").replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/&amp;/g, "&");
const titleOf = (f: { layout: Obj }) => plain(f.layout.title.text as string);
const subtitleOf = (f: { layout: Obj }) => plain(f.layout.title.subtitle.text as string);

// Wilson 95% interval for 260/500 from R prop.test(260, 500, correct = FALSE): 0.4762, 0.5635.
const zeroShot = { label: "zero-shot", estimate: 0.52, lower: 0.4762, upper: 0.5635, n: 500 };

describe("theme formatting", () => {
  it("formats percents, points and p-values the way the titles print them", () => {
    expect(formatPercent(0.5123)).toBe("51.2%");
    expect(formatPoints(0.031)).toBe("+3.1 pp");
    expect(formatPoints(-0.012)).toBe("−1.2 pp");
    expect(formatPoints(0.0001)).toBe("0.0 pp");
    expect(formatPValue(0.0003)).toBe("p < 0.001");
    expect(formatPValue(0.0234)).toBe("p = 0.02");
    expect(formatPValue(0.0042)).toBe("p = 0.004");
  });
  it("wraps long titles at spaces", () => {
    expect(wrapText("aaa bbb ccc", 7)).toEqual(["aaa bbb", "ccc"]);
    expect(wrapText("short", 66)).toEqual(["short"]);
  });
});

describe("documented examples of the helpers", () => {
  it("theme", () => {
    expect(seriesColor(7)).toBe("#0072B2");
    expect(withAlpha("#0072B2", 0.3)).toBe("rgba(0, 114, 178, 0.3)");
    expect(formatCount(12345)).toBe("12,345");
    expect(escapeText("x < y & z")).toBe("x &lt; y &amp; z");
    expect(baseLayout({ title: "T", xTitle: "x (%)", yTitle: "y" }).margin).toEqual({ l: 80, r: 50, t: 58, b: 80 });
    expect(referenceLine("x", 0.5, "#000000").x0).toBe(0.5);
    expect(sampleSizePhrase([480, 500])).toBe("n = 480–500 items");
  });
  it("checks", () => {
    expect(() => checkRows("rows", [])).toThrow("rows must hold at least one row, got 0");
    expect(() => checkRows("rows", [3])).toThrow(TypeError);
    expect(() => checkText("label", "")).toThrow('label must not be empty, got ""');
    expect(checkOptionalText("finding", undefined)).toBeUndefined();
    expect(() => checkEstimate("rows[0]", { estimate: 0.5, lower: 0.6, upper: 0.7 }, true)).toThrow(RangeError);
    expect(() => checkOptionalCount("n", 2.5)).toThrow("n must be an integer count, got 2.5");
  });
  it("export helpers", () => {
    expect(checkSize({})).toEqual({ width: 900, height: 560, scale: 2 });
    expect(() => checkSize({ scale: 11 })).toThrow(/scale/);
    expect(plotConfig(900, 560, 2).toImageButtonOptions).toEqual({ format: "png", width: 900, height: 560, scale: 2 });
    expect(readPlotly().includes("plotly.js v4")).toBe(true);
    expect(figureTitle({ data: [], layout: { title: { text: "T" } } })).toBe("T");
    expect(figureTitle({ data: [], layout: {} })).toBe("evalgap figure");
    expect(figureHtml({ data: [], layout: { title: { text: "x" } } }, "x", 900, 560, 2).startsWith("<!doctype html>")).toBe(true);
    expect(scriptJson("</script>")).toBe('"\\u003c/script>"');
  });
});

describe("HTML helpers", () => {
  it("keeps labels from closing the script element, and reads titles back as plain text", () => {
    const json = scriptJson({ label: "</script><script>alert(1)</script>" });
    expect(json).not.toContain("</script");
    expect(JSON.parse(json)).toEqual({ label: "</script><script>alert(1)</script>" });
    expect(plainText("P(p &gt; 50%)<br>n = 10")).toBe("P(p > 50%) n = 10");
  });
  it("escapes label text that plotly would read as markup", () => {
    const fig = forestFigure([{ ...zeroShot, label: "a<b" }], { finding: "x < y & z" });
    expect((fig.layout as Obj).title.text).toBe("x &lt; y &amp; z");
  });
});

describe("forestFigure", () => {
  it("matches the doc example: labels carry n, first row on top, chance line labelled", () => {
    const fig = forestFigure([zeroShot], { chance: { value: 0.5, kind: "uniform" } });
    expect(fig.data[0].y).toEqual(["zero-shot (n = 500)"]);
    expect(fig.data[0].x).toEqual([0.52]);
    const err = fig.data[0].error_x as Obj;
    expectClose(err.array[0], 0.5635 - 0.52, "upper arm");
    expectClose(err.arrayminus[0], 0.52 - 0.4762, "lower arm");
    expect(titleOf(fig)).toBe("zero-shot: 52.0% (95% CI 47.6%–56.4%)");
    expect((fig.layout.shapes as Obj[])[0]).toMatchObject({ x0: 0.5, x1: 0.5 });
    expect((fig.layout.annotations as Obj[])[0].text).toBe("chance (uniform) 50.0%");
    expect((fig.layout.yaxis as Obj).autorange).toBe("reversed");
    expect((fig.layout.xaxis as Obj).title.text).toBe("Accuracy (%)");
  });
  it("states the caller's finding and one label per chance kind", () => {
    const fig = forestFigure([zeroShot, { ...zeroShot, label: "cot", n: 480 }], {
      chance: [{ value: 0.25, kind: "uniform" }, { value: 0.4, kind: "majority" }],
      finding: "Both beat chance",
      level: 0.9,
    });
    expect(titleOf(fig)).toBe("Both beat chance");
    expect(subtitleOf(fig)).toBe("n = 480–500 items per condition · bars: 90% CI");
    expect((fig.layout.annotations as Obj[]).map((a) => a.text)).toEqual(["chance (uniform) 25.0%", "chance (majority) 40.0%"]);
  });
  it("takes a label for a reference line that is not chance, and keeps edge labels inside the plot", () => {
    const fig = forestFigure([zeroShot], {
      chance: [{ value: 0.45, kind: "floor", label: "weak = PGR 0" }, { value: 0.6, kind: "ceiling" }],
    });
    const notes = fig.layout.annotations as Obj[];
    expect(notes.map((a) => a.text)).toEqual(["weak = PGR 0", "chance (ceiling) 60.0%"]);
    // Range [0.43, 0.62]: 0.45 sits in the left quarter, 0.6 in the right quarter.
    expect(notes.map((a) => a.xanchor)).toEqual(["left", "right"]);
    expect(() => forestFigure([zeroShot], { chance: { value: 0.5, kind: "k", label: "" } })).toThrow(/chance\[0\]\.label/);
  });
  it("rejects bad rows", () => {
    expect(() => forestFigure([])).toThrow(RangeError);
    expect(() => forestFigure([])).toThrow(/rows/);
    expect(() => forestFigure("x" as never)).toThrow(TypeError);
    expect(() => forestFigure([{ ...zeroShot, lower: 0.6 }])).toThrow(/rows\[0\] must have lower ≤ estimate ≤ upper/);
    expect(() => forestFigure([{ ...zeroShot, estimate: NaN }])).toThrow(TypeError);
    expect(() => forestFigure([{ ...zeroShot, upper: 1.2 }])).toThrow(/rows\[0\]\.upper/);
    expect(() => forestFigure([{ ...zeroShot, n: 2.5 }])).toThrow(/rows\[0\]\.n/);
    expect(() => forestFigure([{ ...zeroShot, label: "" }])).toThrow(/rows\[0\]\.label/);
    expect(() => forestFigure([zeroShot], { chance: { value: 2, kind: "uniform" } })).toThrow(/chance\[0\]\.value/);
    expect(() => forestFigure([zeroShot], { level: 95 })).toThrow(/level/);
  });
});

describe("gapFigure", () => {
  const rows = [
    { label: "CoT vs plain", estimate: 0.031, lower: 0.012, upper: 0.05, pAdjusted: 0.004, significant: true },
    { label: "persona vs plain", estimate: -0.01, lower: -0.04, upper: 0.02, pAdjusted: 0.5, significant: false },
  ];
  it("draws gaps in points, significant filled and the rest open, with the zero line", () => {
    const fig = gapFigure(rows.slice(0, 1));
    expect(fig.data).toHaveLength(1);
    expectClose((fig.data[0].x as number[])[0], 3.1, "gap in points");
    expect(titleOf(fig)).toBe("CoT vs plain: +3.1 pp, significant after adjustment");
    const both = gapFigure(rows, { correction: "Holm" });
    expect(both.data.map((t) => t.name)).toEqual(["significant", "not significant"]);
    expect((both.data[1].marker as Obj).color).toBe("#FFFFFF");
    expect(titleOf(both)).toBe("1 of 2 gaps significant after Holm adjustment");
    expect((both.layout.shapes as Obj[])[0]).toMatchObject({ x0: 0, x1: 0 });
    expect((both.layout.annotations as Obj[]).map((a) => a.text)).toEqual(["+3.1 pp, adj. p = 0.004", "−1.0 pp, adj. p = 0.50"]);
    expect((both.layout.yaxis as Obj).categoryarray).toEqual(["CoT vs plain", "persona vs plain"]);
  });
  it("rejects bad rows", () => {
    expect(() => gapFigure([{ ...rows[0], significant: "yes" as never }])).toThrow(/rows\[0\]\.significant/);
    expect(() => gapFigure([{ ...rows[0], pAdjusted: 1.5 }])).toThrow(/rows\[0\]\.pAdjusted/);
    expect(() => gapFigure([{ ...rows[0], lower: 0.04 }])).toThrow(RangeError);
  });
});

describe("sweepFigure", () => {
  const pts = [
    { series: "a", x: 1, estimate: 0.5, lower: 0.45, upper: 0.55, n: 400 },
    { series: "a", x: 0, estimate: 0.6, lower: 0.55, upper: 0.65, n: 400 },
    { series: "b", x: 0, estimate: 0.4, lower: 0.35, upper: 0.45, n: 400 },
  ];
  it("sorts each series by x and closes its band polygon", () => {
    const fig = sweepFigure(pts, { xTitle: "Temperature" });
    expect(fig.data).toHaveLength(4);
    expect(fig.data[1].x).toEqual([0, 1]);
    expect(fig.data[1].y).toEqual([0.6, 0.5]);
    expect(fig.data[0].x).toEqual([0, 1, 1, 0]);
    expect(fig.data[0].y).toEqual([0.65, 0.55, 0.45, 0.55]);
    expect(titleOf(fig)).toBe("a peaks at 60.0% (x = 0); b peaks at 40.0% (x = 0)");
    expect(subtitleOf(fig)).toBe("n = 400 items per point · bands: 95% CI");
    expect(fig.layout.showlegend).toBe(true);
    // The doc example: one series gives a band and a line.
    expect(sweepFigure(pts.slice(0, 2)).data).toHaveLength(2);
  });
  it("rejects bad points", () => {
    expect(() => sweepFigure([{ ...pts[0], x: Infinity }])).toThrow(/points\[0\]\.x/);
    expect(() => sweepFigure([{ ...pts[0], series: 3 as never }])).toThrow(TypeError);
  });
});

describe("powerFigure", () => {
  it("marks where each curve reaches 80% (doc example: 250) and says so", () => {
    const fig = powerFigure([{ label: "true rate 55%", n: [100, 200, 300], power: [0.5, 0.7, 0.9] }]);
    expectClose((fig.data[1].x as number[])[0], 250, "crossing");
    expect(fig.data[0].name).toBe("true rate 55%: n ≈ 250");
    expect(titleOf(fig)).toBe("80% power needs n ≈ 250 (true rate 55%)");
  });
  it("reports curves that never reach the target", () => {
    const fig = powerFigure(
      [
        { label: "a", n: [100, 200], power: [0.5, 0.9] },
        { label: "b", n: [100, 200], power: [0.1, 0.2] },
      ],
      { target: 0.8 },
    );
    expect(fig.data).toHaveLength(3);
    expect(fig.data[2].name).toBe("b: not reached by n = 200");
    expect(titleOf(fig)).toBe("80% power needs ≈ 175 items across 2 curves (1 not reached)");
  });
  it("rejects bad curves", () => {
    expect(() => powerFigure([{ label: "a", n: [1, 2, 3], power: [0.5, 0.6] }])).toThrow(/same length/);
    expect(() => powerFigure([{ label: "a", n: [1, 2], power: [0.5, 1.2] }])).toThrow(/power\[1\]/);
    expect(() => powerFigure([{ label: "a", n: [2, 1], power: [0.5, 0.6] }])).toThrow(/increasing/);
    expect(() => powerFigure([{ label: "a", n: [1, 2], power: [0.5, 0.6] }], { target: 1 })).toThrow(/target/);
  });
});

describe("pValueFigure", () => {
  it("interpolates the α crossing on log10 p (doc example: 550)", () => {
    // log10 p goes −0.30103 → −2.30103; log10 0.05 = −1.30103 is exactly half way: 100 + 900 / 2.
    const fig = pValueFigure({ n: [100, 1000], pValue: [0.5, 0.005] }, { alpha: 0.05, observed: 0.51, chance: 0.5 });
    expectClose((fig.data[1].x as number[])[0], 550, "crossing");
    expect(titleOf(fig)).toBe("An observed 51.0% beats 50.0% chance at α = 0.05 from n ≈ 550");
    expect((fig.layout.yaxis as Obj).type).toBe("log");
  });
  it("says when α is never reached, and draws p = 0 at a floor instead of failing", () => {
    const fig = pValueFigure({ n: [100, 200], pValue: [0.5, 0.3] }, { observed: 0.51, chance: 0.5 });
    expect(fig.data).toHaveLength(1);
    expect(titleOf(fig)).toBe("An observed 51.0% does not beat 50.0% chance at α = 0.05 by n = 200");
    const zero = pValueFigure({ n: [100, 200], pValue: [0.5, 0] });
    expect((zero.data[0].y as number[])[1]).toBe(1e-300);
  });
  it("rejects bad input", () => {
    expect(() => pValueFigure({ n: [1], pValue: [0.5] })).toThrow(/curve\.n/);
    expect(() => pValueFigure({ n: [1, 2], pValue: [0.5, -0.1] })).toThrow(/curve\.pValue\[1\]/);
    expect(() => pValueFigure({ n: [1, 2], pValue: [0.5, 0.1] }, { alpha: 0 })).toThrow(/alpha/);
  });
});

describe("posteriorFigure", () => {
  it("states P(p > chance) and shades only the mass above chance", () => {
    // R: 1 - pbeta(0.5, 61, 41) = 0.97749 (60/100 right with a uniform prior).
    const fig = posteriorFigure({ alpha: 61, beta: 41, chance: 0.5, probabilityAbove: 0.97749 }, { trials: 100 });
    expect((fig.layout as Obj).title.text).toBe("P(rate &gt; chance 50.0%) = 97.7%");
    expect(titleOf(fig)).toBe("P(rate > chance 50.0%) = 97.7%");
    expect(subtitleOf(fig)).toBe("Beta(61, 41) posterior · mean 59.8% · n = 100 items");
    const shade = fig.data[0];
    expect(shade.fill).toBe("tozeroy");
    expect((shade.x as number[])[0]).toBe(0.5);
    expect((shade.x as number[]).every((x) => x >= 0.5)).toBe(true);
    expect((fig.layout.annotations as Obj[])[1].text).toBe("P(p > 50.0%) = 97.7%");
  });
  it("rejects bad input", () => {
    expect(() => posteriorFigure({ alpha: 0, beta: 1, chance: 0.5, probabilityAbove: 0.5 })).toThrow(/alpha/);
    expect(() => posteriorFigure({ alpha: 1, beta: 1, chance: 0.5, probabilityAbove: 2 })).toThrow(/probabilityAbove/);
    expect(() => posteriorFigure({ alpha: 1, beta: 1, chance: NaN, probabilityAbove: 0.5 })).toThrow(TypeError);
  });
});

describe("discordanceFigure", () => {
  it("puts each count in its cell with its share (doc example: 4 cells)", () => {
    const fig = discordanceFigure({ both: 300, onlyA: 40, onlyB: 25, neither: 135, labels: ["CoT", "plain"] });
    expect(fig.layout.shapes as Obj[]).toHaveLength(4);
    const texts = (fig.layout.annotations as Obj[]).map((a) => a.text);
    expect(texts).toEqual([
      "<b>300</b><br>60.0% · both right",
      "<b>40</b><br>8.0% · only CoT right",
      "<b>25</b><br>5.0% · only plain right",
      "<b>135</b><br>27.0% · both wrong",
    ]);
    expect(titleOf(fig)).toBe("CoT alone right on 40 items, plain alone on 25");
    expect(subtitleOf(fig)).toBe("n = 500 paired items · the paired test uses only the 65 where they disagree");
  });
  it("rejects bad counts and labels", () => {
    const ok = { both: 1, onlyA: 1, onlyB: 1, neither: 1, labels: ["A", "B"] as [string, string] };
    expect(() => discordanceFigure({ ...ok, onlyA: -1 })).toThrow(/onlyA/);
    expect(() => discordanceFigure({ ...ok, both: 1.5 })).toThrow(/both/);
    expect(() => discordanceFigure({ ...ok, labels: ["A"] as never })).toThrow(/labels/);
    expect(() => discordanceFigure({ ...ok, both: 0, onlyA: 0, onlyB: 0, neither: 0 })).toThrow(RangeError);
  });
});

describe("itemScatterFigure", () => {
  it("counts items on each side of the diagonal (doc example) and sizes markers by samples", () => {
    const fig = itemScatterFigure([{ item: "q1", a: 0.2, b: 0.8, samples: 5 }], { labels: ["plain", "CoT"] });
    expect(titleOf(fig)).toBe("CoT higher on 1 of 1 items, plain on 0");
    expect((fig.layout.shapes as Obj[])[0]).toMatchObject({ x0: 0, y0: 0, x1: 1, y1: 1 });
    expect(markerSize(1, 9)).toBe(8);
    expect(markerSize(9, 9)).toBe(22);
    expectClose(markerSize(3, 9), 8 + 14 * Math.sqrt(2 / 8), "area grows with samples");
  });
  it("rejects bad items", () => {
    expect(() => itemScatterFigure([{ item: "q", a: 1.5, b: 0, samples: 1 }])).toThrow(/items\[0\]\.a/);
    expect(() => itemScatterFigure([{ item: "q", a: 0.5, b: 0, samples: 0 }])).toThrow(/items\[0\]\.samples/);
    expect(() => itemScatterFigure([{ item: null as never, a: 0.5, b: 0, samples: 1 }])).toThrow(TypeError);
  });
});
