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

/** The header closest to `name` (Levenshtein distance, ignoring case), for "did you mean". */
export function closestName(name: string, headers: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const target = name.toLowerCase();
  for (const h of headers) {
    const d = editDistance(target, h.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = h;
    }
  }
  return best;
}

/** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost));
    }
    previous = current;
  }
  return previous[b.length];
}

/** "missing column "Problem Id" (for item); columns present: a, b; closest: "Problem ID"". */
export function missingColumnMessage(field: RecordField, name: string, headers: readonly string[]): string {
  const closest = closestName(name, headers);
  const shown = headers.map((h) => JSON.stringify(h)).join(", ");
  return `missing required column ${JSON.stringify(name)} (for ${field}); columns present: ${shown}` +
    (closest !== undefined ? `; closest: ${JSON.stringify(closest)}` : "");
}
