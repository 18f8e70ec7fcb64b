/**
 * Two files that answer the same items under the same condition. Files that share a condition
 * with different items are one condition by design (the subtask files of one lm-eval run, a run
 * saved in parts) and say nothing. When an (item, condition) comes from two files, either as the
 * same sample (a duplicate, which is a problem) or as different samples (kept, read as repeats),
 * the user most likely meant two settings that happen to share a name, so a note names both files.
 */
import { dirname } from "node:path";
import type { RunRecord } from "./record.js";
import { RunLoadError, type LoadProblem } from "./problems.js";
import { DUPLICATE_MESSAGE } from "./buildRecord.js";

interface Shared {
  first: number;
  second: number;
  condition: string;
  items: Set<string>;
}

/** How to give the two files different conditions: by their folders when those differ, else by their names. */
function hint(a: string, b: string): string {
  const byFolder = dirname(a) !== dirname(b) ? " (e.g. /(?<condition>[^/]+)\\/[^/]+$/ takes the folder)" : " (a group over the part of the file names that differs)";
  return `tell them apart with conditionPattern${byFolder} or condition`;
}

/** The duplicate message when the first answer of its kind came from another file (`other`), which says how to tell the files apart. */
export function duplicateAcrossFiles(other: string, file: string, condition: string): string {
  return `${DUPLICATE_MESSAGE}, from ${other} too: both files land in condition ${JSON.stringify(condition)}; ${hint(other, file)}`;
}

export class FileOverlap {
  /** condition → item → index of the first file that gave it. */
  private readonly owner = new Map<string, Map<string, number>>();
  private readonly files: string[] = [];
  private readonly shared = new Map<string, Shared>();

  /** Take in one file's records (from `start`) and the duplicates reported while it was read. */
  add(file: string, records: readonly RunRecord[], start: number, problems: readonly LoadProblem[], problemsStart: number): void {
    const index = this.files.push(file) - 1;
    for (let i = start; i < records.length; i++) this.meet(records[i].condition, records[i].item, index);
    for (let i = problemsStart; i < problems.length; i++) {
      const key = duplicateKey(problems[i]);
      if (key) this.meet(key.condition, key.item, index);
    }
  }

  /**
   * The strict-mode duplicate error, naming the other file when the answer came from one: "file B,
   * line 3: duplicate …, also in file A: both files land in condition "x"; tell them apart …".
   */
  explain(error: unknown): unknown {
    if (!(error instanceof RunLoadError)) return error;
    const key = duplicateKey(error.problem);
    const first = key === undefined ? undefined : this.owner.get(key.condition)?.get(key.item);
    if (key === undefined || first === undefined) return error;
    const message = duplicateAcrossFiles(this.files[first], error.problem.file, key.condition);
    return new RunLoadError({ ...error.problem, message });
  }

  /** One note per pair of files and condition that share items. */
  notes(): string[] {
    return [...this.shared.values()].map(({ first, second, condition, items }) => {
      const example = items.values().next().value as string;
      const count = items.size === 1 ? "1 item" : `${items.size} items`;
      const [a, b] = [this.files[first], this.files[second]];
      return `${a} and ${b} both answer ${count} under condition ${JSON.stringify(condition)} (e.g. item ${JSON.stringify(example)}), read as one condition; if they are different settings, ${hint(a, b)}`;
    });
  }

  private meet(condition: string, item: string, index: number): void {
    let items = this.owner.get(condition);
    if (items === undefined) {
      items = new Map();
      this.owner.set(condition, items);
    }
    const first = items.get(item);
    if (first === undefined) {
      items.set(item, index);
      return;
    }
    if (first === index) return;
    const key = `${first}\u0000${index}\u0000${condition}`;
    let entry = this.shared.get(key);
    if (entry === undefined) {
      entry = { first, second: index, condition, items: new Set() };
      this.shared.set(key, entry);
    }
    entry.items.add(item);
  }
}

/** The (item, condition) of a duplicate problem, as `LoadContext.add` reports it. */
function duplicateKey(problem: LoadProblem): { item: string; condition: string } | undefined {
  if (problem.message !== DUPLICATE_MESSAGE) return undefined;
  const value = problem.value as { item?: unknown; condition?: unknown } | undefined;
  return typeof value?.item === "string" && typeof value.condition === "string" ? { item: value.item, condition: value.condition } : undefined;
}
