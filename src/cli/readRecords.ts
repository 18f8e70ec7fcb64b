/**
 * The files → records step every analysis command shares, through `loadRunsReport` (imported from
 * its own module so neither danfojs nor anything heavy is on the CLI's import path).
 */
import type { RunRecord } from "../runs/record.js";
import type { LoadOptions, RunFormat } from "../runs/options.js";
import { RECORD_FIELDS, type ColumnMap, type RecordField } from "../runs/columnMap.js";
import { loadRunsReport } from "../runs/loadRuns.js";
import type { RecordOptions } from "../analysis/records.js";
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
  errors: { type: "string" },
  refusals: { type: "string" },
};

export const RECORD_HELP = `Reading records (CSV/TSV, JSONL, JSON, Inspect .eval/.json, lm-eval samples):
  --columns field=Column,...   which column holds which field, e.g. item="Problem ID",cluster=Source
  --condition-pattern REGEX    the condition is the first group of REGEX on each file name
  --answers REGEX --key COL    wide repeats: each answer column matching REGEX, scored against COL
  --delimiter ,|;|tab|"|"      CSV field delimiter (default: read from the first lines)
  --errors exclude|wrong       records with an error: left out (default) or scored 0
  --refusals wrong|exclude     refused answers: scored 0 (default) or left out`;

/** Which formats each reading flag acts on; given for files of none of them, it would do nothing. */
const FLAG_FORMATS: readonly { flags: readonly string[]; formats: readonly RunFormat[]; what: string }[] = [
  { flags: ["columns", "answers", "key"], formats: ["csv", "tsv", "jsonl", "json"], what: "tables (CSV/TSV, JSONL, JSON arrays)" },
  { flags: ["delimiter"], formats: ["csv", "tsv"], what: "CSV/TSV files" },
];

/** The record flags given: their names, for a command that takes counts instead of files. */
export function recordFlagsGiven(values: Values): string[] {
  return Object.keys(RECORD_FLAGS).filter((name) => values[name] !== undefined);
}

function parseColumns(text: string): ColumnMap {
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
  const options: LoadOptions = { onProblem: "throw", onNote: (note) => io.err(`evalgap: ${note}`) };
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
  return options;
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
  const report = await loadRunsReport(files, options);
  for (const note of report.notes) options.onNote!(note);
  for (const { flags, formats, what } of FLAG_FORMATS) {
    const given = flags.filter((f) => values[f] !== undefined);
    if (given.length === 0 || report.files.some((f) => f.format !== undefined && formats.includes(f.format))) continue;
    const read = report.files.map((f) => `${f.file} is ${f.format}`).join("; ");
    throw new UsageError(`${given.map((f) => `--${f}`).join(", ")} ${given.length === 1 ? "applies" : "apply"} only to ${what}, and no file given is one (${read})`);
  }
  if (report.records.length === 0) throw new UsageError(`no records in ${files.join(", ")}`);
  return report.records;
}
