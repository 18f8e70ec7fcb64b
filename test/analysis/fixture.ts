/** Typed access to test/fixtures/analysis.json (written by test/fixtures/r/analysis.R). */
import type { RunRecord } from "../../src/runs/record.js";
import { loadFixture } from "../helpers/close.js";

type Nums = Record<string, number>;

export interface AnalysisFixture {
  countsChance: (Nums & { successes: number; trials: number })[];
  countsEquivalence: { p250: number; p510: number; zTost: number; mde: number; pEdge: number };
  single: { records: RunRecord[]; successes: number; n: number; wilson: [number, number]; uniformP: number; majorityP: number; majority: number; marginal: number };
  repeated: { records: RunRecord[] } & Nums;
  pairedBinary: { records: RunRecord[] } & Nums;
  independentBinary: { records: RunRecord[] } & Nums;
  independentGraded: { records: RunRecord[] } & Nums;
  compareAll: { records: RunRecord[]; estimates: number[]; raw: number[]; holm: number[]; bonferroni: number[] };
  realTemperature: Nums & { model: string; baseline: string; treatment: string };
  plan: {
    oneRate: Nums;
    independent: Nums;
    pairedDiscordance: Nums;
    pairedCorrelation: Nums;
    repeated: Nums;
  };
}

export const fx = loadFixture<AnalysisFixture>("analysis.json");
