/**
 * The design grid of issue 11: the eval shapes evalgap's defaults must hold on. A cell is one
 * design (number of items, samples per item, clusters, ICC, paired correlation, true rates); its id
 * names it and seeds its random stream, so any cell can be rerun alone and gives the same numbers.
 */

/** What is measured: one rate, a paired gap, two independent conditions, or Holm over three null arms. */
export type DesignKind = "one-rate" | "paired" | "independent" | "compare-all";

export interface Cell {
  /** Stable name, also the seed of the cell's random stream. */
  id: string;
  design: DesignKind;
  /** Items per condition (independent: per arm, with different items in each arm). */
  items: number;
  /** Answers per item per condition (K). */
  samples: number;
  /** Clusters the items fall in (round robin, sizes differing by at most one); 0 for none. */
  clusters: number;
  /** Latent-response ICC of the cluster effects (see truth.ts `clusterSd`); 0 without clusters. */
  icc: number;
  /** Latent correlation of an item's (and a cluster's) logit effect across conditions; 0 when independent. */
  pairCorrelation: number;
  /** True population rate of each condition, baseline first (one-rate: one; compare-all: four). */
  rates: readonly number[];
}

export const ITEM_COUNTS = [10, 20, 30, 100, 1000] as const;
export const SAMPLE_COUNTS = [1, 5] as const;
export const CLUSTER_COUNTS = [5, 10, 30] as const;
export const ICCS = [0.1, 0.3] as const;
export const PAIR_CORRELATIONS = [0.3, 0.8] as const;
/** One rate: 0.25 and 0.5 are the usual chance rates; 0.9 and 0.97 the near-ceiling evals of the issue. */
export const ONE_RATES = [0.25, 0.5, 0.7, 0.9, 0.97] as const;
/** Paired gaps: four null gaps (type I and coverage) and three real ones (coverage). */
export const PAIRED_RATES: readonly (readonly [number, number])[] = [
  [0.5, 0.5], [0.7, 0.7], [0.9, 0.9], [0.97, 0.97], [0.5, 0.6], [0.8, 0.9], [0.9, 0.97],
];
export const INDEPENDENT_RATES: readonly (readonly [number, number])[] = [[0.5, 0.5], [0.9, 0.9], [0.97, 0.97], [0.7, 0.8]];
export const COMPARE_ALL_RATES = [0.5, 0.9, 0.97] as const;

/** Every threshold a cell is judged by. */
export const LEVEL = 0.95;
export const ALPHA = 0.05;
export const MIN_COVERAGE = 0.935;
export const MAX_TYPE_I = 0.065;

interface ClusterSetup {
  clusters: number;
  icc: number;
}

/** No clusters, and each cluster count with each ICC where every cluster holds at least two items. */
function clusterSetups(items: number, iccs: readonly number[] = ICCS): ClusterSetup[] {
  const setups: ClusterSetup[] = [{ clusters: 0, icc: 0 }];
  for (const clusters of CLUSTER_COUNTS) {
    if (items < 2 * clusters) continue;
    for (const icc of iccs) setups.push({ clusters, icc });
  }
  return setups;
}

export function cellId(c: Omit<Cell, "id">): string {
  const parts = [c.design, `n=${c.items}`, `K=${c.samples}`, c.clusters ? `C=${c.clusters} icc=${c.icc}` : "C=none"];
  if (c.design === "paired" || c.design === "compare-all") parts.push(`rho=${c.pairCorrelation}`);
  parts.push(c.design === "compare-all" ? `p=${c.rates[0]}x4` : `p=${c.rates.join("/")}`);
  return parts.join(" ");
}

function cell(c: Omit<Cell, "id">): Cell {
  return { id: cellId(c), ...c };
}

/** The full grid of `npm run validate`. */
export function fullGrid(): Cell[] {
  const cells: Cell[] = [];
  for (const items of ITEM_COUNTS) {
    for (const samples of SAMPLE_COUNTS) {
      for (const { clusters, icc } of clusterSetups(items)) {
        const shape = { items, samples, clusters, icc };
        for (const rate of ONE_RATES) cells.push(cell({ design: "one-rate", ...shape, pairCorrelation: 0, rates: [rate] }));
        for (const pairCorrelation of PAIR_CORRELATIONS) {
          for (const rates of PAIRED_RATES) cells.push(cell({ design: "paired", ...shape, pairCorrelation, rates }));
        }
        for (const rates of INDEPENDENT_RATES) cells.push(cell({ design: "independent", ...shape, pairCorrelation: 0, rates }));
        if (items <= 100) {
          for (const pairCorrelation of PAIR_CORRELATIONS) {
            for (const rate of COMPARE_ALL_RATES) cells.push(cell({ design: "compare-all", ...shape, pairCorrelation, rates: [rate, rate, rate, rate] }));
          }
        }
      }
    }
  }
  return cells;
}

/** A tiny grid for developing the harness: one cell of each design, small n. */
export function quickGrid(): Cell[] {
  return [
    cell({ design: "one-rate", items: 10, samples: 5, clusters: 0, icc: 0, pairCorrelation: 0, rates: [0.97] }),
    cell({ design: "one-rate", items: 20, samples: 1, clusters: 5, icc: 0.3, pairCorrelation: 0, rates: [0.5] }),
    cell({ design: "paired", items: 10, samples: 5, clusters: 0, icc: 0, pairCorrelation: 0.8, rates: [0.7, 0.7] }),
    cell({ design: "independent", items: 10, samples: 5, clusters: 0, icc: 0, pairCorrelation: 0, rates: [0.7, 0.8] }),
    cell({ design: "compare-all", items: 20, samples: 5, clusters: 0, icc: 0, pairCorrelation: 0.3, rates: [0.9, 0.9, 0.9, 0.9] }),
  ];
}

/**
 * The reduced grid `npm test` runs (test/validate/validation.test.ts): the hardest designs of issue 11
 * (repeats near the ceiling, few clusters, small paired and independent samples, Holm over null
 * arms) and two exact-method controls. Replications are the first `reps` of the full run's stream.
 */
export const REDUCED_GRID: readonly { id: string; reps: number }[] = [
  // One rate: repeats near the ceiling (SE 0 when every answer is right), few clusters, Wilson's dip.
  { id: "one-rate n=10 K=5 C=none p=0.97", reps: 2000 },
  { id: "one-rate n=20 K=5 C=none p=0.9", reps: 2000 },
  { id: "one-rate n=30 K=5 C=none p=0.25", reps: 2000 },
  { id: "one-rate n=10 K=1 C=none p=0.97", reps: 2000 },
  { id: "one-rate n=10 K=1 C=none p=0.7", reps: 2000 },
  { id: "one-rate n=10 K=5 C=5 icc=0.3 p=0.97", reps: 2000 },
  { id: "one-rate n=100 K=5 C=5 icc=0.3 p=0.97", reps: 2000 },
  { id: "one-rate n=100 K=5 C=30 icc=0.3 p=0.97", reps: 2000 },
  { id: "one-rate n=1000 K=1 C=5 icc=0.3 p=0.5", reps: 1000 },
  { id: "one-rate n=1000 K=1 C=5 icc=0.3 p=0.97", reps: 1000 },
  // Paired gaps: small n with repeats, few clusters, a real gap near the ceiling; McNemar as a control.
  { id: "paired n=10 K=5 C=none rho=0.3 p=0.9/0.9", reps: 2000 },
  { id: "paired n=10 K=5 C=none rho=0.8 p=0.9/0.97", reps: 2000 },
  { id: "paired n=100 K=5 C=5 icc=0.3 rho=0.3 p=0.9/0.9", reps: 2000 },
  { id: "paired n=10 K=1 C=5 icc=0.3 rho=0.8 p=0.9/0.97", reps: 2000 },
  { id: "paired n=20 K=1 C=none rho=0.8 p=0.9/0.97", reps: 2000 },
  // Independent conditions and Holm over three null arms.
  { id: "independent n=10 K=5 C=none p=0.7/0.8", reps: 2000 },
  { id: "independent n=10 K=5 C=5 icc=0.3 p=0.9/0.9", reps: 2000 },
  { id: "independent n=10 K=5 C=none p=0.97/0.97", reps: 2000 },
  { id: "compare-all n=20 K=5 C=none rho=0.3 p=0.5x4", reps: 2000 },
  { id: "compare-all n=10 K=1 C=5 icc=0.1 rho=0.3 p=0.5x4", reps: 2000 },
  { id: "compare-all n=30 K=5 C=5 icc=0.3 rho=0.8 p=0.9x4", reps: 1000 },
];

/** Look a cell of the full grid up by id (for the reduced grid and for rerunning one cell). */
export function findCell(id: string, grid: readonly Cell[] = fullGrid()): Cell {
  const found = grid.find((c) => c.id === id);
  if (!found) throw new RangeError(`no cell ${JSON.stringify(id)} in the grid`);
  return found;
}

/** A null cell: every condition has the same true rate, so any rejection is a type I error. */
export function isNull(c: Cell): boolean {
  return c.rates.every((r) => r === c.rates[0]);
}
