/** The state one `loadRuns` call shares across its files: options, problems, duplicates, output. */
import type { RunRecord } from "./record.js";
import type { LoadOptions } from "./options.js";
import { DuplicateGuard, DUPLICATE_MESSAGE, StringPool } from "./buildRecord.js";
import { ProblemSink, type LoadProblem } from "./problems.js";

export class LoadContext {
  readonly records: RunRecord[] = [];
  readonly guard = new DuplicateGuard();
  readonly pool = new StringPool();
  constructor(
    readonly options: LoadOptions,
    readonly sink: ProblemSink,
  ) {}

  /** Keep a record unless its (item, condition, sample) was already loaded. */
  add(record: RunRecord, place: Omit<LoadProblem, "message" | "value">): void {
    if (this.guard.isDuplicate(record)) {
      const value = record.sample === undefined
        ? { item: record.item, condition: record.condition }
        : { item: record.item, condition: record.condition, sample: record.sample };
      this.sink.report({ ...place, message: DUPLICATE_MESSAGE, value });
      return;
    }
    this.records.push(record);
  }
}
