/**
 * The files → records step every analysis command shares, through `loadRunsReport` (imported from
 * its own module so neither danfojs nor anything heavy is on the CLI's import path).
 */
import type { RunRecord } from "../runs/record.js";
import { RUN_FORMATS, type AnswerScoring, type LoadOptions, type RunFormat } from "../runs/options.js";
import { RECORD_FIELDS, closestName, type ColumnMap, type RecordField } from "../runs/columnMap.js";
import { EXTRACT_RULES, type ExtractRule } from "../runs/answerScoring.js";
import { loadRunsReport, type LoadReport } from "../runs/loadRuns.js";
import type { RecordOptions } from "../analysis/records.js";
import { formatCount } from "../analysis/format.js";
import { RunLoadError, describeProblem, type LoadProblem } from "../runs/problems.js";
import { checkChoice } from "../stats/validate.js";
import { UsageError, stringFlag, type Options } from "./args.js";
import type { Io } from "./io.js";

type Values = Record<string, string | boolean | undefined>;

/** Flags about reading and scoring records, shared by summarize, chance and compare. */
export const RECORD_FLAGS: Options = {
  columns: { type: "string" },
  "condition-pattern": { type: "string" },
  answers: { type: "string" },
  key: { type: "string" },
  delimiter: { type: "string" },
  format: { type: "string" },
  item: { type: "string" },
  cluster: { type: "string" },
  meta: { type: "string" },
  extract: { type: "string" },
  scorer: { type: "string" },
  "no-fold": { type: "boolean" },
  metric: { type: "string" },
  filter: { type: "string" },
  split: { type: "string" },
  "score-key": { type: "string" },
  "inspect-scorer": { type: "string" },
  errors: { type: "string" },
  refusals: { type: "string" },
  "skip-bad": { type: "boolean" },
};

export const RECORD_HELP = `Reading records (CSV/TSV, JSONL, JSON, Inspect .eval/.json, lm-eval samples):
  --format ${RUN_FORMATS.join("|")}
                               the format of every file (default: read from each file's content)
  --columns field=Column,...   which column holds which field, e.g. item="Problem ID",cluster=Source
  --condition-pattern REGEX    the condition is the first group of REGEX on each file's path
  --item COL|PATH|row|input    the item key: a column or dotted path (doc.id), the row number, or
                               the input text without the prompt every row of its file shares
  --cluster COL|PATH           the cluster: a column or dotted path (metadata.subject)
  --meta COL,...               table columns kept in each record's meta (for compare --by)
  --answers REGEX --key COL    wide repeats: each answer column matching REGEX, scored against COL
  --delimiter ,|;|tab|"|"      CSV field delimiter (default: read from the first lines)
Scoring free-text answers in tables without a score (answer and target columns):
  --extract ${EXTRACT_RULES.join("|")}|REGEX
                               the answer: yes-no and letter as \`evalgap run\` reads them (the last
                               explicit answer), yes-no-anywhere as LLMDrift did (any word "yes"
                               wins), the last number, or REGEX's first capture group
  --no-fold                    compare exactly (by default case and whitespace are folded)
  --scorer module.ts           a scorer module (as \`evalgap run --scorer\`); its score wins
Logs:
  --metric NAME                lm-eval and HELM: the metric (acc, acc_norm, exact_match…)
  --filter NAME                lm-eval: the filter (strict-match, flexible-extract…)
  --split NAME                 HELM: the split (default test; valid…)
  --inspect-scorer NAME        Inspect: which scorer's value is the score
  --score-key KEY              Inspect: the value to take from a score that is a dict
Then:
  --errors exclude|wrong       records with an error: left out (default) or scored 0
  --refusals wrong|exclude     refused answers: scored 0 (default) or left out
  --skip-bad                   leave out rows that cannot be read (an empty item, a score that is
                               not a number in [0, 1]) instead of stopping at the first; a note
                               says how many and where the first were`;

/** Which formats each reading flag acts on; given for files of none of them, it would do nothing. */
const TABLES: readonly RunFormat[] = ["csv", "tsv", "jsonl", "json"];
const FLAG_FORMATS: readonly { flags: readonly string[]; formats: readonly RunFormat[]; what: string }[] = [
  { flags: ["columns", "answers", "key", "meta", "extract", "scorer", "no-fold"], formats: TABLES, what: "tables (CSV/TSV, JSONL, JSON arrays)" },
  { flags: ["delimiter"], formats: ["csv", "tsv"], what: "CSV/TSV files" },
  { flags: ["metric"], formats: ["lm-eval", "helm"], what: "lm-eval samples and HELM runs" },
  { flags: ["filter"], formats: ["lm-eval"], what: "lm-eval samples" },
  { flags: ["split"], formats: ["helm"], what: "HELM runs" },
  { flags: ["inspect-scorer", "score-key"], formats: ["inspect-eval", "inspect-json"], what: "Inspect logs" },
];

/** The record flags given: their names, for a command that takes counts instead of files. */
export function recordFlagsGiven(values: Values): string[] {
  return Object.keys(RECORD_FLAGS).filter((name) => values[name] !== undefined);
}

/** `--columns field=Column,...` as a column map; a field that is not one is a usage error. */
export function parseColumns(text: string): ColumnMap {
  const map: ColumnMap = {};
  for (const part of text.split(",")) {
    const eq = part.indexOf("=");
    const field = part.slice(0, eq).trim() as RecordField;
    if (eq < 1 || !RECORD_FIELDS.includes(field)) {
      throw new UsageError(`--columns entries must be field=Column with field one of ${RECORD_FIELDS.join(", ")}, got ${JSON.stringify(part)}`);
    }
    map[field] = part.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
  }
  return map;
}

/**
 * `--extract`: a built-in rule by name, or a pattern with a capture group around the answer. A
 * pattern without a group is refused, so a misspelled rule ("yesno") is not read as a pattern.
 */
function extractFlag(raw: string): RegExp | ExtractRule {
  if ((EXTRACT_RULES as readonly string[]).includes(raw)) return raw as ExtractRule;
  const rules = EXTRACT_RULES.join(", ");
  let pattern: RegExp | undefined;
  try {
    pattern = new RegExp(raw);
  } catch {
    pattern = undefined;
  }
  const groups = pattern === undefined ? 0 : new RegExp(`${raw}|`).exec("")!.length - 1;
  if (pattern !== undefined && groups > 0) return pattern;
  const close = closestName(raw, EXTRACT_RULES);
  const hint = close !== undefined ? `; did you mean ${close}?` : "";
  const what = pattern === undefined ? "is not a valid regular expression" : "has no capture group ( ) around the answer";
  throw new UsageError(`--extract must be one of ${rules} or a regular expression with a capture group; ${JSON.stringify(raw)} ${what}${hint}`);
}

/**
 * The loaders' hints name `loadRuns` options ("pass { filter } to choose", conditionPattern,
 * itemKey "doc.id"); on the command line the same hint names the flag to type.
 */
const OPTION_HINTS: readonly [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
  [/\(pass \{ scorer \} to choose\)/g, "(--inspect-scorer to choose)"],
  [/\(pass \{ (metric|filter|split) \} to choose\)/g, "(--$1 to choose)"],
  [/\bpass scoreKey\b/g, "pass --score-key"],
  // The example is a regex literal in the API's words; as a flag value it is the bare pattern.
  [/\bconditionPattern \(e\.g\. \/(.+?)\/ takes the folder\) or condition\b/g, (_, pattern) => `--condition-pattern (e.g. '${pattern.replaceAll("\\/", "/")}' takes the folder)`],
  [/\bconditionPattern( \([^)]*\))? or condition\b/g, "--condition-pattern$1"],
  [/\bitemKey (?=")/g, "--item "],
  [/\bclusterKey (?=")/g, "--cluster "],
  [/\bscoreKey (?=")/g, "--score-key "],
  [/\(name it with columns\.(\w+)\)/g, "(name it with --columns $1=…)"],
];

/**
 * A loader's message in the command line's terms.
 *
 * @example
 * inFlagTerms("a.jsonl: used filter strict-match; left out flexible-extract (1) (pass { filter } to choose)") // "a.jsonl: used filter strict-match; left out flexible-extract (1) (--filter to choose)"
 */
export function inFlagTerms(message: string): string {
  return OPTION_HINTS.reduce((text, [pattern, flag]) => (typeof flag === "string" ? text.replace(pattern, flag) : text.replace(pattern, flag)), message);
}

/** `--meta`: a comma-separated list of column names. */
function listFlag(name: string, raw: string): string[] {
  const list = raw.split(",").map((s) => s.trim());
  if (list.some((s) => s === "")) throw new UsageError(`--${name} must be a comma-separated list of names, got ${JSON.stringify(raw)}`);
  return list;
}

function regexFlag(name: string, source: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    throw new UsageError(`--${name} is not a valid regular expression: ${JSON.stringify(source)}`);
  }
}

/** `--delimiter`: one character, with "tab" (or "\t" as typed) for a tab. */
function delimiterFlag(raw: string): string {
  const delimiter = raw === "tab" || raw === "\\t" ? "\t" : raw;
  if (delimiter.length !== 1) throw new UsageError(`--delimiter must be one character (or "tab"), got ${JSON.stringify(raw)}`);
  return delimiter;
}

/** The `loadRuns` options the flags ask for; notes go to `io.err`. */
export function loadOptionsFromFlags(values: Values, io: Io): LoadOptions {
  const options: LoadOptions = { onProblem: values["skip-bad"] === true ? "collect" : "throw", onNote: (note) => io.err(`evalgap: ${inFlagTerms(note)}`) };
  const columns = stringFlag(values, "columns");
  if (columns !== undefined) options.columns = parseColumns(columns);
  const pattern = stringFlag(values, "condition-pattern");
  if (pattern !== undefined) options.conditionPattern = regexFlag("condition-pattern", pattern);
  const answers = stringFlag(values, "answers");
  const key = stringFlag(values, "key");
  if ((answers === undefined) !== (key === undefined)) throw new UsageError("--answers and --key go together");
  if (answers !== undefined && key !== undefined) options.repeats = { answers: regexFlag("answers", answers), key };
  const delimiter = stringFlag(values, "delimiter");
  if (delimiter !== undefined) options.delimiter = delimiterFlag(delimiter);
  const format = stringFlag(values, "format");
  if (format !== undefined) options.format = checkChoice("--format", format, RUN_FORMATS);
  const item = stringFlag(values, "item");
  if (item !== undefined) {
    if (options.columns?.item !== undefined) throw new UsageError(`--item and --columns item=… both name the item; give one (got --item ${JSON.stringify(item)})`);
    if (item.trim() === "") throw new UsageError(`--item must name a column, a dotted path, "row" or "input", got ""`);
    options.itemKey = item;
  }
  const cluster = stringFlag(values, "cluster");
  if (cluster !== undefined) {
    if (options.columns?.cluster !== undefined) throw new UsageError(`--cluster and --columns cluster=… both name the cluster; give one (got --cluster ${JSON.stringify(cluster)})`);
    if (cluster.trim() === "") throw new UsageError(`--cluster must name a column or a dotted path, got ""`);
    options.clusterKey = cluster;
  }
  const meta = stringFlag(values, "meta");
  if (meta !== undefined) options.meta = listFlag("meta", meta);
  const extract = stringFlag(values, "extract");
  const scoring: AnswerScoring = {};
  if (extract !== undefined) scoring.extract = extractFlag(extract);
  if (values["no-fold"] === true) {
    if (extract === undefined && values.scorer === undefined) throw new UsageError("--no-fold changes how --extract compares answers; give --extract (or --scorer)");
    scoring.fold = false;
  }
  if (extract !== undefined || values.scorer !== undefined) options.scoring = scoring;
  for (const [flag, option] of [["metric", "metric"], ["filter", "filter"], ["split", "split"], ["score-key", "scoreKey"], ["inspect-scorer", "scorer"]] as const) {
    const value = stringFlag(values, flag);
    if (value === undefined) continue;
    if (value.trim() === "") throw new UsageError(`--${flag} must not be empty`);
    options[option] = value;
  }
  return options;
}

/**
 * The note `--skip-bad` leaves, the same from either engine: how many rows were left out, and
 * where the first three were.
 *
 * @example
 * skippedRowsNote(2, [{ file: "a.csv", line: 3, message: "empty item id", value: "" }]) // '--skip-bad left out 2 rows that could not be read; the first: a.csv, line 3: empty item id (value: "")'
 */
export function skippedRowsNote(skipped: number, problems: readonly LoadProblem[]): string {
  return `--skip-bad left out ${formatCount(skipped)} row${skipped === 1 ? "" : "s"} that could not be read; the first: ${problems.slice(0, 3).map(describeProblem).join("; ")}`;
}

/** `--scorer module`: its function, wrapped to the load-time scorer's shape (a task with no prompt gets ""). */
async function scorerFlag(path: string): Promise<NonNullable<AnswerScoring["scorer"]>> {
  const { loadScorer } = await import("../collect/loadScorer.js");
  let scorer: Awaited<ReturnType<typeof loadScorer>>;
  try {
    scorer = await loadScorer(path);
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]);
  }
  return (response, task) => scorer(response, { id: task.id, prompt: task.prompt ?? "", target: task.target, ...(task.choices !== undefined ? { choices: task.choices } : {}) });
}

/** The error and refusal rules the flags ask for. */
export function recordOptionsFromFlags(values: Values): RecordOptions {
  const out: RecordOptions = {};
  const errors = stringFlag(values, "errors");
  const refusals = stringFlag(values, "refusals");
  // Checked here so the message names the flag (--errors), not the option behind it.
  if (errors !== undefined) out.errors = checkChoice("--errors", errors, ["exclude", "wrong"] as const);
  if (refusals !== undefined) out.refusals = checkChoice("--refusals", refusals, ["wrong", "exclude"] as const);
  return out;
}

/**
 * Load the files named on the command line, or fail with a usage error when there are none, or
 * when a reading flag was given that none of the files it could apply to is there to use it.
 */
export async function readRecords(files: string[], values: Values, io: Io): Promise<RunRecord[]> {
  if (files.length === 0) throw new UsageError("no input files: give one or more run files");
  const options = loadOptionsFromFlags(values, io);
  const scorer = stringFlag(values, "scorer");
  if (scorer !== undefined) options.scoring = { ...options.scoring, scorer: await scorerFlag(scorer) };
  let report: LoadReport;
  try {
    report = await loadRunsReport(files, options);
  } catch (error) {
    if (error instanceof Error) error.message = inFlagTerms(error.message);
    throw error;
  }
  // --skip-bad leaves out rows; a file that cannot be read at all is still an error.
  const fileProblem = report.problems.find((p) => p.line === undefined && p.entry === undefined);
  if (fileProblem !== undefined) throw new RunLoadError(fileProblem);
  for (const note of report.notes) options.onNote!(note);
  if (report.skipped > 0) io.err(`evalgap: ${skippedRowsNote(report.skipped, report.problems)}`);
  for (const { flags, formats, what } of FLAG_FORMATS) {
    const given = flags.filter((f) => values[f] !== undefined);
    if (given.length === 0 || report.files.some((f) => f.format !== undefined && formats.includes(f.format))) continue;
    const read = report.files.map((f) => `${f.file} is ${f.format}`).join("; ");
    throw new UsageError(`${given.map((f) => `--${f}`).join(", ")} ${given.length === 1 ? "applies" : "apply"} only to ${what}, and no file given is one (${read})`);
  }
  if (report.records.length === 0) throw new UsageError(`no records in ${files.join(", ")}`);
  return report.records;
}
