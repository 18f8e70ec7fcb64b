/**
 * Rows of a table (CSV fields or JSONL objects) → records: resolves the column map once per file,
 * then turns each row into one record, or one per answer column in wide-repeats mode.
 */
import { basename, extname } from "node:path";
import type { RunRecord } from "./record.js";
import { RECORD_FIELDS, resolveColumns, missingColumnMessage, type RecordField, type ResolvedColumns } from "./columnMap.js";
import { buildRecord, isFault, type RawFields } from "./buildRecord.js";
import { conditionFromOptions, type SourceInfo } from "./options.js";
import type { LoadContext } from "./context.js";
import type { LoadProblem } from "./problems.js";

/** One row: CSV fields (indexed by position) or a JSON object (indexed by key). */
export type TableRow = Readonly<Record<string, unknown>> | readonly unknown[];

/** Where a column lives in a row: its position (CSV) or its key (JSON). */
export type CellKey = string | number;

/** A raw row with every field present, so all rows share one object shape (fast on big files). */
function emptyRaw(): RawFields {
  return {
    item: undefined, condition: undefined, score: undefined, sample: undefined, cluster: undefined, model: undefined,
    answer: undefined, target: undefined, choices: undefined, refused: undefined, error: undefined,
  };
}

type Place = Omit<LoadProblem, "message" | "value">;

export class TableMapper {
  private emptyAnswers = 0;
  private erroredAnswers = 0;

  private readonly keys: ResolvedColumns<CellKey>;
  private readonly answerKeys: CellKey[];
  private readonly keyKey: CellKey | undefined;
  private readonly metaKeys: [string, CellKey][];

  private constructor(
    private readonly ctx: LoadContext,
    private readonly info: SourceInfo,
    found: ResolvedColumns<string>,
    private readonly condition: string | undefined,
    answerColumns: readonly string[],
    private readonly keyColumn: string | undefined,
    keyOf: (column: string) => CellKey,
  ) {
    this.keys = {};
    for (const f of RECORD_FIELDS) if (found[f] !== undefined) this.keys[f] = keyOf(found[f]!);
    this.answerKeys = answerColumns.map(keyOf);
    this.keyKey = keyColumn === undefined ? undefined : keyOf(keyColumn);
    this.metaKeys = (ctx.options.meta ?? []).map((name) => [name, keyOf(name)]);
  }

  /**
   * Resolve the columns for a file with these headers. Reports a missing column (listing those
   * present and the closest name) and returns undefined when the file cannot be read.
   */
  static create(
    ctx: LoadContext,
    info: SourceInfo,
    headers: readonly string[],
    place: Place,
    keyOf: (column: string) => CellKey,
    what = "column",
  ): TableMapper | undefined {
    const { options } = ctx;
    const { found, missing } = resolveColumns(headers, options.columns);
    const fail = (message: string, value?: unknown): undefined => {
      ctx.sink.report({ ...place, message, value }, false);
      return undefined;
    };
    if (missing.length) return fail(missingColumnMessage(missing[0].field, missing[0].name, headers).replace("column", what));
    let answerColumns: string[] = [];
    let keyColumn: string | undefined;
    const repeats = options.repeats;
    if (repeats) {
      if (repeats.answers instanceof RegExp) {
        const pattern = repeats.answers;
        answerColumns = headers.filter((h) => pattern.test(h));
        if (!answerColumns.length) return fail(`no ${what} matches repeats.answers ${String(pattern)}; present: ${headers.join(", ")}`);
      } else {
        for (const name of repeats.answers) {
          if (!headers.includes(name)) return fail(missingColumnMessage("answer", name, headers).replace("column", what));
        }
        answerColumns = [...repeats.answers];
      }
      keyColumn = repeats.key;
      if (!headers.includes(keyColumn)) return fail(missingColumnMessage("target", keyColumn, headers).replace("column", what));
      // In wide mode the score, sample, answer and target come from the answer columns.
      delete found.score;
      delete found.sample;
      delete found.answer;
      delete found.target;
    } else if (found.score === undefined) {
      return fail(missingColumnMessage("score", "score", headers).replace("column", what));
    }
    if (found.item === undefined) return fail(missingColumnMessage("item", "item", headers).replace("column", what));
    let condition = conditionFromOptions(options, info);
    if (condition === undefined && found.condition === undefined) {
      condition = basename(info.name, extname(info.name));
      ctx.sink.note(`${info.file}: no condition column or option; condition taken from the file name: "${condition}"`);
    }
    for (const name of options.meta ?? []) {
      if (!headers.includes(name)) return fail(missingColumnMessage("meta" as RecordField, name, headers).replace("column", what));
    }
    return new TableMapper(ctx, info, found, condition, answerColumns, keyColumn, keyOf);
  }

  /** Turn one row into its record(s); problems go to the context's sink. */
  addRow(table: TableRow, place: Place): void {
    const row = table as Readonly<Record<CellKey, unknown>>;
    // Unrolled on purpose: one property site per field keeps V8's lookups monomorphic (2x on 1M rows).
    const k = this.keys;
    const raw = emptyRaw();
    if (k.item !== undefined) raw.item = row[k.item];
    if (k.condition !== undefined) raw.condition = row[k.condition];
    if (k.score !== undefined) raw.score = row[k.score];
    if (k.sample !== undefined) raw.sample = row[k.sample];
    if (k.cluster !== undefined) raw.cluster = row[k.cluster];
    if (k.model !== undefined) raw.model = row[k.model];
    if (k.answer !== undefined) raw.answer = row[k.answer];
    if (k.target !== undefined) raw.target = row[k.target];
    if (k.choices !== undefined) raw.choices = row[k.choices];
    if (k.refused !== undefined) raw.refused = row[k.refused];
    if (k.error !== undefined) raw.error = row[k.error];
    const meta = this.metaOf(row);
    if (this.keyKey === undefined) {
      this.emit(raw, meta, place);
      return;
    }
    const key = row[this.keyKey];
    const keyText = typeof key === "string" ? key.trim() : key === undefined || key === null ? "" : String(key);
    if (keyText === "") {
      this.ctx.sink.report({ ...place, message: `empty answer key in column ${JSON.stringify(this.keyColumn)}`, value: key ?? "" });
      return;
    }
    const scoreOf = this.ctx.options.repeats?.score ?? ((a: string, k: string) => (a === k ? 1 : 0));
    const rowError = raw.error;
    this.answerKeys.forEach((answerKey, i) => {
      const cell = row[answerKey];
      const answer = typeof cell === "string" ? cell.trim() : cell === undefined || cell === null ? "" : String(cell);
      const one: RawFields = { ...raw, sample: i + 1, target: keyText, error: undefined };
      if (answer === "") {
        // An empty answer in a row that logged an error is that error; otherwise no letter was given: wrong.
        if (rowError !== undefined && rowError !== null && String(rowError).trim() !== "") {
          one.error = rowError;
          this.erroredAnswers++;
        } else this.emptyAnswers++;
        one.score = 0;
      } else {
        one.answer = answer;
        one.score = scoreOf(answer, keyText);
      }
      this.emit(one, meta, place);
    });
  }

  /** Say what wide mode decided about empty answers, so nothing is counted silently. */
  finish(): void {
    if (this.emptyAnswers) {
      this.ctx.sink.note(`${this.info.file}: ${this.emptyAnswers} empty answers counted as wrong (score 0)`);
    }
    if (this.erroredAnswers) {
      this.ctx.sink.note(`${this.info.file}: ${this.erroredAnswers} empty answers in rows with an error kept as errors`);
    }
  }

  private metaOf(row: Readonly<Record<CellKey, unknown>>): Record<string, unknown> | undefined {
    if (!this.metaKeys.length) return undefined;
    const meta: Record<string, unknown> = {};
    for (const [name, key] of this.metaKeys) meta[name] = row[key];
    return meta;
  }

  private emit(raw: RawFields, meta: Record<string, unknown> | undefined, place: Place): void {
    const built = buildRecord(raw, this.condition, this.ctx.pool);
    if (isFault(built)) {
      this.ctx.sink.report({ ...place, message: built.message, value: built.value });
      return;
    }
    const record: RunRecord = built;
    if (meta) record.meta = meta;
    this.ctx.add(record, place);
  }
}
