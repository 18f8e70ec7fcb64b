/**
 * Notebook 5, "The real study": what production effect the automated-alignment-researcher study
 * could have detected. PGR (performance gap recovered) is a rescaled accuracy on a 1,263-item chat
 * test set, so every PGR difference is an accuracy difference, and the accuracy's sampling noise
 * and the study's minimum detectable effect translate back into PGR. Numbers: data/reported/aar-study.csv.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { formatCount, formatPercent, pText } from "../analysis/format.js";
import { forestFigure, type ForestRow } from "../figures/forest.js";
import { powerFigure, type PowerCurve } from "../figures/power.js";
import { planSampleSize } from "../analysis/planSampleSize.js";
import { equivalenceTest, type EquivalenceTestResult } from "../stats/equivalenceTest.js";
import { minimumDetectableEffect } from "../stats/minimumDetectableEffect.js";
import { powerTwoProportions } from "../stats/powerTwoProportions.js";
import { proportionCI } from "../stats/proportionCI.js";
import { twoProportionCI } from "../stats/twoProportionCI.js";
import { csvRows } from "./storyData.js";
import { percentagePoints, powerCurveOnGrid } from "./storyFigures.js";
import type { NotebookStory, PaperFigure, PaperVerdict, StoryBuilder, StoryContext } from "./types.js";

/** The accuracies that define PGR: PGR 0 is the weak baseline, PGR 1 the strong ceiling. */
export interface PgrScale {
  weak: number;
  strong: number;
}

function checkScale(scale: PgrScale): number {
  if (!(Number.isFinite(scale.weak) && Number.isFinite(scale.strong) && scale.strong !== scale.weak)) {
    throw new RangeError(`scale must have finite, different weak and strong accuracies, got weak ${scale.weak} and strong ${scale.strong}`);
  }
  return scale.strong - scale.weak;
}

function checkNumber(name: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new TypeError(`${name} must be a finite number, got ${String(value)}`);
  return value;
}

/**
 * Accuracy that a PGR stands for: weak + PGR · (strong − weak). Arithmetic, not statistics: PGR is
 * defined as (transfer − weak)/(strong − weak) (Burns et al. 2023, "Weak-to-strong generalization").
 *
 * @example
 * pgrToAccuracy(0.97, { weak: 0.528, strong: 0.7325 }) // 0.726365
 */
export function pgrToAccuracy(pgr: number, scale: PgrScale): number {
  return scale.weak + checkNumber("pgr", pgr) * checkScale(scale);
}

/**
 * PGR of an accuracy: (accuracy − weak)/(strong − weak).
 *
 * @example
 * accuracyToPgr(0.63025, { weak: 0.528, strong: 0.7325 }) // 0.5
 */
export function accuracyToPgr(accuracy: number, scale: PgrScale): number {
  const width = checkScale(scale);
  return (checkNumber("accuracy", accuracy) - scale.weak) / width;
}

/**
 * Accuracy gap of a PGR gap: ΔPGR · (strong − weak); on the chat test set 0.2045 accuracy per 1.0 PGR.
 *
 * @example
 * pgrGapToAccuracyGap(0.1, { weak: 0.528, strong: 0.7325 }) // 0.02045
 */
export function pgrGapToAccuracyGap(pgrGap: number, scale: PgrScale): number {
  return checkNumber("pgrGap", pgrGap) * checkScale(scale);
}

/**
 * PGR gap of an accuracy gap: Δaccuracy/(strong − weak).
 *
 * @example
 * accuracyGapToPgrGap(0.0409, { weak: 0.528, strong: 0.7325 }) // 0.2
 */
export function accuracyGapToPgrGap(accuracyGap: number, scale: PgrScale): number {
  return checkNumber("accuracyGap", accuracyGap) / checkScale(scale);
}

/** The study's reported numbers (data/reported/aar-study.csv), by row id. */
export interface AarStudy {
  scale: PgrScale;
  /** Test items on the chat test set. */
  n: number;
  aarPgr: number;
  humanPgr: number;
  /** ± spread of released baselines across seeds, in PGR. */
  seedSpread: number;
  /** The quoted production claim. */
  productionClaim: string;
}

/**
 * Read data/reported/aar-study.csv (id,quantity,value,n,source,claim) into named numbers.
 *
 * @example
 * (await readAarStudy("../data")).n // 1263
 */
export async function readAarStudy(dataDir: string): Promise<AarStudy> {
  const text = await readFile(join(dataDir, "reported", "aar-study.csv"), "utf8");
  const rows = csvRows(text);
  const header = rows[0];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new RangeError(`aar-study.csv has no column ${JSON.stringify(name)}, got ${header.join(",")}`);
    return i;
  };
  const byId = new Map(rows.slice(1).filter((r) => r.length === header.length).map((r) => [r[col("id")], r]));
  const cell = (id: string, column: string) => {
    const row = byId.get(id);
    if (!row) throw new RangeError(`aar-study.csv has no row ${JSON.stringify(id)}`);
    return row[col(column)];
  };
  const number = (id: string, column = "value") => {
    const v = Number(cell(id, column));
    if (cell(id, column).trim() === "" || !Number.isFinite(v)) throw new RangeError(`aar-study.csv ${id}.${column} is not a number, got ${JSON.stringify(cell(id, column))}`);
    return v;
  };
  return {
    scale: { weak: number("weak-baseline"), strong: number("strong-baseline") },
    n: number("weak-baseline", "n"),
    aarPgr: number("aar-pgr"),
    humanPgr: number("human-pgr"),
    seedSpread: number("seed-spread"),
    productionClaim: cell("production", "claim"),
  };
}

/** The study's minimum detectable effect, in accuracy and in PGR, for one design. */
export interface StudyMde {
  design: string;
  accuracy: number;
  pgr: number;
}

/** Discordances assumed for a paired comparison (share of items that flip between the two models). */
export const assumedDiscordances: readonly number[] = [0.1, 0.2, 0.3];

/**
 * MDE (two-sided α = 0.05, power 0.8) of a production comparison on the study's n items starting
 * from the weak baseline: different items (`powerTwoProportions` solved for p2, as R's
 * `power.prop.test`) and the same items (`minimumDetectableEffect` paired, Connor's McNemar
 * formula) at each assumed discordance.
 *
 * @example
 * studyMdes(study)[0].accuracy // 0.05537… (R: power.prop.test(n = 1263, p1 = 0.528, power = 0.8)$p2 − 0.528)
 */
export function studyMdes(study: AarStudy): StudyMde[] {
  const p1 = study.scale.weak;
  const unpaired = powerTwoProportions({ p1, n: study.n, power: 0.8 }).p2 - p1;
  const rows: StudyMde[] = [{ design: "different items", accuracy: unpaired, pgr: accuracyGapToPgrGap(unpaired, study.scale) }];
  for (const discordance of assumedDiscordances) {
    const mde = minimumDetectableEffect({ n: study.n, p0: p1, paired: true, discordance }).mde;
    rows.push({ design: `same items, discordance ${formatPercent(discordance, 0)}`, accuracy: mde, pgr: accuracyGapToPgrGap(mde, study.scale) });
  }
  return rows;
}

/**
 * Figure: the human and AAR PGRs as accuracies on the 1,263-item test set with their Wilson
 * intervals (`proportionCI`), between the weak baseline and the strong ceiling.
 *
 * @example
 * pgrAccuracyFigure(study).name // "05-pgr-on-accuracy-scale"
 */
export function pgrAccuracyFigure(study: AarStudy): PaperFigure {
  const row = (label: string, pgr: number): ForestRow => {
    const accuracy = pgrToAccuracy(pgr, study.scale);
    const ci = proportionCI(Math.round(accuracy * study.n), study.n);
    return { label, estimate: ci.estimate, lower: ci.lower, upper: ci.upper, n: study.n };
  };
  const rows = [row(`AAR agents, PGR ${study.aarPgr}`, study.aarPgr), row(`human baseline, PGR ${study.humanPgr}`, study.humanPgr)];
  const halfWidthPgr = accuracyGapToPgrGap((rows[0].upper - rows[0].lower) / 2, study.scale);
  const figure = forestFigure(rows, {
    chance: [
      { value: study.scale.weak, kind: "weak baseline", label: `weak baseline = PGR 0: ${formatPercent(study.scale.weak)}` },
      { value: study.scale.strong, kind: "strong ceiling", label: `strong ceiling = PGR 1: ${formatPercent(study.scale.strong, 2)}` },
    ],
    finding: `At n = ${formatCount(study.n)}, one accuracy is ±${halfWidthPgr.toFixed(2)} PGR; seeds move PGR ±${study.seedSpread.toFixed(2)}`,
    measure: "Chat test-set accuracy",
  });
  return {
    name: "05-pgr-on-accuracy-scale",
    caption: `PGR on the accuracy scale: PGR 0 = weak baseline ${formatPercent(study.scale.weak)}, PGR 1 = strong ceiling ${formatPercent(study.scale.strong, 2)}; bars are 95% Wilson intervals for one run on ${formatCount(study.n)} items.`,
    figure,
    simulated: false,
  };
}

/**
 * Figure: power against items to detect a production gain of one seed spread (0.10 PGR) and of
 * 0.25 PGR, on different items and on the same items (assumed discordance 20%), with the study's
 * n marked.
 *
 * @example
 * productionPowerFigure(study).name // "05-power-production-effect"
 */
export function productionPowerFigure(study: AarStudy, maxN = 12000): PaperFigure {
  const p1 = study.scale.weak;
  const discordance = 0.2;
  const curves: PowerCurve[] = [];
  for (const pgr of [study.seedSpread, 0.25]) {
    const p2 = p1 + pgrGapToAccuracyGap(pgr, study.scale);
    curves.push(powerCurveOnGrid(`+${pgr.toFixed(2)} PGR, different items`, (power) => powerTwoProportions({ p1, p2, power }).n, { maxN }));
    curves.push(powerCurveOnGrid(`+${pgr.toFixed(2)} PGR, same items (ψ = 20%)`, (power) => planSampleSize({ p1, p2, discordance, power }).n, { maxN }));
  }
  const atStudy = powerTwoProportions({ p1, p2: p1 + pgrGapToAccuracyGap(study.seedSpread, study.scale), n: study.n }).power;
  const figure = powerFigure(curves, {
    alpha: 0.05,
    finding: `At n = ${formatCount(study.n)}, a +${study.seedSpread.toFixed(2)} PGR gain is seen with ${formatPercent(atStudy, 0)} power (unpaired)`,
    referenceLines: [{ axis: "x", value: study.n, tone: "study", dash: "solid", label: `study: ${formatCount(study.n)} items` }],
  });
  return {
    name: "05-power-production-effect",
    caption: `Power (two-sided, α = 0.05) to detect a production gain of 0.10 PGR (the seed spread) and 0.25 PGR from the weak baseline, on different items and on the same items with an assumed 20% discordance; the vertical line is the study's ${formatCount(study.n)} items.`,
    figure,
    simulated: false,
  };
}

/** What a non-significant production comparison on the study's n items could and could not exclude. */
export interface NullResultBounds {
  /** Upper end of the 95% interval of the gain (accuracy), had the observed gain been exactly 0. */
  upper95: number;
  /** The same in PGR. */
  upper95Pgr: number;
  /** TOST of that zero gain against ± the margin (α = 0.05 on each side). */
  equivalence: EquivalenceTestResult;
  /** The margin tested, in PGR. */
  marginPgr: number;
  /** The narrowest margin (PGR) TOST could pass even with a zero observed gain: its 90% interval's upper end. */
  narrowestMarginPgr: number;
}

/**
 * A null result at the study's n, read at its most favourable: a production gain measured on n
 * items per model (different items, from the weak baseline) that came out at exactly 0. A test
 * that is not significant excludes no gain; what excludes gains is an interval (here Newcombe's
 * 95% interval, `twoProportionCI`) or an equivalence test (TOST, `equivalenceTest`, Agresti–Caffo
 * as statsmodels' `tost_proportions_2indep`), which can claim "no gain beyond ± margin" only when
 * its 90% interval fits inside the margin.
 *
 * @example
 * nullResultBounds(study).upper95Pgr // 0.19… (test/fixtures/r/notebook05.R: Newcombe's interval written out)
 */
export function nullResultBounds(study: AarStudy, marginPgr = study.seedSpread): NullResultBounds {
  const k = Math.round(study.scale.weak * study.n);
  const interval = twoProportionCI(k, study.n, k, study.n, { method: "newcombe" });
  const margin = pgrGapToAccuracyGap(marginPgr, study.scale);
  const equivalence = equivalenceTest({ k1: k, n1: study.n, k2: k, n2: study.n }, { margin });
  return {
    upper95: interval.upper,
    upper95Pgr: accuracyGapToPgrGap(interval.upper, study.scale),
    equivalence,
    marginPgr,
    narrowestMarginPgr: accuracyGapToPgrGap(equivalence.upper, study.scale),
  };
}

/**
 * The notebook's answers: PGR ↔ accuracy, the MDE, the seed spread against it, and what the
 * production claim can and cannot mean.
 *
 * @example
 * studyVerdicts(study)[0].answer // "1.0 PGR is 20.45 accuracy points …"
 */
export function studyVerdicts(study: AarStudy): PaperVerdict[] {
  const mdes = studyMdes(study);
  const unpaired = mdes[0];
  const paired = mdes.slice(1);
  const pts = (x: number) => `${percentagePoints(x)} points`;
  const none = nullResultBounds(study);
  const spreadAccuracy = pgrGapToAccuracyGap(study.seedSpread, study.scale);
  const p1 = study.scale.weak;
  const powerAtSpread = powerTwoProportions({ p1, p2: p1 + spreadAccuracy, n: study.n }).power;
  return [
    {
      question: "What accuracy gap does a PGR difference stand for?",
      answer: `1.0 PGR is ${(pgrGapToAccuracyGap(1, study.scale) * 100).toFixed(2)} accuracy points (strong ${study.scale.strong} − weak ${study.scale.weak}), so the AAR-vs-human gap of ${(study.aarPgr - study.humanPgr).toFixed(2)} PGR is ${pts(pgrGapToAccuracyGap(study.aarPgr - study.humanPgr, study.scale))} and the ±${study.seedSpread.toFixed(2)} PGR seed spread is ±${pts(spreadAccuracy)}.`,
    },
    {
      question: `With n = ${formatCount(study.n)} items, what production effect could the study detect?`,
      answer: `On different items, ${pts(unpaired.accuracy)} of accuracy, i.e. ${unpaired.pgr.toFixed(2)} PGR (two-sided α = 0.05, 80% power, from the weak baseline); on the same items, ${paired.map((m) => `${pts(m.accuracy)} (${m.pgr.toFixed(2)} PGR) at discordance ${m.design.replace(/.*discordance /, "")}`).join(", ")}.`,
    },
    {
      question: "How does the ±0.10 PGR seed spread compare with that?",
      answer: `It is ${(study.seedSpread / unpaired.pgr).toFixed(2)} of the unpaired MDE: a true gain as large as the seed spread (${pts(spreadAccuracy)}) would be detected only ${formatPercent(powerAtSpread, 0)} of the time on different items, and seed-to-seed variation of that size is itself invisible at this n.`,
    },
    {
      question: "What can \"no statistically significant improvement\" on production mean?",
      answer:
        `Only that the test did not reach p < 0.05, which by itself excludes no gain; no n, interval or test was published. ` +
        `Measured on a test set like this one (${formatCount(study.n)} items per model), a gain below about ${unpaired.pgr.toFixed(2)} PGR (${pts(unpaired.accuracy)}) reaches significance less than 80% of the time, ` +
        `and even an observed gain of exactly 0 would leave a 95% interval reaching +${pts(none.upper95)} (+${none.upper95Pgr.toFixed(2)} PGR): only gains beyond that would be excluded. ` +
        `An equivalence test (TOST) could not show the gain to be within the ±${none.marginPgr.toFixed(2)} PGR seed spread (${pText(none.equivalence.pValue)}); the narrowest margin it could pass is ±${none.narrowestMarginPgr.toFixed(2)} PGR. ` +
        `It is not evidence that the method fails to transfer.`,
    },
  ];
}

/** Notebook 5's figures and verdicts, from data/reported/aar-study.csv. */
export const story: StoryBuilder = {
  notebook: "05-the-real-study",
  async build(context: StoryContext): Promise<NotebookStory> {
    const study = await readAarStudy(context.dataDir);
    return {
      notebook: this.notebook,
      title: "The real study: what could its design detect?",
      figures: [pgrAccuracyFigure(study), productionPowerFigure(study)],
      verdicts: studyVerdicts(study),
    };
  },
};
