/**
 * Notebook 3's story (src/paper/notebook03.ts): every ablation against production Sonnet, raw and
 * Holm-adjusted, checked against test/fixtures/r/notebook03.R (paired clustered z, p.adjust, Connor).
 */
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatP } from "../../src/index.js";
import { ablationAnalysis, ablationBaseline, loadAblations, notebook03Story, shortLabel, type NotebookStory } from "../../src/paper/index.js";
import { expectClose, loadFixture } from "../helpers/close.js";
import { answers } from "./storyText.js";

interface Ref {
  ablations: { rows: { condition: string; estimate: number; pValue: number; holm: number }[]; best: string; connorItems: number };
}
const ref = loadFixture<Ref>("notebook03.json");
const dataDir = resolve("data");
let story: NotebookStory;

beforeAll(async () => {
  story = await notebook03Story.build({ dataDir });
});

describe("notebook 3: ablations", () => {
  it("builds four simulated figures and two verdicts", () => {
    expect(story.figures.map((f) => f.name)).toEqual(["03-ablations-forest", "03-ablations-gaps", "03-your-file-forest", "03-your-file-gaps"]);
    expect(story.figures.every((f) => f.simulated)).toBe(true);
    expect(story.verdicts).toHaveLength(2);
  });

  it("raw and Holm-adjusted p-values of every ablation equal R's (paired, clustered z; p.adjust)", async () => {
    const { comparisons } = ablationAnalysis(await loadAblations(dataDir), ablationBaseline);
    expect(comparisons.map((c) => c.treatment)).toEqual(ref.ablations.rows.map((r) => r.condition));
    comparisons.forEach((c, i) => {
      expectClose(c.estimate, ref.ablations.rows[i].estimate, `${c.treatment} gap`, 1e-9, 1e-12);
      expectClose(c.pValue, ref.ablations.rows[i].pValue, `${c.treatment} p`);
      expectClose(c.adjustedPValue, ref.ablations.rows[i].holm, `${c.treatment} Holm`);
    });
  });

  it("verdicts carry R's best gap, its Holm p and Connor's sample size", () => {
    const text = answers(story);
    const best = ref.ablations.rows.find((r) => r.condition === ref.ablations.best)!;
    expect(text).toContain(`raw p = ${formatP(best.pValue)}, Holm p = ${formatP(best.holm)}`);
    expect(text).toContain(`${ref.ablations.connorItems.toLocaleString("en-US")} items`);
    expect(text).toContain("None of the 5 did");
  });

  it("labels conditions by what they add to the baseline", () => {
    expect(shortLabel("production: Claude 3.5 Sonnet, temperature 0", ablationBaseline)).toBe("temperature 0");
    expect(shortLabel("production: GPT-4o", ablationBaseline)).toBe("GPT-4o");
  });

  it("rejects empty records", () => {
    expect(() => ablationAnalysis([])).toThrow(/at least one record, got 0/);
  });
});
