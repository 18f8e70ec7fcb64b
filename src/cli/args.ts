/**
 * Argument parsing shared by the commands: node's own `parseArgs`, strict, with its errors turned
 * into a `UsageError` so the dispatcher can print one line and exit 2.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { checkChoice } from "../stats/validate.js";

/** Bad command-line input: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type Options = NonNullable<ParseArgsConfig["options"]>;

/** The `--help`/`-h` and `--json` flags every command takes. */
export const COMMON: Options = {
  help: { type: "boolean", short: "h" },
  json: { type: "boolean" },
};

/**
 * Parse a command's arguments strictly (unknown flags and missing values are usage errors).
 *
 * @example
 * parseCommand(["a.jsonl", "--by", "model"], { by: { type: "string" } }).values.by // "model"
 */
export function parseCommand(argv: string[], options: Options): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    const message = (error as Error).message;
    // "--beta -1": node reads -1 as a flag and says only "argument is ambiguous"; name the value and the fix.
    const dashed = /^Option '(--[\w-]+)' argument is ambiguous/.exec(message);
    const value = dashed ? argv[argv.indexOf(dashed[1]) + 1] : undefined;
    if (dashed && value !== undefined) throw new UsageError(`${dashed[1]} ${value}: write a value that starts with "-" as ${dashed[1]}=${value}`);
    throw new UsageError(message.split("\n")[0].split(". To specify")[0]);
  }
}

/**
 * A flag's value as a number, or a usage error naming the flag and what was given.
 *
 * @example
 * numberFlag({ p0: "0.5" }, "p0") // 0.5
 */
export function numberFlag(values: Record<string, string | boolean | undefined>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const x = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
  if (!Number.isFinite(x)) throw new UsageError(`--${name} must be a number, got ${JSON.stringify(raw)}`);
  return x;
}

/** A flag's value as a string (undefined when absent). */
export function stringFlag(values: Record<string, string | boolean | undefined>, name: string): string | undefined {
  const raw = values[name];
  return typeof raw === "string" ? raw : undefined;
}

/** A flag that must be present. */
export function requiredString(values: Record<string, string | boolean | undefined>, name: string): string {
  const v = stringFlag(values, name);
  if (v === undefined || v === "") throw new UsageError(`--${name} is required`);
  return v;
}

/**
 * A flag whose value must be one of `allowed` (undefined when absent); the error names the flag as
 * typed (`--pairing`), not the option behind it.
 *
 * @example
 * choiceFlag({ pairing: "paired" }, "pairing", ["auto", "paired", "independent"]) // "paired"
 */
export function choiceFlag<T extends string>(values: Record<string, string | boolean | undefined>, name: string, allowed: readonly T[]): T | undefined {
  const raw = stringFlag(values, name);
  return raw === undefined ? undefined : checkChoice(`--${name}`, raw, allowed);
}

/** The values `--alternative` takes. */
export const ALTERNATIVES = ["two-sided", "greater", "less"] as const;
