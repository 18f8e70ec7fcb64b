/**
 * Notebook 3, "Ablations": the production side tried temperature 0 and 1, "think step by step",
 * custom system prompts and GPT-4o, and the best of them was quoted. Trying five things and keeping
 * the best is how false gains are made, so every gap here is Holm-adjusted (`compareAll`). The same
 * two figures are then drawn for the reader's own file.
 */
import { join } from "node:path";
import { compareAll, type AdjustedComparison } from "../analysis/compareAll.js";
import { formatCount, formatPercent, formatPoints, pText } from "../analysis/format.js";
import { planSampleSize } from "../analysis/planSampleSize.js";
import { summarize } from "../analysis/summarize.js";
import { forestFigure } from "../figures/forest.js";
import { gapFigure } from "../figures/gap.js";
import type { Figure } from "../figures/theme.js";
import { loadRuns } from "../runs/loadRuns.js";
import type { RunRecord } from "../runs/record.js";
import { loadSimulated, productionSonnet, simulatedFiles } from "./storyData.js";
import { gapRow, markSimulated } from "./storyFigures.js";
import type { NotebookStory, PaperFigure, PaperVerdict, StoryBuilder } from "./types.js";

/** The production baseline of the ablations; it lives in the research-vs-production file (data/README.md). */
export const ablationBaseline = productionSonnet;

/**
 * The ablation records with their baseline: both simulated files loaded together, keeping only the
 * baseline and the ablation conditions (the research runs are another question).
 *
 * @example
 * new Set((await loadAblations("data")).map((r) => r.condition)).size // 6
 */
export async function loadAblations(dataDir: string): Promise<RunRecord[]> {
  const ablations = await loadSimulated(dataDir, "ablations");
  const base = (await loadSimulated(dataDir, "researchVsProduction")).filter((r) => r.condition === ablationBaseline);
  return [...base, ...ablations];
}

/**
 * A condition's name without the part it shares with the baseline, for labels:
 * "production: Claude 3.5 Sonnet, temperature 0" → "temperature 0".
 *
 * @example
 * shortLabel("production: Claude 3.5 Sonnet, temperature 0", "production: Claude 3.5 Sonnet") // "temperature 0"
 */
export function shortLabel(condition: string, baseline: string): string {
  const prefix = `${baseline}, `;
  if (condition.startsWith(prefix)) return condition.slice(prefix.length);
  return condition.replace(/^production: /, "");
}

/**
 * Figure: each condition's rate and interval (`summarize`), baseline first, against 50% chance.
 *
 * @example
 * ablationForest(records, ablationBaseline).data[0].y.length // 6
 */
export function ablationForest(records: readonly RunRecord[], baseline: string, chance = 0.5): Figure {
  const rows = summarize(records)
    .sort((a, b) => Number(b.group === baseline) - Number(a.group === baseline))
    .map((r) => ({ label: r.group === baseline ? `${shortLabel(r.group, "")} (baseline)` : shortLabel(r.group, baseline), estimate: r.accuracy, lower: r.lower, upper: r.upper, n: r.items }));
  const clear = rows.filter((r) => r.lower > chance).length;
  return forestFigure(rows, {
    chance: { value: chance, kind: "uniform" },
    finding: clear === 0 ? `No condition's 95% interval clears ${formatPercent(chance, 0)} chance` : `${clear} of ${rows.length} conditions clear ${formatPercent(chance, 0)} chance`,
  });
}

/**
 * Figure: every condition minus the baseline with its interval, filled when significant after the
 * Holm adjustment over all of them (`compareAll`, R `p.adjust(…, "holm")`).
 *
 * @example
 * ablationGaps(compareAll(records, { baseline: ablationBaseline }), ablationBaseline).data[0].y.length // 5
 */
export function ablationGaps(comparisons: readonly AdjustedComparison[], baseline: string): Figure {
  // Filled only when significant after Holm: the raw p-values overstate five tries.
  const rows = comparisons.map((c) => ({ ...gapRow(c, shortLabel(c.treatment, baseline)), pAdjusted: c.adjustedPValue, significant: c.significantAdjusted }));
  const best = comparisons.reduce((a, b) => (b.estimate > a.estimate ? b : a));
  const nSignificant = comparisons.filter((c) => c.significantAdjusted).length;
  const finding =
    nSignificant === 0
      ? `Best: ${shortLabel(best.treatment, baseline)} ${formatPoints(best.estimate)}; none significant after Holm`
      : `${nSignificant} of ${comparisons.length} gaps significant after Holm adjustment`;
  return gapFigure(rows, { baseline: shortLabel(baseline, ""), correction: "Holm", finding });
}

/**
 * What notebook 3 computes for one set of records: every condition against the baseline (default:
 * the first record's condition), Holm-adjusted, and its two figures, marked "simulated data" when
 * `simulated` says the records come from data/simulated.
 */
export function ablationAnalysis(
  records: readonly RunRecord[],
  baseline?: string,
  options: { simulated?: boolean } = {},
): { baseline: string; comparisons: AdjustedComparison[]; forest: Figure; gaps: Figure } {
  const base = baseline ?? records[0]?.condition;
  if (base === undefined) throw new RangeError("records must hold at least one record, got 0");
  const comparisons = compareAll(records, { baseline: base });
  const mark = options.simulated ? markSimulated : (f: Figure) => f;
  return { baseline: base, comparisons, forest: mark(ablationForest(records, base)), gaps: mark(ablationGaps(comparisons, base)) };
}

/** The file the notebook's "your own file" section reads by default (relative to data/). */
export const defaultOwnFile = join("simulated", simulatedFiles.ablations);

/**
 * Items needed to detect a gap on the same items, using the correlation the comparison observed
 * (`planSampleSize`, Connor's McNemar formula, two-sided α = 0.05, 80% power).
 *
 * @example
 * // GPT-4o vs production Sonnet on the simulated file (ρ = 0.26): test/fixtures/r/notebook03.R, connorItems
 * itemsToDetect(0.51, 0.56, best.correlation).items // 1160
 */
export function itemsToDetect(baselineRate: number, treatmentRate: number, correlation: number) {
  return planSampleSize({ p1: baselineRate, p2: treatmentRate, correlation });
}

/** "None of the 5 did", "2 of 5 did". */
function significantCount(comparisons: readonly AdjustedComparison[]): string {
  const k = comparisons.filter((c) => c.significantAdjusted).length;
  return `${k === 0 ? "None" : k} of the ${comparisons.length} did`;
}

/** Notebook 3's figures and verdicts. */
export const story: StoryBuilder = {
  notebook: "03-ablations",
  async build({ dataDir }): Promise<NotebookStory> {
    const records = await loadAblations(dataDir);
    const main = ablationAnalysis(records, ablationBaseline, { simulated: true });
    const own = ablationAnalysis(await loadRuns(join(dataDir, defaultOwnFile)), undefined, { simulated: true });
    const fig = (name: string, caption: string, figure: Figure): PaperFigure => ({ name: `03-${name}`, caption, figure, simulated: true });
    const figures = [
      fig("ablations-forest", "Production Claude 3.5 Sonnet and each attempt to improve it, with 95% intervals, against 50% chance.", main.forest),
      fig("ablations-gaps", "Each attempt minus the production baseline, Holm-adjusted over the five comparisons.", main.gaps),
      fig("your-file-forest", `The same analysis on a file of your own (default: data/${defaultOwnFile}, first condition as baseline): rates.`, own.forest),
      fig("your-file-gaps", "The same analysis on a file of your own: gaps against its baseline, Holm-adjusted.", own.gaps),
    ];
    const best = main.comparisons.reduce((a, b) => (b.estimate > a.estimate ? b : a));
    const plan = itemsToDetect(best.baselineAccuracy, best.treatmentAccuracy, best.correlation ?? 0);
    const verdicts: PaperVerdict[] = [
      {
        question: "Did any production-side change (temperature, prompts, GPT-4o) beat the production baseline?",
        answer:
          `${significantCount(main.comparisons)} after Holm adjustment (simulated data). ` +
          `The best, ${shortLabel(best.treatment, ablationBaseline)}, gained ${formatPoints(best.estimate)} (${formatPercent(best.treatmentAccuracy)} vs ${formatPercent(best.baselineAccuracy)} on ${formatCount(best.items)} paired items): ` +
          `raw ${pText(best.pValue)}, Holm ${pText(best.adjustedPValue)}.`,
      },
      {
        question: `How many items would it take to detect a gain the size of ${shortLabel(best.treatment, ablationBaseline)}'s?`,
        answer: `${plan.sentence.replace(/\.$/, "")}, with the correlation of item outcomes the simulated file shows (ρ = ${(best.correlation ?? 0).toFixed(2)}).`,
      },
    ];
    return { notebook: this.notebook, title: "Ablations", figures, verdicts };
  },
};
