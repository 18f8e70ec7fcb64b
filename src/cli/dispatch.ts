/**
 * The `evalgap` command: picks the subcommand and turns errors into exit codes. Each subcommand is
 * imported only when asked for, so `evalgap plan` never loads the run collector, and nothing on
 * this path loads danfojs, playwright or the Anthropic SDK (startup stays well under 300 ms).
 */
import { UsageError } from "./args.js";
import { processIo, type Command, type Io } from "./io.js";

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  summarize: { summary: "accuracy per condition with the right error bar", load: async () => (await import("./summarizeCommand.js")).summarizeCommand },
  chance: { summary: "does a result beat chance? (records or --successes/--trials)", load: async () => (await import("./chanceCommand.js")).chanceCommand },
  compare: { summary: "treatment − baseline, paired by item when the items match", load: async () => (await import("./compareCommand.js")).compareCommand },
  plan: { summary: "how many items a comparison needs", load: async () => (await import("./planCommand.js")).planCommand },
  report: { summary: "one self-contained HTML page of the results, to send on", load: async () => (await import("./reportCommand.js")).reportCommand },
  monitor: { summary: "anytime-valid confidence sequence of a run file, item by item", load: async () => (await import("./monitorCommand.js")).monitorCommand },
  run: { summary: "collect runs through the Anthropic API", load: async () => (await import("./runCommand.js")).runCommand },
  task: { summary: "write a benchmark's tasks (value-inference) for evalgap run", load: async () => (await import("./taskCommand.js")).taskCommand },
  convert: { summary: "cache a log as Parquet: its records, or the item table (--items)", load: async () => (await import("./convertCommand.js")).convertCommand },
  sql: { summary: "the aggregation to the item table as SQL, for DuckDB or a warehouse", load: async () => (await import("./sqlCommand.js")).sqlCommand },
};

export const MAIN_HELP = `evalgap — is this eval result real?

Usage: evalgap <command> [options]   (evalgap <command> --help, or evalgap help <command>, for each)

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join("\n")}

Output is an aligned table; --json prints JSON instead. Exit 0 on success, 2 on bad input.`;

/**
 * Run `evalgap` with these arguments; returns the exit code (0 success, 2 bad input, 1 a failure
 * that is not the input's fault).
 *
 * @example
 * await dispatch(["plan", "--p0", "0.5", "--p1", "0.6", "--json"]) // 0, and prints the plan
 */
export async function dispatch(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.out(MAIN_HELP);
    return 2;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    // `evalgap help plan` is `evalgap plan --help`; anything else after help is not a command.
    if (rest.length === 0) {
      io.out(MAIN_HELP);
      return 0;
    }
    return dispatch([rest[0], "--help", ...rest.slice(1)], io);
  }
  if (name === "--version" || name === "-v") {
    if (rest.length > 0) return usage(io, "evalgap", `--version takes nothing after it, got ${JSON.stringify(rest[0])}`);
    io.out("evalgap 0.1.0");
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) return usage(io, "evalgap", `unknown command ${JSON.stringify(name)}; commands: ${Object.keys(COMMANDS).join(", ")}`);
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    const e = error as Error;
    if (e instanceof UsageError || e instanceof RangeError || e instanceof TypeError) return usage(io, `evalgap ${name}`, e.message);
    // Not the input's fault: the first line only (a library's message may carry a stack or a dump).
    io.err(`evalgap ${name}: ${(e?.message ?? String(error)).split("\n")[0]}`);
    return 1;
  }
}

/** A bad-input message, all of it (a file's problems are one per line), and exit code 2. */
function usage(io: Io, prefix: string, message: string): number {
  io.err(`${prefix}: ${message}`);
  return 2;
}
