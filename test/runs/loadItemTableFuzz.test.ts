/**
 * Seeded random logs, good and bad, read by both engines: the DuckDB path must refuse exactly what
 * the JS loaders refuse, with the same message at the same line, collect the same problems, and
 * build the same table from what is kept (issue 13: "the loaders' validation promises hold on this
 * path too"). The values are drawn from those the loaders treat specially: score labels and words,
 * whole numbers written several ways, flags, blanks, quotes, commas, JSON values of mixed kinds.
 */
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { itemTableFromRecords } from "../../src/analysis/itemTable.js";
import { loadItemTable, loadItemTableReport } from "../../src/runs/loadItemTable.js";
import { withDuckdb } from "../../src/runs/duckdb.js";
import { loadRuns, loadRunsReport } from "../../src/runs/loadRuns.js";
import { createRandom, type Random } from "../../src/stats/random.js";
import { expectSame } from "../helpers/same.js";
import { scratch } from "./paths.js";

/** The item table's own refusal: one item, two clusters (targets, option counts) within a condition. */
const TWO_VALUES = /has two (clusters|targets|option counts)/;

const FILES = Number(process.env.EVALGAP_FUZZ_FILES ?? 60);

/** Mostly good values, now and then one the loaders refuse or read specially. */
const VALUES: Record<string, { good: unknown[]; odd: unknown[] }> = {
  item: { good: ["q1", "q2", "q3", "q4", "q,5", "é6"], odd: ["", " ", 7, " q1", "q2 "] },
  condition: { good: ["A", "B"], odd: ["", 3, " A"] },
  score: { good: [0, 1, 0.5, "C", "I", "P", "N", "true", "no", "YES", "correct", "1e0", ".5", " 1 ", true, false], odd: ["maybe", 1.5, -0.1, "", "N/A"] },
  error: { good: ["", "", "", "timeout"], odd: [] },
  refused: { good: ["", "", "false", "true", "0", "1", "no", "yes", true, false], odd: ["maybe", 2] },
  choices: { good: [4, 4, "4", "4.0", 2, ""], odd: [1, "x", 2.5] },
  cluster: { good: ["w1", "w2", 3], odd: [] },
  answer: { good: ["A", "B", "", "said \"no\"", "a, b", " A", "B "], odd: [] },
  target: { good: ["A", "B"], odd: [] },
};

function pick<T>(random: Random, xs: readonly T[]): T {
  return xs[random.int(xs.length)];
}

/** One log: a few items, conditions and samples, some fields left out, rarely an odd value or a repeat. */
function randomRows(random: Random): Record<string, unknown>[] {
  const fields = Object.keys(VALUES).filter((f) => f === "item" || f === "condition" || f === "score" || random.next() < 0.6);
  const withSample = random.next() < 0.8;
  const oddness = random.next() < 0.5 ? 0 : 0.03;
  const rows: Record<string, unknown>[] = [];
  const items = 2 + random.int(4);
  const samples = 1 + random.int(3);
  for (const condition of ["A", "B"]) {
    for (let i = 0; i < items; i++) {
      // An item's cluster, target and option count are its own (a second one is its own error, tested elsewhere).
      // (Rarely not: a second cluster or target within an item is an error both engines must name alike.)
      const fixed = { cluster: `w${i % 2}`, target: pick(random, VALUES.target.good), choices: pick(random, VALUES.choices.good) };
      const unfixed = random.next() < oddness * 3;
      for (let s = 0; s < samples; s++) {
        const row: Record<string, unknown> = {};
        for (const f of fields) {
          const { good, odd } = VALUES[f];
          const odds = odd.length > 0 && random.next() < oddness;
          row[f] = odds ? pick(random, odd) : f === "item" ? `q${i + 1}` : f === "condition" ? condition : f in fixed && !unfixed ? fixed[f as keyof typeof fixed] : pick(random, good);
        }
        if (withSample) row.sample = random.next() < oddness ? pick(random, ["x", -1, 1.5, "2.0", " 3 ", ""]) : s;
        rows.push(row);
      }
    }
  }
  // Now and then a row repeated (a duplicate) or a log's rows shuffled.
  if (random.next() < 0.15) rows.push({ ...rows[random.int(rows.length)] });
  if (random.next() < 0.5) for (let i = rows.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return rows;
}

function toCsv(rows: Record<string, unknown>[]): string {
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (v === undefined || v === null ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [fields.join(","), ...rows.map((r) => fields.map((f) => cell(r[f])).join(","))].join("\n") + "\n";
}

async function firstError(load: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await load();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe(`${FILES} seeded random logs, CSV and JSON lines, read by both engines`, () => {
  it("the same first error (message, line, value) or the same table; collecting, the same problems and the same table of what is kept; gzip and Parquet give the same table", async () => {
    const random = createRandom(process.env.EVALGAP_FUZZ_SEED ?? "evalgap loader parity");
    const dir = scratch();
    let refused = 0;
    let conflicts = 0;
    let other = 0;
    const loaded = (file: string) => loadedRecords.get(file)!;
    const loadedRecords = new Map<string, Awaited<ReturnType<typeof loadRuns>>>();
    for (let n = 0; n < FILES; n++) {
      const rows = randomRows(random);
      const jsonl = n % 2 === 0;
      const file = join(dir, `log-${n}.${jsonl ? "jsonl" : "csv"}`);
      writeFileSync(file, jsonl ? rows.map((r) => JSON.stringify(r)).join("\n") + "\n" : toCsv(rows));
      const js = await firstError(async () => loadedRecords.set(file, await loadRuns(file, { onNote: () => {} })));
      const duckdb = await firstError(() => loadItemTable(file, { onNote: () => {} }));
      if (js === undefined && duckdb !== undefined && TWO_VALUES.test(duckdb)) {
        // An item with two clusters (targets, option counts): the records load, and their table refuses them.
        expect(() => itemTableFromRecords(loaded(file))).toThrow(/has two values of (cluster|target|choices)/);
        conflicts++;
      } else expect(duckdb, `${file}\n${jsonl ? "" : toCsv(rows)}`).toBe(js);
      if (js !== undefined) refused++;
      const records = await loadRunsReport(file, { onNote: () => {} });
      const collected = await firstError(() => loadItemTableReport(file, { onNote: () => {} }));
      if (collected !== undefined) {
        expect(collected, file).toMatch(TWO_VALUES);
        expect(() => itemTableFromRecords(records.records)).toThrow(/has two values of (cluster|target|choices)/);
        continue;
      }
      const report = await loadItemTableReport(file, { onNote: () => {} });
      expect(report.skipped, file).toBe(records.skipped);
      expect(report.problems, file).toEqual(records.problems.slice(0, 10).map(({ file, line, message, value }) => ({ file, line, message, value })));
      if (records.records.length > 0) expectSame({ ...report.table }, { ...itemTableFromRecords(records.records) }, file);
      // A log read whole is the same table gzip-compressed and, from JSON lines, as Parquet (typed columns), which only DuckDB reads.
      if (js === undefined && duckdb === undefined) {
        const expected = { ...itemTableFromRecords(loaded(file)) };
        const gz = `${file}.gz`;
        writeFileSync(gz, gzipSync(readFileSync(file)));
        expectSame({ ...(await loadItemTable(gz, { onNote: () => {} })) }, expected, gz);
        if (jsonl) {
          const parquet = file.replace(/\.jsonl$/, ".parquet");
          await withDuckdb("writing a test log as Parquet", (connection) => connection.run(`COPY (SELECT * FROM read_json('${file}', format = 'newline_delimited')) TO '${parquet}' (FORMAT parquet)`));
          expectSame({ ...(await loadItemTable(parquet, { onNote: () => {} })) }, expected, parquet);
          other++;
        }
      }
    }
    expect(other).toBeGreaterThan(0);
    // The draw gives both kinds: logs read whole and logs refused.
    expect(refused).toBeGreaterThan(FILES / 6);
    expect(refused).toBeLessThan(FILES - FILES / 6);
  }, 120_000);
});
