/**
 * Notebook 2, "Research vs production": Claude 3.5 Sonnet scored 62% in the research harness and
 * 51% through the production API (Claude 3 Opus 59% vs 49%). Whether that gap is real depends on
 * two things the retellings leave out: how many items, and whether both settings saw the same
 * items. This module draws both answers with evalgap's tests; it holds no statistics of its own.
 */
import { compareConditions, type Comparison } from "../analysis/compareConditions.js";
import { formatCount, formatPercent, formatPoints, pText } from "../analysis/format.js";
import { alignItems, discordanceTable, itemScores } from "../analysis/itemScores.js";
import { planSampleSize } from "../analysis/planSampleSize.js";
import { summarize } from "../analysis/summarize.js";
import { discordanceFigure } from "../figures/discordance.js";
import { forestFigure } from "../figures/forest.js";
import { gapFigure } from "../figures/gap.js";
import type { Figure } from "../figures/theme.js";
import type { RunRecord } from "../runs/record.js";
import { mcnemarTest } from "../stats/mcnemarTest.js";
import { pairedProportionCI, type PairedTable } from "../stats/pairedProportionCI.js";
import { twoProportionCI } from "../stats/twoProportionCI.js";
import { twoProportionTest } from "../stats/twoProportionTest.js";
import { loadRetellings, loadSimulated, productionSonnet, researchSonnet } from "./storyData.js";
import { gapRow, markSimulated, percentagePoints } from "./storyFigures.js";
import type { NotebookStory, PaperFigure, PaperVerdict, StoryBuilder } from "./types.js";

/** One research-vs-production pair: the condition names in the simulated file and the reported rates' ids. */
export interface SettingPair {
  model: string;
  /** For titles: "Sonnet", "Opus". */
  short: string;
  research: string;
  production: string;
  researchId: string;
  productionId: string;
}

export const settingPairs: readonly SettingPair[] = [
  { model: "Claude 3.5 Sonnet", short: "Sonnet", research: researchSonnet, production: productionSonnet, researchId: "sonnet35-research", productionId: "sonnet35-production" },
  { model: "Claude 3 Opus", short: "Opus", research: "research: Claude 3 Opus", production: "production: Claude 3 Opus", researchId: "opus3-research", productionId: "opus3-production" },
];

/**
 * Figure: every condition's rate with its interval (Miller's clustered SE, from `summarize`) against
 * 50% chance, from the simulated per-item file.
 *
 * @example
 * conditionsForest(records).data[0].y.length // 4
 */
export function conditionsForest(records: readonly RunRecord[]): Figure {
  const rows = summarize(records).map((r) => ({ label: r.group, estimate: r.accuracy, lower: r.lower, upper: r.upper, n: r.items }));
  const clear = rows.filter((r) => r.lower > 0.5).map((r) => r.label.split(":")[0]);
  return markSimulated(
    forestFigure(rows, {
      chance: { value: 0.5, kind: "uniform" },
      finding: clear.length === 0 ? "No condition's interval clears 50% chance" : `Only the ${[...new Set(clear)].join(" and ")} runs clear 50% chance`,
    }),
  );
}

/** Both analyses of one pair on the simulated file: paired by item, and as if the items differed. */
export function pairedAndIndependent(records: readonly RunRecord[], pair: SettingPair): { paired: Comparison; independent: Comparison } {
  const options = { baseline: pair.production, treatment: pair.research };
  return {
    paired: compareConditions(records, { ...options, pairing: "paired" }),
    independent: compareConditions(records, { ...options, pairing: "independent" }),
  };
}

/**
 * Figure: research − production per model, analysed paired (same items) and independent, from the
 * simulated file (`compareConditions`; clustered SEs because items come in passages).
 *
 * @example
 * pairingGapFigure(records).layout.yaxis.categoryarray.length // 4
 */
export function pairingGapFigure(records: readonly RunRecord[], pairs: readonly SettingPair[] = settingPairs): Figure {
  const rows = pairs.flatMap((pair) => {
    const both = pairedAndIndependent(records, pair);
    return (["paired", "independent"] as const).map((design) => {
      const c = both[design];
      return gapRow(c, `${pair.model}, ${design} (${pText(c.pValue)})`);
    });
  });
  const widths = pairs.map((pair) => {
    const both = pairedAndIndependent(records, pair);
    return (both.paired.upper - both.paired.lower) / (both.independent.upper - both.independent.lower);
  });
  const shrink = Math.round(100 * (1 - Math.max(...widths)));
  return markSimulated(gapFigure(rows, { baseline: "production", treatment: "research", finding: `Pairing the same items narrows the interval by at least ${shrink}%` }));
}

/** One hypothetical design for a reported pair of rates: its test and interval. */
export interface AssumedDesign {
  n: number;
  /** null: independent samples of n items each; a number: the same n items, outcomes correlated by rho. */
  correlation: number | null;
  estimate: number;
  lower: number;
  upper: number;
  pValue: number;
  table?: PairedTable;
}

/**
 * The paired 2×2 table n items would give if two conditions had rates pA and pB and item
 * outcomes correlated by rho: the discordance (share right under exactly one) from `planSampleSize`
 * (P(both) = pA pB + rho √(pA qA pB qB)), split so the margins are exactly round(pA n) and round(pB n).
 *
 * @example
 * assumedTable(0.62, 0.51, 100, 0.3) // { both: 39, onlyA: 23, onlyB: 12, neither: 26 }
 */
export function assumedTable(pA: number, pB: number, n: number, rho: number): PairedTable {
  const kA = Math.round(pA * n);
  const kB = Math.round(pB * n);
  const psi = planSampleSize({ p1: pB, p2: pA, correlation: rho }).discordance!;
  const gap = Math.abs(kA - kB);
  let discordant = Math.max(gap, Math.round(psi * n));
  if ((discordant - gap) % 2 === 1) discordant += 1; // onlyA − onlyB must equal kA − kB exactly
  const onlyA = kA >= kB ? (discordant + gap) / 2 : (discordant - gap) / 2;
  const onlyB = discordant - onlyA;
  return { both: kA - onlyA, onlyA, onlyB, neither: n - kA - onlyB };
}

/**
 * pA − pB under an assumed design: Fisher's exact test and Newcombe's interval for two samples of
 * n items, or McNemar's exact test and Tango's interval for the same n items (what
 * `compareConditions` uses for one binary answer per item).
 *
 * @example
 * assumedDesign(0.62, 0.51, 100, null).pValue // 0.153593… (R fisher.test(matrix(c(62, 38, 51, 49), 2)))
 */
export function assumedDesign(pA: number, pB: number, n: number, correlation: number | null): AssumedDesign {
  if (correlation === null) {
    const [kA, kB] = [Math.round(pA * n), Math.round(pB * n)];
    const ci = twoProportionCI(kA, n, kB, n, { method: "newcombe" });
    const test = twoProportionTest(kA, n, kB, n, { method: "fisher" });
    return { n, correlation, estimate: ci.estimate, lower: ci.lower, upper: ci.upper, pValue: test.pValue };
  }
  const table = assumedTable(pA, pB, n, correlation);
  const ci = pairedProportionCI(table, { method: "tango" });
  const test = mcnemarTest(table.onlyA, table.onlyB, { method: "exact" });
  return { n, correlation, estimate: ci.estimate, lower: ci.lower, upper: ci.upper, pValue: test.pValue, table };
}

export const assumedSizes: readonly number[] = [100, 200, 300];
export const assumedCorrelations: readonly (number | null)[] = [null, 0.3, 0.6];

/** Every assumed design for one reported pair: sizes × (independent, paired at each correlation). */
export function assumedDesigns(pA: number, pB: number, sizes = assumedSizes, correlations = assumedCorrelations): AssumedDesign[] {
  return sizes.flatMap((n) => correlations.map((rho) => assumedDesign(pA, pB, n, rho)));
}

function designLabel(d: AssumedDesign): string {
  return `n = ${formatCount(d.n)}, ${d.correlation === null ? "independent" : `paired ρ = ${d.correlation}`} (${pText(d.pValue)})`;
}

/**
 * The figure's finding: the smallest assumed n at which the reported gap has p < 0.05, independent
 * and paired. A paired answer holds only for the correlation it was computed at, so each one names
 * its ρ; correlations that reach p < 0.05 at the same n are named together.
 *
 * @example
 * assumedGapFinding("Sonnet", 0.62, 0.51, assumedDesigns(0.62, 0.51)) // "Sonnet 62% vs 51%: p < 0.05 from n = 200 independent; paired from n = 100 if ρ = 0.6, n = 200 if ρ = 0.3"
 */
export function assumedGapFinding(model: string, research: number, production: number, designs: readonly AssumedDesign[]): string {
  const largest = formatCount(Math.max(...designs.map((d) => d.n)));
  const smallest = (rho: number | null) => designs.find((d) => d.correlation === rho && d.pValue < 0.05)?.n;
  const independent = smallest(null);
  // Strongest correlation first: it needs the fewest items.
  const correlations = [...new Set(designs.map((d) => d.correlation).filter((rho): rho is number => rho !== null))].sort((a, b) => b - a);
  const byN = new Map<string, number[]>();
  for (const rho of correlations) {
    const n = smallest(rho);
    const key = n === undefined ? `not by n = ${largest}` : `n = ${formatCount(n)}`;
    byN.set(key, [...(byN.get(key) ?? []), rho]);
  }
  const paired = [...byN].map(([when, rhos]) => `${when} if ρ = ${rhos.join(" or ")}`).join(", ");
  return (
    `${model} ${formatPercent(research, 0)} vs ${formatPercent(production, 0)}: ` +
    (independent === undefined ? `p ≥ 0.05 independent up to n = ${largest}` : `p < 0.05 from n = ${formatCount(independent)} independent`) +
    (paired === "" ? "" : `; paired from ${paired}`)
  );
}

/**
 * Figure: the reported gap (research − production) with its interval and exact p under each assumed
 * n and design; filled where p < 0.05.
 *
 * @example
 * assumedGapFigure("Sonnet", 0.62, 0.51).data.length // 2 (significant and not)
 */
export function assumedGapFigure(model: string, research: number, production: number): Figure {
  const designs = assumedDesigns(research, production);
  const rows = designs.map((d) => ({ label: designLabel(d), estimate: d.estimate, lower: d.lower, upper: d.upper, significant: d.pValue < 0.05 }));
  return gapFigure(rows, { baseline: "production", treatment: "research", finding: assumedGapFinding(model, research, production, designs) });
}

/**
 * Figure: the paired 2×2 of one simulated pair, counted from its items (`itemScores`, `alignItems`).
 *
 * @example
 * discordanceOf(records, settingPairs[0]).layout.title.text // "research alone right on 69 items, production alone on 36"
 */
export function discordanceOf(records: readonly RunRecord[], pair: SettingPair): Figure {
  const scores = (condition: string) => itemScores(records.filter((r) => r.condition === condition));
  const { pairs } = alignItems(scores(pair.production), scores(pair.research));
  // The subtitle names the paired test the notebook's verdict used (McNemar, or a clustered paired z).
  const method = pairedAndIndependent(records, pair).paired.method;
  return markSimulated(discordanceFigure({ ...discordanceTable(pairs), labels: ["research", "production"] }, { method }));
}

/** Notebook 2's figures and verdicts. */
export const story: StoryBuilder = {
  notebook: "02-research-vs-production",
  async build({ dataDir }): Promise<NotebookStory> {
    const reported = await loadRetellings(dataDir);
    const records = await loadSimulated(dataDir, "researchVsProduction");
    const fig = (name: string, caption: string, figure: Figure, simulated: boolean): PaperFigure => ({ name: `02-${name}`, caption, figure, simulated });
    const figures: PaperFigure[] = [fig("conditions-forest", "Each simulated condition's rate with its clustered 95% interval, against 50% chance.", conditionsForest(records), true)];
    const verdicts: PaperVerdict[] = [];
    for (const pair of settingPairs) {
      const [r, p] = [reported.get(pair.researchId)!.accuracy, reported.get(pair.productionId)!.accuracy];
      const slug = pair.short.toLowerCase();
      figures.push(fig(`${slug}-assumed-n`, `${pair.model}: research ${formatPercent(r, 0)} vs production ${formatPercent(p, 0)} under assumed n and designs (reported rates, no data).`, assumedGapFigure(pair.short, r, p), false));
      const at = (n: number, rho: number | null) => assumedDesign(r, p, n, rho);
      verdicts.push({
        question: `Is ${pair.model}'s research ${formatPercent(r, 0)} vs production ${formatPercent(p, 0)} a real gap?`,
        answer:
          `It depends on n and pairing, which the retellings omit: at n = 100, independent ${pText(at(100, null).pValue)}, ` +
          `paired (ρ = 0.3) ${pText(at(100, 0.3).pValue)}; at n = 300, independent ${pText(at(300, null).pValue)}. ` +
          `On the simulated paired file: ${pairedAndIndependent(records, pair).paired.sentence}`,
      });
    }
    figures.push(fig("pairing-gaps", "Research − production per model on the simulated file, analysed paired and as independent samples.", pairingGapFigure(records), true));
    figures.push(fig("sonnet-discordance", "Claude 3.5 Sonnet, simulated: on how many items research and production disagree, and which way.", discordanceOf(records, settingPairs[0]), true));
    const sonnet = pairedAndIndependent(records, settingPairs[0]);
    verdicts.push({
      question: "How does pairing change the answer?",
      answer:
        `Scoring both settings on the same items cancels item difficulty: for Claude 3.5 Sonnet (simulated) the gap ${formatPoints(sonnet.paired.estimate)} ` +
        `has ${pText(sonnet.paired.pValue)} paired vs ${pText(sonnet.independent.pValue)} analysed as independent, ` +
        `and the smallest detectable gap falls from ${percentagePoints(sonnet.independent.mde)} pp to ${percentagePoints(sonnet.paired.mde)} pp.`,
    });
    return { notebook: this.notebook, title: "Research vs production", figures, verdicts };
  },
};
