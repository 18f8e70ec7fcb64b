/**
 * Regenerate data/simulated/ from its seed: `npx tsx scripts/simulate.ts [--out DIR]`.
 *
 * The output is deterministic (seeded with createRandom, integer scores only), so running it again
 * rewrites byte-identical files; test/notebooks/simulated.test.ts checks that. It also prints the
 * realised numbers that data/README.md records. The model and its assumptions: scripts/simulate/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { RunRecord } from "../src/runs/record.js";
import { correlation } from "./simulate/latent.js";
import { drawItems, SETS, simulateSet, toJsonl } from "./simulate/valueInference.js";

/** Where the committed files live. */
export const SIMULATED_DIR = resolve(import.meta.dirname, "..", "data", "simulated");

/** Every simulated file: its name and its exact contents. */
export function generateSimulated(): { file: string; content: string; records: RunRecord[] }[] {
  const items = drawItems();
  return SETS.map((set) => {
    const records = simulateSet(set, items);
    return { file: set.file, content: toJsonl(records), records };
  });
}

/** Write every simulated file into `dir`; returns the paths written. */
export function writeSimulated(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return generateSimulated().map(({ file, content }) => {
    const path = join(dir, file);
    writeFileSync(path, content);
    return path;
  });
}

/** Mean score per item (averaging repeats) of one condition, keyed by item id. */
function itemMeans(records: readonly RunRecord[], condition: string): Map<string, number> {
  const sums = new Map<string, [number, number]>();
  for (const r of records) {
    if (r.condition !== condition) continue;
    const [s, n] = sums.get(r.item) ?? [0, 0];
    sums.set(r.item, [s + r.score, n + 1]);
  }
  return new Map([...sums].map(([item, [s, n]]) => [item, s / n]));
}

const BASE = "production: Claude 3.5 Sonnet";
const MAIN_FILE = "research-vs-production-simulated.jsonl";

/** The pairs README reports: [file, condition, file, condition], compared item by item. */
const PAIRS: [string, string, string, string][] = [
  [MAIN_FILE, "research: Claude 3.5 Sonnet", MAIN_FILE, BASE],
  [MAIN_FILE, "research: Claude 3 Opus", MAIN_FILE, "production: Claude 3 Opus"],
  [MAIN_FILE, "research: Claude 3.5 Sonnet", MAIN_FILE, "research: Claude 3 Opus"],
  ...["temperature 0", "temperature 1", "think step by step", "custom system prompt"].map(
    (v): [string, string, string, string] => ["ablations-simulated.jsonl", `${BASE}, ${v}`, MAIN_FILE, BASE],
  ),
  ["ablations-simulated.jsonl", "production: GPT-4o", MAIN_FILE, BASE],
  ["k-samples-simulated.jsonl", "research: Claude 3.5 Sonnet", "k-samples-simulated.jsonl", BASE],
];

/** The realised numbers, as Markdown tables for data/README.md. */
export function describeSimulated(): string {
  const files = generateSimulated();
  const recordsOf = (file: string) => files.find((f) => f.file === file)!.records;
  const lines = ["| file | condition | records | items × samples | right | accuracy |", "|---|---|---|---|---|---|"];
  for (const { file, records } of files) {
    for (const condition of new Set(records.map((r) => r.condition))) {
      const rows = records.filter((r) => r.condition === condition);
      const items = new Set(rows.map((r) => r.item)).size;
      const right = rows.reduce((s, r) => s + r.score, 0);
      lines.push(`| ${file} | ${condition} | ${rows.length} | ${items} × ${rows.length / items} | ${right} | ${(right / rows.length).toFixed(4)} |`);
    }
  }
  lines.push(
    "",
    "| first vs second (same items) | correlation of item scores | both right | only first | only second | neither |",
    "|---|---|---|---|---|---|",
  );
  for (const [fileA, first, fileB, second] of PAIRS) {
    const a = itemMeans(recordsOf(fileA), first);
    const b = itemMeans(recordsOf(fileB), second);
    const ids = [...a.keys()];
    const xa = ids.map((id) => a.get(id)!);
    const xb = ids.map((id) => b.get(id)!);
    const r = correlation(xa, xb).toFixed(3);
    if (fileA === "k-samples-simulated.jsonl") {
      lines.push(`| ${first} vs ${second}, K = 5 (item means) | ${r} | | | | |`);
      continue;
    }
    const count = (va: number, vb: number) => ids.filter((_, i) => xa[i] === va && xb[i] === vb).length;
    lines.push(`| ${first} vs ${second} | ${r} | ${count(1, 1)} | ${count(1, 0)} | ${count(0, 1)} | ${count(0, 0)} |`);
  }
  return lines.join("\n");
}

function main(args: string[]): void {
  const at = args.indexOf("--out");
  const dir = at >= 0 ? resolve(args[at + 1] ?? "") : SIMULATED_DIR;
  if (at >= 0 && !args[at + 1]) throw new TypeError("--out needs a directory");
  for (const path of writeSimulated(dir)) console.log(`wrote ${path}`);
  console.log("");
  console.log(describeSimulated());
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv.slice(2));
