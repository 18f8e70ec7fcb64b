/**
 * `--scorer module`: a module whose default export (or export named `score`) is a function
 * (response, task) → score in [0, 1], possibly async. JavaScript modules load anywhere; a
 * TypeScript module loads under tsx, or through tsx's loader when evalgap runs on plain Node.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Scorer } from "./types.js";
import { importOptional } from "../optional.js";

/**
 * Import the scorer module and return its scoring function.
 *
 * @example typeof (await loadScorer("test/collect/fixtures/containsScorer.mjs")) // "function"
 */
export async function loadScorer(path: string): Promise<Scorer> {
  const url = pathToFileURL(resolve(path)).href;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (!/\.[cm]?tsx?$/.test(path) || code !== "ERR_UNKNOWN_FILE_EXTENSION") {
      throw new Error(`--scorer ${path} could not be loaded: ${(e as Error).message}`);
    }
    const tsx = await importOptional<{ tsImport: (p: string, parent: string) => Promise<unknown> }>("tsx/esm/api", `--scorer ${path}: a TypeScript scorer`);
    mod = (await tsx.tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
  const fn = typeof mod.default === "function" ? mod.default : mod.score;
  if (typeof fn !== "function") {
    throw new TypeError(`--scorer ${path} must export a function (default export or "score"), got ${typeof fn}`);
  }
  return fn as Scorer;
}
