/**
 * Item keys for tables without an item column: a column or dotted path, the row number, or the
 * input text with the prompt every row of the file shares cut off, so that a few-shot run and a
 * chain-of-thought run of the same questions pair on the question text.
 */
import { valueAtPath, keysNearPath } from "./jsonPath.js";
import { closestHint } from "./columnMap.js";

/** Where a table's item key comes from. */
export type ItemSource =
  | { kind: "column"; column: string }
  | { kind: "path"; path: string }
  | { kind: "row" }
  | { kind: "input"; column: string };

/** Where a field named by a column or a dotted JSON path comes from. */
export type FieldSource = { kind: "column"; column: string } | { kind: "path"; path: string };

/**
 * A column (any case) or, in JSON rows, a dotted path; an error message when it is neither.
 * `what` is "column" or "key", `option` the option and flag that named it.
 */
export function fieldSource(name: string, headers: readonly string[], objectRows: boolean, option: string, what: string): FieldSource | { error: string } {
  if (headers.includes(name)) return { kind: "column", column: name };
  const loose = headers.find((h) => h.trim().toLowerCase() === name.trim().toLowerCase());
  if (loose !== undefined) return { kind: "column", column: loose };
  const head = name.split(".")[0];
  if (objectRows && name.includes(".") && headers.includes(head)) return { kind: "path", path: name };
  const shown = headers.map((h) => JSON.stringify(h)).join(", ");
  return { error: `${option} ${JSON.stringify(name)} is not a ${what} of this file; ${what}s present: ${shown}${closestHint(name, headers, JSON.stringify)}` };
}

/**
 * The item source the options ask for: `itemKey` ("row", "input", a column or a dotted path),
 * else the column `found` for item (from `columns.item` or a header named "item"). An error says
 * what to pass when there is none.
 */
export function itemSource(
  itemKey: string | undefined,
  itemColumn: string | undefined,
  headers: readonly string[],
  objectRows: boolean,
  what: string,
): ItemSource | { error: string } {
  if (itemKey === undefined) {
    if (itemColumn !== undefined) return { kind: "column", column: itemColumn };
    const shown = headers.map((h) => JSON.stringify(h)).join(", ");
    const input = headers.find((h) => h.toLowerCase() === "input");
    const derived = input !== undefined
      ? `--item input (the "${input}" text without the prompt all rows share) or --item row (the row number)`
      : "--item row (the row number)";
    return {
      error: `no item ${what}: no ${what} is named "item" and none was given; ${what}s present: ${shown}; ` +
        `name it with --item COLUMN (option itemKey, or columns.item), or key items by ${derived}`,
    };
  }
  if (itemKey === "row") return { kind: "row" };
  if (itemKey === "input") {
    const input = headers.find((h) => h.toLowerCase() === "input");
    if (input === undefined) {
      return { error: `itemKey "input" keys items by the input text, and this file has no "input" ${what}; ${what}s present: ${headers.map((h) => JSON.stringify(h)).join(", ")}` };
    }
    return { kind: "input", column: input };
  }
  return fieldSource(itemKey, headers, objectRows, "itemKey", what);
}

/** The value of a dotted path in a row, or a message naming the keys there when it is missing. */
export function pathValue(row: unknown, path: string, option: string): { value: unknown } | { error: string } {
  const value = valueAtPath(row, path);
  if (value !== undefined) return { value };
  const near = keysNearPath(row, path);
  return { error: `${option} ${JSON.stringify(path)} is not in this row${near.length ? `; keys there: ${near.slice(0, 12).join(", ")}${closestHint(path, near)}` : ""}` };
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2028 || code === 0x2029;
}

/**
 * The lengths of the longest prefix and suffix every text shares, each cut back to a whitespace
 * boundary so that a word the texts happen to share at the start or end of the question is kept
 * whole. With fewer than two texts nothing is shared. The suffix is taken from what the prefix
 * leaves, so the two never overlap.
 *
 * @example sharedAffixes(["Q: 1+1?\nA:", "Q: 2+3?\nA:"]) // { prefix: 3, suffix: 3 }
 */
export function sharedAffixes(texts: readonly string[]): { prefix: number; suffix: number } {
  if (texts.length < 2) return { prefix: 0, suffix: 0 };
  let shortest = Infinity;
  for (const t of texts) shortest = Math.min(shortest, t.length);
  const first = texts[0];
  let prefix = 0;
  while (prefix < shortest && texts.every((t) => t.charCodeAt(prefix) === first.charCodeAt(prefix))) prefix++;
  // Shortened until it ends with whitespace, so no question loses the start of its first word.
  if (prefix < shortest) {
    while (prefix > 0 && !isSpace(first.charCodeAt(prefix - 1))) prefix--;
  }
  const room = shortest - prefix;
  let suffix = 0;
  const at = (t: string, k: number): number => t.charCodeAt(t.length - 1 - k);
  while (suffix < room && texts.every((t) => at(t, suffix) === at(first, suffix))) suffix++;
  // Shortened until it begins with whitespace, so no question loses the end of its last word.
  if (suffix > 0 && suffix < room && !isSpace(at(first, suffix - 1))) {
    while (suffix > 0 && !isSpace(at(first, suffix - 1))) suffix--;
  }
  return { prefix, suffix };
}
