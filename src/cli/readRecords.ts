/**
 * The files → records step every analysis command shares, through `loadRuns` (imported from its
 * own module so neither danfojs nor anything heavy is on the CLI's import path).
 */
import type { RunRecord } from "../runs/record.js";
import type { LoadOptions } from "../runs/options.js";
import { RECORD_FIELDS, type ColumnMap, type RecordField } from "../runs/columnMap.js";
import { loadRuns } from "../runs/loadRuns.js";
import type { RecordOptions } from "../analysis/records.js";
import { UsageError, stringFlag, type Options } from "./args.js";

/** Flags about reading and scoring records, shared by summarize, chance and compare. */
export const RECORD_FLAGS: Options = {
  columns: { type: "string" },
  "condition-pattern": { type: "string" },
  answers: { type: "string" },
  key: { type: "string" },
  errors: { type: "string" },
  refusals: { type: "string" },
};

export const RECORD_HELP = `Reading records (CSV/TSV, JSONL, JSON, Inspect .eval/.json, lm-eval samples):
  --columns field=Column,...   which column holds which field, e.g. item="Problem ID",cluster=Source
  --condition-pattern REGEX    the condition is the first group of REGEX on each file name
  --answers REGEX --key COL    wide repeats: each answer column matching REGEX, scored against COL
  --errors exclude|wrong       records with an error: left out (default) or scored 0
  --refusals wrong|exclude     refused answers: scored 0 (default) or left out`;

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

/** The `loadRuns` options the flags ask for. */
export function loadOptionsFromFlags(values: Record<string, string | boolean | undefined>): LoadOptions {
  const options: LoadOptions = { onNote: (note) => process.stderr.write(`evalgap: ${note}\n`) };
  const columns = stringFlag(values, "columns");
  if (columns !== undefined) options.columns = parseColumns(columns);
  const pattern = stringFlag(values, "condition-pattern");
  if (pattern !== undefined) options.conditionPattern = regexFlag("condition-pattern", pattern);
  const answers = stringFlag(values, "answers");
  const key = stringFlag(values, "key");
  if ((answers === undefined) !== (key === undefined)) throw new UsageError("--answers and --key go together");
  if (answers !== undefined && key !== undefined) options.repeats = { answers: regexFlag("answers", answers), key };
  return options;
}

/** The error and refusal rules the flags ask for (checked by the analysis functions). */
export function recordOptionsFromFlags(values: Record<string, string | boolean | undefined>): RecordOptions {
  const out: RecordOptions = {};
  const errors = stringFlag(values, "errors");
  const refusals = stringFlag(values, "refusals");
  if (errors !== undefined) out.errors = errors as RecordOptions["errors"];
  if (refusals !== undefined) out.refusals = refusals as RecordOptions["refusals"];
  return out;
}

/** Load the files named on the command line, or fail with a usage error when there are none. */
export async function readRecords(files: string[], values: Record<string, string | boolean | undefined>): Promise<RunRecord[]> {
  if (files.length === 0) throw new UsageError("no input files: give one or more run files");
  const records = await loadRuns(files, loadOptionsFromFlags(values));
  if (records.length === 0) throw new UsageError(`no records in ${files.join(", ")}`);
  return records;
}
