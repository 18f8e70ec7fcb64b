/**
 * `compareConditions`: is treatment − baseline real? Items that match are paired (the same
 * question under both conditions, so item difficulty cancels); repeats are averaged per item
 * first; clustered items widen the error bar. Independent samples are handled when items differ.
 */
import { clusterRobustSE } from "../stats/clusterRobustSE.js";
import { compareMde } from "../stats/compareMde.js";
import { qt } from "../stats/distributions.js";
import { mcnemarTest } from "../stats/mcnemarTest.js";
import { pairedDifference } from "../stats/pairedDifference.js";
import { pairedProportionCI } from "../stats/pairedProportionCI.js";
import { twoProportionCI } from "../stats/twoProportionCI.js";
import { twoProportionTest } from "../stats/twoProportionTest.js";
import { tPValue } from "../stats/tPValue.js";
import { welchTest } from "../stats/welchTest.js";
import type { Alternative } from "../stats/types.js";
import { checkAlternative, checkChoice, checkLevel, checkOpenUnit, checkOptions, show } from "../stats/validate.js";
import { alignItems, clusterLabels, describeItems, discordanceTable, unitLabels, type ItemScore } from "./itemScores.js";
import type { ConditionCounts, RecordOptions } from "./records.js";
import { compareSentence } from "./sentences.js";
import { gapWarnings, warningSentence } from "./warnings.js";
import { needsMover, pairedRateGap } from "./pairedRateGap.js";
import { formatCount } from "./format.js";
import type { CompareOptions, Comparison, Pairing } from "./types.js";
import { scoredGroups, type AnalysisInput } from "./itemTable.js";

export type { CompareOptions, Comparison, Pairing } from "./types.js";

/** What `compareConditions` needs from the options, checked. */
export interface CheckedCompare {
  level: number;
  alpha: number;
  power: number;
  alternative: Alternative;
  pairing: Pairing;
}

export function checkCompareOptions(opts: Partial<CompareOptions>): CheckedCompare {
  return {
    level: checkLevel(opts.level),
    alpha: opts.alpha === undefined ? 0.05 : checkOpenUnit("alpha", opts.alpha),
    power: opts.power === undefined ? 0.8 : checkOpenUnit("power", opts.power),
    alternative: checkAlternative(opts.alternative),
    pairing: opts.pairing === undefined ? "auto" : checkChoice("pairing", opts.pairing, ["auto", "paired", "independent"] as const),
  };
}

/** Shared items decide: paired when at least 2 match and they are at least half of the smaller condition. */
function shouldPair(shared: number, nBaseline: number, nTreatment: number): boolean {
  return shared >= 2 && shared >= 0.5 * Math.min(nBaseline, nTreatment);
}

type Core = Omit<Comparison, "baseline" | "treatment" | "alpha" | "significant" | "counts" | "sentence" | "level" | "alternative" | "mde"> & { mdeSe: number };

function pairedCore(pairs: [ItemScore, ItemScore][], c: CheckedCompare, dropped: number): Core {
  if (pairs.length < 2) throw new RangeError(`a paired comparison needs at least 2 shared items, got ${pairs.length}`);
  const base = pairs.map(([b]) => b);
  const treat = pairs.map(([, t]) => t);
  // A pair's cluster: the baseline's label, else the treatment's (they agree when both are given).
  const paired = pairs.map(([b, t]) => ({ ...b, cluster: b.cluster ?? t.cluster }));
  const design = describeItems(paired);
  const singleBinary = describeItems(base).singleBinary && describeItems(treat).singleBinary;
  const clusters = design.clustered ? clusterLabels(paired) : undefined;
  const small = clusters ? ({ clusters, vcov: "CR2", df: "satterthwaite" } as const) : ({ df: "n-1" } as const);
  const diff = pairedDifference(treat.map((s) => s.mean), base.map((s) => s.mean), { level: c.level, alternative: c.alternative, ...small });
  const common = {
    se: diff.se,
    paired: true,
    items: pairs.length,
    baselineItems: pairs.length,
    treatmentItems: pairs.length,
    droppedItems: dropped,
    correlation: diff.correlation,
    baselineAccuracy: diff.meanB,
    treatmentAccuracy: diff.meanA,
    mdeSe: diff.se,
    ...(diff.clusters !== undefined ? { clusters: diff.clusters } : {}),
    warnings: gapWarnings({ paired: true, items: pairs.length, ...(diff.clusters !== undefined ? { clusters: diff.clusters } : {}), noSpread: diff.degenerate && diff.estimate !== 0 }),
  };
  if (singleBinary && !clusters) {
    const table = discordanceTable(pairs);
    const ci = pairedProportionCI(table, { level: c.level, method: "tango" });
    const test = mcnemarTest(table.onlyA, table.onlyB, { method: "exact", alternative: c.alternative });
    return { ...common, estimate: ci.estimate, lower: ci.lower, upper: ci.upper, pValue: test.pValue, method: "mcnemar-exact, tango interval" };
  }
  const units = clusters ? new Set(clusters).size : pairs.length;
  if (diff.fallback !== "sign-test" && needsMover(base, treat, units)) {
    // Near the edge: each rate's own (skewed, exact-on-clusters) interval, combined by MOVER.
    const withUnits = (list: ItemScore[]) => list.map((s, i) => ({ ...s, cluster: paired[i].cluster }));
    const gap = pairedRateGap(withUnits(base), withUnits(treat), clusters !== undefined, c.level, c.alternative);
    const edge = gap.exactOnClusters ? [`a rate near the edge with few ${clusters ? "clusters" : "items"}: each rate's interval is exact on its ${formatCount(units)} ${clusters ? "clusters" : "items"} (conservative)`] : [];
    return {
      ...common, estimate: gap.estimate, lower: gap.lower, upper: gap.upper, pValue: gap.pValue, correlation: gap.correlation,
      method: "paired-mover-korn-graubard", warnings: [...common.warnings, ...edge],
    };
  }
  const method = diff.fallback === "sign-test" ? "paired-sign-test" : clusters ? "paired-t-cr2" : "paired-t";
  return { ...common, estimate: diff.estimate, lower: diff.lower, upper: diff.upper, pValue: diff.pValue, method, df: diff.df };
}

function independentCore(base: ItemScore[], treat: ItemScore[], c: CheckedCompare): Core {
  const db = describeItems(base);
  const dt = describeItems(treat);
  const common = { paired: false, items: db.items + dt.items, baselineItems: db.items, treatmentItems: dt.items, droppedItems: 0, correlation: null };
  if (db.singleBinary && dt.singleBinary && !db.clustered && !dt.clustered) {
    const kB = base.filter((s) => s.mean === 1).length;
    const kT = treat.filter((s) => s.mean === 1).length;
    const ci = twoProportionCI(kT, dt.items, kB, db.items, { level: c.level, method: "newcombe" });
    const test = twoProportionTest(kT, dt.items, kB, db.items, { method: "fisher", alternative: c.alternative });
    const pT = kT / dt.items;
    const pB = kB / db.items;
    const se = Math.sqrt((pT * (1 - pT)) / dt.items + (pB * (1 - pB)) / db.items);
    const warnings = gapWarnings({ paired: false, items: Math.min(db.items, dt.items), noSpread: false });
    return { ...common, estimate: pT - pB, lower: ci.lower, upper: ci.upper, se, pValue: test.pValue, method: "fisher-exact, newcombe interval", baselineAccuracy: pB, treatmentAccuracy: pT, mdeSe: se, warnings };
  }
  const smaller = Math.min(db.items, dt.items);
  if (!db.clustered && !dt.clustered) {
    // Welch–Satterthwaite t on item means (R t.test(treatment, baseline)).
    const w = welchTest(treat.map((s) => s.mean), base.map((s) => s.mean), { level: c.level, alternative: c.alternative });
    return {
      ...common, estimate: w.estimate, lower: w.lower, upper: w.upper, se: w.se, pValue: w.pValue, method: "welch-t", df: w.df,
      baselineAccuracy: w.meanB, treatmentAccuracy: w.meanA, mdeSe: w.se, warnings: gapWarnings({ paired: false, items: smaller, noSpread: false }),
    };
  }
  // Each side's CR2 variance and Satterthwaite df, combined as Welch combines two sample variances:
  // df = (v₁ + v₂)² / (v₁²/df₁ + v₂²/df₂) (Satterthwaite 1946).
  const side = (items: ItemScore[]) => {
    return clusterRobustSE(items.map((s) => s.mean), unitLabels(items, describeItems(items).clustered), { vcov: "CR2" });
  };
  const rb = side(base);
  const rt = side(treat);
  const [vb, vt] = [rb.se ** 2, rt.se ** 2];
  const se = Math.sqrt(vb + vt);
  const df = se === 0 ? Math.min(rb.df, rt.df) : (vb + vt) ** 2 / ((vb > 0 ? vb ** 2 / rb.df : 0) + (vt > 0 ? vt ** 2 / rt.df : 0));
  const estimate = rt.estimate - rb.estimate;
  const t = -qt((1 - c.level) / 2, df);
  return {
    ...common,
    estimate,
    lower: estimate - t * se,
    upper: estimate + t * se,
    se,
    pValue: tPValue(estimate, se, df, c.alternative),
    method: "welch-t-cr2",
    df,
    baselineAccuracy: rb.estimate,
    treatmentAccuracy: rt.estimate,
    mdeSe: se,
    clusters: rb.clusters + rt.clusters,
    warnings: gapWarnings({ paired: false, items: smaller, clusters: Math.min(rb.clusters, rt.clusters), noSpread: false }),
  };
}

/** The scored item means of two conditions, with their counts, after the error and refusal rules. */
export function conditionItems(records: AnalysisInput, opts: Partial<CompareOptions>): {
  base: ItemScore[];
  treat: ItemScore[];
  counts: { baseline: ConditionCounts; treatment: ConditionCounts };
} {
  for (const name of ["baseline", "treatment"] as const) {
    if (typeof opts[name] !== "string" || opts[name] === "") throw new TypeError(`${name} must name a condition, got ${show(opts[name])}`);
  }
  if (opts.baseline === opts.treatment) throw new RangeError(`baseline and treatment must differ, got ${show(opts.baseline)} twice`);
  const { groups, counts } = scoredGroups(records, opts);
  const pick = (name: "baseline" | "treatment"): [ItemScore[], ConditionCounts] => {
    const cond = opts[name] as string;
    const cnt = counts.get(cond);
    if (!cnt) throw new RangeError(`${name} ${show(cond)} is not a condition of these records; they have ${[...counts.keys()].map((k) => show(k)).join(", ")}`);
    const list = groups.get(cond);
    if (!list) throw new RangeError(`${name} ${show(cond)} has no scored records (${cnt.errors} of ${cnt.records} are errors)`);
    return [list, cnt];
  };
  const [base, cb] = pick("baseline");
  const [treat, ct] = pick("treatment");
  return { base, treat, counts: { baseline: cb, treatment: ct } };
}

/**
 * Items that do not line up: none (or too few) shared, often a key that differs by prompt text, not
 * by question, so the comparison falls back to independent samples. Said, never silent. (Items
 * left out of a paired comparison are counted in `droppedItems` and the sentence says so.)
 */
function itemSetWarnings(shared: number, paired: boolean, pairing: Pairing, nBase: number, nTreat: number): string[] {
  if (paired || pairing === "independent") return [];
  return shared === 0
    ? [`no item pairs across the two conditions (${formatCount(nBase)} and ${formatCount(nTreat)} items, none shared): compared as independent samples; if they are the same questions, key the items so they match`]
    : [`only ${formatCount(shared)} items pair across the two conditions (of ${formatCount(nBase)} and ${formatCount(nTreat)}): compared as independent samples`];
}

/**
 * treatment − baseline with the design's interval and test:
 * - paired (items match), one binary answer per item: McNemar's exact test (R `binom.test(b, b + c)`)
 *   and Tango's score interval (Tango 1998);
 * - paired with repeats or graded scores: Student's t on the item differences (`pairedDifference`,
 *   n − 1 df; Miller 2024 §4 with t for z), and with clusters the CR2 variance with its Satterthwaite
 *   df (Bell & McCaffrey 2002; R clubSandwich), also for binary answers, which McNemar cannot cluster;
 *   when every difference is the same, an exact sign test (never p = 0 from a sample without spread);
 * - paired 0/1 answers with repeats or clusters where a rate is within two units' worth of 0 or 1
 *   (min(p̂, 1 − p̂) < 0.3 and units·min < 2; `needsMover`): MOVER on the two rates' Korn–Graubard
 *   intervals (exact on clusters there) with their correlation over the units, and the interval's
 *   dual test (`pairedRateGap`; Zou & Donner 2008), where the t interval covered 66–91%;
 * - independent, binary: Fisher's exact test and Newcombe's hybrid score interval (Newcombe 1998);
 * - independent otherwise: Welch's t on item means (R `t.test`), or with clusters each side's CR2
 *   variance with the Satterthwaite df of the sum.
 * Every comparison carries `warnings` when it rests on thin ground, and its sentence repeats them.
 * Items under only one condition are left out of a paired comparison and counted in `droppedItems`.
 * `se` is the standard error of the gap (sd of paired differences / √n when paired), `mde` the
 * smallest true gap detected with `power` at `alpha`.
 *
 * @example
 * // Ten items answered once under each condition: right only under "treat" on 7, never the other way.
 * const records = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((i) => [
 *   { item: `q${i}`, condition: "base", score: i < 2 ? 1 : 0 },
 *   { item: `q${i}`, condition: "treat", score: i < 9 ? 1 : 0 },
 * ]);
 * compareConditions(records, { baseline: "base", treatment: "treat" }).pValue // 0.015625 (McNemar exact: 2 × 0.5^7)
 */
export function compareConditions(records: AnalysisInput, options: CompareOptions): Comparison {
  return compareAtLevels(records, options, []).comparison;
}

/**
 * `compareConditions`, and the interval of the same comparison at each of `otherLevels`, from one
 * scoring of the records (a family's simultaneous intervals need each pair at a second level).
 */
export function compareAtLevels(records: AnalysisInput, options: CompareOptions, otherLevels: readonly number[]): { comparison: Comparison; intervals: { level: number; lower: number; upper: number }[] } {
  const opts = checkOptions("options", options);
  const c = checkCompareOptions(opts);
  const { base, treat, counts } = conditionItems(records, opts);
  const aligned = alignItems(base, treat);
  const pair = c.pairing === "paired" || (c.pairing === "auto" && shouldPair(aligned.pairs.length, base.length, treat.length));
  const dropped = aligned.onlyBaseline.length + aligned.onlyTreatment.length;
  const coreAt = (checked: CheckedCompare): Core => (pair ? pairedCore(aligned.pairs, checked, dropped) : independentCore(base, treat, checked));
  let core = coreAt(c);
  if (pair) core = { ...core, baselineItems: base.length, treatmentItems: treat.length };
  core = { ...core, warnings: [...itemSetWarnings(aligned.pairs.length, pair, c.pairing, base.length, treat.length), ...core.warnings] };
  const { mdeSe, ...fields } = core;
  const mde = compareMde({ se: mdeSe, alpha: c.alpha, power: c.power, alternative: c.alternative });
  const result: Omit<Comparison, "sentence"> = {
    baseline: opts.baseline as string,
    treatment: opts.treatment as string,
    ...fields,
    level: c.level,
    alternative: c.alternative,
    alpha: c.alpha,
    significant: fields.pValue < c.alpha,
    mde,
    counts,
  };
  const intervals = otherLevels.map((level) => {
    const other = coreAt({ ...c, level: checkLevel(level) });
    return { level, lower: other.lower, upper: other.upper };
  });
  return { comparison: { ...result, sentence: compareSentence(result, c.power) + warningSentence(result.warnings) }, intervals };
}
