/**
 * The progress line on stderr: done/total, rate, ETA, errors, retries. On a terminal it is
 * redrawn in place at most every 100 ms; otherwise (a log file, CI) one line every 10 s.
 */

export interface ProgressState {
  /** Records written, including those found from an earlier run. */
  done: number;
  total: number;
  /** Records that were already written when this run started (not counted in the rate). */
  resumed: number;
  elapsedMs: number;
  errors: number;
  retries: number;
  /** Optional note, e.g. the batch status. */
  note?: string;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/**
 * One progress line. Rate counts only this run's answers; ETA = remaining / rate.
 *
 * @example formatProgress({ done: 50, total: 100, resumed: 0, elapsedMs: 10_000, errors: 1, retries: 2 })
 * // "[##########----------] 50/100   50%  5.0/s  ETA 10s  errors 1  retries 2"
 */
export function formatProgress(p: ProgressState, width = 20): string {
  const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  const filled = Math.round(frac * width);
  const bar = "#".repeat(filled) + "-".repeat(width - filled);
  const fresh = p.done - p.resumed;
  const rate = p.elapsedMs > 0 ? fresh / (p.elapsedMs / 1000) : 0;
  const eta = p.done >= p.total ? "0s" : rate > 0 ? duration((p.total - p.done) / rate) : "?";
  const parts = [
    `[${bar}] ${p.done}/${p.total}`,
    `${Math.floor(frac * 100)}%`.padStart(4),
    `${rate.toFixed(1)}/s`,
    `ETA ${eta}`,
    `errors ${p.errors}`,
    `retries ${p.retries}`,
  ];
  if (p.note) parts.push(p.note);
  return parts.join("  ");
}

/** Writes progress lines to a stream, throttled; `finish` prints the final state once. */
export class ProgressLine {
  private last = 0;
  private readonly start = Date.now();
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly state: () => Omit<ProgressState, "elapsedMs">,
    private readonly enabled = true,
  ) {}

  private line(): string {
    return formatProgress({ ...this.state(), elapsedMs: Date.now() - this.start });
  }

  /** Redraw if enough time has passed since the last draw. */
  update(): void {
    if (!this.enabled) return;
    const now = Date.now();
    const tty = this.stream.isTTY === true;
    if (now - this.last < (tty ? 100 : 10_000)) return;
    this.last = now;
    this.stream.write(tty ? `\r\x1b[2K${this.line()}` : `${this.line()}\n`);
    this.drawn = true;
  }

  /** Draw the final state and end the line. */
  finish(): void {
    if (!this.enabled) return;
    const tty = this.stream.isTTY === true;
    this.stream.write(tty ? `\r\x1b[2K${this.line()}\n` : `${this.line()}\n`);
    this.drawn = false;
  }

  /** Move off the progress line before printing something else on a terminal. */
  clear(): void {
    if (this.enabled && this.drawn && this.stream.isTTY) this.stream.write("\r\x1b[2K");
  }
}
