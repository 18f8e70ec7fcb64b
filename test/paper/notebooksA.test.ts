/**
 * The story modules of notebooks 1–3 build from the real data/ and say what R says: every number
 * checked here comes from test/fixtures/r/notebooksA.R (base R on the same files).
 */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatP, formatPercent } from "../../src/index.js";
import type { NotebookStory } from "../../src/paper/index.js";
import {
  ablationAnalysis,
  assumedDesign,
  assumedDesigns,
  assumedTable,
  equivalenceAgainstN,
  intervalAgainstNFigure,
  loadRetellings,
  markSimulated,
  notebook01Story,
  notebook02Story,
  notebook03Story,
  pValuesAgainstN,
} from "../../src/paper/notebooksA.js";
import { expectClose, loadFixture } from "../helpers/close.js";

interface Design { pair: string; n: number; correlation: number | null; pValue: number; table?: Record<string, number> }
interface Ref {
  notebook01: {
    grid: number[]; pGreater: number[]; firstSignificant: number; firstWilsonClear: number; p300: number;
    tostP: number[]; firstEquivalent: number; posteriorAbove300: number; fleissN: number[];
  };
  chance: { accuracy: number; majority: number; pUniform: number; pMajority: number };
  designs: Design[];
  pairs: { research: string; pPaired: number; pIndependent: number; mdePaired: number; mdeIndependent: number; onlyResearch: number; onlyProduction: number }[];
  ablations: { rows: { condition: string; estimate: number; pValue: number; holm: number }[]; best: string; connorItems: number };
}
const ref = loadFixture<Ref>("notebooksA.json");
const dataDir = resolve("data");
const stories: Record<string, NotebookStory> = {};

/** Every text plotly shows as title or subtitle. */
function titleText(story: NotebookStory, name: string): string {
  const f = story.figures.find((x) => x.name === name);
  if (!f) throw new Error(`no figure ${name}`);
  const t = f.figure.layout.title as { text: string; subtitle?: { text: string } };
  return `${t.text} ${t.subtitle?.text ?? ""}`.replace(/<br>/g, " ");
}
const answers = (s: NotebookStory) => s.verdicts.map((v) => v.answer).join("\n");

beforeAll(async () => {
  for (const s of [notebook01Story, notebook02Story, notebook03Story]) stories[s.notebook] = await s.build({ dataDir });
});

describe("every story", () => {
  it("builds from data/ with the expected number of uniquely named figures and verdicts", () => {
    const counts: Record<string, [number, number]> = { "01-does-51-beat-chance": [6, 4], "02-research-vs-production": [5, 3], "03-ablations": [4, 2] };
    const names = Object.values(stories).flatMap((s) => s.figures.map((f) => f.name));
    expect(new Set(names).size).toBe(names.length);
    for (const [notebook, [figures, verdicts]] of Object.entries(counts)) {
      const s = stories[notebook];
      expect(s.notebook).toBe(notebook);
      expect(s.figures).toHaveLength(figures);
      expect(s.verdicts).toHaveLength(verdicts);
      for (const f of s.figures) expect(f.name.startsWith(notebook.slice(0, 3))).toBe(true);
    }
  });

  it("puts the word simulated on every figure drawn from data/simulated, and only there", () => {
    for (const s of Object.values(stories)) {
      for (const f of s.figures) expect(/simulated/.test(titleText(s, f.name)), f.name).toBe(f.simulated);
    }
  });
});

describe("notebook 1: does 51% beat chance?", () => {
  it("p-value of 51% at each n equals R binom.test(…, alternative = 'greater'), first below 0.05 at n = 6,900", () => {
    const curve = pValuesAgainstN(0.51);
    expect(curve.n).toEqual(ref.notebook01.grid);
    curve.pValue.forEach((p, i) => expectClose(p, ref.notebook01.pGreater[i], `n = ${curve.n[i]}`));
    expect(curve.firstSignificant).toBe(ref.notebook01.firstSignificant);
  });

  it("the Wilson interval clears 50% where R prop.test's does, and TOST p-values equal R's", () => {
    expect((intervalAgainstNFigure(0.51).layout.title as { text: string }).text).toContain("9,700");
    expect(ref.notebook01.firstWilsonClear).toBe(9700);
    const eq = equivalenceAgainstN(0.51);
    eq.rows.forEach((r, i) => expectClose(r.pValue, ref.notebook01.tostP[i], `TOST n = ${r.n}`));
    expect(eq.firstEquivalent).toBe(ref.notebook01.firstEquivalent);
  });

  it("verdicts and titles carry R's numbers", () => {
    const s = stories["01-does-51-beat-chance"];
    const text = answers(s);
    expect(text).toContain(`p = ${formatP(ref.notebook01.p300)}`);
    expect(text).toContain("6,900");
    expect(text).toContain(`TOST p = ${formatP(ref.notebook01.tostP[0])}`);
    expect(text).toContain(`majority ${Math.round(100 * ref.chance.majority)}% (p = ${formatP(ref.chance.pMajority)})`);
    expect(text).toContain(`uniform 50% (p = ${formatP(ref.chance.pUniform)})`);
    expect(titleText(s, "01-posterior-n300")).toContain(formatPercent(ref.notebook01.posteriorAbove300));
    const power = titleText(s, "01-power-against-n");
    expect(power).toContain(Math.ceil(ref.notebook01.fleissN[0]).toLocaleString("en-US"));
    expect(power).toContain(String(Math.ceil(ref.notebook01.fleissN[2])));
  });

  it("reads the reported rates, and rejects a malformed file naming the field", async () => {
    expect((await loadRetellings(dataDir)).get("sonnet35-production")?.accuracy).toBe(0.51);
    const dir = mkdtempSync(join(tmpdir(), "evalgap-retell-"));
    mkdirSync(join(dir, "reported"));
    writeFileSync(join(dir, "reported", "retellings.csv"), "id,accuracy\nx,51%\n");
    await expect(loadRetellings(dir)).rejects.toThrow(/accuracy of x must be a fraction, got "51%"/);
    expect(() => pValuesAgainstN(1.5)).toThrow(RangeError);
  });

  it("markSimulated adds the word without touching the input", () => {
    const fig = { data: [], layout: { title: { text: "T" } } };
    const marked = markSimulated(fig);
    expect((marked.layout.title as { subtitle: { text: string } }).subtitle.text).toBe("simulated data");
    expect(fig.layout.title).toEqual({ text: "T" });
  });
});

describe("notebook 2: research vs production", () => {
  it("assumed designs: Fisher (independent) and exact McNemar (paired) p-values equal R's, tables too", () => {
    const reported = { "sonnet35-research": [0.62, 0.51], "opus3-research": [0.59, 0.49] } as Record<string, [number, number]>;
    for (const d of ref.designs) {
      const [pA, pB] = reported[d.pair];
      const got = assumedDesign(pA, pB, d.n, d.correlation);
      expectClose(got.pValue, d.pValue, `${d.pair} n = ${d.n} rho = ${d.correlation}`);
      if (d.table) expect(assumedTable(pA, pB, d.n, d.correlation!)).toEqual(d.table);
    }
    expect(assumedDesigns(0.62, 0.51)).toHaveLength(9);
  });

  it("simulated pairs: paired and independent p-values, MDEs and the 2×2 match R", () => {
    const s = stories["02-research-vs-production"];
    const text = answers(s);
    for (const p of ref.pairs) expect(text).toContain(`p = ${formatP(p.pPaired)}, significant`);
    const sonnet = ref.pairs[0];
    expect(text).toContain(`p = ${formatP(sonnet.pPaired)} paired vs p = ${formatP(sonnet.pIndependent)} analysed as independent`);
    expect(text).toContain(`${(100 * sonnet.mdeIndependent).toFixed(1)} pp to ${(100 * sonnet.mdePaired).toFixed(1)} pp`);
    expect(titleText(s, "02-sonnet-discordance")).toContain(`research alone right on ${sonnet.onlyResearch} items, production alone on ${sonnet.onlyProduction}`);
  });

  it("rejects an impossible correlation and a bad n", () => {
    expect(() => assumedTable(0.62, 0.51, 100, 0.99)).toThrow(/correlation 0.99 is impossible/);
    expect(() => assumedDesign(0.62, 0.51, 0, null)).toThrow(RangeError);
  });
});

describe("notebook 3: ablations", () => {
  it("raw and Holm-adjusted p-values of every ablation equal R's (paired, clustered z; p.adjust)", async () => {
    const { loadAblations, ablationBaseline } = await import("../../src/paper/notebooksA.js");
    const { comparisons } = ablationAnalysis(await loadAblations(dataDir), ablationBaseline);
    expect(comparisons.map((c) => c.treatment)).toEqual(ref.ablations.rows.map((r) => r.condition));
    comparisons.forEach((c, i) => {
      expectClose(c.estimate, ref.ablations.rows[i].estimate, `${c.treatment} gap`, 1e-9, 1e-12);
      expectClose(c.pValue, ref.ablations.rows[i].pValue, `${c.treatment} p`);
      expectClose(c.adjustedPValue, ref.ablations.rows[i].holm, `${c.treatment} Holm`);
    });
  });

  it("verdicts carry R's best gap, its Holm p and Connor's sample size", () => {
    const text = answers(stories["03-ablations"]);
    const best = ref.ablations.rows.find((r) => r.condition === ref.ablations.best)!;
    expect(text).toContain(`raw p = ${formatP(best.pValue)}, Holm p = ${formatP(best.holm)}`);
    expect(text).toContain(`${ref.ablations.connorItems.toLocaleString("en-US")} items`);
    expect(text).toContain("None of the 5 did");
  });

  it("rejects empty records", () => {
    expect(() => ablationAnalysis([])).toThrow(/at least one record, got 0/);
  });
});
