/**
 * Where a command writes, and the shape every command has. Its own module so the dispatcher and
 * the commands both import it downward, and neither imports the other.
 */

/** Where a command writes: stdout and stderr by default, strings in tests. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * Where `evalgap run` draws its live progress line (redrawn in place on a terminal). Absent: no
   * progress line, as a string capture has nowhere to redraw.
   */
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Each write is one message; a missing final line break is added. */
export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  progress: process.stderr,
};

/** A subcommand: its arguments (after the command name) and where to write; resolves to the exit code. */
export type Command = (argv: string[], io: Io) => Promise<number>;
