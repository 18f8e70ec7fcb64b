/**
 * `planFromPilot`: how many items the real run needs, from a pilot run. `planSampleSize` takes the
 * design's parameters; a pilot is where they come from. This estimates them from the pilot's item
 * table (records are reduced to it first, so records, their table and a table DuckDB aggregated
 * give the same plan) and hands them to `planSampleSize`.
 */
import { mean, sampleVariance } from "simple-statistics";
import { clusterRobustSE } from "../stats/clusterRobustSE.js";
import type { Alternative } from "../stats/types.js";
import { checkAlternative, checkChoice, checkFinite, checkOpenUnit, checkOptions, checkPositiveInteger, show } from "../stats/validate.js";
import { chanceBaseline, type ChanceKind, type ChanceOption } from "./chance.js";
import { formatCount, formatPercent, formatPoints } from "./format.js";
import { alignItems, clusterLabels, describeItems, discordanceTable, type ItemScore } from "./itemScores.js";
import { isItemTable, itemScoresFromTable, itemTableFromRecords, type AnalysisInput, type ItemTable } from "./itemTable.js";
import { planSampleSize, type PlanOptions, type SampleSizePlan } from "./planSampleSize.js";
import type { RecordOptions } from "./records.js";
import type { Pairing } from "./types.js";

export interface PlanFromPilotOptions extends RecordOptions {
  /** Plan a comparison of two conditions: [baseline, treatment]. */
  compare?: readonly [string, string];
  /** Plan one condition against chance. */
  againstChance?: boolean;
  /** Against chance: which condition, when the pilot holds several. */
  condition?: string;
  /** Against chance: the chance rate or baseline, as `beatsChance` takes it (default `auto`). */
  chance?: ChanceOption;
  /** The gap to detect (treatment − baseline, or rate − chance); default: the pilot's observed gap. */
  delta?: number;
  alpha?: number;
  power?: number;
  /** Default `two-sided` for a comparison, `greater` against chance (as `beatsChance`). */
  alternative?: Alternative;
  /** `auto` (default): paired when the conditions share most of their items, as `compareConditions` decides. */
  pairing?: Pairing;
  /** Samples per item in the planned run (repeated design only); default the pilot's. */
  samples?: number;
}

/** What the pilot gave the plan. */
export interface PilotEstimates {
  /** The condition(s) estimated from: [baseline, treatment], or [condition]. */
  conditions: string[];
  /** Items the estimates rest on (pairs when paired, per condition [baseline, treatment] when independent). */
  items: number | [number, number];
  /** Samples per item: the smallest among the items used (the repeated design), else 1 or the mean. */
  samplesPerItem: number;
  /** Mean of item means: [baseline, treatment], or [rate]. */
  rates: number[];
  /** Against chance: the chance rate and its baseline. */
  chance?: number;
  chanceKind?: ChanceKind;
  chanceClause?: string;
  /** The observed gap: treatment − baseline, or rate − chance. */
  gap: number;
  /** Paired, one binary answer per item: share of pairs right under exactly one condition. */
  discordance?: number;
  /** Repeated: variance across items of the true score (or gap), and mean within-item variance of one answer. */
  omega2?: number;
  sigma2?: number;
  /** Items left out: unpaired, or (repeated design) asked fewer than twice. */
  droppedItems: number;
  /** Distinct clusters, when the items carry two or more. */
  clusters?: number;
  /** (cluster-robust SE / independent-items SE)² of the pilot's estimate; 1 without clusters. */
  observedDesignEffect: number;
}

export interface PilotPlan {
  /** `planSampleSize` on the pilot's estimates. */
  plan: SampleSizePlan;
  /** The options `planSampleSize` was given. */
  planOptions: PlanOptions;
  pilot: PilotEstimates;
  /** The pilot's design effect, floored at 1 (below 1, clustering looked harmless: no credit is taken). */
  designEffect: number;
  /** Items needed: plan.n × designEffect, rounded up (per condition when `plan.perGroup`). */
  items: number;
  sentence: string;
}

/** Paired when at least 2 items match and they are at least half of the smaller condition (`compareConditions`' rule). */
function shouldPair(shared: number, nBaseline: number, nTreatment: number): boolean {
  return shared >= 2 && shared >= 0.5 * Math.min(nBaseline, nTreatment);
}

/** Each condition's item scores, and each (condition, item)'s within-item sample variance from the table's sums. */
function pilotItems(table: ItemTable, options: RecordOptions) {
  const { groups, counts } = itemScoresFromTable(table, options);
  const rowOf = new Map<string, number>();
  for (let r = 0; r < table.condition.length; r++) rowOf.set(`${table.conditions[table.condition[r]]}\u0000${table.itemIds[table.item[r]]}`, r);
  /** s² = (Σx² − (Σx)²/K)/(K − 1): refused or errored answers scored 0 add to K only. */
  const within = (condition: string, s: ItemScore): number => {
    const r = rowOf.get(`${condition}\u0000${s.item}`)!;
    return Math.max(0, (table.sumSquares[r] - (table.sum[r] * table.sum[r]) / s.samples) / (s.samples - 1));
  };
  const pick = (name: string, what: string): ItemScore[] => {
    const c = counts.get(name);
    if (!c) throw new RangeError(`${what} ${show(name)} is not a condition of the pilot; it has ${[...counts.keys()].map((k) => show(k)).join(", ")}`);
    const list = groups.get(name);
    if (!list) throw new RangeError(`${what} ${show(name)} has no scored records in the pilot (${c.errors} of ${c.records} are errors)`);
    return list;
  };
  return { pick, within, conditions: [...counts.keys()] };
}

/**
 * (CR2 SE / independent SE)² of a mean over items, each item's cluster from `labels` (one
 * cluster: no design effect to estimate). For the notebooks' clustered plans (notebook07).
 */
function designEffectOf(values: readonly number[], items: readonly ItemScore[]): { effect: number; clusters?: number } {
  if (!describeItems(items).clustered) return { effect: 1 };
  const labels = clusterLabels(items);
  const clusters = new Set(labels).size;
  const iid = sampleVariance([...values]) / values.length;
  if (!(iid > 0)) return { effect: 1, clusters };
  return { effect: clusterRobustSE(values, labels, { vcov: "CR2" }).se ** 2 / iid, clusters };
}

/** Variance components over items asked at least twice (Miller 2024 §5; as `varianceComponents`). */
function components(values: number[], withinSum: number, k: number): { omega2: number; sigma2: number } {
  const sigma2 = withinSum / values.length;
  return { sigma2, omega2: Math.max(0, sampleVariance(values) - sigma2 / k) };
}

function checkDelta(delta: unknown, observed: number, what: string): number {
  if (delta !== undefined) {
    const d = checkFinite("delta", delta);
    if (d === 0) throw new RangeError("delta must not be 0: there is no gap to detect");
    return d;
  }
  if (observed === 0) throw new RangeError(`the pilot's ${what} is 0: there is no observed gap to plan for; give delta, the smallest gap worth detecting`);
  return observed;
}

interface Estimated {
  pilot: Omit<PilotEstimates, "observedDesignEffect" | "clusters">;
  plan: PlanOptions;
  /** Per-item values and items whose clustering sets the design effect (independent: two sets). */
  effect: { effect: number; clusters?: number };
  clause: string;
}

function rate(items: readonly ItemScore[]): number {
  return mean(items.map((s) => s.mean));
}

/**
 * The planned answers per item, or an error naming `samples` when the pilot cannot plan another K:
 * it needs repeats to tell within-item from between-item variance, and items that pair.
 */
function plannedSamples(samples: unknown, pilotK: number, unpaired = false): number | undefined {
  if (samples === undefined) return undefined;
  const k = checkPositiveInteger("samples", samples);
  if (unpaired) throw new RangeError(`samples (${k}) plans K answers per item on items paired across the conditions; these do not pair, so the plan is on the two rates`);
  if (pilotK < 2) {
    throw new RangeError(`samples (${k}) plans K answers per item, which needs a pilot with at least 2 answers per item to tell within-item from between-item variance; this one has ${pilotK}`);
  }
  return k;
}

function comparePlan(table: ItemTable, o: Partial<PlanFromPilotOptions>, common: PlanOptions): Estimated {
  const pair = o.compare;
  if (!Array.isArray(pair) || pair.length !== 2 || pair.some((c) => typeof c !== "string" || c === "")) {
    throw new TypeError(`compare must be [baseline, treatment], two condition names, got ${show(pair)}`);
  }
  const [baseline, treatment] = pair as [string, string];
  if (baseline === treatment) throw new RangeError(`compare must name two different conditions, got ${show(baseline)} twice`);
  const pilot = pilotItems(table, o);
  const base = pilot.pick(baseline, "baseline");
  const treat = pilot.pick(treatment, "treatment");
  const pairing = o.pairing === undefined ? "auto" : checkChoice("pairing", o.pairing, ["auto", "paired", "independent"] as const);
  const aligned = alignItems(base, treat);
  const paired = pairing === "paired" || (pairing === "auto" && shouldPair(aligned.pairs.length, base.length, treat.length));
  const names = `${baseline} and ${treatment}`;
  if (!paired) {
    const rates = [rate(base), rate(treat)];
    plannedSamples(o.samples, 1, true);
    const gap = rates[1] - rates[0];
    const delta = checkDelta(o.delta, gap, `gap between ${names}`);
    for (const [what, r] of [[`the pilot's ${baseline}`, rates[0]], [`${baseline} + delta (${delta})`, rates[0] + delta]] as const) {
      if (!(r > 0 && r < 1)) throw new RangeError(`${what} is ${r}: a plan on different items (power.prop.test) needs rates strictly between 0 and 1`);
    }
    // power.prop.test on the rates: an item mean's variance ω² + σ²/K is at most p(1 − p), so this errs long.
    // With clusters: (V_A,CR2 + V_B,CR2) / (V_A + V_B), each V the variance of that side's mean.
    const ib = designEffectOf(base.map((s) => s.mean), base);
    const it = designEffectOf(treat.map((s) => s.mean), treat);
    let effect: { effect: number; clusters?: number } = { effect: 1 };
    if (ib.clusters !== undefined || it.clusters !== undefined) {
      const variance = (list: ItemScore[]) => (list.length < 2 ? 0 : sampleVariance(list.map((s) => s.mean)) / list.length);
      const [vb, vt] = [variance(base), variance(treat)];
      effect = { effect: vb + vt > 0 ? (ib.effect * vb + it.effect * vt) / (vb + vt) : 1, clusters: (ib.clusters ?? base.length) + (it.clusters ?? treat.length) };
    }
    return {
      pilot: { conditions: [baseline, treatment], items: [base.length, treat.length], samplesPerItem: (describeItems(base).samplesPerItem + describeItems(treat).samplesPerItem) / 2, rates, gap, droppedItems: 0 },
      plan: { ...common, design: "independent", p1: rates[0], p2: rates[0] + delta },
      effect,
      clause: `The pilot's ${formatCount(base.length)} and ${formatCount(treat.length)} items (different items) put ${baseline} at ${formatPercent(rates[0])} and ${treatment} at ${formatPercent(rates[1])}.`,
    };
  }
  const pairs = aligned.pairs;
  if (pairs.length < 2) throw new RangeError(`a paired plan needs at least 2 items shared by ${names}, got ${pairs.length}`);
  const dropped = aligned.onlyBaseline.length + aligned.onlyTreatment.length;
  const pairItems = pairs.map(([b, t]) => ({ ...b, cluster: b.cluster ?? t.cluster }));
  const singleBinary = describeItems(pairs.map(([b]) => b)).singleBinary && describeItems(pairs.map(([, t]) => t)).singleBinary;
  if (singleBinary) {
    plannedSamples(o.samples, 1);
    const d = discordanceTable(pairs);
    const n = pairs.length;
    const rates = [(d.both + d.onlyB) / n, (d.both + d.onlyA) / n];
    const discordance = (d.onlyA + d.onlyB) / n;
    const gap = (d.onlyA - d.onlyB) / n;
    const delta = checkDelta(o.delta, gap, `gap between ${names}`);
    return {
      pilot: { conditions: [baseline, treatment], items: n, samplesPerItem: 1, rates, gap, discordance, droppedItems: dropped },
      plan: { ...common, design: "paired", delta, discordance },
      effect: designEffectOf(pairs.map(([b, t]) => t.mean - b.mean), pairItems),
      clause: `The pilot paired ${formatCount(n)} items: ${baseline} ${formatPercent(rates[0])}, ${treatment} ${formatPercent(rates[1])}, ${formatPercent(discordance)} right under exactly one.`,
    };
  }
  // Repeats (or graded scores): Miller's variance components over the items asked at least twice
  // under both; one graded answer per item leaves only the variance of the gaps (σ² unseen, K = 1).
  const repeated = pairs.filter(([b, t]) => b.samples >= 2 && t.samples >= 2);
  const used = repeated.length >= 2 ? repeated : pairs;
  const k = repeated.length >= 2 ? Math.min(...used.flatMap(([b, t]) => [b.samples, t.samples])) : 1;
  const gaps = used.map(([b, t]) => t.mean - b.mean);
  if (gaps.length < 2) throw new RangeError(`a paired plan needs at least 2 items shared by ${names}, got ${gaps.length}`);
  const withinSum = k === 1 ? 0 : used.reduce((acc, [b, t]) => acc + pilot.within(baseline, b) + pilot.within(treatment, t), 0);
  const { omega2, sigma2 } = components(gaps, withinSum, k);
  const rates = [mean(used.map(([b]) => b.mean)), mean(used.map(([, t]) => t.mean))];
  const gap = mean(gaps);
  const delta = checkDelta(o.delta, gap, `gap between ${names}`);
  const samples = plannedSamples(o.samples, k) ?? k;
  const usedItems = used.map(([b, t]) => ({ ...b, cluster: b.cluster ?? t.cluster }));
  return {
    pilot: { conditions: [baseline, treatment], items: used.length, samplesPerItem: k, rates, gap, omega2, sigma2, droppedItems: dropped + pairs.length - used.length },
    plan: { ...common, design: "repeated", delta, omega2, sigma2, samples },
    effect: designEffectOf(gaps, usedItems),
    clause: `The pilot paired ${formatCount(used.length)} items, ${k} answer${k === 1 ? "" : "s"} each: ${baseline} ${formatPercent(rates[0])}, ${treatment} ${formatPercent(rates[1])}; items vary by ω² = ${omega2.toPrecision(3)}${k > 1 ? `, answers within an item by σ² = ${sigma2.toPrecision(3)}` : ""}.`,
  };
}

function chancePlan(table: ItemTable, o: Partial<PlanFromPilotOptions>, common: PlanOptions): Estimated {
  const pilot = pilotItems(table, o);
  let condition = o.condition;
  if (condition === undefined) {
    if (pilot.conditions.length > 1) throw new RangeError(`the pilot holds ${pilot.conditions.length} conditions (${pilot.conditions.map((x) => show(x)).join(", ")}); choose one with the condition option`);
    condition = pilot.conditions[0];
  }
  const items = pilot.pick(condition, "condition");
  const baseline = chanceBaseline(items, o.chance ?? "auto");
  const design = describeItems(items);
  const what = `${condition}'s gap above chance (${formatPercent(baseline.chance)}, ${baseline.clause})`;
  const alternative = common.alternative!;
  const above = (gap: number): number => {
    const delta = checkDelta(o.delta, gap, what);
    if (alternative === "greater" && delta < 0) throw new RangeError(`the pilot's ${condition} (${formatPercent(baseline.chance + gap)}) is below chance (${formatPercent(baseline.chance)}): a one-sided plan to beat chance needs a positive delta, got ${delta}`);
    if (alternative === "less" && delta > 0) throw new RangeError(`alternative "less" plans for a rate below chance; delta must be negative, got ${delta}`);
    const target = baseline.chance + delta;
    if (!(target > 0 && target < 1)) throw new RangeError(`delta (${delta}) puts the rate to detect at ${target}, chance ${baseline.chance} + delta, outside (0, 1)`);
    return delta;
  };
  const chanceFields = { chance: baseline.chance, chanceKind: baseline.chanceKind, chanceClause: baseline.clause };
  if (design.singleBinary) {
    plannedSamples(o.samples, 1);
    const r = rate(items);
    const delta = above(r - baseline.chance);
    return {
      pilot: { conditions: [condition], items: items.length, samplesPerItem: 1, rates: [r], ...chanceFields, gap: r - baseline.chance, droppedItems: 0 },
      plan: { ...common, design: "one-rate", p0: baseline.chance, p1: baseline.chance + delta },
      effect: designEffectOf(items.map((s) => s.mean), items),
      clause: `The pilot's ${formatCount(items.length)} items put ${condition} at ${formatPercent(r)}, chance at ${formatPercent(baseline.chance)} (${baseline.clause}).`,
    };
  }
  const repeated = items.filter((s) => s.samples >= 2);
  const used = repeated.length >= 2 ? repeated : items;
  if (used.length < 2) throw new RangeError(`a plan from item means needs at least 2 items of ${show(condition)}, got ${used.length}`);
  const k = repeated.length >= 2 ? Math.min(...used.map((s) => s.samples)) : 1;
  const means = used.map((s) => s.mean);
  const { omega2, sigma2 } = components(means, k === 1 ? 0 : used.reduce((acc, s) => acc + pilot.within(condition!, s), 0), k);
  const r = mean(means);
  const delta = above(r - baseline.chance);
  return {
    pilot: { conditions: [condition], items: used.length, samplesPerItem: k, rates: [r], ...chanceFields, gap: r - baseline.chance, omega2, sigma2, droppedItems: items.length - used.length },
    plan: { ...common, design: "repeated", delta, omega2, sigma2, samples: plannedSamples(o.samples, k) ?? k },
    effect: designEffectOf(means, used),
    clause: `The pilot's ${formatCount(used.length)} items, ${k} answer${k === 1 ? "" : "s"} each, put ${condition} at ${formatPercent(r)}, chance at ${formatPercent(baseline.chance)} (${baseline.clause}); items vary by ω² = ${omega2.toPrecision(3)}${k > 1 ? `, answers within an item by σ² = ${sigma2.toPrecision(3)}` : ""}.`,
  };
}

/**
 * Plan the real run from a pilot: estimate what `planSampleSize` needs, and call it.
 * - `compare: [baseline, treatment]`, items paired as `compareConditions` pairs them (`pairing`):
 *   one binary answer per item → the paired design (Connor 1987) with the pilot's discordance
 *   (b + c)/n; repeats or graded scores → the repeated design (Miller 2024, "Adding Error Bars to
 *   Evals", §5) with ω² and σ² estimated as `varianceComponents` does, over the items asked at least
 *   twice under both (σ² from each item's Σx and Σx²), K the smallest count among them;
 *   items that do not pair → the independent design (R `power.prop.test`) on the two rates.
 * - `againstChance: true`: chance as `beatsChance` picks it (`chanceBaseline`); one binary answer
 *   per item → the one-rate design (Fleiss), else the repeated design on one condition's item means
 *   (ω² = Var(item means) − σ²/K), one-sided `greater` by default.
 * - `delta` defaults to the pilot's observed gap (an error when it is 0).
 * - Clusters (two or more): the plan's n is multiplied by the pilot's design effect, (CR2 SE /
 *   independent SE)² of the estimate (Kish 1965; as notebook 7 plans worlds), floored at 1.
 *
 * @example
 * // 20 items once each under A and B: both right on 8, only B on 6, only A on 1, neither on 5.
 * const pattern = [...Array(8).fill([1, 1]), ...Array(6).fill([0, 1]), [1, 0], ...Array(5).fill([0, 0])];
 * const pilot = pattern.flatMap(([a, b], i) => [{ item: `q${i}`, condition: "A", score: a }, { item: `q${i}`, condition: "B", score: b }]);
 * planFromPilot(pilot, { compare: ["A", "B"] }).items // 42 (Connor: ψ = 0.35, δ = 0.25, n = 41.5148)
 */
export function planFromPilot(input: AnalysisInput, options: PlanFromPilotOptions): PilotPlan {
  const o = checkOptions("options", options);
  if ((o.compare === undefined) === (o.againstChance !== true)) {
    throw new RangeError(`give either compare: [baseline, treatment] or againstChance: true, got ${o.compare === undefined ? "neither" : "both"}`);
  }
  if (o.condition !== undefined && o.compare !== undefined) throw new RangeError(`condition (${show(o.condition)}) picks the condition to plan against chance; with compare it is not read`);
  if (o.chance !== undefined && o.compare !== undefined) throw new RangeError(`chance (${show(o.chance)}) is for againstChance; with compare it is not read`);
  const common: PlanOptions = {
    alpha: o.alpha === undefined ? 0.05 : checkOpenUnit("alpha", o.alpha),
    power: o.power === undefined ? 0.8 : checkOpenUnit("power", o.power),
    alternative: checkAlternative(o.alternative, o.compare === undefined ? "greater" : "two-sided"),
  };
  const table = isItemTable(input) ? input : itemTableFromRecords(input);
  const estimated = o.compare !== undefined ? comparePlan(table, o, common) : chancePlan(table, o, common);
  const plan = planSampleSize(estimated.plan);
  const observedDesignEffect = estimated.effect.effect;
  const designEffect = Math.max(1, observedDesignEffect);
  const items = Math.ceil(plan.n * designEffect - 1e-9);
  const pilot: PilotEstimates = { ...estimated.pilot, ...(estimated.effect.clusters !== undefined ? { clusters: estimated.effect.clusters } : {}), observedDesignEffect };
  const gapClause = o.delta === undefined ? ` Planned for the gap the pilot saw (${formatPoints(pilot.gap)}).` : "";
  const clusterClause = pilot.clusters === undefined
    ? ""
    : observedDesignEffect <= 1
      ? ` The pilot's ${formatCount(pilot.clusters)} clusters showed a design effect of ${observedDesignEffect.toFixed(2)}, taken as 1.`
      : ` Clustered as the pilot (${formatCount(pilot.clusters)} clusters, design effect ${observedDesignEffect.toFixed(2)}), that is ${formatCount(items)} items${plan.perGroup ? " per condition" : ""}.`;
  return { plan, planOptions: estimated.plan, pilot, designEffect, items, sentence: `${estimated.clause}${gapClause} ${plan.sentence}${clusterClause}` };
}
