/**
 * The simulated value-inference runs: per-item records consistent with the rates the secondary
 * retellings report (data/reported/retellings.csv), under assumptions stated here and in data/README.md.
 *
 * Assumptions (none of these numbers were published; the retellings give no n):
 * - 300 items, in 30 passages (clusters) of 10 items each;
 * - every item is a two-way choice (yes/no), so uniform chance is 1/2;
 * - every condition ran the same 300 items, so conditions can be compared item by item;
 * - one answer per item and condition, except the K-samples set (5 answers per item);
 * - the latent model of ./latent.ts, with its variances, links conditions through shared item difficulty.
 */
import { createRandom } from "../../src/stats/random.js";
import type { RunRecord } from "../../src/runs/record.js";
import { CLUSTER_VARIANCE, ITEM_VARIANCE, MODEL_VARIANCE, normal, normals, topK } from "./latent.js";

/** The seed every stream below derives from; change it and every file changes. */
export const SEED = "evalgap/data/simulated v1";
export const ITEMS = 300;
export const CLUSTER_SIZE = 10;
export const SAMPLES = 5;
export const CHOICES = 2;

type Model = "sonnet" | "opus" | "gpt4o";

const MODEL_IDS: Record<Model, string> = {
  sonnet: "claude-3-5-sonnet-20240620",
  opus: "claude-3-opus-20240229",
  gpt4o: "gpt-4o-2024-05-13",
};

/** A condition to simulate: its name, model, the reported rate it must reproduce, and its source row. */
export interface ConditionSpec {
  condition: string;
  model: Model;
  rate: number;
  /** The id of the row in data/reported/retellings.csv this rate comes from. */
  reported: string;
}

/** One output file: its name (always containing "simulated"), what it shows, and its conditions. */
export interface SetSpec {
  file: string;
  description: string;
  conditions: ConditionSpec[];
  samples: number;
}

const SONNET_RESEARCH: ConditionSpec = { condition: "research: Claude 3.5 Sonnet", model: "sonnet", rate: 0.62, reported: "sonnet35-research" };
const SONNET_PRODUCTION: ConditionSpec = { condition: "production: Claude 3.5 Sonnet", model: "sonnet", rate: 0.51, reported: "sonnet35-production" };

export const SETS: SetSpec[] = [
  {
    file: "research-vs-production-simulated.jsonl",
    description: "the research harness against the production API, two models, the same 300 items",
    samples: 1,
    conditions: [
      SONNET_RESEARCH,
      SONNET_PRODUCTION,
      { condition: "research: Claude 3 Opus", model: "opus", rate: 0.59, reported: "opus3-research" },
      { condition: "production: Claude 3 Opus", model: "opus", rate: 0.49, reported: "opus3-production" },
    ],
  },
  {
    file: "ablations-simulated.jsonl",
    description:
      "production-side attempts to close the gap, on the same items; compare each with " +
      "\"production: Claude 3.5 Sonnet\" from research-vs-production-simulated.jsonl",
    samples: 1,
    conditions: [
      { condition: "production: Claude 3.5 Sonnet, temperature 0", model: "sonnet", rate: 0.52, reported: "temperature-0" },
      { condition: "production: Claude 3.5 Sonnet, temperature 1", model: "sonnet", rate: 0.49, reported: "temperature-1" },
      { condition: "production: Claude 3.5 Sonnet, think step by step", model: "sonnet", rate: 0.55, reported: "step-by-step" },
      { condition: "production: Claude 3.5 Sonnet, custom system prompt", model: "sonnet", rate: 0.54, reported: "system-prompts" },
      { condition: "production: GPT-4o", model: "gpt4o", rate: 0.56, reported: "gpt4o" },
    ],
  },
  {
    file: "k-samples-simulated.jsonl",
    description: `Claude 3.5 Sonnet, research against production, each item asked ${SAMPLES} times (Miller's K samples)`,
    samples: SAMPLES,
    conditions: [SONNET_RESEARCH, SONNET_PRODUCTION],
  },
];

/** The shared part of the world: item ids, passages, right answers, and the latent effects. */
export interface Items {
  ids: string[];
  clusters: string[];
  targets: string[];
  /** cluster effect + item difficulty, per item. */
  shared: number[];
  /** each model's item-specific strength, per item. */
  model: Record<Model, number[]>;
}

/** Draw the items once; every set uses them, so all files describe the same 300 questions. */
export function drawItems(): Items {
  const rng = createRandom(`${SEED}/items`);
  const clusterCount = ITEMS / CLUSTER_SIZE;
  const clusterEffects = normals(rng, clusterCount, CLUSTER_VARIANCE);
  const ids: string[] = [];
  const clusters: string[] = [];
  const targets: string[] = [];
  const shared: number[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const c = Math.floor(i / CLUSTER_SIZE);
    ids.push(`vi-${String(i + 1).padStart(3, "0")}`);
    clusters.push(`passage-${String(c + 1).padStart(2, "0")}`);
    targets.push(rng.next() < 0.5 ? "yes" : "no");
    shared.push(clusterEffects[c] + Math.sqrt(ITEM_VARIANCE) * normal(rng));
  }
  const model = {
    sonnet: normals(rng, ITEMS, MODEL_VARIANCE),
    opus: normals(rng, ITEMS, MODEL_VARIANCE),
    gpt4o: normals(rng, ITEMS, MODEL_VARIANCE),
  };
  return { ids, clusters, targets, shared, model };
}

/**
 * The records of one set: for each condition, ITEMS × samples propensities (shared item terms plus
 * fresh noise from a stream named after the set and condition), the top round(rate × draws) right.
 */
export function simulateSet(set: SetSpec, items: Items): RunRecord[] {
  const records: RunRecord[] = [];
  for (const spec of set.conditions) {
    const rng = createRandom(`${SEED}/${set.file}/${spec.condition}`);
    const draws = ITEMS * set.samples;
    const propensity: number[] = [];
    for (let i = 0; i < ITEMS; i++) {
      for (let s = 0; s < set.samples; s++) propensity.push(items.shared[i] + items.model[spec.model][i] + normal(rng));
    }
    const correct = Math.round(spec.rate * draws);
    const scores = topK(propensity, correct);
    for (let i = 0; i < ITEMS; i++) {
      for (let s = 0; s < set.samples; s++) {
        const score = scores[i * set.samples + s];
        const target = items.targets[i];
        const answer = score === 1 ? target : target === "yes" ? "no" : "yes";
        records.push({
          item: items.ids[i],
          condition: spec.condition,
          score,
          ...(set.samples > 1 ? { sample: s } : {}),
          cluster: items.clusters[i],
          model: MODEL_IDS[spec.model],
          answer,
          target,
          choices: CHOICES,
        });
      }
    }
  }
  return records;
}

/** One JSON object per line, fields in RunRecord order, "\n" line ends: stable bytes. */
export function toJsonl(records: readonly RunRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join("\n") + "\n";
}
