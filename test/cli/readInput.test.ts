/** Choosing the engine on the command line (src/cli/readInput.ts): DuckDB's item table or the JS loaders' records. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { DUCKDB_MIN_BYTES, chooseEngine, type Classified } from "../../src/cli/readInput.js";
import { inProcess, lastLine, root } from "./helpers.js";

const POPULARITY = resolve(root, "../shared/fixtures/inspect-eval-popularity/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval");
const LMEVAL = resolve(root, "../shared/external-logs/pyfade-mmlu-pro-plus/samples_mmlu_pro_plus_chemistry_2025-10-14T14-44-39.372006.jsonl");

function temp(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "evalgap-cli-")), name);
  writeFileSync(path, content);
  return path;
}

/** Two conditions, clusters, repeats, answers with a target, errors and refusals. */
function runsCsv(): string {
  const rows = ["item,condition,score,sample,cluster,answer,target,refused,error"];
  for (let i = 0; i < 60; i++) {
    for (const condition of ["base", "new"]) {
      for (let k = 0; k < 2; k++) {
        const right = (i * 5 + k + (condition === "new" ? 1 : 0)) % 4 !== 0;
        rows.push([`q${i}`, condition, right ? 1 : 0, k, `s${i % 7}`, right ? "B" : "C", "B", (i + k) % 17 === 0 ? "true" : "", (i + k) % 19 === 0 ? "timeout" : ""].join(","));
      }
    }
  }
  return rows.join("\n") + "\n";
}

const table = (file: string, size: number, format: Classified["format"]): Classified => ({ file, size, format, duckdbOnly: false });

describe("chooseEngine", () => {
  it("auto: DuckDB above the measured size of each format, the JS loaders below; several files add up", () => {
    expect(chooseEngine([table("a.csv", DUCKDB_MIN_BYTES.csv + 1, "csv")], "auto", {})).toEqual({ engine: "duckdb", required: false });
    expect(chooseEngine([table("a.csv", DUCKDB_MIN_BYTES.csv, "csv")], "auto", {})).toEqual({ engine: "js" });
    expect(chooseEngine([table("a.jsonl", DUCKDB_MIN_BYTES.csv + 1, "jsonl")], "auto", {})).toEqual({ engine: "js" });
    const halves = [table("a.csv", DUCKDB_MIN_BYTES.csv * 0.6, "csv"), table("b.jsonl", DUCKDB_MIN_BYTES.jsonl * 0.6, "jsonl")];
    expect(chooseEngine(halves, "auto", {}).engine).toBe("duckdb");
  });

  it("auto never picks DuckDB for a log it cannot read (Inspect, lm-eval, HELM), nor with a flag that needs records, whatever the size", () => {
    const huge = 100 * DUCKDB_MIN_BYTES.jsonl;
    expect(chooseEngine([{ file: "samples.jsonl", size: huge, duckdbOnly: false, notForDuckdb: "it is an lm-eval samples file" }], "auto", {})).toEqual({ engine: "js" });
    expect(chooseEngine([table("a.csv", huge, "csv"), { file: "x.eval", size: 10, duckdbOnly: false, notForDuckdb: "it is an Inspect log" }], "auto", {})).toEqual({ engine: "js" });
    expect(chooseEngine([table("a.csv", huge, "csv")], "auto", { extract: "letter" })).toEqual({ engine: "js" });
    expect(chooseEngine([table("a.csv", huge, "csv")], "auto", {}, "model")).toEqual({ engine: "js" });
    expect(chooseEngine([table("a.csv", huge, "csv")], "auto", {}, "condition")).toEqual({ engine: "duckdb", required: false });
  });

  it("Parquet, compressed and item files need DuckDB: a flag that needs records is then an error naming it", () => {
    const parquet: Classified = { file: "runs.parquet", size: 10, duckdbOnly: true };
    expect(chooseEngine([parquet], "auto", {})).toEqual({ engine: "duckdb", required: true });
    expect(() => chooseEngine([parquet], "auto", { answers: "^a", key: "k" })).toThrow("--answers needs records (it reads wide repeats row by row), and only DuckDB reads runs.parquet, as an item table; drop --answers");
    expect(() => chooseEngine([table("a.csv", 10, "csv")], "duckdb", { item: "row" })).toThrow("--item row needs records (it keys items by row or by input text, which the records path computes), and --engine duckdb reads the files as an item table; drop --item row, or use --engine js");
    expect(chooseEngine([parquet], "js", {})).toEqual({ engine: "js" });
  });
});

describe("--engine on the command line", () => {
  it("summarize, chance and compare give the same JSON from DuckDB's item table as from records", async () => {
    const file = temp("runs.csv", runsCsv());
    for (const args of [["summarize"], ["summarize", "--errors", "wrong", "--refusals", "exclude"], ["chance", "--condition", "new"], ["compare", "--baseline", "base", "--treatment", "new"], ["compare", "--baseline", "base"], ["compare", "--all-pairs"]]) {
      const js = await inProcess([args[0], file, ...args.slice(1), "--engine", "js", "--json"]);
      const duckdb = await inProcess([args[0], file, ...args.slice(1), "--engine", "duckdb", "--json"]);
      expect(js.code, args.join(" ")).toBe(0);
      expect(duckdb.code, `${args.join(" ")}: ${duckdb.err}`).toBe(0);
      expect(JSON.parse(duckdb.out), args.join(" ")).toEqual(JSON.parse(js.out));
    }
  });

  it("--engine duckdb with a log DuckDB cannot read, or a flag that needs records, is a one-line error naming it (exit 2)", async () => {
    const inspect = await inProcess(["summarize", POPULARITY, "--engine", "duckdb"]);
    expect(inspect.code).toBe(2);
    expect(inspect.err).toBe(`evalgap summarize: --engine duckdb reads the files as an item table, and DuckDB cannot read ${POPULARITY}: it is an Inspect log; convert that first (evalgap convert ${POPULARITY} --out runs.parquet)\n`);
    const lmeval = await inProcess(["summarize", LMEVAL, "--engine", "duckdb"]);
    expect(lastLine(lmeval.err)).toMatch(/DuckDB cannot read .*samples_mmlu_pro_plus_chemistry.*: it is an lm-eval samples file;/);
    const file = temp("runs.csv", runsCsv());
    const by = await inProcess(["summarize", file, "--engine", "duckdb", "--by", "cluster"]);
    expect(by).toMatchObject({ code: 2, err: "evalgap summarize: --by cluster needs records (it groups records by another field; the item table is grouped by condition), and --engine duckdb reads the files as an item table; drop --by cluster, or use --engine js\n" });
    const extract = await inProcess(["compare", file, "--baseline", "base", "--engine", "duckdb", "--extract", "letter"]);
    expect(extract.err).toMatch(/^evalgap compare: --extract needs records \(it scores free-text answers record by record\)/);
    expect(await inProcess(["summarize", file, "--engine", "sql"])).toMatchObject({ code: 2, err: 'evalgap summarize: --engine must be one of "auto", "duckdb", "js", got "sql"\n' });
  });

  it("with DuckDB the reading flags still apply: --columns, --item, --condition-pattern, --delimiter; a missing column names the flag", async () => {
    const dir = mkdtempSync(join(tmpdir(), "evalgap-cli-"));
    for (const t of ["0.0", "0.7"]) writeFileSync(join(dir, `temp-${t}.csv`), "Problem;Points\n" + Array.from({ length: 20 }, (_, i) => `p${i};${(i + Number(t) * 10) % 3 ? 1 : 0}`).join("\n") + "\n");
    const files = ["0.0", "0.7"].map((t) => join(dir, `temp-${t}.csv`));
    const flags = ["--columns", "score=Points", "--item", "Problem", "--condition-pattern", "temp-([\\d.]+)\\.csv$", "--delimiter", ";", "--json"];
    const js = await inProcess(["summarize", ...files, ...flags, "--engine", "js"]);
    const duckdb = await inProcess(["summarize", ...files, ...flags, "--engine", "duckdb"]);
    expect(duckdb.code, duckdb.err).toBe(0);
    expect(JSON.parse(duckdb.out)).toEqual(JSON.parse(js.out));
    expect((JSON.parse(duckdb.out) as { group: string }[]).map((r) => r.group)).toEqual(["0.0", "0.7"]);
    const missing = await inProcess(["summarize", files[0], "--delimiter", ";", "--engine", "duckdb"]);
    expect(missing).toMatchObject({ code: 2, err: `evalgap summarize: ${files[0]}: no item column; columns: Problem, Points (name it with --columns item=…)\n` });
  });
});
