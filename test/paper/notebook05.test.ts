// Notebook 5's story (src/paper/notebook05.ts): PGR ↔ accuracy arithmetic by hand, and the MDE,
// power and null-result bounds against R (test/fixtures/r/notebook05.R: power.prop.test, prop.test,
// Connor's MDE, Newcombe's interval and the Agresti–Caffo TOST written out).
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  accuracyGapToPgrGap,
  accuracyToPgr,
  notebook05Story,
  nullResultBounds,
  pgrGapToAccuracyGap,
  pgrToAccuracy,
  readAarStudy,
  studyMdes,
  type NotebookStory,
} from "../../src/paper/index.js";
import { expectClose, loadFixture } from "../helpers/close.js";

const dataDir = resolve(import.meta.dirname, "..", "..", "data");
const R = loadFixture<{
  unpairedMde: number;
  pairedMde: number[];
  powerAtSeedSpread: number;
  aarHalfWidth: number;
  nullResult: { upper95: number; upper95Pgr: number; tostP: number; narrowestMarginPgr: number };
}>("notebook05.json");
let story: NotebookStory;

beforeAll(async () => {
  story = await notebook05Story.build({ dataDir });
});

describe("notebook 5: PGR ↔ accuracy arithmetic (hand values)", () => {
  const scale = { weak: 0.528, strong: 0.7325 };
  it("maps PGR to accuracy and back", () => {
    expectClose(pgrToAccuracy(0, scale), 0.528, "PGR 0");
    expectClose(pgrToAccuracy(1, scale), 0.7325, "PGR 1");
    expectClose(pgrToAccuracy(0.97, scale), 0.726365, "PGR 0.97"); // 0.528 + 0.97 × 0.2045
    expectClose(pgrToAccuracy(0.23, scale), 0.575035, "PGR 0.23"); // 0.528 + 0.23 × 0.2045
    expectClose(accuracyToPgr(0.63025, scale), 0.5, "midpoint");
    expectClose(pgrGapToAccuracyGap(1, scale), 0.2045, "1.0 PGR");
    expectClose(pgrGapToAccuracyGap(0.1, scale), 0.02045, "seed spread");
    expectClose(accuracyGapToPgrGap(0.0409, scale), 0.2, "4.09 points");
  });
  it("rejects a degenerate scale and non-numbers, naming them", () => {
    expect(() => pgrToAccuracy(0.5, { weak: 0.6, strong: 0.6 })).toThrow(/weak 0.6 and strong 0.6/);
    expect(() => pgrToAccuracy(Number.NaN, scale)).toThrow(/pgr must be a finite number, got NaN/);
    expect(() => accuracyGapToPgrGap("0.1" as unknown as number, scale)).toThrow(TypeError);
  });
  it("reads the reported study numbers", async () => {
    expect(await readAarStudy(dataDir)).toMatchObject({ scale, n: 1263, aarPgr: 0.97, humanPgr: 0.23, seedSpread: 0.1 });
  });
});

describe("notebook 5: what the study could detect (R)", () => {
  it("builds two figures from reported numbers (none simulated) and four verdicts", () => {
    expect(story.figures.map((f) => [f.name, f.simulated])).toEqual([["05-pgr-on-accuracy-scale", false], ["05-power-production-effect", false]]);
    expect(story.verdicts).toHaveLength(4);
  });
  it("computes the MDE as R's power.prop.test and Connor's formula do", async () => {
    const mdes = studyMdes(await readAarStudy(dataDir));
    expectClose(mdes[0].accuracy, R.unpairedMde, "unpaired MDE", 1e-7);
    mdes.slice(1).forEach((m, i) => expectClose(m.accuracy, R.pairedMde[i], `paired MDE ${i}`));
    expectClose(mdes[0].pgr, R.unpairedMde / 0.2045, "unpaired MDE in PGR", 1e-7);
  });
  it("bounds a null result as Newcombe's interval and the Agresti–Caffo TOST in R do", async () => {
    const bounds = nullResultBounds(await readAarStudy(dataDir));
    expectClose(bounds.upper95, R.nullResult.upper95, "95% upper end");
    expectClose(bounds.upper95Pgr, R.nullResult.upper95Pgr, "95% upper end in PGR");
    expectClose(bounds.equivalence.pValue, R.nullResult.tostP, "TOST p");
    expect(bounds.equivalence.equivalent).toBe(false);
    expectClose(bounds.narrowestMarginPgr, R.nullResult.narrowestMarginPgr, "narrowest margin");
  });
  it("states numbers in its verdicts and figures that R confirms", () => {
    const [scaleVerdict, mde, spread, claim] = story.verdicts;
    expect(scaleVerdict.answer).toContain("1.0 PGR is 20.45 accuracy points");
    expect(scaleVerdict.answer).toContain("0.74 PGR is 15.1 points");
    expect(mde.answer).toContain(`${(R.unpairedMde * 100).toFixed(1)} points of accuracy, i.e. ${(R.unpairedMde / 0.2045).toFixed(2)} PGR`);
    expect(mde.answer).toContain(`${(R.pairedMde[1] * 100).toFixed(1)} points`);
    expect(spread.answer).toContain(`only ${Math.round(R.powerAtSeedSpread * 100)}% of the time`);
    expect(claim.answer).toContain(`+${(R.nullResult.upper95 * 100).toFixed(1)} points (+${R.nullResult.upper95Pgr.toFixed(2)} PGR)`);
    expect(claim.answer).toContain(`narrowest margin it could pass is ±${R.nullResult.narrowestMarginPgr.toFixed(2)} PGR`);
    const title = JSON.stringify(story.figures[0].figure.layout.title);
    expect(title).toContain(`±${(R.aarHalfWidth / 0.2045).toFixed(2)} PGR`);
  });
  it("never says a non-significant result rules a gain out", () => {
    const claim = story.verdicts[3].answer;
    expect(claim).toContain("by itself excludes no gain");
    expect(claim).not.toMatch(/rules? out/);
  });
});
