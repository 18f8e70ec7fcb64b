/**
 * Notebook 4, "How many items?": the n an eval needs before it is run — 51% against chance, 62% vs
 * 51% on different items and on the same items, and items asked K times (Miller 2024, §5). Every
 * number comes from evalgap's planning functions; this module only loops over them to draw curves.
 */
import { compareConditions } from "../analysis/compareConditions.js";
import { planSampleSize } from "../analysis/planSampleSize.js";
import { varianceComponents, type VarianceComponents } from "../analysis/varianceComponents.js";
import { formatCount, formatPercent } from "../analysis/format.js";
import { powerFigure, type PowerCurve } from "../figures/power.js";
import type { RunRecord } from "../runs/record.js";
import { minimumDetectableEffect } from "../stats/minimumDetectableEffect.js";
import { powerTwoProportions } from "../stats/powerTwoProportions.js";
import { sampleSizeOneProportion } from "../stats/sampleSizeOneProportion.js";
import { loadSimulated, productionSonnet, researchSonnet } from "./storyData.js";
import { percentagePoints, powerCurveOnGrid } from "./storyFigures.js";
import type { NotebookStory, PaperFigure, PaperVerdict, StoryBuilder, StoryContext } from "./types.js";

/**
 * Power against n for telling a true rate `p1` from chance `p0` (one-sided, α = 0.05): at each
 * power on a grid, the n that `sampleSizeOneProportion` (Fleiss' normal formula) needs.
 *
 * @example
 * chancePowerCurve(0.55, 0.5, 2000).n.length > 0 // true; 80% is reached at n ≈ 617
 */
export function chancePowerCurve(p1: number, p0 = 0.5, maxN = 20000): PowerCurve {
  return powerCurveOnGrid(`true rate ${formatPercent(p1, 0)}`, (power) => sampleSizeOneProportion({ p0, p1, power, alternative: "greater" }).n, { maxN });
}

/**
 * Figure: how many items before 51%, 52% or 55% is told from a coin flip (log x-axis, since the
 * answers span two orders of magnitude).
 *
 * @example
 * chancePowerFigure().name // "04-power-against-chance"
 */
export function chancePowerFigure(): PaperFigure {
  const rates = [0.51, 0.52, 0.55];
  const curves = rates.map((p) => chancePowerCurve(p));
  const need = sampleSizeOneProportion({ p0: 0.5, p1: 0.51, alternative: "greater" });
  const figure = powerFigure(curves, {
    alpha: 0.05,
    finding: `A true 51% needs ${formatCount(Math.ceil(need.n))} items to beat chance; 55% needs ${formatCount(
      Math.ceil(sampleSizeOneProportion({ p0: 0.5, p1: 0.55, alternative: "greater" }).n),
    )}`,
    xTitle: "Items (n, log scale)",
    xScale: "log",
    xRange: [50, 20000],
    xTicks: [50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000],
  });
  return {
    name: "04-power-against-chance",
    caption: "Power of a one-sided test against chance (50%) for true rates of 51%, 52% and 55%, by number of items.",
    figure,
    simulated: false,
  };
}

/** Load both research-vs-production files needed by this notebook: one answer per item, and K = 5. */
export async function loadNotebook04Data(dataDir: string): Promise<{ single: RunRecord[]; kSamples: RunRecord[] }> {
  return { single: await loadSimulated(dataDir, "researchVsProduction"), kSamples: await loadSimulated(dataDir, "kSamples") };
}

/**
 * The item-level correlation of research and production on the simulated items, from
 * `compareConditions` (it pairs the items and reports the Pearson correlation of item scores).
 *
 * @example
 * simulatedCorrelation(records) // 0.3041… (data/README.md: 0.304)
 */
export function simulatedCorrelation(records: RunRecord[]): number {
  const c = compareConditions(records, { baseline: productionSonnet, treatment: researchSonnet });
  if (c.correlation === null) throw new RangeError("research and production share no items: no correlation to plan with");
  return c.correlation;
}

/**
 * Figure: 62% vs 51% on different items (`powerTwoProportions`, per condition) against the same
 * items (`planSampleSize` paired, Connor's McNemar formula with the simulated correlation).
 *
 * @example
 * gapPowerFigure(0.304).name // "04-power-62-vs-51"
 */
export function gapPowerFigure(correlation: number): PaperFigure {
  const plan = planSampleSize({ p1: 0.51, p2: 0.62 });
  const planPaired = planSampleSize({ p1: 0.51, p2: 0.62, correlation });
  const curves: PowerCurve[] = [
    powerCurveOnGrid("different items (per condition)", (power) => powerTwoProportions({ p1: 0.51, p2: 0.62, power }).n, { maxN: 700 }),
    powerCurveOnGrid(`same items, simulated r = ${correlation.toFixed(2)}`, (power) => planSampleSize({ p1: 0.51, p2: 0.62, correlation, power }).n, { maxN: 700 }),
  ];
  const figure = powerFigure(curves, {
    alpha: 0.05,
    finding: `62% vs 51%: ${formatCount(planPaired.items)} shared items match ${formatCount(plan.items)} per condition (simulated)`,
  });
  return {
    name: "04-power-62-vs-51",
    caption: "Power to detect 62% vs 51% (two-sided, α = 0.05): independent samples against paired items with the correlation of the simulated research/production runs.",
    figure,
    simulated: true,
  };
}

/** The K values (samples per item) the K-samples figure draws. */
export const kValues: readonly number[] = [1, 2, 5, 20];

/**
 * Items needed for a paired gap `delta` with K samples per item (`planSampleSize`, repeated design).
 *
 * @example
 * itemsForK({ omega2: 0.05, sigma2: 0.4 } as VarianceComponents, 0.05, 1) // 1413
 */
export function itemsForK(v: VarianceComponents, delta: number, samples: number): number {
  return planSampleSize({ design: "repeated", delta, omega2: v.omega2, sigma2: v.sigma2, samples }).items;
}

/**
 * Figure: power against items for a 5-point paired gap, one curve per K, with ω² and σ² estimated
 * from the simulated K = 5 runs. More samples shrink only σ²/K, so the curves bunch up against ω².
 *
 * @example
 * kSamplesFigure(v).name // "04-items-against-k"
 */
export function kSamplesFigure(v: VarianceComponents, delta = 0.05): PaperFigure {
  const curves: PowerCurve[] = kValues.map((samples) =>
    powerCurveOnGrid(`K = ${samples}`, (power) => planSampleSize({ design: "repeated", delta, omega2: v.omega2, sigma2: v.sigma2, samples, power }).n, { maxN: 2500 }),
  );
  const figure = powerFigure(curves, {
    alpha: 0.05,
    finding: `${percentagePoints(delta)}-point paired gap, simulated: ${formatCount(itemsForK(v, delta, 1))} items at K = 1, ${formatCount(itemsForK(v, delta, 5))} at K = 5`,
  });
  return {
    name: "04-items-against-k",
    caption: `Power to detect a ${percentagePoints(delta)}-point paired gap with K samples per item (Miller 2024), ω² = ${v.omega2.toFixed(4)} and σ² = ${v.sigma2.toFixed(3)} estimated from the simulated K = 5 runs.`,
    figure,
    simulated: true,
  };
}

/**
 * The notebook's answers, one sentence each, from `sampleSizeOneProportion`, `planSampleSize`,
 * `minimumDetectableEffect` and the K-samples plan.
 *
 * @example
 * itemVerdicts(0.304, v)[0].answer // "… 15,455 items …"
 */
export function itemVerdicts(correlation: number, v: VarianceComponents, delta = 0.05): PaperVerdict[] {
  const n51 = sampleSizeOneProportion({ p0: 0.5, p1: 0.51, alternative: "greater" });
  const n51exact = sampleSizeOneProportion({ p0: 0.5, p1: 0.51, alternative: "greater", method: "exact" });
  const mde300 = minimumDetectableEffect({ n: 300, p0: 0.5, alternative: "greater" });
  const unpaired = planSampleSize({ p1: 0.51, p2: 0.62 });
  const paired = planSampleSize({ p1: 0.51, p2: 0.62, correlation });
  const k1 = itemsForK(v, delta, 1);
  const k5 = itemsForK(v, delta, 5);
  // As K grows σ²/K vanishes: the items needed fall towards the ω² term alone.
  const floor = v.omega2 > 0 ? planSampleSize({ design: "repeated", delta, omega2: v.omega2, sigma2: 0 }).items : 1;
  return [
    {
      question: "How many yes/no items does a true 51% need to beat chance (50%)?",
      answer: `${formatCount(Math.ceil(n51.n))} items (exact binomial test: ${formatCount(n51exact.n)}) for 80% power at one-sided α = 0.05; with 300 items only a true rate of ${formatPercent(mde300.p1)} or more would be detected.`,
    },
    {
      question: "How many items to tell 62% from 51%, on different items and on the same items?",
      answer: `${formatCount(unpaired.items)} items per condition (${formatCount(2 * unpaired.items)} answers) on different items; ${formatCount(paired.items)} shared items when the conditions correlate as in the simulated runs (r = ${correlation.toFixed(3)}, discordance ${formatPercent(paired.discordance!)}).`,
    },
    {
      question: `How do K samples per item change the items needed for a ${percentagePoints(delta)}-point paired gap?`,
      answer: `With ω² = ${v.omega2.toFixed(4)} and σ² = ${v.sigma2.toFixed(3)} (simulated, K = ${v.samples}), K = 1 needs ${formatCount(k1)} items and K = 5 needs ${formatCount(k5)}; no number of samples gets below ${formatCount(floor)} items, because resampling shrinks only the within-item variance.`,
    },
  ];
}

/** Notebook 4's figures and verdicts. */
export const story: StoryBuilder = {
  notebook: "04-how-many-items",
  async build(context: StoryContext): Promise<NotebookStory> {
    const { single, kSamples } = await loadNotebook04Data(context.dataDir);
    const correlation = simulatedCorrelation(single);
    const v = varianceComponents(kSamples, { baseline: productionSonnet, treatment: researchSonnet });
    return {
      notebook: this.notebook,
      title: "How many items?",
      figures: [chancePowerFigure(), gapPowerFigure(correlation), kSamplesFigure(v)],
      verdicts: itemVerdicts(correlation, v),
    };
  },
};
