/**
 * Rows of a table (CSV fields or JSONL objects) → records: resolves the column map once per file,
 * then turns each row into one record, or one per answer column in wide-repeats mode. Answers are
 * scored here when the `scoring` option asks (or in wide mode), and the item key is derived here
 * when `itemKey` asks for the row number or the input text.
 */
import { basename, extname } from "node:path";
import type { RunRecord } from "./record.js";
import { RECORD_FIELDS, resolveColumns, missingColumnMessage, type RecordField, type ResolvedColumns } from "./columnMap.js";
import { buildRecord, isFault, type RawFields } from "./buildRecord.js";
import { conditionFromOptions, type SourceInfo } from "./options.js";
import type { LoadContext } from "./context.js";
import type { LoadProblem } from "./problems.js";
import { fieldSource, itemSource, pathValue, sharedAffixes, type FieldSource, type ItemSource } from "./itemKeys.js";
import { RowScoring } from "./rowScoring.js";

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

/** The fields a key that first appears after a file's first row can still supply (see `extendKeys`). */
const LATE_FIELDS: readonly RecordField[] = ["sample", "cluster", "model", "answer", "target", "choices", "refused", "error"];
type Meta = Record<string, unknown> | undefined;

/** A record waiting for the end of the file: for an item key from all inputs, or an async scorer. */
interface Pending {
  raw: RawFields;
  meta: Meta;
  place: Place;
  /** The row's input text (item key "input"), and whether the answer still has to be scored. */
  input: string;
  toScore: boolean;
}

/** What `create` decided about a file, for the constructor. */
interface Plan {
  found: ResolvedColumns<string>;
  condition: string | undefined;
  answerColumns: readonly string[];
  keyColumn: string | undefined;
  item: ItemSource;
  cluster: FieldSource | undefined;
  /** Score answers against targets: the `scoring` option on a file without scores, or wide mode. */
  scoring: RowScoring | undefined;
  /** A column named "input" (any case), if any. */
  inputColumn: string | undefined;
}

function cellText(v: unknown): string {
  return typeof v === "string" ? v.trim() : v === undefined || v === null ? "" : String(v);
}

export class TableMapper {
  private readonly keys: ResolvedColumns<CellKey>;
  private readonly answerKeys: CellKey[];
  private readonly keyKey: CellKey | undefined;
  private readonly metaKeys: [string, CellKey][];
  private readonly itemPath: string | undefined;
  private readonly clusterPath: string | undefined;
  private readonly inputKey: CellKey | undefined;
  private readonly keyByInput: boolean;
  private readonly byRow: boolean;
  private readonly deferred: boolean;
  /** No scoring, no waiting, one record per row: each row is emitted as it is read. */
  private readonly plain: boolean;
  private readonly condition: string | undefined;
  private readonly pending: Pending[] = [];
  private rowNumber = 0;

  private constructor(
    private readonly ctx: LoadContext,
    private readonly info: SourceInfo,
    private readonly plan: Plan,
    keyOf: (column: string) => CellKey,
  ) {
    const { found, item, cluster } = plan;
    // The item and cluster sources replace whatever the column map found for them. (Built without
    // `delete`, which would turn the object V8 reads per row into a slow dictionary.)
    const columns: ResolvedColumns<string> = { ...found, item: item.kind === "column" ? item.column : undefined };
    if (cluster !== undefined) columns.cluster = cluster.kind === "column" ? cluster.column : undefined;
    this.keys = {};
    for (const f of RECORD_FIELDS) if (columns[f] !== undefined) this.keys[f] = keyOf(columns[f]!);
    this.itemPath = item.kind === "path" ? item.path : undefined;
    // The input text is the item key, or the prompt a custom scorer is shown.
    const input = item.kind === "input" ? item.column : plan.scoring?.needsAwait ? plan.inputColumn : undefined;
    this.inputKey = input === undefined ? undefined : keyOf(input);
    this.keyByInput = item.kind === "input";
    this.byRow = item.kind === "row";
    this.clusterPath = cluster?.kind === "path" ? cluster.path : undefined;
    this.answerKeys = plan.answerColumns.map(keyOf);
    this.keyKey = plan.keyColumn === undefined ? undefined : keyOf(plan.keyColumn);
    this.metaKeys = (ctx.options.meta ?? []).map((name) => [name, keyOf(name)]);
    this.deferred = item.kind === "input" || plan.scoring?.needsAwait === true;
    this.plain = !this.deferred && plan.scoring === undefined && this.keyKey === undefined;
    this.condition = plan.condition;
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
    const missingMessage = (field: RecordField, name: string): string => missingColumnMessage(field, name, headers).replace("column", what);
    if (missing.length) return fail(missingMessage(missing[0].field, missing[0].name));
    const objectRows = what === "key";
    let answerColumns: string[] = [];
    let keyColumn: string | undefined;
    let scoring: RowScoring | undefined;
    const repeats = options.repeats;
    if (repeats) {
      if (repeats.answers instanceof RegExp) {
        const pattern = repeats.answers;
        answerColumns = headers.filter((h) => pattern.test(h));
        if (!answerColumns.length) return fail(`no ${what} matches repeats.answers ${String(pattern)}; present: ${headers.join(", ")}`);
      } else {
        for (const name of repeats.answers) {
          if (!headers.includes(name)) return fail(missingMessage("answer", name));
        }
        answerColumns = [...repeats.answers];
      }
      keyColumn = repeats.key;
      if (!headers.includes(keyColumn)) return fail(missingMessage("target", keyColumn));
      if (repeats.score !== undefined && options.scoring !== undefined) {
        return fail("repeats.score and scoring both say how to score the answers; give one");
      }
      // In wide mode the score, sample, answer and target come from the answer columns.
      delete found.score;
      delete found.sample;
      delete found.answer;
      delete found.target;
      scoring = new RowScoring(options.scoring, repeats.score);
    } else if (found.score !== undefined) {
      if (options.scoring !== undefined) {
        ctx.sink.note(`${info.file}: has a score ${what} ${JSON.stringify(found.score)}; its scores are used and the answers are not scored again`);
      }
    } else if (options.scoring !== undefined) {
      const lacking = (["answer", "target"] as const).filter((f) => found[f] === undefined);
      if (lacking.length) {
        const shown = headers.map((h) => JSON.stringify(h)).join(", ");
        return fail(`scoring answers needs an answer ${what} and a target ${what}, and this file has no ${lacking.map((f) => `"${f}"`).join(" or ")} ${what}; ${what}s present: ${shown}; name them with columns (--columns answer=…,target=…)`);
      }
      scoring = new RowScoring(options.scoring);
    } else {
      const hint = found.answer !== undefined || found.target !== undefined
        ? "; to score the answers, give scoring (--extract or --scorer)"
        : "";
      return fail(missingMessage("score", "score") + hint);
    }
    const item = itemSource(options.itemKey, found.item, headers, objectRows, what);
    if ("error" in item) return fail(item.error);
    // The input key's note waits for the end of the file, when the shared prompt is known.
    if (options.itemKey !== undefined && item.kind !== "input") ctx.sink.note(`${info.file}: items keyed by ${describeItemSource(item)}`);
    let cluster: FieldSource | undefined;
    if (options.columns?.cluster === undefined && options.clusterKey !== undefined) {
      const source = fieldSource(options.clusterKey, headers, objectRows, "clusterKey", what);
      if ("error" in source) return fail(source.error);
      cluster = source;
    }
    let condition = conditionFromOptions(options, info);
    if (condition === undefined && found.condition === undefined) {
      condition = info.pathCondition ?? basename(info.name, extname(info.name));
      ctx.sink.note(`${info.file}: no condition column or option; condition taken from the ${info.pathCondition === undefined ? "file name" : "folders that tell files of the same name apart"}: "${condition}"`);
    }
    for (const name of options.meta ?? []) {
      if (!headers.includes(name)) return fail(missingMessage("meta" as RecordField, name));
    }
    const inputColumn = headers.find((h) => h.toLowerCase() === "input");
    return new TableMapper(ctx, info, { found, condition, answerColumns, keyColumn, item, cluster, scoring, inputColumn }, keyOf);
  }

  /**
   * Keys first seen after the first row (JSON objects need not all have the same keys: an "error"
   * key only on the rows that failed): the fields they name that no earlier key did are read from
   * here on, as DuckDB reads them. Only fields the plan does not rest on (not the item, condition
   * or score; the cluster unless given by an option); not while answers are scored.
   */
  extendKeys(headers: readonly string[]): void {
    if (this.plan.scoring !== undefined) return;
    const { found } = resolveColumns(headers, this.ctx.options.columns);
    for (const field of LATE_FIELDS) {
      if (this.keys[field] !== undefined || found[field] === undefined) continue;
      if (field === "cluster" && this.plan.cluster !== undefined) continue;
      this.keys[field] = found[field];
    }
  }

  /** Turn one row into its record(s); problems go to the context's sink. */
  addRow(table: TableRow, place: Place): void {
    const row = table as Readonly<Record<CellKey, unknown>>;
    this.rowNumber++;
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
    if (this.byRow) raw.item = String(this.rowNumber);
    if (this.itemPath !== undefined && !this.fromPath(row, this.itemPath, "itemKey", raw, "item", place)) return;
    if (this.clusterPath !== undefined && !this.fromPath(row, this.clusterPath, "clusterKey", raw, "cluster", place)) return;
    const meta = this.metaOf(row);
    // The common case first: a row that is its record as it stands.
    if (this.plain) {
      this.emit(raw, meta, place);
      return;
    }
    const input = this.inputKey === undefined ? "" : cellText(row[this.inputKey]);
    if (this.keyKey === undefined) {
      this.settle(raw, meta, place, input, this.plan.scoring !== undefined);
      return;
    }
    const key = row[this.keyKey];
    const keyText = cellText(key);
    if (keyText === "") {
      this.ctx.sink.report({ ...place, message: `empty answer key in column ${JSON.stringify(this.plan.keyColumn)}`, value: key ?? "" });
      return;
    }
    this.answerKeys.forEach((answerKey, i) => {
      const answer = cellText(row[answerKey]);
      // A row's error belongs to its empty answers: an answer that was given is not an error.
      const one: RawFields = { ...raw, sample: i + 1, answer, target: keyText, error: answer === "" ? raw.error : undefined };
      this.settle(one, meta, place, input, true);
    });
  }

  /** Say what was decided about the file's answers, and emit what waited for the end of the file. */
  async finish(): Promise<void> {
    if (this.pending.length) await this.flush();
    for (const note of this.plan.scoring?.notes(this.info.file) ?? []) this.ctx.sink.note(note);
  }

  /** Look up a dotted path for `field`; a row without it is a problem naming the keys it has. */
  private fromPath(row: unknown, path: string, option: string, raw: RawFields, field: "item" | "cluster", place: Place): boolean {
    const found = pathValue(row, path, option);
    if ("error" in found) {
      this.ctx.sink.report({ ...place, message: found.error });
      return false;
    }
    raw[field] = found.value;
    return true;
  }

  /** Score (now, or at the end for an async scorer) and emit (now, or at the end for input keys). */
  private settle(raw: RawFields, meta: Meta, place: Place, input: string, toScore: boolean): void {
    if (this.deferred) {
      this.pending.push({ raw, meta, place, input, toScore });
      return;
    }
    let kept = meta;
    if (toScore) {
      const scored = this.plan.scoring!.score(raw, meta);
      if ("message" in scored) {
        this.ctx.sink.report({ ...place, message: scored.message, value: scored.value });
        return;
      }
      kept = scored.meta;
    }
    this.emit(raw, kept, place);
  }

  /** The records that waited: item keys from the inputs with their shared prompt cut, then scores. */
  private async flush(): Promise<void> {
    if (this.keyByInput) {
      const { prefix, suffix } = sharedAffixes(this.pending.map((p) => p.input));
      for (const p of this.pending) p.raw.item = p.input.slice(prefix, p.input.length - suffix).trim();
      const what = this.rowNumber < 2
        ? "one row, nothing shared: the whole input"
        : `the input without the ${prefix.toLocaleString("en-US")}-character prefix and ${suffix.toLocaleString("en-US")}-character suffix all ${this.rowNumber.toLocaleString("en-US")} rows share`;
      this.ctx.sink.note(`${this.info.file}: item key is ${what}`);
    }
    const scoring = this.plan.scoring;
    for (const p of this.pending) {
      let meta = p.meta;
      if (p.toScore) {
        const scored = scoring!.needsAwait ? await scoring!.scoreWithScorer(p.raw, p.meta, p.input || undefined) : scoring!.score(p.raw, p.meta);
        if ("message" in scored) {
          this.ctx.sink.report({ ...p.place, message: scored.message, value: scored.value });
          continue;
        }
        meta = scored.meta;
      }
      this.emit(p.raw, meta, p.place);
    }
    this.pending.length = 0;
  }

  private metaOf(row: Readonly<Record<CellKey, unknown>>): Meta {
    if (!this.metaKeys.length) return undefined;
    const meta: Record<string, unknown> = {};
    for (const [name, key] of this.metaKeys) meta[name] = row[key];
    return meta;
  }

  private emit(raw: RawFields, meta: Meta, place: Place): void {
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

/** "column "id"", "the row number", "the input text …": for the note that says which key was used. */
function describeItemSource(item: ItemSource): string {
  switch (item.kind) {
    case "column":
      return `column ${JSON.stringify(item.column)}`;
    case "path":
      return `path ${JSON.stringify(item.path)}`;
    case "row":
      return "the row number (1 for the first row)";
    case "input":
      return `the ${JSON.stringify(item.column)} text without the prompt all rows share`;
  }
}
