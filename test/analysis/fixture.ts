/** Typed access to test/fixtures/analysis.json (written by test/fixtures/r/analysis.R). */
import type { RunRecord } from "../../src/runs/record.js";
import { loadFixture } from "../helpers/close.js";

type Nums = Record<string, number>;
type KornGraubard = { estimate: number; se: number; lower: number; upper: number; neff: number };

export interface AnalysisFixture {
  countsChance: (Nums & { successes: number; trials: number })[];
  countsEquivalence: { p250: number; p510: number; zTost: number; mde: number; pEdge: number };
  single: { records: RunRecord[]; successes: number; n: number; wilson: [number, number]; clopperPearson: [number, number]; uniformP: number; majorityP: number; majorityGuesserP: number; majority: number; marginal: number };
  repeated: { records: RunRecord[] } & Nums;
  pairedBinary: { records: RunRecord[] } & Nums;
  independentBinary: { records: RunRecord[] } & Nums;
  independentGraded: { records: RunRecord[] } & Nums;
  compareAll: { records: RunRecord[]; estimates: number[]; raw: number[]; holm: number[]; bonferroni: number[] };
  realTemperature: Nums & { model: string; baseline: string; treatment: string };
  /** Korn–Graubard (svyciprop "beta", effective size kept in [C, n]) on fixture B, by clusters and by items. */
  repeatedKornGraubard: { clusters: KornGraubard; items: KornGraubard; pClusters: number; pItems: number; perCluster: Record<string, KornGraubard> };
  /** R t.test(gb, ga) on fixture E. */
  independentGradedWelch: Nums;
  /** R t.test(paired = TRUE) p-values of fixture F, raw and adjusted. */
  compareAllPairedT: { raw: number[]; holm: number[]; bonferroni: number[] };
  /** clubSandwich CR2 / Satterthwaite on the real temperature gap, clustered by Source. */
  realTemperatureCR2: Nums;
  /** MOVER on the two rates' Korn–Graubard (exact-on-clusters) limits, and its dual p-value. */
  realTemperatureMover: Nums & { call: string };
  /** Korn–Graubard on the item means of the 0.0 run, units = Source. */
  realTemperatureKG0: KornGraubard & { exact: KornGraubard & { pGreater: number } };
  plan: {
    oneRate: Nums;
    independent: Nums;
    pairedDiscordance: Nums;
    pairedCorrelation: Nums;
    repeated: Nums;
  };
}

export const fx = loadFixture<AnalysisFixture>("analysis.json");
