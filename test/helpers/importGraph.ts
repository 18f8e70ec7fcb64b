/**
 * The import graph of src/, read from the source text: every relative `import … from`, `export … from`
 * and `import("…")` (type-only imports included, because a type import is still a dependency of the
 * design even when it vanishes from the JavaScript).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export interface ImportEdge {
  from: string;
  to: string;
  /** `import("…")`: loaded only when the code that holds it runs. */
  dynamic: boolean;
  /** `import type` / `export type`: erased from the JavaScript, so never loaded. */
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

const STATIC = /(?:^|\n)\s*((?:import|export)\s[^;]*?)\sfrom\s*"([^"]+)"/g;
const SIDE_EFFECT = /(?:^|\n)\s*import\s*"([^"]+)"/g;
const DYNAMIC = /\bimport\(\s*"([^"]+)"\s*\)/g;

/** Every file under `srcDir` (paths relative to it, e.g. "analysis/summarize.ts") and its relative imports. */
export function importGraph(srcDir: string): { files: string[]; edges: ImportEdge[] } {
  const files = sourceFiles(srcDir).map((f) => relative(srcDir, f));
  const edges: ImportEdge[] = [];
  for (const file of files) {
    // Comments may quote import lines (doc examples); drop them before matching.
    const text = readFileSync(join(srcDir, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
    const add = (spec: string, dynamic: boolean, typeOnly = false) => {
      if (!spec.startsWith(".")) return;
      const target = relative(srcDir, resolve(srcDir, dirname(file), spec)).replace(/\.js$/, ".ts");
      edges.push({ from: file, to: target, dynamic, typeOnly });
    };
    for (const m of text.matchAll(STATIC)) add(m[2], false, /^(?:import|export)\s+type\s/.test(m[1]));
    for (const m of text.matchAll(SIDE_EFFECT)) add(m[1], false);
    for (const m of text.matchAll(DYNAMIC)) add(m[1], true);
  }
  return { files, edges };
}

/** Strongly connected components with more than one file, or a file that imports itself (Tarjan). */
export function importCycles(files: string[], edges: ImportEdge[]): string[][] {
  const next = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const e of edges) next.get(e.from)?.push(e.to);
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return cycles;
}

/** The files reachable from `entry` through static imports: what importing it loads. */
export function staticClosure(entry: string, edges: ImportEdge[]): Set<string> {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    for (const e of edges) {
      if (e.from === file && !e.dynamic && !e.typeOnly && !seen.has(e.to)) {
        seen.add(e.to);
        queue.push(e.to);
      }
    }
  }
  return seen;
}
