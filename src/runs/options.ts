/** Options of `loadRuns` and what each loader is told about the file it reads. */
import { basename } from "node:path";
import type { ColumnMap } from "./columnMap.js";
import type { ProblemMode } from "./problems.js";
import { checkScoringOptions, type ExtractRule } from "./answerScoring.js";
import { checkChoice } from "../stats/validate.js";

export type RunFormat = "csv" | "tsv" | "jsonl" | "json" | "inspect-eval" | "inspect-json" | "lm-eval" | "helm";
export const RUN_FORMATS: readonly RunFormat[] = ["csv", "tsv", "jsonl", "json", "inspect-eval", "inspect-json", "lm-eval", "helm"];

/** What a `condition` function is told about the file (and, for logs, the run). */
export interface SourceInfo {
  /** The path as given. */
  file: string;
  /** The file name without folders. */
  name: string;
  /** The task, for Inspect and lm-eval logs. */
  task?: string;
  /** The model, for Inspect and lm-eval logs. */
  model?: string;
  /**
   * When several files are read and their names alone would merge them, the parts of this file's
   * path that differ from the others' (e.g. "code-davinci-002-cot"): the condition of a table that
   * names none. Set by `loadRuns`, which sees the whole file list.
   */
  pathCondition?: string;
}

/** Wide repeats: several answer columns scored against a key column, one record per answer. */
export interface WideRepeats {
  /** The answer columns, in sample order, or a pattern matching them (taken in header order). */
  answers: readonly string[] | RegExp;
  /** The column holding the correct answer. */
  key: string;
  /** Score of one answer against the key; default 1 when they are equal after trimming, else 0. */
  score?: (answer: string, key: string) => number;
}

/**
 * Scoring at load time: an answer is extracted (capture group of `extract`, or a built-in rule),
 * folded (case and whitespace) and compared with the target, or handed to `scorer`. The
 * normalised answer is what the record keeps, so answer-based chance baselines see clean labels.
 */
export interface AnswerScoring {
  /** A pattern whose first capture group is the answer, or a built-in extraction rule (see `extractAnswer`). */
  extract?: RegExp | ExtractRule;
  /** Fold case and whitespace before comparing (default true). */
  fold?: boolean;
  /** A custom scorer (same interface as `evalgap run --scorer`): its score wins over exact match. */
  scorer?: (response: string, task: { id: string; target: string; choices?: number; prompt?: string }) => number | { score: number; answer?: string } | Promise<number | { score: number; answer?: string }>;
}

export interface LoadOptions {
  /** Force a format; by default it is detected from the content. */
  format?: RunFormat;
  /** CSV/TSV/JSONL: which column or key holds which field. Unnamed fields default to a header equal to the field name (any case). */
  columns?: ColumnMap;
  /** A constant condition, or one derived from the file (e.g. `(file) => /temp-([\d.]+)/.exec(file)![1]`). */
  condition?: string | ((file: string, info: SourceInfo) => string);
  /** The condition is the first capture group (or the whole match) of this pattern on the file name. */
  conditionPattern?: RegExp;
  /** CSV/TSV: answer columns scored against a key column become one record per sample. */
  repeats?: WideRepeats;
  /** CSV/TSV: the field delimiter; detected from the header line by default. */
  delimiter?: string;
  /** CSV/TSV/JSONL: extra columns copied into each record's `meta`. */
  meta?: readonly string[];
  /** Inspect: the scorer whose value is the score (default: the first scorer, with a note when there are several). */
  scorer?: string;
  /** lm-eval: the metric (default: the first listed in the samples, e.g. exact_match, acc, acc_norm). */
  metric?: string;
  /** lm-eval: the filter (default: the first one found, with a note when there are several). */
  filter?: string;
  /** HELM: the split kept (default "test", the one HELM's leaderboards show); records keep it in `meta.split`. */
  split?: string;
  /** Inspect: when a score's value is a dict of several values, the key to take (e.g. "Problem Correctness"). */
  scoreKey?: string;
  /**
   * The item key when no `columns.item` names it: a column or a dotted JSON path into each row or
   * sample (e.g. "doc.question_id"), or a derived key: "row" (the row number in its file) or
   * "input" (the `input` field without the text that all rows of its file share before and after
   * the question, cut at whitespace; see `sharedAffixes`). The key used is noted.
   */
  itemKey?: string;
  /** The cluster when no `columns.cluster` names it: a column or dotted JSON path, e.g. "metadata.subject". */
  clusterKey?: string;
  /** Score free-text answers at load time (rows with an answer and a target but no score). */
  scoring?: AnswerScoring;
  /** "throw" (default for `loadRuns`): the first problem throws; "collect": every problem is returned. */
  onProblem?: ProblemMode;
  /** `loadRuns` hands notes (e.g. "log status error") here; default `console.warn`. */
  onNote?: (note: string) => void;
}

/** Check the options a caller passed, so a typo fails before any file is opened. */
export function checkLoadOptions(options: LoadOptions): void {
  if (typeof options !== "object" || options === null) throw new TypeError(`options must be an object (value: ${String(options)})`);
  if (options.format !== undefined) checkChoice("format", options.format, RUN_FORMATS);
  if (options.onProblem !== undefined) checkChoice("onProblem", options.onProblem, ["throw", "collect"] as const);
  const c = options.condition;
  if (c !== undefined && typeof c !== "string" && typeof c !== "function") {
    throw new TypeError(`condition must be a string or a function (value: ${String(c)})`);
  }
  if (typeof c === "string" && c.trim() === "") throw new RangeError(`condition must not be empty (value: "")`);
  if (options.delimiter !== undefined && options.delimiter.length !== 1) {
    throw new RangeError(`delimiter must be one character (value: ${JSON.stringify(options.delimiter)})`);
  }
  const r = options.repeats;
  if (r !== undefined) {
    if (!(r.answers instanceof RegExp) && (!Array.isArray(r.answers) || r.answers.length === 0)) {
      throw new RangeError(`repeats.answers must be a non-empty list of columns or a RegExp (value: ${JSON.stringify(r.answers)})`);
    }
    if (typeof r.key !== "string" || r.key === "") throw new TypeError(`repeats.key must name a column (value: ${JSON.stringify(r.key)})`);
  }
  checkScoringOptions(options);
}

/** What `conditionPattern` read from a file's path: the condition and any other named fields. */
export interface PathFields {
  condition?: string;
  model?: string;
  cluster?: string;
  /** Named groups other than condition, model and cluster. */
  meta?: Record<string, string>;
}

/** The path with forward slashes, as `conditionPattern` sees it. */
function slashed(file: string): string {
  return process.platform === "win32" ? file.replaceAll("\\", "/") : file;
}

/**
 * What `conditionPattern` reads from a file's path, or undefined when there is no pattern or it
 * matches neither the whole path (forward slashes) nor, for patterns written for names (`^temp-`),
 * the file name. Unnamed groups: the condition is the first group, else the whole match. Named
 * groups: `condition`, `model` and `cluster` fill those fields and any other name goes to `meta`;
 * without a `condition` group, the condition is the named values joined by "/" in pattern order,
 * so `(?<model>[^/]+)/temp-(?<temperature>[\d.]+)/` on "gpt-4o/temp-0.7/run.csv" gives
 * "gpt-4o/0.7", model "gpt-4o" and meta.temperature "0.7".
 */
export function fieldsFromPath(pattern: RegExp | undefined, file: string): PathFields | undefined {
  if (!pattern) return undefined;
  // A global or sticky pattern would resume from its last match; read each path from the start.
  const once = pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, "")) : pattern;
  const m = once.exec(slashed(file)) ?? once.exec(basename(file));
  if (!m) return undefined;
  const named = Object.entries(m.groups ?? {}).filter((e): e is [string, string] => e[1] !== undefined);
  if (!named.length) return { condition: m[1] ?? m[0] };
  const fields: PathFields = {};
  for (const [name, value] of named) {
    if (name === "condition" || name === "model" || name === "cluster") fields[name] = value;
    else (fields.meta ??= {})[name] = value;
  }
  fields.condition ??= named.map(([, value]) => value).join("/");
  return fields;
}

/**
 * The condition given by the options for this file, or `undefined` when the file itself says
 * (a condition column, a log's task and model).
 */
export function conditionFromOptions(options: LoadOptions, info: SourceInfo): string | undefined {
  const c = options.condition;
  if (typeof c === "string") return c;
  if (typeof c === "function") {
    const value = c(info.file, info);
    if (typeof value !== "string" || value.trim() === "") {
      throw new RangeError(`condition function returned no condition for ${info.file} (value: ${JSON.stringify(value)})`);
    }
    return value;
  }
  if (options.conditionPattern) {
    const fields = fieldsFromPath(options.conditionPattern, info.file);
    if (!fields) throw new RangeError(`conditionPattern ${String(options.conditionPattern)} does not match the path (value: ${JSON.stringify(slashed(info.file))})`);
    if (fields.condition === "") throw new RangeError(`conditionPattern ${String(options.conditionPattern)} gives an empty condition for the path (value: ${JSON.stringify(slashed(info.file))})`);
    return fields.condition;
  }
  return undefined;
}

export function sourceInfo(file: string): SourceInfo {
  return { file, name: basename(file) };
}
