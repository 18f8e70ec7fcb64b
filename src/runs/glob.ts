/**
 * A small glob matcher for the paths `loadRuns` takes (`logs/**\/*.eval`, `runs/*.jsonl`): Node 20
 * has no `fs.glob`. Supported: `*` (any characters within one folder name), `?` (one character),
 * `**` as a whole segment (any number of folders, none included), `{a,b}` (alternatives, nestable),
 * and `\` to take the next character literally. Wildcards never match a name that starts with a
 * dot, as in a shell: hidden files and folders are reached only by a pattern that names the dot.
 * Forward slashes separate folders.
 */

const MAGIC = new Set(["*", "?", "{"]);

/** True when `text` holds an unescaped `*`, `?` or `{`: it is a pattern, not a plain path. */
export function hasGlobMagic(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (MAGIC.has(text[i])) return true;
  }
  return false;
}

/** Split at "/" outside braces, so `{a/b,c}` stays one piece. */
function splitSegments(pattern: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}" && depth > 0) depth--;
    else if (c === "/" && depth === 0) {
      out.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  out.push(pattern.slice(start));
  return out;
}

function escapeRegExp(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** The index of the brace closing the one at `open`, or -1 when it is never closed. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return -1;
}

/** Split the inside of a brace at its top-level commas. */
function alternatives(inside: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inside.length; i++) {
    const c = inside[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (c === "," && depth === 0) {
      out.push(inside.slice(start, i));
      start = i + 1;
    }
  }
  out.push(inside.slice(start));
  return out;
}

/** One segment (or a brace alternative) as regular-expression source. */
function segmentSource(text: string, pattern: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      if (i + 1 < text.length) out += escapeRegExp(text[++i]);
    } else if (c === "*") {
      while (text[i + 1] === "*") i++; // "a**b" inside a name is one "*"
      out += "[^/]*";
    } else if (c === "?") {
      out += "[^/]";
    } else if (c === "{") {
      const close = closingBrace(text, i);
      if (close < 0) throw new RangeError(`glob pattern has an unclosed "{" (value: ${JSON.stringify(pattern)})`);
      const alts = alternatives(text.slice(i + 1, close));
      out += `(?:${alts.map((a) => globSource(a, pattern)).join("|")})`;
      i = close;
    } else {
      out += escapeRegExp(c);
    }
  }
  // A wildcard at the start of a name does not match a leading dot.
  return text[0] === "*" || text[0] === "?" ? `(?!\\.)${out}` : out;
}

/** A relative pattern (may contain "/" and "**") as regular-expression source. */
function globSource(pattern: string, whole: string): string {
  const segments = splitSegments(pattern);
  let out = "";
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === "**") {
      // Zero or more folders not starting with a dot; at the end, at least one name.
      out += last ? "(?!\\.)[^/]*(?:/(?!\\.)[^/]*)*" : "(?:(?!\\.)[^/]*/)*";
    } else {
      out += segmentSource(segment, whole) + (last ? "" : "/");
    }
  });
  return out;
}

/**
 * The regular expression a relative glob pattern stands for, matched against a whole relative path
 * with forward slashes.
 *
 * @example
 * globToRegExp("**\/*.{eval,json}").test("logs/a/run.eval"); // true
 */
export function globToRegExp(pattern: string): RegExp {
  if (typeof pattern !== "string" || pattern === "") throw new TypeError(`glob pattern must be a non-empty string (value: ${JSON.stringify(pattern)})`);
  return new RegExp(`^${globSource(pattern, pattern)}$`);
}

/** A pattern split into the folder to start from and the part to match below it. */
export interface GlobParts {
  /** The leading folders without wildcards ("" for the current folder, "/" for the root). */
  base: string;
  /** The rest, relative to `base`. */
  rest: string;
  /** How many folders deep below `base` a match can be (Infinity with `**`). */
  depth: number;
  /** Whether the pattern names a dot-file or dot-folder itself, so hidden entries must be walked. */
  hidden: boolean;
}

/**
 * Where a glob starts and what it matches below that folder.
 *
 * @example
 * splitGlob("logs/**\/*.eval").base; // "logs"
 */
export function splitGlob(pattern: string): GlobParts {
  const segments = splitSegments(pattern);
  let fixed = 0;
  while (fixed < segments.length - 1 && !hasGlobMagic(segments[fixed])) fixed++;
  const baseSegments = segments.slice(0, fixed);
  const base = baseSegments.length === 1 && baseSegments[0] === "" ? "/" : baseSegments.join("/");
  const restSegments = segments.slice(fixed);
  const deep = restSegments.some((s) => s === "**" || (s.includes("{") && s.includes("/")));
  return {
    base,
    rest: restSegments.join("/"),
    depth: deep ? Infinity : restSegments.length,
    hidden: restSegments.some((s) => s.startsWith(".")),
  };
}
