/**
 * Notebook 2's story (src/paper/notebook02.ts): the reported rates under assumed designs and the
 * simulated pairs, checked against test/fixtures/r/notebook02.R (Fisher's exact test, exact McNemar,
 * clustered z in base R).
 */
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatP } from "../../src/index.js";
import {
  assumedDesign,
  assumedDesigns,
  assumedGapFinding,
  assumedTable,
  notebook02Story,
  type NotebookStory,
} from "../../src/paper/index.js";
import { expectClose, loadFixture } from "../helpers/close.js";
import { answers, titleText } from "./storyText.js";

interface Design { pair: string; n: number; correlation: number | null; pValue: number; table?: Record<string, number> }
interface Ref {
  designs: Design[];
  pairs: { research: string; pPaired: number; pIndependent: number; mdePaired: number; mdeIndependent: number; onlyResearch: number; onlyProduction: number }[];
}
const ref = loadFixture<Ref>("notebook02.json");
const reported: Record<string, [number, number]> = { "sonnet35-research": [0.62, 0.51], "opus3-research": [0.59, 0.49] };
let story: NotebookStory;

beforeAll(async () => {
  story = await notebook02Story.build({ dataDir: resolve("data") });
});

describe("notebook 2: research vs production", () => {
  it("builds five figures, three of them simulated, and three verdicts", () => {
    expect(story.figures.map((f) => [f.name, f.simulated])).toEqual([
      ["02-conditions-forest", true], ["02-sonnet-assumed-n", false], ["02-opus-assumed-n", false], ["02-pairing-gaps", true], ["02-sonnet-discordance", true],
    ]);
    expect(story.verdicts).toHaveLength(3);
  });

  it("assumed designs: Fisher (independent) and exact McNemar (paired) p-values equal R's, tables too", () => {
    for (const d of ref.designs) {
      const [pA, pB] = reported[d.pair];
      const got = assumedDesign(pA, pB, d.n, d.correlation);
      expectClose(got.pValue, d.pValue, `${d.pair} n = ${d.n} rho = ${d.correlation}`);
      if (d.table) expect(assumedTable(pA, pB, d.n, d.correlation!)).toEqual(d.table);
    }
    expect(assumedDesigns(0.62, 0.51)).toHaveLength(9);
  });

  it("each title's paired n names the correlation it rests on, as R's p-values order them", () => {
    for (const [pair, [pA, pB]] of Object.entries(reported)) {
      const first = (rho: number | null) => ref.designs.find((d) => d.pair === pair && d.correlation === rho && d.pValue < 0.05)!.n;
      const finding = assumedGapFinding("M", pA, pB, assumedDesigns(pA, pB));
      expect(finding).toContain(`p < 0.05 from n = ${first(null)} independent`);
      for (const rho of [0.6, 0.3]) expect(finding).toMatch(new RegExp(`n = ${first(rho)} if ρ = [0-9. or]*${rho}`));
    }
    // Sonnet: n = 100 suffices only at the stronger correlation (R: p = 0.090 at ρ = 0.3).
    const sonnet = titleText(story, "02-sonnet-assumed-n");
    expect(sonnet).toContain("n = 100 if ρ = 0.6");
    expect(sonnet).toContain("n = 200 if ρ = 0.3");
  });

  it("simulated pairs: paired and independent p-values, MDEs and the 2×2 match R", () => {
    const text = answers(story);
    for (const p of ref.pairs) expect(text).toContain(`p = ${formatP(p.pPaired)}, significant`);
    const sonnet = ref.pairs[0];
    expect(text).toContain(`p = ${formatP(sonnet.pPaired)} paired vs p = ${formatP(sonnet.pIndependent)} analysed as independent`);
    expect(text).toContain(`${Number((100 * sonnet.mdeIndependent).toFixed(1))} pp to ${Number((100 * sonnet.mdePaired).toFixed(1))} pp`);
    expect(titleText(story, "02-sonnet-discordance")).toContain(`research alone right on ${sonnet.onlyResearch} items, production alone on ${sonnet.onlyProduction}`);
  });

  it("rejects an impossible correlation and a bad n", () => {
    expect(() => assumedTable(0.62, 0.51, 100, 0.99)).toThrow(/correlation 0.99 is impossible/);
    expect(() => assumedDesign(0.62, 0.51, 0, null)).toThrow(RangeError);
  });
});
