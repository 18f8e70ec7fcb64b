/**
 * One run's bookkeeping: the output log, the keys already written (so nothing is written
 * twice), counters for the progress line, and token totals per condition for the end.
 */
import { RunLogWriter } from "./runLog.js";
import { estimateCost, priceFor, type Price } from "./prices.js";
import { jobKey, type CollectedRecord, type Job } from "./types.js";

/** Totals for one condition over the whole output file (earlier runs included). */
export interface ConditionTotals {
  condition: string;
  model: string;
  records: number;
  errors: number;
  refused: number;
  /** Mean score over records without error; null when there are none. */
  meanScore: number | null;
  inputTokens: number;
  outputTokens: number;
  /** Estimated dollars (batch records at the batch discount); null when the model has no price. */
  cost: number | null;
}

interface Tally {
  model: string;
  records: number;
  errors: number;
  refused: number;
  scored: number;
  scoreSum: number;
  inputTokens: number;
  outputTokens: number;
  batchInput: number;
  batchOutput: number;
}

function num(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

export class RunSession {
  readonly keys: Set<string>;
  /** Records written by this run, and how many of those carry an error or a refusal. */
  written = 0;
  errors = 0;
  refused = 0;
  /** Planned jobs that were already in the file when the run started. */
  readonly resumed: number;
  private readonly tallies = new Map<string, Tally>();

  constructor(
    private readonly writer: RunLogWriter,
    existing: { records: Record<string, unknown>[]; keys: Set<string> },
    jobs: readonly Job[],
  ) {
    this.keys = existing.keys;
    for (const r of existing.records) this.tally(r);
    this.resumed = jobs.filter((j) => this.has(j)).length;
  }

  has(job: Job): boolean {
    return this.keys.has(jobKey(job.task.id, job.condition.name, job.sample));
  }

  /** Append a record unless its key is already written; returns whether it was written. */
  write(record: CollectedRecord): boolean {
    const key = jobKey(record.item, record.condition, record.sample);
    if (this.keys.has(key)) return false;
    this.writer.append(record);
    this.keys.add(key);
    this.written++;
    if (record.error !== undefined) this.errors++;
    if (record.refused) this.refused++;
    this.tally(record as unknown as Record<string, unknown>);
    return true;
  }

  private tally(r: Record<string, unknown>): void {
    const condition = String(r.condition);
    let t = this.tallies.get(condition);
    if (!t) {
      t = { model: String(r.model ?? ""), records: 0, errors: 0, refused: 0, scored: 0, scoreSum: 0, inputTokens: 0, outputTokens: 0, batchInput: 0, batchOutput: 0 };
      this.tallies.set(condition, t);
    }
    t.records++;
    if (r.error !== undefined && r.error !== null) t.errors++;
    else {
      t.scored++;
      t.scoreSum += num(r.score);
    }
    if (r.refused === true) t.refused++;
    t.inputTokens += num(r.inputTokens);
    t.outputTokens += num(r.outputTokens);
    if (typeof r.batchId === "string") {
      t.batchInput += num(r.inputTokens);
      t.batchOutput += num(r.outputTokens);
    }
  }

  /** Totals per condition, in first-seen order, with the estimated cost from `prices`. */
  totals(prices: Readonly<Record<string, Price>>): ConditionTotals[] {
    return [...this.tallies].map(([condition, t]) => {
      const price = priceFor(t.model, prices);
      const cost = price
        ? estimateCost(t.inputTokens - t.batchInput, t.outputTokens - t.batchOutput, price) +
          estimateCost(t.batchInput, t.batchOutput, price, true)
        : null;
      return {
        condition,
        model: t.model,
        records: t.records,
        errors: t.errors,
        refused: t.refused,
        meanScore: t.scored > 0 ? t.scoreSum / t.scored : null,
        inputTokens: t.inputTokens,
        outputTokens: t.outputTokens,
        cost,
      };
    });
  }
}
