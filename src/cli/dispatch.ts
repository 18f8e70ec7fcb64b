/**
 * The `evalgap` command: picks the subcommand and turns errors into exit codes. Each subcommand is
 * imported only when asked for, so `evalgap plan` never loads the run collector, and nothing on
 * this path loads danfojs or playwright (startup stays well under 300 ms).
 */
import { UsageError } from "./args.js";

/** Where a command writes: stdout and stderr by default, strings in tests. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

export type Command = (argv: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  summarize: { summary: "accuracy per condition with the right error bar", load: async () => (await import("./summarizeCommand.js")).summarizeCommand },
  chance: { summary: "does a result beat chance? (records or --successes/--trials)", load: async () => (await import("./chanceCommand.js")).chanceCommand },
  compare: { summary: "treatment − baseline, paired by item when the items match", load: async () => (await import("./compareCommand.js")).compareCommand },
  plan: { summary: "how many items a comparison needs", load: async () => (await import("./planCommand.js")).planCommand },
  run: { summary: "collect runs through the Anthropic API", load: async () => (await import("./run.js")).runCommand as Command },
};

export const MAIN_HELP = `evalgap — is this eval result real?

Usage: evalgap <command> [options]   (evalgap <command> --help for each)

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
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(MAIN_HELP);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.out("evalgap 0.1.0");
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`evalgap: unknown command ${JSON.stringify(name)}; commands: ${Object.keys(COMMANDS).join(", ")}`);
    return 2;
  }
  try {
    return await (await command.load())(rest, name === "run" ? processIo : io);
  } catch (error) {
    const e = error as Error;
    if (e instanceof UsageError || e instanceof RangeError || e instanceof TypeError) {
      io.err(`evalgap ${name}: ${oneLine(e.message)}`);
      return 2;
    }
    io.err(`evalgap ${name}: ${oneLine(e?.message ?? String(error))}`);
    return 1;
  }
}

function oneLine(text: string): string {
  return text.split("\n")[0];
}
