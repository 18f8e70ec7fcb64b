import { describe, expect, it } from "vitest";
import { chanceEquivalence } from "../../src/analysis/chanceEquivalence.js";
import { formatCount, formatInterval, formatLevel, formatP, formatPercent, formatPoints, formatRate, pText } from "../../src/analysis/format.js";
import { gapFigure } from "../../src/figures/gap.js";
import { compareMde } from "../../src/stats/compareMde.js";
import { chanceSentence, compareSentence } from "../../src/analysis/sentences.js";
import { formatPairs, formatTable } from "../../src/cli/table.js";
import { expectClose } from "../helpers/close.js";
import { fx } from "./fixture.js";

describe("number formatting for sentences", () => {
  it("rounds as documented", () => {
    expect(formatPercent(0.539)).toBe("53.9%");
    expect(formatPercent(0.51)).toBe("51.0%");
    expect(formatRate(0.25)).toBe("25%");
    expect(formatRate(0.21333)).toBe("21.3%");
    expect(formatPoints(-0.031)).toBe("−3.1 pp");
    expect(formatPoints(0.031)).toBe("+3.1 pp");
    expect(formatPoints(-0.0001)).toBe("0.0 pp");
    expect(formatCount(1000)).toBe("1,000");
    expect(formatCount(10000)).toBe("10,000");
    expect(formatP(0.2739864)).toBe("0.27");
    expect(formatP(0.02329276)).toBe("0.023");
    expect(formatP(0.00001)).toBe("< 0.0001");
    expect(formatP(0.999)).toBe("1");
    expect(formatInterval(0.479, 0.541)).toBe("47.9–54.1%");
    expect(formatLevel(0.9)).toBe("90%");
  });

  it("is the one formatter: percents, signed points, counts and p-values as figures print them too", () => {
    expect(formatPercent(0.5123)).toBe("51.2%");
    expect(formatPercent(0.5, 0)).toBe("50%");
    expect(formatPoints(-0.012)).toBe("−1.2 pp");
    expect(formatPoints(0.0001)).toBe("0.0 pp");
    expect(formatPoints(0.031, 2)).toBe("+3.10 pp");
    expect(formatCount(12345)).toBe("12,345");
    // Two significant digits, as the sentences print them (figures once printed 0.0042 as "0.004").
    expect(pText(0.0003)).toBe("p = 0.0003");
    expect(pText(0.0234)).toBe("p = 0.023");
    expect(pText(0.0042)).toBe("p = 0.0042");
    expect(pText(0.00004)).toBe("p < 0.0001");
    expect(pText(0.999)).toBe("p = 1");
  });
});

describe("a figure and the sentence beside it print the same p", () => {
  const comparison = { baseline: "A", treatment: "B", estimate: 0.1, lower: 0.02, upper: 0.18, level: 0.95, alternative: "two-sided" as const, alpha: 0.05, significant: true, method: "welch-t" as const, paired: false, items: 200, baselineItems: 100, treatmentItems: 100, droppedItems: 0, mde: 0.115, baselineAccuracy: 0.5, treatmentAccuracy: 0.6 };
  it.each([
    [0.0042, "p = 0.0042"],
    [0.042, "p = 0.042"],
    [0.00004, "p < 0.0001"],
    [0.5, "p = 0.5"],
  ])("p = %s", (p, printed) => {
    const sentence = compareSentence({ ...comparison, pValue: p }, 0.8);
    const label = (gapFigure([{ label: "B − A", estimate: 0.1, lower: 0.02, upper: 0.18, pAdjusted: p, significant: p < 0.05 }]).layout.annotations as { text: string }[])[0].text;
    expect(sentence).toContain(`Welch t ${printed},`);
    // The figure's label escapes "<" for plotly, which draws it as "<".
    expect(label.replace("&lt;", "<")).toBe(`+10.0 pp, adj. ${printed}`);
  });
});

describe("sentences", () => {
  it("the chance sentence of the issue, from its numbers", () => {
    const s = chanceSentence({ accuracy: 0.51, lower: 0.479, upper: 0.541, level: 0.95, items: 1000, successes: 510, singleBinary: true, chance: 0.5, chanceClause: "uniform", pValue: 0.2739864, alternative: "greater", method: "exact-binomial", significant: false, mde: 0.039, detectableRate: 0.539, power: 0.8 });
    expect(s).toBe("51.0% (510 of 1,000 items; 95% CI 47.9–54.1%) does not beat chance (50%, uniform): one-sided exact p = 0.27. At this n, only a true rate of 53.9% or more would be detected 80% of the time.");
  });

  it("two-sided chance and an independent comparison", () => {
    const s = chanceSentence({ accuracy: 0.3, lower: 0.25, upper: 0.35, level: 0.95, items: 300, successes: 90, singleBinary: true, chance: 0.25, chanceClause: "uniform", pValue: 0.04, alternative: "two-sided", method: "exact-binomial", significant: true, mde: 0.07, detectableRate: 0.32, power: 0.8 });
    expect(s).toContain("differs from chance (25%, uniform): two-sided exact p = 0.04. At this n, only a true rate of 18.0% or less, or 32.0% or more, would be detected");
    const c = compareSentence({ baseline: "A", treatment: "B", estimate: 0.1, lower: 0.02, upper: 0.18, level: 0.95, pValue: 0.012, alternative: "two-sided", alpha: 0.05, significant: true, method: "welch-t", paired: false, items: 200, baselineItems: 100, treatmentItems: 100, droppedItems: 0, mde: 0.115, baselineAccuracy: 0.5, treatmentAccuracy: 0.6 }, 0.8);
    expect(c).toBe("B − A = +10.0 pp (60.0% vs 50.0%; 95% CI +2.0 to +18.0 pp; independent, 100 vs 100 items): two-sided Welch t p = 0.012, significant at α = 0.05. At this n, only a gap of 11.5 pp or more would be detected 80% of the time.");
  });
});

describe("MDE and equivalence from an SE (against R qnorm, pnorm)", () => {
  it("compareMde = (z_0.975 + z_0.8)·SE", () => {
    expectClose(compareMde({ se: 0.01, alpha: 0.05, power: 0.8, alternative: "two-sided" }), fx.countsEquivalence.mde, "mde");
  });

  it("normal TOST", () => {
    const r = chanceEquivalence({ mean: 0.5, se: 0.01, chance: 0.5, margin: 0.05, alpha: 0.05 });
    expect(r.equivalent).toBe(true);
    expectClose(r.pValue, fx.countsEquivalence.zTost, "TOST p");
    expect(chanceEquivalence({ mean: 0.5, se: 0, chance: 0.5, margin: 0.05, alpha: 0.05 })).toEqual({ equivalent: true, pValue: 0 });
  });
});

describe("tables", () => {
  it("aligns text left and numbers right", () => {
    const t = formatTable([{ n: "A", v: "1.0" }, { n: "long", v: "10.25" }], [
      { header: "name", value: (r) => r.n },
      { header: "v", value: (r) => r.v, align: "right" },
    ]);
    expect(t).toBe("name      v\n----  -----\nA       1.0\nlong  10.25");
    expect(formatPairs([["p-value", "0.27"], ["items", "1,000"]])).toBe("p-value  0.27\nitems    1,000");
  });
});
