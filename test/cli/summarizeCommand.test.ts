/** `evalgap summarize` (src/cli/summarizeCommand.ts). */
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { expectClose, loadFixture } from "../helpers/close.js";
import { fx } from "../analysis/fixture.js";
import { inProcess, realFiles, realFlags, root } from "./helpers.js";

describe("evalgap summarize", () => {
  it("prints an aligned table per condition", async () => {
    const r = await inProcess(["summarize", ...realFiles, ...realFlags]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^condition\s+items\s+samples\/item\s+accuracy\s+95% CI\s+SE\s+method\s+errors\s+refused$/);
    expect(lines[1]).toMatch(/^-+( +-+)+$/);
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^0\.0 +99 +10 +80\.1% +44\.5–97\.5% .* korn-graubard \(10 clusters\) +10 +0\.0%$/);
    expect(new Set(lines.map((l) => l.length)).size).toBeLessThanOrEqual(2); // right-aligned numbers end in one column
  });

  it("on a crashed run (every sample errored) says so instead of printing an empty table", async () => {
    const log = resolve(root, "../shared/fixtures/extra-inspect-zstd-error/2026-07-22T16-51-18-00-00_a2ui-v1-0-eval_nXpB6sZohVsmQgnyUD8nuj.eval");
    const r = await inProcess(["summarize", log]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    expect(r.err).toContain("no scored records: 27 of 27 records have an error");
  });

  it("--json gives the rows", async () => {
    const r = await inProcess(["summarize", ...realFiles, ...realFlags, "--json"]);
    const rows = JSON.parse(r.out);
    expectClose(rows[0].accuracy, fx.realTemperature.accuracy0, "accuracy 0.0");
    // 80% right in 10 sources: 10 × 20% < 5 clusters' worth of wrong answers, so Korn–Graubard is
    // exact on the 10 clusters (R exact_on_clusters in test/fixtures/r/analysis.R), conservative.
    const kg = fx.realTemperatureKG0;
    expect(rows[0]).toMatchObject({ method: "korn-graubard", effectiveSize: 10, exactOnClusters: true });
    expectClose(rows[0].se, kg.se, "se 0.0 (svymean, ids = Source)");
    for (const k of ["lower", "upper"] as const) expectClose(rows[0][k], kg.exact[k], `${k} 0.0`);
    expect(rows[0].warnings).toContain("few clusters near the edge (10 clusters × 19.9% wrong < 5): the interval is exact on the 10 clusters, conservative");
    expectClose(rows[1].accuracy, fx.realTemperature.accuracy1, "accuracy 1.0");
  });

  it("--pass-at 5 adds pass@5 per condition, equal to R from the CSVs (test/fixtures/r/pass-at-k-real.R)", async () => {
    const table = await inProcess(["summarize", ...realFiles, ...realFlags, "--pass-at", "5"]);
    expect(table.code).toBe(0);
    expect(table.out.split("\n")[0]).toMatch(/refused\s+pass@5\s+pass@5 CI$/);
    const rows = JSON.parse((await inProcess(["summarize", ...realFiles, ...realFlags, "--pass-at", "5", "--json"])).out);
    const real = loadFixture<{ cases: { file: string; measure: string; k: number; estimate: number; lower: number; upper: number }[] }>("pass-at-k-real.json").cases;
    rows.forEach((row: { group: string; passAtK: { estimate: number; lower: number; upper: number } }) => {
      const want = real.find((c) => c.file === `gpt-4 - chain_of_thought - comprehensive-100 - temp-${row.group}.csv` && c.measure === "pass@k" && c.k === 5)!;
      for (const key of ["estimate", "lower", "upper"] as const) expectClose(row.passAtK[key], want[key], `${row.group} pass@5 ${key}`);
    });
  });

  it.each([
    ["summarize --pass-at 0", ["summarize", ...realFiles, ...realFlags, "--pass-at", "0"], 'evalgap summarize: --pass-at must be a whole number of answers of at least 1, got "0"'],
    ["summarize --by model --pass-at 5", ["summarize", ...realFiles, ...realFlags, "--by", "model", "--pass-at", "5"], "evalgap summarize: --pass-at is per condition; drop --by model"],
  ])("%s exits 2 with one line", async (_label, args, message) => {
    const r = await inProcess(args);
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split("\n").at(-1)).toBe(message);
  });

  it("--pass-at 10 where an item has fewer than 10 scored answers exits 2 naming the item", async () => {
    const r = await inProcess(["summarize", ...realFiles, ...realFlags, "--pass-at", "10"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/k \(10\) exceeds the scored answers of \d+ items? under condition "1\.0": "\d+" \(\d\)/);
  });

  it.each([
    ["summarize", ["summarize"], "evalgap summarize: no input files: give one or more run files"],
    ["summarize /nonexistent.jsonl", ["summarize", "/nonexistent.jsonl"], "evalgap summarize: no such file: /nonexistent.jsonl"],
    ["summarize --by tempo", ["summarize", ...realFiles, ...realFlags, "--by", "tempo"], 'evalgap summarize: --by must be one of "condition", "model", "cluster", got "tempo"'],
  ])("%s exits 2 with one line", async (_label, args, message) => {
    const r = await inProcess(args);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${message}\n`);
  });
});
