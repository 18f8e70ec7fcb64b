/**
 * rankedForestFigure as data (order by accuracy, letters and brackets per tie group, the family
 * sentence as title, P(best) and rank interval on each label) and as drawn (letters beside their
 * rows, inside the figure).
 */
import { describe, expect, it } from "vitest";
import { compareAll } from "../../src/analysis/compareAll.js";
import { rankConditions } from "../../src/analysis/rankings.js";
import { summarize } from "../../src/analysis/summarize.js";
import { rankedForestFigure, shortFamilyTitle } from "../../src/figures/rankedForestFigure.js";
import { resolve } from "node:path";
import { loadRuns } from "../../src/runs/loadRuns.js";
import { projectRoot } from "../runs/paths.js";
import { familyRecords } from "./familyRecords.js";
import { type Obj, subtitleOf, titleOf, untagged } from "./helpers.js";
import { chromiumForTests, drawnGeometry } from "./inspect.js";

const family = compareAll(familyRecords, { pairs: "all" });
const summary = summarize(familyRecords);
const ranking = rankConditions(familyRecords, { resamples: 400, seed: 3 });

describe("rankedForestFigure", () => {
  it("sorts by accuracy, titles with the family sentence, and draws each condition's own interval", () => {
    // Given in reverse order: the figure sorts again.
    const fig = rankedForestFigure({ ...family, conditions: [...family.conditions].reverse() }, { intervals: summary });
    expect(fig.data[0].y).toEqual(["top (n = 60)", "middle (n = 60)", "lower (n = 60)", "behind (n = 60)"]);
    expect(fig.data[0].x).toEqual([50 / 60, 45 / 60, 40 / 60, 20 / 60]);
    expect(titleOf(fig)).toBe(family.sentence);
    expect(subtitleOf(fig)).toBe("n = 60 items per condition · bars: 95% CI · shared letter: not told apart (Holm's adjustment, α = 0.05)");
    const err = fig.data[0].error_x as Obj;
    const top = summary.find((r) => r.group === "top")!;
    expect(err.array[0]).toBeCloseTo(top.upper - 50 / 60, 12);
    expect(err.arrayminus[0]).toBeCloseTo(50 / 60 - top.lower, 12);
  });
  it("sums up a family sentence longer than 300 characters in the title: pairs significant and tie groups", () => {
    const long = { ...family, sentence: `${family.sentence} ${"x".repeat(40)}` };
    expect(titleOf(rankedForestFigure(long))).toBe(shortFamilyTitle(family));
    const significant = family.comparisons.filter((c) => c.significantAdjusted).length;
    expect(shortFamilyTitle(family)).toBe(`${significant} of 6 pairwise differences are significant after Holm's adjustment (α = 0.05); 3 tie groups, one letter each at right`);
  });
  it("breaks a letter's bar where a row without the letter lies between its rows (the nine simulated conditions)", async () => {
    const records = await loadRuns(["research-vs-production-simulated.jsonl", "ablations-simulated.jsonl"].map((f) => resolve(projectRoot, "data/simulated", f)), { onNote: () => {} });
    const nine = compareAll(records, { pairs: "all" });
    const letters = nine.conditions.map((c) => c.letters);
    // In accuracy order "a" skips a row: production Sonnet (51%) is "b" only, a 49% row below it is "ab".
    const rowsWithA = letters.flatMap((l, i) => (l.includes("a") ? [i] : []));
    expect(rowsWithA).toEqual([0, 1, 2, 3, 4, 5, 8]);
    expect(nine.conditions[6]).toMatchObject({ condition: "production: Claude 3.5 Sonnet", letters: "b" });
    const fig = rankedForestFigure(nine);
    const barsOfA = (fig.layout.shapes as Obj[]).filter((s) => s.x0 === 14).map((s) => [s.y0, s.y1]);
    expect(barsOfA).toEqual([[-0.3, 5.3], [7.7, 8.3]]);
  });

  it("prints each row's letters beside it and joins the rows of a tie group with one bar", () => {
    const fig = rankedForestFigure(family);
    expect(family.conditions.map((c) => c.letters)).toEqual(["a", "ab", "b", "c"]);
    const notes = fig.layout.annotations as Obj[];
    const lettersOf = (row: string) => notes.filter((a) => a.y === row).map((a) => a.text).join("");
    expect(["top", "middle", "lower", "behind"].map((c) => lettersOf(`${c} (n = 60)`))).toEqual(["a", "ab", "b", "c"]);
    // One bar per letter, spanning its members' rows (category positions 0..3, top row 0).
    const bars = (fig.layout.shapes as Obj[]).map((s) => [s.y0, s.y1]);
    expect(bars).toEqual([[-0.3, 1.3], [0.7, 2.3], [2.7, 3.3]]);
    // Letter columns sit in the right margin, left to right a, b, c.
    expect((fig.layout.shapes as Obj[]).map((s) => s.x0)).toEqual([14, 36, 58]);
    expect((fig.layout.margin as Obj).r).toBe(14 + 22 * 3 + 24);
    // Without intervals: points only, and the subtitle does not promise bars.
    expect(fig.data[0].error_x).toBeUndefined();
    expect(subtitleOf(fig)).not.toContain("bars");
  });
  it("puts P(best) and the rank interval under each label and in the hover", () => {
    const fig = rankedForestFigure(family, { intervals: summary, ranking });
    const labels = (fig.data[0].y as string[]).map((l) => untagged(l.replace(/<br>/g, " ")));
    const rankOf = (c: string) => ranking.conditions.find((r) => r.condition === c)!;
    expect(rankOf("behind").rankLower).toBe(4);
    expect(labels[3]).toBe("behind (n = 60) P(best) 0% · rank 4");
    const top = rankOf("top");
    const span = top.rankLower === top.rankUpper ? `${top.rankLower}` : `${top.rankLower}–${top.rankUpper}`;
    expect(labels[0]).toBe(`top (n = 60) P(best) ${Math.round(100 * top.pBest)}% · rank ${span}`);
    expect((fig.data[0].customdata as string[][])[0][1]).toContain("P(best)");
  });
  it("rejects input that is not an all-pairs family, and intervals or rankings of other conditions", () => {
    expect(() => rankedForestFigure(compareAll(familyRecords, { baseline: "top" }) as never)).toThrow(/allPairs must be the result of compareAll/);
    expect(() => rankedForestFigure(family, { intervals: summary.filter((r) => r.group !== "top") })).toThrow(/intervals has no row for condition "top"/);
    expect(() => rankedForestFigure(family, { intervals: summary.map((r) => ({ ...r, upper: 0.1 })) })).toThrow(/lower ≤ estimate ≤ upper/);
    expect(() => rankedForestFigure(family, { ranking: { ...ranking, conditions: [] } })).toThrow(/ranking has no condition "top"/);
    expect(() => rankedForestFigure(family, { level: 95 })).toThrow(/level/);
  });
});

describe("rankedForestFigure drawn", () => {
  const chromium = chromiumForTests();
  it("draws every letter beside its row, right of the plot and inside the figure", async () => {
    const fig = rankedForestFigure(family, { intervals: summary, ranking });
    const g = await drawnGeometry(chromium, fig);
    expect(g.annotations.map((a) => a.text)).toEqual(["a", "a", "b", "b", "c"]);
    for (const a of g.annotations) {
      expect(a.rect.left).toBeGreaterThan(g.plot.right);
      expect(a.rect.right).toBeLessThanOrEqual(g.width);
    }
    // Each letter on its row's marker: the two letters of "middle" level with the second marker.
    const middle = g.points[1];
    const rowCentre = (middle.top + middle.bottom) / 2;
    for (const a of g.annotations.filter((_, i) => i === 1 || i === 2)) expect(Math.abs((a.rect.top + a.rect.bottom) / 2 - rowCentre)).toBeLessThan(4);
    expect(g.height).toBe(fig.layout.height);
  }, 30_000);
});
