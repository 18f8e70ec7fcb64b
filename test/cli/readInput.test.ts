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

  it("auto never picks DuckDB for a log it cannot read (Inspect, lm-eval, HELM), nor with a flag that needs records (--by a path), whatever the size", () => {
    const huge = 100 * DUCKDB_MIN_BYTES.jsonl;
    expect(chooseEngine([{ file: "samples.jsonl", size: huge, duckdbOnly: false, notForDuckdb: "it is an lm-eval samples file" }], "auto", {})).toEqual({ engine: "js" });
    expect(chooseEngine([table("a.csv", huge, "csv"), { file: "x.eval", size: 10, duckdbOnly: false, notForDuckdb: "it is an Inspect log" }], "auto", {})).toEqual({ engine: "js" });
    expect(chooseEngine([table("a.csv", huge, "csv")], "auto", { extract: "letter" })).toEqual({ engine: "js" });
    expect(chooseEngine([table("a.csv", huge, "csv")], "auto", {}, "meta.subject")).toEqual({ engine: "js" });
    // --by a column: the table is loaded with that column as its condition.
    expect(chooseEngine([table("a.csv", huge, "csv")], "auto", {}, "model")).toEqual({ engine: "duckdb", required: false });
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
    const by = await inProcess(["compare", file, "--all-pairs", "--engine", "duckdb", "--by", "meta.subject"]);
    expect(by).toMatchObject({
      code: 2,
      err: 'evalgap compare: --by meta.subject needs records (it groups records by a path into each record; DuckDB groups the item table by a top-level column of the files, and "meta.subject" is not a column name), and --engine duckdb reads the files as an item table; drop --by meta.subject, or use --engine js\n',
    });
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

  describe("--by FIELD with DuckDB: the table's condition is that column", () => {
    /** Five runs of three models, two runs of a model as samples 0 and 1 of the same items. */
    function modelsJsonl(): string {
      const runs = [["run-a1", "m1", 0], ["run-a2", "m1", 1], ["run-b1", "m2", 0], ["run-b2", "m2", 1], ["run-c", "m3", 0]] as const;
      return runs.flatMap(([condition, model, sample], r) => Array.from({ length: 40 }, (_, i) => {
        const right = (i * 7 + r * 3 + (model === "m2" ? 1 : 0)) % 5 < (model === "m3" ? 2 : 3);
        const target = "ABCD"[i % 4];
        return JSON.stringify({ item: `q${i}`, condition, model, sample, score: right ? 1 : 0, cluster: `c${i % 8}`, answer: right ? target : "ABCD"[(i + 1) % 4], target, choices: 4 });
      })).join("\n") + "\n";
    }

    it("summarize and compare --by model (and cluster) print the same JSON from DuckDB as from records", async () => {
      const file = temp("models.jsonl", modelsJsonl());
      for (const args of [["summarize", "--by", "model"], ["summarize", "--by", "cluster"], ["compare", "--by", "model", "--baseline", "m1", "--treatment", "m2"], ["compare", "--by", "model", "--baseline", "m1"], ["compare", "--by", "model", "--all-pairs"]]) {
        const js = await inProcess([args[0], file, ...args.slice(1), "--engine", "js", "--json"]);
        const duckdb = await inProcess([args[0], file, ...args.slice(1), "--engine", "duckdb", "--json"]);
        expect(js.code, `${args.join(" ")}: ${js.err}`).toBe(0);
        expect(duckdb.code, `${args.join(" ")}: ${duckdb.err}`).toBe(0);
        expect(duckdb.out, args.join(" ")).toBe(js.out);
      }
      const groups = JSON.parse((await inProcess(["summarize", file, "--by", "model", "--engine", "duckdb", "--json"])).out) as { group: string; samplesPerItem: number }[];
      expect(groups.map((g) => [g.group, g.samplesPerItem])).toEqual([["m1", 2], ["m2", 2], ["m3", 1]]);
    });

    it("rows without a model fall in the group \"(none)\" on both engines, as summarize's by names them", async () => {
      // Run c's model is left out: in JSON lines the field is missing, so DuckDB reads it as null.
      const file = temp("no-model.jsonl", modelsJsonl().replaceAll('"model":"m3",', ""));
      const js = await inProcess(["summarize", file, "--by", "model", "--engine", "js", "--json"]);
      const duckdb = await inProcess(["summarize", file, "--by", "model", "--engine", "duckdb", "--json"]);
      expect(js.code, js.err).toBe(0);
      expect(duckdb).toEqual(js);
      expect((JSON.parse(js.out) as { group: string }[]).map((g) => g.group)).toEqual(["m1", "m2", "(none)"]);
    });

    it("an item of two conditions in one group is refused as the records path refuses it; a column that is not there is named", async () => {
      const file = temp("runs.jsonl", modelsJsonl().replaceAll('"sample":1', '"sample":0'));
      const js = await inProcess(["compare", file, "--by", "model", "--all-pairs", "--engine", "js"]);
      const duckdb = await inProcess(["compare", file, "--by", "model", "--all-pairs", "--engine", "duckdb"]);
      expect(js.err).toBe('evalgap compare: --by model puts item "q0" of conditions "run-a1" and "run-a2" in one group "m1", where it would count as a repeat; group by a field that tells them apart, or read one of them\n');
      expect(duckdb).toEqual(js);
      const missing = await inProcess(["compare", file, "--by", "subject", "--all-pairs", "--engine", "duckdb"]);
      expect(missing).toMatchObject({
        code: 2,
        err: `evalgap compare: --by subject: ${file} has no column "subject" (columns: item, condition, model, sample, score, cluster, answer, target, choices); DuckDB groups the item table by a top-level column of the files; use --engine js to group by a field of the records\n`,
      });
    });
  });

  it("--skip-bad leaves out the rows neither engine can read, with the same count and places in the note; without it the first is an error", async () => {
    const rows = runsCsv().trimEnd().split("\n");
    rows[5] = rows[5].replace(/^q\d+,/, ",");
    rows[9] = rows[9].replace(/^(q\d+,\w+,)[01]/, "$1x");
    rows[20] = rows[20].replace(/^(q\d+,\w+,)[01]/, "$12");
    const file = temp("bad.csv", rows.join("\n") + "\n");
    const places = (err: string) => [...err.matchAll(/bad\.csv, line (\d+)/g)].map((m) => Number(m[1]));
    const outs: string[] = [];
    for (const engine of ["js", "duckdb"]) {
      const r = await inProcess(["compare", file, "--baseline", "base", "--treatment", "new", "--skip-bad", "--engine", engine, "--json"]);
      expect(r.code, r.err).toBe(0);
      expect(r.err, engine).toMatch(/^evalgap: --skip-bad left out 3 rows that could not be read; the first: /);
      expect(places(r.err), engine).toEqual([6, 10, 21]);
      outs.push(r.out);
      const strict = await inProcess(["summarize", file, "--engine", engine]);
      expect(strict.code, engine).toBe(2);
      expect(places(strict.err), engine).toEqual([6]);
    }
    expect(outs[1]).toBe(outs[0]);
    expect((await inProcess(["summarize", "--help"])).out).toContain("--skip-bad");
    const missing = await inProcess(["summarize", file, join(tmpdir(), "no-such-run.csv"), "--skip-bad", "--engine", "js"]);
    expect(missing).toMatchObject({ code: 2, err: `evalgap summarize: no such file: ${join(tmpdir(), "no-such-run.csv")}\n` });
  });
});
