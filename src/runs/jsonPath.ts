/**
 * Dotted paths into parsed JSON (`metadata.subject`, `doc.choices.0`), for options that name a
 * field inside a row, a sample or a document rather than a top-level column.
 */
import { closestHint } from "./columnMap.js";

/**
 * The value at a dotted path, or undefined when any step is missing. A key that itself contains
 * dots is found first as a whole (CSV headers and JSON keys like "score.v2").
 *
 * @example valueAtPath({ metadata: { subject: "law" } }, "metadata.subject") // "law"
 */
export function valueAtPath(value: unknown, path: string): unknown {
  if (value === null || typeof value !== "object") return undefined;
  const object = value as Record<string, unknown>;
  if (path in object) return object[path];
  const dot = path.indexOf(".");
  if (dot < 0) return undefined;
  // Try the longest key prefix first, so "a.b.c" finds key "a.b" before key "a".
  for (let cut = path.lastIndexOf("."); cut > 0; cut = path.lastIndexOf(".", cut - 1)) {
    const head = path.slice(0, cut);
    if (head in object) return valueAtPath(object[head], path.slice(cut + 1));
  }
  return undefined;
}

/** The keys present at the deepest step of `path` that exists, for "did you mean" messages. */
export function keysNearPath(value: unknown, path: string): string[] {
  const steps = path.split(".");
  let current = value;
  const prefix: string[] = [];
  for (const step of steps) {
    if (current === null || typeof current !== "object") break;
    const object = current as Record<string, unknown>;
    if (!(step in object)) return Object.keys(object).map((k) => [...prefix, k].join("."));
    prefix.push(step);
    current = object[step];
  }
  return [];
}

/**
 * The text at a dotted path (for `itemKey`, `clusterKey`), or a problem naming the option, the
 * path and the keys near it. `where` names what was searched ("sample", "line").
 *
 * @example textAtPath({ doc: { id: 7 } }, "doc.id", "itemKey", "line") // { text: "7" }
 */
export function textAtPath(value: unknown, path: string, option: string, where: string): { text: string } | { message: string; value?: unknown } {
  const found = valueAtPath(value, path);
  if (found === undefined) {
    const near = keysNearPath(value, path);
    const keys = near.length ? `; keys near it: ${near.slice(0, 16).join(", ")}${near.length > 16 ? ", ..." : ""}${closestHint(path, near)}` : "";
    return { message: `${option} ${JSON.stringify(path)} is not in the ${where}${keys}`, value: path };
  }
  if (typeof found === "number" || typeof found === "boolean" || (typeof found === "string" && found.trim() !== "")) return { text: String(found) };
  return { message: `${option} ${JSON.stringify(path)} is not a non-empty string or number`, value: found };
}
