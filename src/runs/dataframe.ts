/**
 * The bridge to danfojs-node DataFrames. danfojs is imported only inside these functions
 * (`await import("danfojs-node")` costs about a second), never when evalgap loads.
 */
import type { RunRecord } from "./record.js";
import type { ColumnMap } from "./columnMap.js";
import { buildRecord, isFault, StringPool, type RawFields } from "./buildRecord.js";
import { RECORD_FIELDS } from "./columnMap.js";
import { RunLoadError } from "./problems.js";
import { importOptional } from "../optional.js";

/** The danfojs DataFrame type, without importing danfojs at module load. */
export type DataFrame = InstanceType<typeof import("danfojs-node").DataFrame>;

/** The column order of `toDataFrame`: the record fields, then one column per `meta` key. */
const COLUMNS: readonly (keyof RunRecord)[] = [
  "item", "condition", "score", "sample", "cluster", "model", "answer", "target", "choices", "refused", "error",
];

/**
 * Records → a danfojs DataFrame with one column per field that any record has (missing values are
 * `null`), so pandas-style grouping works on a load. `meta` keys become columns `meta.<key>`.
 *
 * @example
 * const df = await toDataFrame([{ item: "1", condition: "a", score: 1 }]);
 * df.shape; // [1, 3]
 */
export async function toDataFrame(records: readonly RunRecord[]): Promise<DataFrame> {
  if (!Array.isArray(records) || records.length === 0) {
    throw new RangeError(`records must be a non-empty array of RunRecord (value: ${JSON.stringify(records)?.slice(0, 60)})`);
  }
  const danfo = await importOptional<typeof import("danfojs-node")>("danfojs-node", "evalgap: toDataFrame");
  const fields = COLUMNS.filter((f) => records.some((r) => r[f] !== undefined));
  const metaKeys = [...new Set(records.flatMap((r) => (r.meta ? Object.keys(r.meta) : [])))];
  const data: Record<string, unknown[]> = {};
  for (const f of fields) data[f] = records.map((r) => r[f] ?? null);
  for (const k of metaKeys) data[`meta.${k}`] = records.map((r) => r.meta?.[k] ?? null);
  return new danfo.DataFrame(data, { columns: [...fields, ...metaKeys.map((k) => `meta.${k}`)] });
}

/**
 * A danfojs DataFrame → records, checked like any loaded table (scores in [0, 1], non-empty items).
 * `columns` maps record fields to DataFrame columns (default: columns named like the fields).
 * Columns `meta.<key>` come back into `meta`. Throws a `RunLoadError` naming the row at the first problem.
 *
 * @example
 * const records = fromDataFrame(await toDataFrame(loaded)); // equal to `loaded`
 */
export function fromDataFrame(df: DataFrame, columns?: ColumnMap): RunRecord[] {
  if (!df || !Array.isArray((df as { columns?: unknown }).columns)) {
    throw new TypeError(`df must be a danfojs DataFrame (value: ${String(df)})`);
  }
  const names: string[] = df.columns;
  const index = new Map(names.map((n, i) => [n, i]));
  const mapped: [keyof ColumnMap, number][] = [];
  for (const field of RECORD_FIELDS) {
    const name = columns?.[field] ?? field;
    const i = index.get(name);
    if (i !== undefined) mapped.push([field, i]);
    else if (columns?.[field] !== undefined || field === "item" || field === "score" || field === "condition") {
      throw new RangeError(`column ${JSON.stringify(name)} (for ${field}) not in the DataFrame; columns present: ${names.join(", ")}`);
    }
  }
  const metaColumns = names.map((n, i) => [n, i] as const).filter(([n]) => n.startsWith("meta."));
  const pool = new StringPool();
  const rows = df.values as unknown[][];
  return rows.map((row, r) => {
    const raw: RawFields = {};
    for (const [field, i] of mapped) raw[field] = row[i] ?? undefined;
    const built = buildRecord(raw, undefined, pool);
    if (isFault(built)) throw new RunLoadError({ file: "DataFrame", entry: `row ${r}`, message: built.message, value: built.value });
    for (const [n, i] of metaColumns) {
      if (row[i] === null || row[i] === undefined) continue;
      (built.meta ??= {})[n.slice(5)] = row[i];
    }
    return built;
  });
}
