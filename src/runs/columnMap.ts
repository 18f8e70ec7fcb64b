/**
 * Which column (CSV) or key (JSONL) holds which `RunRecord` field, and the "did you mean" for a
 * column that is not there.
 */

/** The `RunRecord` fields a table can fill, each mapped to a column name. */
export interface ColumnMap {
  item?: string;
  condition?: string;
  score?: string;
  sample?: string;
  cluster?: string;
  model?: string;
  answer?: string;
  target?: string;
  choices?: string;
  refused?: string;
  error?: string;
}

export type RecordField = keyof ColumnMap;

export const RECORD_FIELDS: readonly RecordField[] = [
  "item", "condition", "score", "sample", "cluster", "model", "answer", "target", "choices", "refused", "error",
];

/** Fields resolved to column positions (CSV) or keys (JSONL); absent fields are left out. */
export type ResolvedColumns<T> = Partial<Record<RecordField, T>>;

/**
 * Resolve each field to a header: the name given in `columns`, or else a header equal to the field's
 * own name ignoring case ("Score" fills `score`). Returns the resolved names and the names asked for
 * that are missing.
 */
export function resolveColumns(
  headers: readonly string[],
  columns: ColumnMap | undefined,
): { found: ResolvedColumns<string>; missing: { field: RecordField; name: string }[] } {
  const found: ResolvedColumns<string> = {};
  const missing: { field: RecordField; name: string }[] = [];
  const byLower = new Map<string, string>();
  for (const h of headers) if (!byLower.has(h.trim().toLowerCase())) byLower.set(h.trim().toLowerCase(), h);
  for (const field of RECORD_FIELDS) {
    const asked = columns?.[field];
    if (asked !== undefined) {
      if (headers.includes(asked)) found[field] = asked;
      else {
        // Forgive surrounding spaces and case, which spreadsheets add freely.
        const loose = byLower.get(asked.trim().toLowerCase());
        if (loose !== undefined) found[field] = loose;
        else missing.push({ field, name: asked });
      }
    } else {
      const own = byLower.get(field);
      if (own !== undefined) found[field] = own;
    }
  }
  return { found, missing };
}

/**
 * The largest edit distance at which a name is still offered as "did you mean": a third of the
 * name's length, at least 1. Farther than that a suggestion is a guess that misleads.
 */
export function suggestionDistance(name: string): number {
  return Math.max(1, Math.floor(name.length / 3));
}

/**
 * The header closest to `name` (edit distance ignoring case), for "did you mean"; undefined when
 * none is within `suggestionDistance(name)`.
 */
export function closestName(name: string, headers: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = suggestionDistance(name) + 1;
  const target = name.trim().toLowerCase();
  for (const h of headers) {
    const d = editDistance(target, h.trim().toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = h;
    }
  }
  return best;
}

/**
 * "; closest: x" for a message, or "" when no name is close enough to offer.
 *
 * @example closestHint("mach", ["match", "accuracy"]) // "; closest: match"
 */
export function closestHint(name: string, names: readonly string[], show: (name: string) => string = (n) => n): string {
  const closest = closestName(name, names);
  return closest === undefined ? "" : `; closest: ${show(closest)}`;
}

/**
 * Damerau–Levenshtein distance (the optimal string alignment form): insertions, deletions,
 * substitutions and swaps of two neighbouring characters each cost 1, so "socre" is 1 from "score".
 */
export function editDistance(a: string, b: string): number {
  // Rows i − 2, i − 1 and i of the table: the swap looks two rows back.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/** "missing column "Problem Id" (for item); columns present: a, b; closest: "Problem ID"" (the closest only when it is close). */
export function missingColumnMessage(field: RecordField, name: string, headers: readonly string[]): string {
  const shown = headers.map((h) => JSON.stringify(h)).join(", ");
  return `missing required column ${JSON.stringify(name)} (for ${field}); columns present: ${shown}${closestHint(name, headers, JSON.stringify)}`;
}
