/**
 * What a loader could not read, and where. Loaders never drop a row silently: every row they skip
 * is a `LoadProblem`, and in strict mode the first one is thrown as a `RunLoadError`. The tasks
 * and conditions files of `evalgap run` report their problems in the same shape.
 */

/** One thing a loader could not read: the file, the line (text files) or zip entry, and the value. */
export interface LoadProblem {
  /** The path as given to `loadRuns`. */
  file: string;
  /** 1-based line number in a text file (the line where the row starts), when there is one. */
  line?: number;
  /** The zip entry (e.g. `samples/3_epoch_1.json`) in an Inspect `.eval` log, when there is one. */
  entry?: string;
  /** What is wrong, in a sentence. */
  message: string;
  /** The offending value, shortened for display. */
  value?: unknown;
}

/**
 * Thrown in strict mode (the default) by the first problem. A `RangeError`, as for any bad input,
 * and carrying the problem's place so a caller can point at it.
 */
export class RunLoadError extends RangeError {
  readonly problem: LoadProblem;
  constructor(problem: LoadProblem) {
    super(describeProblem(problem));
    this.name = "RunLoadError";
    this.problem = problem;
  }
}

/** Plain words for the codes Node gives when a file cannot be opened (the path follows them). */
const OPEN_FAILURES: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EACCES: "no permission to read",
  EPERM: "no permission to read",
  EISDIR: "a folder, not a file",
  ENOTDIR: "a part of the path is a file, not a folder",
  ENAMETOOLONG: "the path is too long",
  ELOOP: "too many symbolic links in the path",
};
const OPEN_FAILURE_TEXTS = new Set(Object.values(OPEN_FAILURES));

/**
 * The problem for a file that could not be opened, in words rather than Node's code
 * ("no such file", not "ENOENT"); an unknown code is kept so it can still be looked up.
 */
export function openProblem(file: string, error: unknown): LoadProblem {
  const e = error as NodeJS.ErrnoException | undefined;
  const code = e?.code;
  const message = code !== undefined && Object.hasOwn(OPEN_FAILURES, code) ? OPEN_FAILURES[code] : `cannot be opened (${code ?? e?.message ?? String(error)})`;
  return { file, message };
}

/**
 * "file.csv, line 12: score is not a number in [0, 1] or a known label (value: "x")"; a file that
 * could not be opened reads "no such file: file.csv".
 */
export function describeProblem(p: LoadProblem): string {
  if (p.line === undefined && p.entry === undefined && OPEN_FAILURE_TEXTS.has(p.message)) return `${p.message}: ${p.file}`;
  const place = p.line !== undefined ? `, line ${p.line}` : p.entry !== undefined ? `, entry ${p.entry}` : "";
  const value = p.value === undefined ? "" : ` (value: ${showValue(p.value)})`;
  return `${p.file}${place}: ${p.message}${value}`;
}

/** A short printable form of a value for messages: strings quoted, long ones cut. */
export function showValue(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** How a loader reports: throw at the first problem, or collect them all and carry on. */
export type ProblemMode = "throw" | "collect";

/**
 * The loaders' shared sink: problems (throw or collect), the count of rows skipped, and notes
 * (facts the analyst must hear that are not errors, e.g. "log status error").
 */
export class ProblemSink {
  readonly problems: LoadProblem[] = [];
  readonly notes: string[] = [];
  skipped = 0;
  constructor(readonly mode: ProblemMode) {}

  /** Record a problem; in strict mode throw it. `skipsRow` counts a row left out because of it. */
  report(problem: LoadProblem, skipsRow = true): void {
    if (this.mode === "throw") throw new RunLoadError(problem);
    this.problems.push(problem);
    if (skipsRow) this.skipped++;
  }

  note(text: string): void {
    this.notes.push(text);
  }
}
