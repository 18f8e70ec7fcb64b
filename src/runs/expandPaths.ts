/**
 * The paths `loadRuns` is given → the files it reads. A folder is walked recursively and a glob
 * (`logs/**\/*.eval`) is matched; both in natural order (run-2 before run-10), hidden files and
 * dot-folders left out. Files found this way that are not run files (lm-eval aggregates, HELM side
 * files, BIG-Bench-Hard metrics, READMEs, licences, images, code) are skipped with their reason;
 * a path named explicitly is always read, so a wrong file still gets its error.
 */
import { readdir, realpath, stat } from "node:fs/promises";
import { basename, extname, join, posix, resolve } from "node:path";
import { globToRegExp, hasGlobMagic, splitGlob } from "./glob.js";
import { HELM_STATS_FILE, helmCompanion } from "./loadHelm.js";

/** A file to read, and the folder or glob that found it (undefined when it was named explicitly). */
export interface FoundFile {
  file: string;
  from?: string;
}

/** A file found in a folder or by a glob and left out, with the reason in words. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** A folder or a glob given to `loadRuns`. */
export interface Source {
  source: string;
  kind: "folder" | "pattern";
  /** Files it found that an earlier path had already given (read once, under that path). */
  repeated: number;
}

export interface Expansion {
  files: FoundFile[];
  /** Files left out by name, each with the folder or glob that found it. */
  skipped: (SkippedFile & { from: string })[];
  /** The folders and globs among the paths (none when every path was a file). */
  sources: Source[];
}

const natural = new Intl.Collator("en", { numeric: true }).compare;

const DOCUMENT = /^(readme|licen[cs]e|copying|notice|authors|changelog|contributing)([._-]|$)/i;
const DOCUMENT_EXTENSIONS = new Set([".md", ".markdown", ".rst", ".license", ".licence", ".pdf", ".html", ".htm"]);
const IMAGE_EXTENSIONS = new Set([".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".tif", ".tiff", ".ico"]);
// Text that content detection would take for a CSV: skipped in folders, not when named.
const CODE_EXTENSIONS = new Set([
  ".py", ".ipynb", ".r", ".sh", ".js", ".mjs", ".cjs", ".ts", ".yaml", ".yml", ".toml", ".cfg", ".ini", ".css", ".lock",
]);

/**
 * Why a file found in a folder is not a run file, from its name alone, or undefined when it may be
 * one. `helmRun` says the folder holds a HELM per_instance_stats.json: only then is a `stats.json`
 * one of HELM's side files (elsewhere it is a common name, left to content detection).
 *
 * @example
 * skipReason("results_2025-10-14T14-44-39.372006.json"); // "lm-eval results: aggregates only (the samples_*.jsonl beside it are read)"
 */
export function skipReason(name: string, helmRun = false): string | undefined {
  const ext = extname(name).toLowerCase();
  if (/^results_.*\.json$/i.test(name)) return "lm-eval results: aggregates only (the samples_*.jsonl beside it are read)";
  if (helmRun && helmCompanion(name)) return `HELM side file (read with the ${HELM_STATS_FILE} beside it)`;
  if (/_eval_metrics\.jsonl?$/i.test(name)) return "BIG-Bench-Hard eval metrics: an aggregate accuracy, not per-item results";
  if (DOCUMENT.test(name) || DOCUMENT_EXTENSIONS.has(ext)) return "documentation or licence";
  if (IMAGE_EXTENSIONS.has(ext)) return "image";
  if (CODE_EXTENSIONS.has(ext)) return "code or configuration";
  return undefined;
}

/** Files below `dir` (relative paths, forward slashes) in natural order, hidden entries left out unless asked. */
async function walk(dir: string, depth: number, hidden: boolean): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = async (folder: string, prefix: string, left: number): Promise<void> => {
    // A symbolic link back up the tree would loop forever; each real folder is walked once.
    const real = await realpath(folder);
    if (seen.has(real)) return;
    seen.add(real);
    const entries = await readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => natural(a.name, b.name));
    for (const entry of entries) {
      if (!hidden && entry.name.startsWith(".")) continue;
      const path = join(folder, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(path).catch(() => undefined);
        isDir = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      const rel = prefix + entry.name;
      if (isDir && left > 1) await visit(path, `${rel}/`, left - 1);
      else if (isFile) out.push(rel);
    }
  };
  await visit(dir, "", depth);
  return out;
}

/** `base` + "/" + `rel`, written the way the user wrote `base`. */
function under(base: string, rel: string): string {
  if (base === "" || base === ".") return rel;
  return base.endsWith("/") ? base + rel : `${base}/${rel}`;
}

/** The path with forward slashes: on Windows "\\" separates folders; elsewhere it escapes a glob character. */
function forwardSlashes(path: string): string {
  return process.platform === "win32" ? path.replaceAll("\\", "/") : path;
}

/**
 * Expand the paths given to `loadRuns`: files as they are, folders walked, globs matched. A file
 * reached twice (named twice, or named and inside a folder given too) is read once.
 */
export async function expandPaths(paths: readonly string[]): Promise<Expansion> {
  const result: Expansion = { files: [], skipped: [], sources: [] };
  const taken = new Set<string>();
  /** Add a file unless an earlier path gave it already; false when it did. */
  const take = (file: string, from?: string): boolean => {
    const key = resolve(file);
    if (taken.has(key)) return false;
    taken.add(key);
    result.files.push(from === undefined ? { file } : { file, from });
    return true;
  };
  const found = (source: Source, rels: string[], base: string): void => {
    result.sources.push(source);
    const helmRuns = new Set(rels.filter((r) => posix.basename(r) === HELM_STATS_FILE).map((r) => posix.dirname(r)));
    for (const rel of rels) {
      const file = under(base, rel);
      const reason = skipReason(posix.basename(rel), helmRuns.has(posix.dirname(rel)));
      if (reason !== undefined) result.skipped.push({ file, reason, from: source.source });
      else if (!take(file, source.source)) source.repeated++;
    }
  };
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      found({ source: path, kind: "folder", repeated: 0 }, await walk(path, Infinity, false), path);
    } else if (info === undefined && hasGlobMagic(forwardSlashes(path))) {
      const { base, rest, depth, hidden } = splitGlob(forwardSlashes(path));
      const matcher = globToRegExp(rest);
      const start = base === "" ? "." : base;
      const isFolder = (await stat(start).catch(() => undefined))?.isDirectory() ?? false;
      const rels = isFolder ? (await walk(start, depth, hidden)).filter((r) => matcher.test(r)) : [];
      found({ source: path, kind: "pattern", repeated: 0 }, rels, base);
    } else {
      // A file, or a path that does not exist: read as named, so the loader reports it.
      take(path);
    }
  }
  return result;
}

/** The parts of a path, with forward slashes. */
function segmentsOf(file: string): string[] {
  return forwardSlashes(file).split("/").filter((s, i) => s !== "" || i === 0);
}

function stem(name: string): string {
  return basename(name, extname(name));
}

/**
 * A condition for each file from the parts of its path that differ between the files, for tables
 * that name no condition. Only when file names alone would merge files: when every file name is
 * different, the condition stays the file name (as for one file), so this returns undefined.
 * Folders common to all files at the start or the end are left out, and so is the file name when
 * it is the same everywhere: `a/direct/navigate.jsonl`, `a/cot/navigate.jsonl` → "direct", "cot".
 *
 * @example
 * differingPathParts(["bbh/direct/navigate.jsonl", "bbh/cot/navigate.jsonl"]); // Map { "bbh/direct/navigate.jsonl" => "direct", ... }
 */
export function differingPathParts(files: readonly string[]): Map<string, string> | undefined {
  if (files.length < 2) return undefined;
  const stems = files.map((f) => stem(basename(f)));
  if (new Set(stems).size === stems.length) return undefined;
  const split = files.map((f) => {
    const parts = segmentsOf(f);
    parts[parts.length - 1] = stem(parts[parts.length - 1]);
    return parts;
  });
  // Leading folders shared by all (never the last part, so each file keeps one).
  let lead = 0;
  while (split.every((p) => lead < p.length - 1 && p[lead] === split[0][lead])) lead++;
  let rests = split.map((p) => p.slice(lead));
  if (rests.every((r) => r.length === rests[0].length)) {
    // Same depth: keep the positions where the files differ.
    const keep = rests[0].map((_, i) => rests.some((r) => r[i] !== rests[0][i]));
    rests = rests.map((r) => r.filter((_, i) => keep[i]));
  } else {
    // Different depths: drop trailing parts shared by all, while each file keeps one part.
    while (rests.every((r) => r.length > 1 && r[r.length - 1] === rests[0][rests[0].length - 1])) rests = rests.map((r) => r.slice(0, -1));
  }
  let names = rests.map((r) => r.join("/"));
  // Two files that differ only by extension (run.csv, run.jsonl) keep it.
  if (new Set(names).size !== names.length) names = files.map((f) => segmentsOf(f).slice(lead).join("/"));
  return new Map(files.map((f, i) => [f, names[i]]));
}
