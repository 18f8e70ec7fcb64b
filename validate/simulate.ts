/**
 * Seeded eval data with known truth for one design cell. Conditions j = 0, 1, … (named A, B, C, D;
 * A is the baseline) answer item i of cluster c K times, each answer Bernoulli(p) with
 *   logit p_ij = μ_j + u_cj + v_ij,
 *   u_cj = σ_c(√ρ·w_c + √(1 − ρ)·e_cj),   v_ij = σ_v(√ρ·w_i + √(1 − ρ)·e_ij),
 * all w, e independent N(0, 1): item and cluster effects have SDs σ_v, σ_c in every condition and
 * correlation ρ between any two conditions (equicorrelated), so a paired design sees correlated items.
 * μ_j is solved so that condition j's population mean is its nominal rate (truth.ts). In the
 * independent design each condition gets its own items and clusters (ρ = 0, distinct ids).
 */
import type { RunRecord } from "../src/index.js";
import { createRandom, type Random } from "../src/stats/random.js";
import type { Cell } from "./designs.js";
import { clusterSd, expit, ITEM_SD, solveMu } from "./truth.js";

export const CONDITIONS = ["A", "B", "C", "D"] as const;

/** What a cell's replications share: the calibrated μ's and the id strings, computed once. */
export interface CellModel {
  cell: Cell;
  mus: number[];
  clusterSd: number;
  itemSd: number;
  conditions: string[];
  /** itemIds[j][i]: the id of item i under condition j (the same for every j unless independent). */
  itemIds: string[][];
  /** clusterIds[j][i]: the cluster label of item i under condition j, or undefined without clusters. */
  clusterIds: (string | undefined)[][];
}

export function cellModel(cell: Cell): CellModel {
  const sdC = cell.clusters > 0 ? clusterSd(cell.icc) : 0;
  const spread = Math.sqrt(sdC * sdC + ITEM_SD * ITEM_SD);
  const conditions = CONDITIONS.slice(0, cell.rates.length) as string[];
  const independent = cell.design === "independent";
  const itemIds = conditions.map((name) => Array.from({ length: cell.items }, (_, i) => (independent ? `${name}-q${i}` : `q${i}`)));
  const clusterIds = conditions.map((name) =>
    Array.from({ length: cell.items }, (_, i) => (cell.clusters > 0 ? (independent ? `${name}-c${i % cell.clusters}` : `c${i % cell.clusters}`) : undefined)),
  );
  return { cell, mus: cell.rates.map((r) => solveMu(r, spread)), clusterSd: sdC, itemSd: ITEM_SD, conditions, itemIds, clusterIds };
}

/** Standard normal draws by the Box–Muller transform (Box & Muller 1958), both of each pair used. */
export class NormalSource {
  private spare: number | undefined;
  constructor(private readonly rng: Random) {}
  next(): number {
    if (this.spare !== undefined) {
      const z = this.spare;
      this.spare = undefined;
      return z;
    }
    const u = 1 - this.rng.next(); // (0, 1]: log is finite
    const radius = Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * this.rng.next();
    this.spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }
}

/** The random streams of one cell: seeded by the cell id, so a cell's data never depend on the others. */
export interface CellStream {
  rng: Random;
  normal: NormalSource;
}

export function cellStream(cell: Cell, salt = ""): CellStream {
  const rng = createRandom(`evalgap validation ${salt}${cell.id}`);
  return { rng, normal: new NormalSource(rng) };
}

/** m effects with SD `sd` and pairwise correlation ρ (shared factor), or m independent ones. */
function correlatedEffects(out: Float64Array, sd: number, rho: number, normal: NormalSource): void {
  if (sd === 0) {
    out.fill(0);
    return;
  }
  const shared = rho > 0 ? Math.sqrt(rho) * normal.next() : 0;
  const own = Math.sqrt(1 - rho);
  for (let j = 0; j < out.length; j++) out[j] = sd * (shared + own * normal.next());
}

/** One replication: the records of every condition, in condition order, item order, sample order. */
export function simulateRecords(model: CellModel, stream: CellStream): RunRecord[] {
  const { cell, mus, conditions, itemIds, clusterIds } = model;
  const m = conditions.length;
  const rho = cell.design === "independent" ? 0 : cell.pairCorrelation;
  const clusterEffects = Array.from({ length: Math.max(cell.clusters, 1) }, () => new Float64Array(m));
  for (const effects of clusterEffects) correlatedEffects(effects, model.clusterSd, rho, stream.normal);
  const itemEffects = new Float64Array(m);
  const logits = Array.from({ length: m }, () => new Float64Array(cell.items));
  for (let i = 0; i < cell.items; i++) {
    correlatedEffects(itemEffects, model.itemSd, rho, stream.normal);
    const u = clusterEffects[cell.clusters > 0 ? i % cell.clusters : 0];
    for (let j = 0; j < m; j++) logits[j][i] = mus[j] + u[j] + itemEffects[j];
  }
  const records: RunRecord[] = [];
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < cell.items; i++) {
      const p = expit(logits[j][i]);
      const right = cell.samples === 1 ? (stream.rng.next() < p ? 1 : 0) : stream.rng.binomial(cell.samples, p);
      const cluster = clusterIds[j][i];
      for (let s = 0; s < cell.samples; s++) {
        const record: RunRecord = { item: itemIds[j][i], condition: conditions[j], score: s < right ? 1 : 0, sample: s };
        if (cluster !== undefined) record.cluster = cluster;
        records.push(record);
      }
    }
  }
  return records;
}
