/**
 * `loadRuns`: run results as analysts have them (CSV/TSV, JSONL, JSON arrays, Inspect `.eval` and
 * `.json` logs, lm-eval samples) → `RunRecord[]`, with the format read from each file's content.
 * Never silent: strict mode throws at the first problem; `loadRunsReport` returns them all.
 */
import { stat } from "node:fs/promises";
import type { Stats } from "node:fs";
import type { RunRecord } from "./record.js";
import { checkLoadOptions, sourceInfo, type LoadOptions, type RunFormat } from "./options.js";
import { describeProblem, openProblem, ProblemSink, type LoadProblem } from "./problems.js";
import { LoadContext } from "./context.js";
import { detectFormat, readHead } from "./detectFormat.js";
import { loadCsv } from "./loadCsv.js";
import { loadJsonArray, loadJsonl } from "./loadJsonl.js";
import { loadInspectEval, loadInspectJson } from "./loadInspect.js";
import { loadLmeval } from "./loadLmeval.js";

/** Everything a load found: the records, every problem with its place, rows skipped, and notes. */
export interface LoadReport {
  records: RunRecord[];
  /** Each problem: file, line (text) or entry (zip entry, array index), message, value. */
  problems: LoadProblem[];
  /** Rows (or samples) left out because of a problem. */
  skipped: number;
  /** Facts to hear that are not errors: a log's status, a default that was chosen, empty answers. */
  notes: string[];
  /** The format each file was read as (undefined when it could not be told). */
  files: { file: string; format?: RunFormat }[];
}

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

async function loadOne(file: string, ctx: LoadContext): Promise<RunFormat | undefined> {
  const info = sourceInfo(file);
  let stats: Stats;
  try {
    stats = await stat(file);
  } catch (error) {
    ctx.sink.report(openProblem(file, error), false);
    return undefined;
  }
  // Reported outside the try: in strict mode the report throws, and must not be read as a stat failure.
  if (stats.isDirectory()) {
    ctx.sink.report({ file, message: "is a directory; pass the files in it" }, false);
    return undefined;
  }
  const size = stats.size;
  // Read the head even when the format is given: a file that stat sees but cannot open (no
  // permission) is reported here in words, not by the loader as a raw system error.
  let head: Buffer;
  try {
    head = await readHead(file);
  } catch (error) {
    ctx.sink.report(openProblem(file, error), false);
    return undefined;
  }
  let format = ctx.options.format;
  if (format === undefined) {
    if (size === 0) {
      ctx.sink.report({ file, message: "file is empty" }, false);
      return undefined;
    }
    const detected = detectFormat(head);
    if ("problem" in detected) {
      ctx.sink.report({ file, message: detected.problem, value: detected.value }, false);
      return undefined;
    }
    format = detected.format;
  }
  switch (format) {
    case "csv":
    case "tsv":
      // The delimiter is sniffed from the first lines (a "CSV" from a European spreadsheet uses
      // semicolons); only the `delimiter` option or a forced `format: "tsv"` fixes it.
      await loadCsv(info, ctx, ctx.options.format === "tsv" ? "\t" : undefined);
      break;
    case "jsonl":
      await loadJsonl(info, ctx);
      break;
    case "json":
      await loadJsonArray(info, ctx);
      break;
    case "inspect-eval":
      await loadInspectEval(info, ctx);
      break;
    case "inspect-json":
      await loadInspectJson(info, ctx);
      break;
    case "lm-eval":
      await loadLmeval(info, ctx);
      break;
  }
  return format;
}

/**
 * Load run results and return every problem instead of throwing (`onProblem: "collect"` unless the
 * options say "throw").
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
  const files: LoadReport["files"] = [];
  for (const file of list) files.push({ file, format: await loadOne(file, ctx) });
  return { records: ctx.records, problems: sink.problems, skipped: sink.skipped, notes: sink.notes, files };
}

/**
 * Load run results as `RunRecord[]`. Formats are detected from content: CSV/TSV (RFC 4180, with
 * `columns`, a constant or file-derived `condition`, wide `repeats`), JSON lines and JSON arrays,
 * Inspect AI `.eval` (deflate or zstd) and `.json` logs, lm-eval `samples_*.jsonl`.
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
