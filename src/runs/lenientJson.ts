/**
 * JSON as Python writes it: Python's `json.dumps` emits bare `NaN`, `Infinity` and `-Infinity`,
 * which `JSON.parse` rejects. Inspect logs carry them (e.g. a metric over zero samples).
 */

/**
 * Parse JSON, accepting bare NaN/Infinity/-Infinity tokens outside strings. They become the strings
 * "NaN", "Infinity", "-Infinity", so a score of NaN is reported with its value instead of vanishing.
 *
 * @example
 * parseLenientJson('{"value": NaN}'); // { value: "NaN" }
 */
export function parseLenientJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!/NaN|Infinity/.test(text)) throw error;
    return JSON.parse(quoteBareTokens(text));
  }
}

/** Wrap bare NaN/Infinity tokens (outside string literals) in quotes. */
export function quoteBareTokens(text: string): string {
  let out = "";
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    for (const token of ["-Infinity", "Infinity", "NaN"]) {
      if (text.startsWith(token, i)) {
        out += `${text.slice(from, i)}"${token}"`;
        i += token.length - 1;
        from = i + 1;
        break;
      }
    }
  }
  return out + text.slice(from);
}

/** The 1-based line of a `JSON.parse` error, from the "position N" in its message, if it gives one. */
export function lineOfParseError(text: string, error: unknown): number | undefined {
  const m = /position (\d+)/.exec(error instanceof Error ? error.message : "");
  if (!m) return undefined;
  const position = Math.min(Number(m[1]), text.length);
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < position; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
