// Notebook 4's story (src/paper/notebook04.ts): the numbers in its verdicts and figures agree with R
// (test/fixtures/r/notebook04.R: power.prop.test, the Fleiss, Connor and Miller planning formulas
// and the variance components written out in R).
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { varianceComponents } from "../../src/index.js";
import {
  chancePowerCurve,
  itemsForK,
  kSamplesFigure,
  kValues,
  loadNotebook04Data,
  notebook04Story,
  productionSonnet,
  researchSonnet,
  simulatedCorrelation,
  type NotebookStory,
} from "../../src/paper/index.js";
import { expectClose, loadFixture } from "../helpers/close.js";

const dataDir = resolve(import.meta.dirname, "..", "..", "data");
const r = loadFixture<Record<string, number>>("notebook04.json");
let story: NotebookStory;

beforeAll(async () => {
  story = await notebook04Story.build({ dataDir });
});

describe("notebook 4: how many items", () => {
  it("builds three figures, the last two from simulated files, and three verdicts", () => {
    expect(story.figures.map((f) => [f.name, f.simulated])).toEqual([["04-power-against-chance", false], ["04-power-62-vs-51", true], ["04-items-against-k", true]]);
    expect(story.verdicts).toHaveLength(3);
  });

  it("states Fleiss' n for 51% vs chance and the power.prop.test n for 62% vs 51%, as R", () => {
    const [chance, gap] = story.verdicts;
    expect(chance.answer).toContain(`${Math.ceil(r.fleiss51).toLocaleString("en-US")} items`);
    expect(gap.answer).toContain(`${Math.ceil(r.unpaired62)} items per condition`);
    expect(gap.answer).toContain(`${Math.ceil(r.paired62)} shared items`);
    expect(gap.answer).toContain(`r = ${r.correlation.toFixed(3)}`);
  });

  it("pairs the simulated items with R's correlation and estimates ω², σ² as R does", async () => {
    const { single, kSamples } = await loadNotebook04Data(dataDir);
    expectClose(simulatedCorrelation(single), r.correlation, "correlation");
    const v = varianceComponents(kSamples, { baseline: productionSonnet, treatment: researchSonnet });
    expect(v).toMatchObject({ items: 300, samples: 5 });
    expectClose(v.sigma2, r.sigma2, "sigma2");
    expectClose(v.omega2, r.omega2, "omega2", 1e-8);
    expectClose(v.gap, r.meanGap, "gap");
    expect(itemsForK(v, 0.05, 1)).toBe(Math.ceil(r.repeatedK1));
    expect(itemsForK(v, 0.05, 5)).toBe(Math.ceil(r.repeatedK5));
    expect(story.verdicts[2].answer).toContain(`below ${Math.ceil(r.repeatedFloor)} items`);
    // One curve per K, labelled with the items it needs at 80% power.
    const legend = new Set(kSamplesFigure(v).figure.data.map((t) => /^K = \d+/.exec(String(t.name))?.[0]).filter(Boolean));
    expect([...legend]).toEqual(kValues.map((k) => `K = ${k}`));
  });

  it("draws power curves whose 80% crossing is R's Fleiss n", () => {
    const curve = chancePowerCurve(0.55);
    const i = curve.power.indexOf(0.8);
    expect(i).toBeGreaterThan(0);
    expectClose(curve.n[i], r.fleiss55, "n at 80% power", 1e-9);
    // Only n within the plotted range is kept.
    expect(Math.max(...chancePowerCurve(0.51, 0.5, 20000).n)).toBeLessThanOrEqual(20000);
  });

  it("rejects runs without repeats for the K-samples estimate", () => {
    expect(() => varianceComponents([{ item: "a", condition: "x", score: 1 }, { item: "a", condition: "y", score: 1 }], { baseline: "x", treatment: "y" })).toThrow(RangeError);
  });
});
