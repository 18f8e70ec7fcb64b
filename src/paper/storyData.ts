/**
 * What the stories read, in one place: the simulated per-item files of data/simulated with the
 * condition names they hold, and the reported numbers of data/reported (data/README.md describes
 * both). Every story module reads its inputs through these, so a file name or a condition name is
 * spelled once.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { loadRuns } from "../runs/loadRuns.js";
import { CsvParser } from "../runs/csvParser.js";
import type { RunRecord } from "../runs/record.js";

/** The files of data/simulated (written by scripts/simulate.ts, seeded). */
export const simulatedFiles = {
  /** Four conditions (research and production, Sonnet and Opus), 300 items each, one answer per item. */
  researchVsProduction: "research-vs-production-simulated.jsonl",
  /** The five production-side ablations of Claude 3.5 Sonnet on the same 300 items. */
  ablations: "ablations-simulated.jsonl",
  /** Research and production Sonnet with every item asked K = 5 times. */
  kSamples: "k-samples-simulated.jsonl",
} as const;

export type SimulatedFile = keyof typeof simulatedFiles;

/** The production API's Claude 3.5 Sonnet: the 51% of the retellings, and the ablations' baseline. */
export const productionSonnet = "production: Claude 3.5 Sonnet";
/** The research harness's Claude 3.5 Sonnet: the 62% of the retellings. */
export const researchSonnet = "research: Claude 3.5 Sonnet";

/**
 * The records of one simulated file, read with evalgap's own loader.
 *
 * @example
 * (await loadSimulated("data", "researchVsProduction")).length // 1200 (4 conditions × 300 items)
 */
export async function loadSimulated(dataDir: string, file: SimulatedFile): Promise<RunRecord[]> {
  return loadRuns(join(dataDir, "simulated", simulatedFiles[file]));
}

/**
 * The rows of a small CSV file (RFC 4180, through the loaders' parser), blank lines left out.
 *
 * @example
 * csvRows('id,claim\nx,"a, b"\n\n') // [["id", "claim"], ["x", "a, b"]]
 */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  const parser = new CsvParser(",");
  const keep = (fields: string[]) => {
    if (fields.some((f) => f.trim() !== "")) rows.push(fields);
  };
  parser.push(text, keep);
  parser.end(keep);
  return rows;
}

/** One row of data/reported/retellings.csv (a fraction; `n` is blank in every row there). */
export interface ReportedRate {
  id: string;
  setting: string;
  condition: string;
  accuracy: number;
  n?: number;
  claim: string;
  confirmed: boolean;
}

/**
 * The reported accuracies people quote (data/reported/retellings.csv), keyed by id.
 *
 * @example
 * (await loadRetellings("data")).get("sonnet35-production")!.accuracy // 0.51
 */
export async function loadRetellings(dataDir: string): Promise<Map<string, ReportedRate>> {
  const text = await readFile(join(dataDir, "reported", "retellings.csv"), "utf8");
  const [names, ...lines] = csvRows(text);
  const rows = new Map<string, ReportedRate>();
  for (const line of lines) {
    const f = Object.fromEntries(line.map((v, i) => [names[i], v]));
    const accuracy = Number(f.accuracy);
    if (!(accuracy >= 0 && accuracy <= 1)) throw new RangeError(`retellings.csv: accuracy of ${f.id} must be a fraction, got ${JSON.stringify(f.accuracy)}`);
    rows.set(f.id, {
      id: f.id,
      setting: f.setting,
      condition: f.condition,
      accuracy,
      ...(f.n ? { n: Number(f.n) } : {}),
      claim: f.claim,
      confirmed: f.confirmed === "yes",
    });
  }
  return rows;
}
