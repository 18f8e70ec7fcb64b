/**
 * `evalgap/paper` (src/paper/index.ts): it exports every story `npm run paper` builds, each story
 * builds from data/ with uniquely named figures marked "simulated" exactly when drawn from
 * generated data, and every name a notebook imports from "evalgap", "evalgap/figures" or
 * "evalgap/paper" is exported there (a renamed helper would otherwise break a notebook only when it runs).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as paper from "../../src/paper/index.js";
import { stories as registered } from "../../src/paper/registry.js";
import { titleText } from "./storyText.js";

const root = resolve(import.meta.dirname, "..", "..");
const built: paper.NotebookStory[] = [];

beforeAll(async () => {
  for (const s of registered) built.push(await s.build({ dataDir: join(root, "data") }));
});

/** Every `import { … } from "evalgap…"` in a notebook's code cells: the module and the names (types left out). */
function notebookImports(file: string): { module: string; names: string[] }[] {
  const notebook = JSON.parse(readFileSync(join(root, "notebooks", file), "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
  const code = notebook.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source)).join("\n");
  return [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*"(evalgap(?:\/[a-z]+)?)"/g)].map((m) => ({
    module: m[2],
    names: m[1]
      .split(",")
      .map((n) => n.trim())
      .filter((n) => n !== "" && !n.startsWith("type "))
      .map((n) => n.split(/\s+as\s+/)[0]),
  }));
}

describe("evalgap/paper", () => {
  it("exports each notebook's story, the same builders npm run paper runs, in notebook order", () => {
    const exported = [paper.notebook01Story, paper.notebook02Story, paper.notebook03Story, paper.notebook04Story, paper.notebook05Story, paper.notebook06Story, paper.notebook07Story];
    expect(exported).toEqual([...registered]);
    expect(registered.map((s) => s.notebook)).toEqual(
      readdirSync(join(root, "notebooks")).filter((f) => /^0[1-9].*\.ipynb$/.test(f)).map((f) => f.replace(/\.ipynb$/, "")),
    );
  });

  it("every story names its figures uniquely, after its notebook, and marks exactly the simulated ones", () => {
    const names = built.flatMap((s) => s.figures.map((f) => f.name));
    expect(new Set(names).size).toBe(names.length);
    for (const story of built) {
      expect(story.verdicts.length, story.notebook).toBeGreaterThan(0);
      for (const f of story.figures) {
        expect(f.name.startsWith(story.notebook.slice(0, 3)), f.name).toBe(true);
        expect(f.figure.data.length, f.name).toBeGreaterThan(0);
        expect(/simulated/i.test(titleText(story, f.name)), f.name).toBe(f.simulated);
      }
    }
  });

  it("exports every name the notebooks import from evalgap, evalgap/figures and evalgap/paper", async () => {
    const modules: Record<string, Record<string, unknown>> = {
      evalgap: await import("../../src/index.js"),
      "evalgap/figures": await import("../../src/figures/index.js"),
      "evalgap/paper": paper,
    };
    let checked = 0;
    for (const file of readdirSync(join(root, "notebooks")).filter((f) => f.endsWith(".ipynb"))) {
      for (const { module, names } of notebookImports(file)) {
        expect(modules[module], `${file} imports from ${module}`).toBeDefined();
        for (const name of names) {
          expect(name in modules[module], `${file}: ${name} from "${module}"`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("spells module constants in camelCase", () => {
    const shouting = Object.keys(paper).filter((name) => /^[A-Z0-9_]+$/.test(name));
    expect(shouting).toEqual([]);
  });
});
