/**
 * Notebook 1, "Does 51% beat chance?": the production API's 51% was called "barely above random",
 * but no retelling says how many items it was measured on. Every figure here asks what 51% would
 * mean at each n, against which chance, and how sure one could be; the statistics are all evalgap's.
 */
import { beatsChance, type ChanceVerdict } from "../analysis/beatsChance.js";
import { formatCount, formatP, formatPercent, formatRate, pText } from "../analysis/format.js";
import { forestFigure } from "../figures/forest.js";
import { posteriorFigure } from "../figures/posterior.js";
import { powerFigure } from "../figures/power.js";
import { pValueFigure } from "../figures/pvalue.js";
import { sweepFigure } from "../figures/sweep.js";
import type { Figure } from "../figures/theme.js";
import type { RunRecord } from "../runs/record.js";
import { betaPosterior } from "../stats/betaPosterior.js";
import { binomialTest } from "../stats/binomialTest.js";
import { equivalenceTest } from "../stats/equivalenceTest.js";
import { proportionCI } from "../stats/proportionCI.js";
import { sampleSizeOneProportion } from "../stats/sampleSizeOneProportion.js";
import { loadRetellings, loadSimulated, productionSonnet } from "./storyData.js";
import { markSimulated, percentagePoints, powerCurveOnGrid, powerGrid } from "./storyFigures.js";
import type { NotebookStory, PaperFigure, PaperVerdict, StoryBuilder } from "./types.js";

/** Tick values for log axes of items: 1-2-5 steps, as plotly's own log ticks crowd at the top. */
const logTicks = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000];

/** Items n = 100, 200, … , 20,000: every n where 51% is a whole number of items. */
export const itemGrid: readonly number[] = Array.from({ length: 200 }, (_, i) => 100 * (i + 1));

/**
 * The p-value an observed rate would get at each n (exact one-sided binomial test, R `binom.test`
 * "greater"), and the first n in `grid` where it drops below `alpha`.
 *
 * @example
 * pValuesAgainstN(0.51).firstSignificant // 6900 (test/fixtures/r/notebook01.R: binom.test(3519, 6900, alt = "greater"))
 */
export function pValuesAgainstN(rate: number, chance = 0.5, alpha = 0.05, grid: readonly number[] = itemGrid): { n: number[]; pValue: number[]; firstSignificant: number | null } {
  const n = [...grid];
  const pValue = n.map((m) => binomialTest(Math.round(rate * m), m, { p: chance, alternative: "greater" }).pValue);
  const i = pValue.findIndex((p) => p < alpha);
  return { n, pValue, firstSignificant: i < 0 ? null : n[i] };
}

/**
 * Figure: the p-value of an observed 51% against n, with α and where it crosses.
 *
 * @example
 * pValueAgainstNFigure(0.51).data[0].x.length // 200
 */
export function pValueAgainstNFigure(rate: number, chance = 0.5): Figure {
  const curve = pValuesAgainstN(rate, chance);
  return pValueFigure(curve, { observed: rate, chance, xTitle: "Items the eval had (n, unknown for the retold 51%)" });
}

/**
 * Figure: the 95% Wilson interval of 51% at each n (log axis) against the 50% chance line, so the
 * n where the interval leaves chance can be read off.
 *
 * @example
 * intervalAgainstNFigure(0.51).layout.xaxis.type // "log"
 */
export function intervalAgainstNFigure(rate: number, chance = 0.5): Figure {
  const wilson = (n: number) => proportionCI(Math.round(rate * n), n, { method: "wilson" });
  // The title's n is found on the fine grid; the drawn points are a log-spaced subset of it.
  const clearN = itemGrid.find((n) => wilson(n).lower > chance);
  const drawn = [...new Set(Array.from({ length: 31 }, (_, i) => 100 * Math.round(200 ** (i / 30))))];
  const points = drawn.map((n) => {
    const ci = wilson(n);
    return { series: `observed ${formatPercent(rate)}`, x: n, estimate: ci.estimate, lower: ci.lower, upper: ci.upper };
  });
  const clear = clearN === undefined ? undefined : { x: clearN };
  return sweepFigure(points, {
    xTitle: "Items (n, log scale)",
    xScale: "log",
    xTicks: logTicks,
    // 31 points on a log axis read as a curve, not as separate measurements: no markers.
    markers: false,
    referenceLines: [
      { axis: "y", value: chance, tone: "chance", label: `chance ${formatRate(chance)}` },
      ...(clear ? [{ axis: "x" as const, value: clear.x, tone: "threshold" as const, dash: "dot" as const, label: `n = ${formatCount(clear.x)}` }] : []),
    ],
    finding: clear
      ? `The 95% interval of ${formatPercent(rate)} clears ${formatRate(chance)} only from n = ${formatCount(clear.x)}`
      : `The 95% interval of ${formatPercent(rate)} still reaches ${formatRate(chance)} at n = 20,000`,
  });
}

/** The verdicts of one condition against each chance baseline the records allow. */
export function chanceVerdicts(records: readonly RunRecord[], condition: string): { kind: "uniform" | "majority" | "marginal"; verdict: ChanceVerdict }[] {
  return (["uniform", "majority", "marginal"] as const).map((kind) => ({ kind, verdict: beatsChance(records, { condition, chance: kind }) }));
}

/**
 * Figure: the simulated 51% with its interval and the three chance lines it could be held to
 * (uniform guessing, always the majority key, the model's own answers shuffled across items).
 *
 * @example
 * chanceBaselinesFigure(records, "production: Claude 3.5 Sonnet").layout.shapes.length // 3
 */
export function chanceBaselinesFigure(records: readonly RunRecord[], condition: string): Figure {
  const all = chanceVerdicts(records, condition);
  const v = all[0].verdict;
  const highest = all.reduce((a, b) => (b.verdict.chance > a.verdict.chance ? b : a));
  const side = v.accuracy > highest.verdict.chance ? "above" : "below";
  return markSimulated(
    forestFigure([{ label: condition, estimate: v.accuracy, lower: v.lower, upper: v.upper, n: v.items }], {
      // Each line's label carries its one-sided p-value, so the three verdicts read off the figure.
      chance: all.map(({ kind, verdict }) => ({ value: verdict.chance, kind: `${kind}, ${pText(verdict.pValue)}` })),
      finding: `Held to the ${highest.kind} baseline (${formatRate(highest.verdict.chance)}), ${formatPercent(v.accuracy)} is ${side} chance`,
    }),
  );
}

/**
 * Power curves: the chance that an eval of n items detects a true rate of 51%, 53% or 55% above 50%
 * (one-sided, α = 0.05), traced by asking `sampleSizeOneProportion` (Fleiss) for the n at each power.
 *
 * @example
 * detectablePowerFigure([0.55]).data[0].name // "true rate 55.0%: n ≈ 617"
 */
export function detectablePowerFigure(trueRates: readonly number[] = [0.51, 0.53, 0.55], chance = 0.5): Figure {
  // From 20% power up: below that the formula's n shrinks towards a handful of items nobody runs.
  const powers = powerGrid.filter((power) => power >= 0.2 && power <= 0.95);
  const curves = trueRates.map((p1) =>
    powerCurveOnGrid(`true rate ${formatPercent(p1)}`, (power) => sampleSizeOneProportion({ p0: chance, p1, power, alternative: "greater" }).n, { powers }),
  );
  const need = (p1: number) => formatCount(Math.ceil(sampleSizeOneProportion({ p0: chance, p1, alternative: "greater" }).n));
  const [lo, hi] = [trueRates[0], trueRates[trueRates.length - 1]];
  return powerFigure(curves, {
    alpha: 0.05,
    xTitle: "Items (n, log scale)",
    xScale: "log",
    xTicks: logTicks,
    finding: `A true ${formatRate(lo)} needs ≈ ${need(lo)} items for 80% power; ${formatRate(hi)} needs ≈ ${need(hi)}`,
  });
}

/**
 * Figure: the Beta posterior of the rate (uniform prior) if 51% had been 153 of 300 items.
 *
 * @example
 * posteriorAt(0.51, 300).layout.title.text // "If n were 300: P(true rate &gt; 50%) = 63.5%" (R: 1 − pbeta(0.5, 154, 148))
 */
export function posteriorAt(rate: number, n: number, chance = 0.5): Figure {
  const k = Math.round(rate * n);
  const post = betaPosterior(k, n, { p0: chance });
  return posteriorFigure(
    { alpha: post.alpha, beta: post.beta, chance, probabilityAbove: post.probabilityAbove },
    { trials: n, finding: `If n were ${formatCount(n)}: P(true rate > ${formatRate(chance)}) = ${formatPercent(post.probabilityAbove)}` },
  );
}

/** Sizes at which equivalence to chance is checked. */
export const equivalenceSizes: readonly number[] = [300, 1000, 2000, 3000, 5000, 10000];

/**
 * TOST of 51% against chance ± margin at each n (`equivalenceTest`, exact one-sided binomial tests),
 * and the first n where 51% is shown to be within the margin.
 *
 * @example
 * equivalenceAgainstN(0.51).firstEquivalent // 1000
 */
export function equivalenceAgainstN(rate: number, chance = 0.5, margin = 0.05, sizes: readonly number[] = equivalenceSizes) {
  const rows = sizes.map((n) => ({ n, ...equivalenceTest({ successes: Math.round(rate * n), trials: n }, { p0: chance, margin }) }));
  return { rows, firstEquivalent: rows.find((r) => r.equivalent)?.n ?? null };
}

/**
 * Figure: the 90% interval of 51% (the one TOST at α = 0.05 reads) at each n, inside or across the
 * ±5 pp band around chance.
 *
 * @example
 * equivalenceFigure(0.51).layout.shapes.length // 3
 */
export function equivalenceFigure(rate: number, chance = 0.5, margin = 0.05): Figure {
  const { rows, firstEquivalent } = equivalenceAgainstN(rate, chance, margin);
  return forestFigure(
    rows.map((r) => ({ label: r.equivalent ? `within ±${percentagePoints(margin)} pp` : "not shown", estimate: r.estimate, lower: r.lower, upper: r.upper, n: r.n })),
    {
      level: rows[0].level,
      chance: [
        { value: chance - margin, kind: "margin", label: `chance − ${percentagePoints(margin)} pp: ${formatPercent(chance - margin)}` },
        { value: chance, kind: "uniform" },
        { value: chance + margin, kind: "margin", label: `chance + ${percentagePoints(margin)} pp: ${formatPercent(chance + margin)}` },
      ],
      finding:
        firstEquivalent === null
          ? `${formatPercent(rate)} is not shown equivalent to chance ± ${percentagePoints(margin)} pp by n = ${formatCount(rows[rows.length - 1].n)}`
          : `${formatPercent(rate)} is within ±${percentagePoints(margin)} pp of chance (TOST) only from n = ${formatCount(firstEquivalent)}`,
    },
  );
}

/** The assumed size used where one n has to be picked (data/README.md: n = 300, an assumption). */
export const assumedItems = 300;

/** The sentence to paste, for 51% at an assumed n (`beatsChance` on counts). */
export function pasteSentence(rate: number, n: number): string {
  return `${beatsChance({ successes: Math.round(rate * n), trials: n }).sentence} (n = ${formatCount(n)} is an assumption; the retellings give none.)`;
}

/** Notebook 1's figures and verdicts, from data/reported and data/simulated. */
export const story: StoryBuilder = {
  notebook: "01-does-51-beat-chance",
  async build({ dataDir }): Promise<NotebookStory> {
    const rate = (await loadRetellings(dataDir)).get("sonnet35-production")!.accuracy;
    const records = await loadSimulated(dataDir, "researchVsProduction");
    const pCurve = pValuesAgainstN(rate);
    const eq = equivalenceAgainstN(rate);
    const baselines = chanceVerdicts(records, productionSonnet);
    const highest = baselines.reduce((a, b) => (b.verdict.chance > a.verdict.chance ? b : a));
    const at300 = binomialTest(Math.round(rate * assumedItems), assumedItems, { alternative: "greater" });
    const fig = (name: string, caption: string, figure: Figure, simulated = false): PaperFigure => ({ name: `01-${name}`, caption, figure, simulated });
    const figures = [
      fig("pvalue-against-n", `The p-value of an observed ${formatPercent(rate)} against 50% at each n (exact one-sided binomial test).`, pValueAgainstNFigure(rate)),
      fig("interval-against-n", `The 95% Wilson interval of ${formatPercent(rate)} at each n, against the 50% chance line.`, intervalAgainstNFigure(rate)),
      fig("chance-baselines", "The simulated 51% against three chance baselines: uniform, majority key, and the model's own answers shuffled.", chanceBaselinesFigure(records, productionSonnet), true),
      fig("power-against-n", "How many items an eval needs to detect a true 51%, 53% or 55% above 50% chance.", detectablePowerFigure()),
      fig("posterior-n300", `The Beta posterior of the rate if ${formatPercent(rate)} had been measured on ${assumedItems} items.`, posteriorAt(rate, assumedItems)),
      fig("equivalence-against-n", `Is ${formatPercent(rate)} equivalent to chance within ±5 pp? 90% intervals (TOST) at each n.`, equivalenceFigure(rate)),
    ];
    const verdicts: PaperVerdict[] = [
      {
        question: `Does the production API's ${formatPercent(rate)} beat 50% chance?`,
        answer:
          `Not unless the eval had thousands of items: at n = ${assumedItems} the one-sided exact ${pText(at300.pValue)}; ` +
          `an observed ${formatPercent(rate)} first beats 50% at α = 0.05 at n = ${formatCount(pCurve.firstSignificant!)} (checked every 100 items).`,
      },
      {
        question: "Which chance rate should 51% be held to?",
        answer:
          `On the simulated ${assumedItems}-item file: ` +
          baselines.map(({ kind, verdict }) => `${kind} ${formatRate(verdict.chance)} (${pText(verdict.pValue)})`).join(", ") +
          `; the highest is ${highest.kind} at ${formatRate(highest.verdict.chance)}, and ${formatPercent(rate)} is ${rate > highest.verdict.chance ? "above" : "below"} it (simulated data).`,
      },
      {
        question: `Is ${formatPercent(rate)} equivalent to chance (within ±5 pp)?`,
        answer:
          eq.firstEquivalent === null
            ? "Not shown at any n checked."
            : `Not at n = ${assumedItems} (TOST ${pText(eq.rows[0].pValue)}); it is shown equivalent from n = ${formatCount(eq.firstEquivalent)}.`,
      },
      { question: "What can an analyst paste?", answer: pasteSentence(rate, assumedItems) },
    ];
    return { notebook: this.notebook, title: "Does 51% beat chance?", figures, verdicts };
  },
};
