import { execFileSync } from "node:child_process";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importCycles, importGraph, staticClosure } from "./helpers/importGraph.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const { files, edges } = importGraph(src);

/**
 * The layers of docs/architecture.md, bottom first: a file may import its own folder and the layers
 * below it, never a layer above or a peer on its own level (figures and collect do not know each
 * other). src/optional.ts is a leaf every layer may use; src/index.ts is the public entry.
 */
const LAYER: Record<string, number> = { stats: 1, runs: 2, analysis: 3, figures: 4, collect: 4, tasks: 4, paper: 5, cli: 6 };

function layerOf(file: string): { folder: string; level: number } {
  const folder = file.includes("/") ? file.split("/")[0] : file;
  if (folder === "optional.ts") return { folder, level: 0 };
  if (folder === "index.ts") return { folder, level: 99 };
  if (!(folder in LAYER)) throw new Error(`src/${file}: folder ${folder} has no layer; add it to LAYER and docs/architecture.md`);
  return { folder, level: LAYER[folder] };
}

describe("the import graph of src/", () => {
  it("has no cycle (Tarjan's strongly connected components, type-only and lazy imports included)", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(importCycles(files, edges)).toEqual([]);
  });

  it("imports downward only: stats < runs < analysis < figures, collect, tasks < paper < cli", () => {
    const upward = edges
      .filter((e) => {
        const a = layerOf(e.from);
        const b = layerOf(e.to);
        return a.folder !== b.folder && b.level >= a.level;
      })
      .map((e) => `${e.from} -> ${e.to}`);
    expect(upward).toEqual([]);
  });

  it("every import points at a file that exists", () => {
    const known = new Set(files);
    expect(edges.filter((e) => !known.has(e.to)).map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("the main entry reaches only stats, runs and analysis (static imports)", () => {
    const reached = [...staticClosure("index.ts", edges)].filter((f) => f !== "index.ts" && f !== "optional.ts");
    const folders = new Set(reached.map((f) => layerOf(f).folder));
    expect([...folders].sort()).toEqual(["analysis", "runs", "stats"]);
  });
});

describe('import { binomialTest } from "evalgap"', () => {
  // Run in a child process with a loader hook that records every module Node loads.
  const loaded = JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", join(root, "test/helpers/countLoads.mjs"), join(src, "index.ts"), "binomialTest"], {
      cwd: root,
      encoding: "utf8",
    }),
  ) as string[];
  const ours = loaded.filter((u) => u.startsWith("file://") && !u.includes("/node_modules/")).map((u) => relative(src, fileURLToPath(u)));
  const packages = [...new Set(loaded.filter((u) => u.includes("/node_modules/")).map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)![1]))];

  it("loads no figures, collect, paper or cli code", () => {
    expect(ours.filter((f) => /^(figures|collect|paper|cli|tasks)\//.test(f))).toEqual([]);
    expect(ours).toContain("stats/binomialTest.ts");
  });

  it("loads no browser driver, plotly, notebook kernel, danfojs, DuckDB or the Anthropic SDK", () => {
    const heavy = packages.filter((p) => /^(playwright-core|plotly\.js-dist-min|tslab|danfojs-node|@tensorflow\/|@duckdb\/|@anthropic-ai\/sdk)/.test(p));
    expect(heavy).toEqual([]);
  });

  it("loads fewer than half of the project's modules", () => {
    // The count is printed so a change that drags in a layer shows up in the test log.
    console.log(`evalgap main entry: ${ours.length} project modules, ${packages.length} packages (${packages.join(", ")})`);
    expect(ours.length).toBeLessThan(files.length / 2);
  });
});
