/**
 * What a loader could not read, and where. Loaders never drop a row silently: every row they skip
 * is a `LoadProblem`, and in strict mode the first one is thrown as a `RunLoadError`.
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

/** "file.csv, line 12: score is not a number in [0, 1] or a known label (value: "x")". */
export function describeProblem(p: LoadProblem): string {
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
