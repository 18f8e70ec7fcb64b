/** `evalgap sql`: the aggregation as SQL; the printed DuckDB SQL, run by DuckDB, gives loadItemTable's table. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadItemTable } from "../../src/runs/loadItemTable.js";
import { expectSame } from "../helpers/same.js";
import { inProcess, root } from "./helpers.js";

const SIMULATED = resolve(root, "data/simulated/k-samples-simulated.jsonl");

async function runInDuckdb(sql: string): Promise<void> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  try {
    await con.run(sql);
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

describe("evalgap sql", () => {
  it("the printed DuckDB SQL (--out: a COPY) writes the item file: the same table loadItemTable aggregates", async () => {
    const dir = mkdtempSync(join(tmpdir(), "evalgap-sql-"));
    const csv = join(dir, "runs.csv");
    writeFileSync(csv, "item,condition,sample,score,cluster,answer,target,choices,refused,error\n" + Array.from({ length: 90 }, (_, i) =>
      [`q${i % 30}`, i < 45 ? "A" : "B", Math.floor(i / 30), i % 4 === 0 ? "C" : i % 5 === 0 ? "0.5" : "1", `s${i % 3}`, "xyz"[i % 3], "x", 3, i % 13 === 0 ? "true" : "", i % 17 === 0 ? "rate limit" : ""].join(",")).join("\n") + "\n");
    for (const files of [[SIMULATED], [csv]]) {
      const out = join(dir, `items-${files.length}-${Math.random().toString(36).slice(2)}.parquet`);
      const r = await inProcess(["sql", ...files, "--out", out]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^-- evalgap: answers → the item file/);
      expect(r.out).toContain(`) TO '${out}' (FORMAT parquet);`);
      await runInDuckdb(r.out);
      expectSame({ ...(await loadItemTable(out)) }, { ...(await loadItemTable(files)) }, files[0]);
    }
    // Without --out: the SELECT itself, which a COPY around it writes just the same.
    const plain = await inProcess(["sql", csv]);
    const out = join(dir, "plain.parquet");
    await runInDuckdb(`COPY (${plain.out.replace(/;\s*$/, "")}) TO '${out}' (FORMAT parquet)`);
    expectSame({ ...(await loadItemTable(out)) }, { ...(await loadItemTable(csv)) }, "plain SELECT");
  });

  it("for Postgres and BigQuery: the same aggregation over --table with its rn column, columns from --schema or a sample file", async () => {
    const pg = await inProcess(["sql", "--dialect", "postgres", "--schema", "question_id,model,correct", "--columns", "item=question_id,condition=model,score=correct", "--table", "evals.answers"]);
    expect(pg.code, pg.err).toBe(0);
    expect(pg.out).toContain("ROW_NUMBER() OVER (ORDER BY <your timestamp or id>) AS rn");
    expect(pg.out).toContain("FROM evals.answers");
    expect(pg.out).toContain('CAST("question_id" AS VARCHAR) AS item');
    expect(pg.out).toContain("json_agg(json_build_object('answer', answer, 'status', status, 'n', n) ORDER BY first_row) AS answers");
    const bq = await inProcess(["sql", SIMULATED, "--dialect", "bigquery"]);
    expect(bq.code, bq.err).toBe(0);
    expect(bq.out).toContain("FROM runs\n");
    expect(bq.out).toContain("SAFE_CAST(`score` AS FLOAT64)");
    expect(bq.out).toContain("TO_JSON_STRING(ARRAY_AGG(STRUCT(answer AS answer, status AS status, n AS n) ORDER BY first_row)) AS answers");
  });

  it.each([
    [["sql"], "no input files: give the answer files the SQL will read"],
    [["sql", SIMULATED, "--dialect", "mysql"], '--dialect must be one of "duckdb", "postgres", "bigquery", got "mysql"'],
    [["sql", SIMULATED, "--table", "t"], "--table is for --dialect postgres or bigquery; DuckDB reads the files named"],
    [["sql", "--dialect", "postgres"], "--dialect postgres needs the table's columns: --schema item,condition,score,… or a file with the same columns"],
    [["sql", "--dialect", "postgres", "--schema", "item,score", "--table", "runs; drop table x"], '--table must be a table name (letters, digits, _ . - and quotes), got "runs; drop table x"'],
    [["sql", "--dialect", "bigquery", "--schema", "item,score"], "no condition column in the source; columns: item, score (name it with --columns condition=…, or give --condition)"],
    [["sql", SIMULATED, "--out", "items.csv"], '--out must name a .parquet file, got "items.csv"'],
  ])("%j is a one-line error (exit 2)", async (args, message) => {
    expect(await inProcess(args)).toMatchObject({ code: 2, err: `evalgap sql: ${message}\n` });
  });
});
