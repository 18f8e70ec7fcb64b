/**
 * Repeats are not items. An item asked K times is one observation whose score is the mean of its
 * K answers (Miller 2024, "Adding Error Bars to Evals", §3: resampling reduces the within-item
 * variance, it does not add items). Every analysis works on these item means.
 */
import { mean } from "simple-statistics";
import type { RunRecord } from "../runs/record.js";

/** One item under one condition, its repeats averaged. */
export interface ItemScore {
  item: string;
  /** The item's cluster, when its records carry one. */
  cluster?: string;
  /** Mean score over the item's samples (simple-statistics' `mean`: compensated summation). */
  mean: number;
  /** How many scored answers the item had. */
  samples: number;
  /** Whether every answer scored exactly 0 or 1. */
  binary: boolean;
  /** The answers given, in record order ("" for a missing answer). */
  answers: string[];
  /**
   * The same answers as (answer, how many) pairs, when the scores come from an item table: what
   * the chance baselines read, so that a table's answers are never spelt out one string each.
   */
  answerCounts?: readonly (readonly [string, number])[];
  /** The item's correct answer, when given. */
  target?: string;
  /** The item's number of options, when given. */
  choices?: number;
}

function conflict(item: string, field: string, a: unknown, b: unknown): never {
  throw new RangeError(`item ${JSON.stringify(item)} has two values of ${field} within one condition: ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
}

/**
 * Average the repeats of each item (records of ONE condition, already checked), in order of first
 * appearance. An item's cluster, target and choices must agree across its records.
 *
 * @example
 * itemScores([
 *   { item: "q1", condition: "A", score: 1, sample: 0 },
 *   { item: "q1", condition: "A", score: 0, sample: 1 },
 *   { item: "q2", condition: "A", score: 1 },
 * ]).map((s) => s.mean) // [0.5, 1]
 */
export function itemScores(records: readonly RunRecord[]): ItemScore[] {
  const byItem = new Map<string, ItemScore & { scores: number[] }>();
  for (const r of records) {
    let s = byItem.get(r.item);
    if (!s) {
      s = { item: r.item, mean: 0, scores: [], samples: 0, binary: true, answers: [] };
      byItem.set(r.item, s);
    }
    s.scores.push(r.score);
    s.samples++;
    if (r.score !== 0 && r.score !== 1) s.binary = false;
    s.answers.push(r.answer ?? "");
    if (r.cluster !== undefined) {
      if (s.cluster !== undefined && s.cluster !== r.cluster) conflict(r.item, "cluster", s.cluster, r.cluster);
      s.cluster = r.cluster;
    }
    if (r.target !== undefined) {
      if (s.target !== undefined && s.target !== r.target) conflict(r.item, "target", s.target, r.target);
      s.target = r.target;
    }
    if (r.choices !== undefined) {
      if (s.choices !== undefined && s.choices !== r.choices) conflict(r.item, "choices", s.choices, r.choices);
      s.choices = r.choices;
    }
  }
  return [...byItem.values()].map(({ scores, ...s }) => ({ ...s, mean: mean(scores) }));
}

/** What the items of one group look like, which decides the method. */
export interface ItemDesign {
  items: number;
  /** Mean number of scored answers per item. */
  samplesPerItem: number;
  /** Every item answered once with a 0/1 score: exact binomial methods apply. */
  singleBinary: boolean;
  /** At least two distinct clusters among the items: the clustered SE applies. */
  clustered: boolean;
}

/**
 * Describe a set of item scores: how many, samples per item, single binary answers or not, and
 * whether there are clusters to account for (two or more; one cluster has no between-cluster spread).
 *
 * @example
 * describeItems([{ item: "a", mean: 1, samples: 1, binary: true, answers: [] }]).singleBinary // true
 */
export function describeItems(scores: readonly ItemScore[]): ItemDesign {
  const total = scores.reduce((acc, s) => acc + s.samples, 0);
  const clusters = new Set(scores.filter((s) => s.cluster !== undefined).map((s) => s.cluster));
  return {
    items: scores.length,
    samplesPerItem: scores.length > 0 ? total / scores.length : 0,
    singleBinary: scores.every((s) => s.samples === 1 && s.binary),
    clustered: clusters.size >= 2,
  };
}

/**
 * The cluster label of each item for a clustered SE; an item without a cluster is its own cluster
 * (named after the item, so it cannot collide with a real label).
 *
 * @example
 * clusterLabels([{ item: "a", cluster: "x", mean: 1, samples: 1, binary: true, answers: [] }]) // ["x"]
 */
export function clusterLabels(scores: readonly ItemScore[]): string[] {
  return scores.map((s) => s.cluster ?? itemLabel(s));
}

/** An item as a unit of its own, named so that it cannot collide with a real cluster label. */
function itemLabel(s: ItemScore): string {
  return `\u0000item:${s.item}`;
}

/**
 * The units an estimate from item means resamples: the clusters when the items carry two or more
 * (`clusterLabels`), else each item on its own.
 *
 * @example
 * unitLabels([{ item: "a", cluster: "x", mean: 1, samples: 1, binary: true, answers: [] }], false).length // 1
 */
export function unitLabels(scores: readonly ItemScore[], clustered: boolean): string[] {
  return clustered ? clusterLabels(scores) : scores.map(itemLabel);
}

/** The items two conditions share, in the baseline's order, and those only one of them has. */
export interface AlignedItems {
  /** [baseline, treatment] scores of each shared item. */
  pairs: [ItemScore, ItemScore][];
  onlyBaseline: string[];
  onlyTreatment: string[];
}

/**
 * Match items by id across two conditions: items that match are paired; the rest are reported,
 * because a paired comparison must leave them out.
 *
 * @example
 * const a = [{ item: "1", mean: 1, samples: 1, binary: true, answers: [] }];
 * alignItems(a, []).onlyBaseline // ["1"]
 */
export function alignItems(baseline: readonly ItemScore[], treatment: readonly ItemScore[]): AlignedItems {
  const t = new Map(treatment.map((s) => [s.item, s]));
  const pairs: [ItemScore, ItemScore][] = [];
  const onlyBaseline: string[] = [];
  for (const b of baseline) {
    const m = t.get(b.item);
    if (m) pairs.push([b, m]);
    else onlyBaseline.push(b.item);
  }
  const inBaseline = new Set(baseline.map((s) => s.item));
  const onlyTreatment = treatment.filter((s) => !inBaseline.has(s.item)).map((s) => s.item);
  return { pairs, onlyBaseline, onlyTreatment };
}

/** Who is right where, over paired items answered once each (the paired 2×2). */
export interface DiscordanceTable {
  both: number;
  /** Right under the treatment only. */
  onlyA: number;
  /** Right under the baseline only. */
  onlyB: number;
  neither: number;
}

/**
 * Count the paired 2×2 of single binary answers from aligned [baseline, treatment] items, oriented
 * so that (onlyA − onlyB)/n is treatment − baseline, as `pairedProportionCI` and McNemar expect.
 *
 * @example
 * const [wrong, right] = [0, 1].map((mean) => ({ item: "q", mean, samples: 1, binary: true, answers: [] }));
 * discordanceTable([[wrong, right], [right, right]]).onlyA // 1
 */
export function discordanceTable(pairs: readonly (readonly [ItemScore, ItemScore])[]): DiscordanceTable {
  const table = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  for (const [b, t] of pairs) {
    if (t.mean === 1 && b.mean === 1) table.both++;
    else if (t.mean === 1) table.onlyA++;
    else if (b.mean === 1) table.onlyB++;
    else table.neither++;
  }
  return table;
}
