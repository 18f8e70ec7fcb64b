/**
 * Notebook 1's story (src/paper/notebook01.ts) builds from the real data/ and says what R says:
 * every number checked here comes from test/fixtures/r/notebook01.R (base R on the same files).
 */
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatP, formatPercent } from "../../src/index.js";
import {
  chanceVerdicts,
  equivalenceAgainstN,
  loadSimulated,
  productionSonnet,
  intervalAgainstNFigure,
  notebook01Story,
  pasteSentence,
  pValuesAgainstN,
  type NotebookStory,
} from "../../src/paper/index.js";
import { expectClose, loadFixture } from "../helpers/close.js";
import { answers, titleText } from "./storyText.js";

interface Ref {
  notebook01: {
    grid: number[]; pGreater: number[]; firstSignificant: number; firstWilsonClear: number; firstScoreAt025: number; p300: number;
    wilson300: [number, number]; clopperPearson300: [number, number]; tostP: number[]; firstEquivalent: number; posteriorAbove300: number; fleissN: number[];
  };
  chance: { accuracy: number; majority: number; pUniform: number; pMajority: number; clustered95: [number, number] };
}
const ref = loadFixture<Ref>("notebook01.json");
const dataDir = resolve("data");
let story: NotebookStory;

beforeAll(async () => {
  story = await notebook01Story.build({ dataDir });
});

describe("notebook 1: does 51% beat chance?", () => {
  it("builds six uniquely named figures and four verdicts", () => {
    expect(story.notebook).toBe("01-does-51-beat-chance");
    expect(story.figures.map((f) => f.name)).toEqual([
      "01-pvalue-against-n", "01-interval-against-n", "01-chance-baselines", "01-power-against-n", "01-posterior-n300", "01-equivalence-against-n",
    ]);
    expect(story.verdicts).toHaveLength(4);
  });

  it("p-value of 51% at each n equals R binom.test(…, alternative = 'greater'), first below 0.05 at n = 6,900", () => {
    const curve = pValuesAgainstN(0.51);
    expect(curve.n).toEqual(ref.notebook01.grid);
    curve.pValue.forEach((p, i) => expectClose(p, ref.notebook01.pGreater[i], `n = ${curve.n[i]}`));
    expect(curve.firstSignificant).toBe(ref.notebook01.firstSignificant);
  });

  it("the Wilson interval clears 50% where R prop.test's does: where a one-sided test at α = 0.025 would", () => {
    expect((intervalAgainstNFigure(0.51).layout.title as { text: string }).text).toContain("9,700");
    expect(ref.notebook01.firstWilsonClear).toBe(9700);
    // What the notebook says to explain 9,700 against 6,900: the two-sided 95% interval is a one-sided 2.5% test.
    expect(ref.notebook01.firstScoreAt025).toBe(ref.notebook01.firstWilsonClear);
  });

  it("TOST p-values against 50% ± 5 pp equal R's two one-sided binom.tests", () => {
    const eq = equivalenceAgainstN(0.51);
    eq.rows.forEach((r, i) => expectClose(r.pValue, ref.notebook01.tostP[i], `TOST n = ${r.n}`));
    expect(eq.firstEquivalent).toBe(ref.notebook01.firstEquivalent);
  });

  it("verdicts and titles carry R's numbers", () => {
    const text = answers(story);
    expect(text).toContain(`p = ${formatP(ref.notebook01.p300)}`);
    expect(text).toContain("6,900");
    expect(text).toContain(`TOST p = ${formatP(ref.notebook01.tostP[0])}`);
    expect(text).toContain(`majority ${Math.round(100 * ref.chance.majority)}% (p = ${formatP(ref.chance.pMajority)})`);
    expect(text).toContain(`uniform 50% (p = ${formatP(ref.chance.pUniform)})`);
    expect(titleText(story, "01-posterior-n300")).toContain(formatPercent(ref.notebook01.posteriorAbove300));
    const power = titleText(story, "01-power-against-n");
    expect(power).toContain(Math.ceil(ref.notebook01.fleissN[0]).toLocaleString("en-US"));
    expect(power).toContain(String(Math.ceil(ref.notebook01.fleissN[2])));
    expect(titleText(story, "01-equivalence-against-n")).toContain("within ±5 pp of chance");
  });

  it("the sentence to paste, on bare counts, gives R's Clopper–Pearson interval (binom.test), narrower than the clustered one", async () => {
    const [lo, hi] = ref.notebook01.clopperPearson300;
    expect(pasteSentence(0.51, 300)).toContain(`95% CI ${(100 * lo).toFixed(1)}–${formatPercent(hi)}`);
    // On the simulated file the same 51% has Korn–Graubard's interval for items in passages: wider.
    const [clo, chi] = ref.chance.clustered95;
    const uniform = chanceVerdicts(await loadSimulated(resolve("data"), "researchVsProduction"), productionSonnet)[0].verdict;
    expectClose(uniform.lower, clo, "clustered lower");
    expectClose(uniform.upper, chi, "clustered upper");
    expect(chi - clo).toBeGreaterThan(hi - lo);
  });

  it("rejects a rate outside [0, 1]", () => {
    expect(() => pValuesAgainstN(1.5)).toThrow(RangeError);
  });
});
