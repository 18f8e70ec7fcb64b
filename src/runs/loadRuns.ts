/**
 * `loadRuns`: run results as analysts have them (CSV/TSV, JSONL, JSON arrays, Inspect `.eval` and
 * `.json` logs, lm-eval samples, HELM per-instance stats) → `RunRecord[]`, with the format read from
 * each file's content. Paths may be files, folders (walked recursively) or globs (`logs/**\/*.eval`).
 * Never silent: strict mode throws at the first problem; `loadRunsReport` returns them all.
 */
import { stat } from "node:fs/promises";
import type { Stats } from "node:fs";
import type { RunRecord } from "./record.js";
import { checkLoadOptions, fieldsFromPath, sourceInfo, type LoadOptions, type RunFormat, type SourceInfo } from "./options.js";
import { describeProblem, openProblem, ProblemSink, type LoadProblem } from "./problems.js";
import { LoadContext } from "./context.js";
import { detectFormat, readHead } from "./detectFormat.js";
import { differingPathParts, expandPaths, type FoundFile, type SkippedFile } from "./expandPaths.js";
import { FileOverlap } from "./fileOverlap.js";

/** What a load read, in numbers (also said in one note when a folder or glob was given). */
export interface LoadSummary {
  /** Files read. */
  files: number;
  /** Files read, by format. */
  formats: Partial<Record<RunFormat, number>>;
  records: number;
  /** The conditions loaded, in the order first seen. */
  conditions: string[];
  /** Files found in a folder or by a glob and not read, each with the reason. */
  skippedFiles: SkippedFile[];
}

/** Everything a load found: the records, every problem with its place, rows skipped, and notes. */
export interface LoadReport {
  records: RunRecord[];
  /** Each problem: file, line (text) or entry (zip entry, array index), message, value. */
  problems: LoadProblem[];
  /** Rows (or samples) left out because of a problem. */
  skipped: number;
  /** Facts to hear that are not errors: a log's status, a default that was chosen, empty answers. */
  notes: string[];
  /** The format each file was read as (undefined when it could not be told); skipped files are not here. */
  files: { file: string; format?: RunFormat }[];
  summary: LoadSummary;
}

/** Formats whose condition may come from the path when the file names none. */
const TABLE_FORMATS: ReadonlySet<RunFormat> = new Set(["csv", "tsv", "jsonl", "json"]);

function checkPaths(paths: unknown): string[] {
  const list = typeof paths === "string" ? [paths] : paths;
  if (!Array.isArray(list) || list.length === 0) {
    throw new TypeError(`paths must be a file path or a non-empty array of paths (value: ${JSON.stringify(paths)})`);
  }
  for (const p of list) {
    if (typeof p !== "string" || p === "") throw new TypeError(`paths must hold non-empty strings (value: ${JSON.stringify(p)})`);
  }
  return list as string[];
}

/** The format to read a file as; `skip` for a file found in a folder that is not a run file. */
type Prepared = { format: RunFormat } | { skip: string } | undefined;

/**
 * Open a file and tell its format. A file named explicitly that cannot be read is a problem; one
 * found in a folder or by a glob is skipped with the reason instead.
 */
async function prepare(found: FoundFile, ctx: LoadContext): Promise<Prepared> {
  const { file } = found;
  const refuse = (problem: LoadProblem): Prepared => {
    if (found.from !== undefined) return { skip: problem.message };
    ctx.sink.report(problem, false);
    return undefined;
  };
  let stats: Stats;
  try {
    stats = await stat(file);
  } catch (error) {
    return refuse(openProblem(file, error));
  }
  if (stats.isDirectory()) return refuse({ file, message: "is a directory" });
  // Read the head even when the format is given: a file that stat sees but cannot open (no
  // permission) is reported here in words, not by the loader as a raw system error.
  let head: Buffer;
  try {
    head = await readHead(file);
  } catch (error) {
    return refuse(openProblem(file, error));
  }
  if (ctx.options.format !== undefined) return { format: ctx.options.format };
  if (stats.size === 0) return refuse({ file, message: "file is empty" });
  const detected = detectFormat(head);
  if ("problem" in detected) return refuse({ file, message: detected.problem, value: detected.value });
  // Any JSON object that is not one record per line reads as an Inspect log; in a folder, one
  // without Inspect's "eval" header (a config, a results summary) is another kind of file.
  if (found.from !== undefined && detected.format === "inspect-json" && !/"eval"\s*:/.test(head.toString("utf8"))) {
    return { skip: 'a JSON document that is not an Inspect log (no "eval" header)' };
  }
  return detected;
}

/** Each loader is imported when a file of its format is read, so `import "evalgap"` stays light. */
async function loadAs(info: SourceInfo, format: RunFormat, ctx: LoadContext): Promise<void> {
  switch (format) {
    case "csv":
    case "tsv":
      // The delimiter is sniffed from the first lines (a "CSV" from a European spreadsheet uses
      // semicolons); only the `delimiter` option or a forced `format: "tsv"` fixes it.
      await (await import("./loadCsv.js")).loadCsv(info, ctx, ctx.options.format === "tsv" ? "\t" : undefined);
      break;
    case "jsonl":
      await (await import("./loadJsonl.js")).loadJsonl(info, ctx);
      break;
    case "json":
      await (await import("./loadJsonl.js")).loadJsonArray(info, ctx);
      break;
    case "inspect-eval":
      await (await import("./loadInspect.js")).loadInspectEval(info, ctx);
      break;
    case "inspect-json":
      await (await import("./loadInspect.js")).loadInspectJson(info, ctx);
      break;
    case "lm-eval":
      await (await import("./loadLmeval.js")).loadLmeval(info, ctx);
      break;
    case "helm":
      await (await import("./loadHelm.js")).loadHelm(info, ctx);
      break;
  }
}

/** Model, cluster and meta fields that named groups of `conditionPattern` read from the path. */
function applyPathFields(ctx: LoadContext, file: string, start: number): void {
  const fields = fieldsFromPath(ctx.options.conditionPattern, file);
  if (!fields || (fields.model === undefined && fields.cluster === undefined && fields.meta === undefined)) return;
  const model = fields.model === undefined ? undefined : ctx.pool.intern(fields.model);
  const cluster = fields.cluster === undefined ? undefined : ctx.pool.intern(fields.cluster);
  for (let i = start; i < ctx.records.length; i++) {
    const record = ctx.records[i];
    // The pattern was asked for, so it wins over what the file says.
    if (model !== undefined) record.model = model;
    if (cluster !== undefined) record.cluster = cluster;
    if (fields.meta) record.meta = { ...record.meta, ...fields.meta };
  }
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}

/** "read 6 files (4 lm-eval, 2 inspect-eval; 2 skipped): 1,234 records, 3 conditions". */
function summaryNote(s: LoadSummary): string {
  const formats = Object.entries(s.formats).map(([format, n]) => `${n} ${format}`).join(", ");
  const skipped = s.skippedFiles.length ? `; ${s.skippedFiles.length} skipped` : "";
  const inside = formats || skipped ? ` (${formats}${formats ? skipped : skipped.slice(2)})` : "";
  return `read ${plural(s.files, "file")}${inside}: ${plural(s.records, "record")}, ${plural(s.conditions.length, "condition")}`;
}

/** One note per reason: "skipped a.json, b.json: lm-eval results: aggregates only (…)". */
function skipNotes(skipped: readonly SkippedFile[]): string[] {
  const byReason = new Map<string, string[]>();
  for (const { file, reason } of skipped) byReason.set(reason, [...(byReason.get(reason) ?? []), file]);
  return [...byReason].map(([reason, files]) => `skipped ${files.join(", ")}: ${reason}`);
}

/**
 * Load run results and return every problem instead of throwing (`onProblem: "collect"` unless the
 * options say "throw"). Folders and globs are expanded first (see `loadRuns`); a folder or glob that
 * gives no run file is a problem naming it.
 *
 * @example
 * const report = await loadRunsReport("../shared/fixtures/extra-inspect-zstd-error/....eval");
 * report.records.length; // 27, each with `error`
 * report.notes[0]; // "...: log status error: 27 samples, all with errors"
 */
export async function loadRunsReport(paths: string | readonly string[], options: LoadOptions = {}): Promise<LoadReport> {
  const list = checkPaths(paths);
  checkLoadOptions(options);
  const sink = new ProblemSink(options.onProblem ?? "collect");
  const ctx = new LoadContext(options, sink);
  const expansion = await expandPaths(list);
  const skippedFiles: (SkippedFile & { from?: string })[] = [...expansion.skipped];
  const files: LoadReport["files"] = [];
  const ready: { file: string; format: RunFormat; from?: string }[] = [];
  for (const found of expansion.files) {
    const prepared = await prepare(found, ctx);
    if (prepared && "skip" in prepared) {
      skippedFiles.push({ file: found.file, reason: prepared.skip, from: found.from });
      continue;
    }
    files.push({ file: found.file, format: prepared?.format });
    if (prepared) ready.push({ file: found.file, format: prepared.format, from: found.from });
  }
  for (const { source, kind, repeated } of expansion.sources) {
    if (repeated > 0 || ready.some((r) => r.from === source)) continue;
    const left = skippedFiles.filter((s) => s.from === source).map((s) => s.file);
    const what = kind === "folder" ? "folder holds" : "pattern matches";
    const shown = left.length > 6 ? `${left.slice(0, 6).join(", ")} and ${left.length - 6} more` : left.join(", ");
    sink.report({ file: source, message: left.length ? `${what} no run files (${left.length} skipped: ${shown})` : `${what} no files` }, false);
  }
  for (const note of skipNotes(skippedFiles)) sink.note(note);
  // Tables that name no condition take it from the path when their file names alone would merge them.
  const byPath = differingPathParts(ready.filter((r) => TABLE_FORMATS.has(r.format)).map((r) => r.file));
  const overlap = ready.length > 1 ? new FileOverlap() : undefined;
  for (const { file, format } of ready) {
    const info = sourceInfo(file);
    const pathCondition = byPath?.get(file);
    if (pathCondition !== undefined) info.pathCondition = pathCondition;
    const start = ctx.records.length;
    const problemsStart = sink.problems.length;
    try {
      await loadAs(info, format, ctx);
    } catch (error) {
      throw overlap ? overlap.explain(error) : error;
    }
    applyPathFields(ctx, file, start);
    overlap?.add(file, ctx.records, start, sink.problems, problemsStart);
  }
  for (const note of overlap?.notes() ?? []) sink.note(note);
  // Files are checked before any is loaded; report problems in the order the files were given.
  const order = new Map(expansion.files.map((f, i) => [f.file, i]));
  const rank = (p: LoadProblem) => order.get(p.file) ?? order.size;
  const sorted = sink.problems.map((p, i) => [p, i] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]);
  sorted.forEach(([p], i) => (sink.problems[i] = p));
  const formats: LoadSummary["formats"] = {};
  for (const { format } of ready) formats[format] = (formats[format] ?? 0) + 1;
  const conditions = new Set<string>();
  for (const record of ctx.records) conditions.add(record.condition);
  const summary: LoadSummary = {
    files: ready.length,
    formats,
    records: ctx.records.length,
    conditions: [...conditions],
    skippedFiles: skippedFiles.map(({ file, reason }) => ({ file, reason })),
  };
  if (expansion.sources.length) sink.note(summaryNote(summary));
  return { records: ctx.records, problems: sink.problems, skipped: sink.skipped, notes: sink.notes, files, summary };
}

/**
 * Load run results as `RunRecord[]`. Formats are detected from content: CSV/TSV (RFC 4180, with
 * `columns`, a constant or file-derived `condition`, wide `repeats`), JSON lines and JSON arrays,
 * Inspect AI `.eval` (deflate or zstd) and `.json` logs, lm-eval `samples_*.jsonl`, HELM
 * `per_instance_stats.json`.
 *
 * Paths: a file is read as named; a folder is walked recursively and a glob (`*`, `**`, `?`,
 * `{a,b}`) is matched, in natural order with hidden files and dot-folders left out. Files found
 * that way which are not run files (lm-eval `results_*.json`, HELM side files, BIG-Bench-Hard
 * `*_eval_metrics.jsonl`, READMEs, licences, images, code, anything whose format cannot be told)
 * are skipped with a note naming them, and a note says what was read ("read 6 files (4 lm-eval,
 * 2 inspect-eval; 2 skipped): 1,234 records, 3 conditions").
 *
 * Conditions: `conditionPattern` is matched against the whole path (see `fieldsFromPath`), and its
 * named groups may also set `model`, `cluster` and `meta` fields. A table that names no condition
 * takes its file name, or, when several files share a name, the parts of their paths that differ
 * ("code-davinci-002-direct", "code-davinci-002-cot"). Two files answering the same items under one
 * condition get a note (see `FileOverlap`).
 *
 * Strict by default: the first problem throws a `RunLoadError` naming the file, the line or zip
 * entry, and the value. Notes (e.g. a log that ended in error) go to `onNote`, default `console.warn`.
 * With `onProblem: "collect"` problems are passed to `onNote` too and the readable rows are returned;
 * use `loadRunsReport` to get them as data.
 *
 * @example
 * const records = await loadRuns("../shared/fixtures/inspect-eval-popularity/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval");
 * records.length; // 10
 * records.filter((r) => r.score === 1).length; // 8
 */
export async function loadRuns(paths: string | readonly string[], options: LoadOptions = {}): Promise<RunRecord[]> {
  const report = await loadRunsReport(paths, { ...options, onProblem: options.onProblem ?? "throw" });
  const onNote = options.onNote ?? ((note: string) => console.warn(`evalgap: ${note}`));
  for (const problem of report.problems) onNote(describeProblem(problem));
  if (report.skipped) onNote(`${report.skipped} rows skipped because of the problems above`);
  for (const note of report.notes) onNote(note);
  return report.records;
}
