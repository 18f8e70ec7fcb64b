/** discordanceFigure: counts and shares per cell, the subtitle naming the paired test used, errors. */
import { describe, expect, it } from "vitest";
import { testName } from "../../src/analysis/sentences.js";
import { discordanceFigure, pairedTestPhrase } from "../../src/figures/discordance.js";
import { type Obj, subtitleOf, titleOf } from "./helpers.js";

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
    // Without the method, the subtitle claims nothing about the test.
    expect(subtitleOf(fig)).toBe("n = 500 paired items, 65 disagree");
  });
  it("names the paired test that was used, and which items it reads", () => {
    const table = { both: 117, onlyA: 69, onlyB: 36, neither: 78, labels: ["research", "production"] as [string, string] };
    expect(subtitleOf(discordanceFigure(table, { method: "mcnemar-exact, tango interval" }))).toBe(
      "n = 300 paired items, 105 disagree · test: McNemar exact, on those 105 only",
    );
    // Items in passages: the clustered paired test reads every item's difference, not only the discordant ones.
    const clustered = subtitleOf(discordanceFigure(table, { method: "paired-t-cr2" }));
    expect(clustered).toBe(`n = 300 paired items, 105 disagree · test: ${testName("paired-t-cr2")} on all 300`);
    expect(clustered).not.toMatch(/only/);
    expect(pairedTestPhrase("paired-t", 10, 4)).toBe(`n = 10 paired items, 4 disagree · test: ${testName("paired-t")} on all 10`);
    expect(pairedTestPhrase("paired-sign-test", 10, 4)).toBe(`n = 10 paired items, 4 disagree · test: ${testName("paired-sign-test")}, on those 4 only`);
    expect(() => discordanceFigure(table, { method: "welch-t" })).toThrow(/method must be the test a paired comparison used/);
    expect(() => discordanceFigure(table, { method: "t-test" as never })).toThrow(/method/);
  });
  it("rejects bad counts and labels", () => {
    const ok = { both: 1, onlyA: 1, onlyB: 1, neither: 1, labels: ["A", "B"] as [string, string] };
    expect(() => discordanceFigure({ ...ok, onlyA: -1 })).toThrow(/onlyA/);
    expect(() => discordanceFigure({ ...ok, both: 1.5 })).toThrow(/both/);
    expect(() => discordanceFigure({ ...ok, labels: ["A"] as never })).toThrow(/labels/);
    expect(() => discordanceFigure({ ...ok, both: 0, onlyA: 0, onlyB: 0, neither: 0 })).toThrow(RangeError);
  });
});
