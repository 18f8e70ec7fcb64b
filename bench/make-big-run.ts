/**
 * Writes the big run files the runs benchmarks read: bench/data/big-run.jsonl and big-run.csv, one
 * million rows each (1,000 items x 10 conditions x 100 samples), about 110 MB and 60 MB.
 * Deterministic (a multiplicative hash, no random generator), git-ignored, made on first use.
 * Run alone: `npx tsx bench/make-big-run.ts [rows]`.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const dataDir = join(dirname(fileURLToPath(import.meta.url)), "data");

const LETTERS = ["A", "B", "C", "D"];

/** The i-th row: item, condition, sample, a score whose rate rises with the condition, cluster, answer, target. */
function row(i: number): { item: string; condition: string; sample: number; score: number; cluster: string; answer: string; target: string } {
  const sample = (i % 100) + 1;
  const c = Math.floor(i / 100) % 10;
  const item = Math.floor(i / 1000);
  const hash = Math.imul(i + 1, 2654435761) >>> 0;
  const target = LETTERS[item % 4];
  const right = hash % 1000 < 500 + 30 * c;
  const answer = right ? target : LETTERS[(item + 1 + (hash % 3)) % 4];
  return {
    item: `item-${String(item).padStart(6, "0")}`, condition: `temp-${(c / 10).toFixed(1)}`, sample,
    score: right ? 1 : 0, cluster: `source-${String(item % 25).padStart(2, "0")}`, answer, target,
  };
}

async function write(path: string, rows: number, line: (i: number) => string, header?: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const part = `${path}.part`;
  const out = createWriteStream(part);
  let buffer = header ? `${header}\n` : "";
  for (let i = 0; i < rows; i++) {
    buffer += `${line(i)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((r) => out.once("drain", () => r()));
      buffer = "";
    }
  }
  out.write(buffer);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  renameSync(part, path);
}

/**
 * The same rows as Parquet, written by DuckDB from SQL that computes `row(i)` (so 100M rows need
 * neither a 12 GB JSONL nor minutes of JavaScript), with typed columns as a Parquet export has them.
 */
export function bigRunParquetSql(rows: number, path: string): string {
  const letter = (index: string) => `['A', 'B', 'C', 'D'][(${index}) % 4 + 1]`;
  return `COPY (
  SELECT printf('item-%06d', it) AS item, printf('temp-%.1f', c / 10) AS condition, CAST(i % 100 + 1 AS INTEGER) AS sample,
    CAST(CASE WHEN r THEN 1 ELSE 0 END AS DOUBLE) AS score, printf('source-%02d', it % 25) AS cluster,
    CASE WHEN r THEN ${letter("it")} ELSE ${letter("it + 1 + h % 3")} END AS answer, ${letter("it")} AS target
  FROM (SELECT i, it, c, h, h % 1000 < 500 + 30 * c AS r
        FROM (SELECT range AS i, range // 1000 AS it, (range // 100) % 10 AS c, ((range + 1) * 2654435761) % 4294967296 AS h FROM range(${rows})))
) TO '${path}' (FORMAT parquet)`;
}

/** Make the Parquet file if missing; return its path. */
export async function ensureBigParquet(rows = 1_000_000): Promise<string> {
  const parquet = join(dataDir, `big-run-${rows}.parquet`);
  if (existsSync(parquet)) return parquet;
  mkdirSync(dataDir, { recursive: true });
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  await con.run(bigRunParquetSql(rows, `${parquet}.part`));
  con.closeSync();
  db.closeSync();
  renameSync(`${parquet}.part`, parquet);
  return parquet;
}

/** Make the files if missing; return their paths. */
export async function ensureBigRun(rows = 1_000_000): Promise<{ jsonl: string; csv: string }> {
  const jsonl = join(dataDir, `big-run-${rows}.jsonl`);
  const csv = join(dataDir, `big-run-${rows}.csv`);
  if (!existsSync(jsonl)) await write(jsonl, rows, (i) => JSON.stringify(row(i)));
  if (!existsSync(csv)) {
    await write(csv, rows, (i) => {
      const r = row(i);
      return `${r.item},${r.condition},${r.sample},${r.score},${r.cluster},${r.answer},${r.target}`;
    }, "item,condition,sample,score,cluster,answer,target");
  }
  return { jsonl, csv };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const paths = await ensureBigRun(Number(process.argv[2] ?? 1_000_000));
  console.log(paths);
}
