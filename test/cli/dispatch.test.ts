/** The `evalgap` dispatcher (src/cli/dispatch.ts) and its entry (src/cli/main.ts): exit codes, help, and what loads at start. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { expectClose } from "../helpers/close.js";
import { fx } from "../analysis/fixture.js";
import { cli, inProcess, realFiles, realFlags, root } from "./helpers.js";

describe("evalgap as a child process", () => {
  it("chance --successes 510 --trials 1000 prints the verdict and exits 0", async () => {
    const r = await cli(["chance", "--successes", "510", "--trials", "1000"]);
    expect(r.code).toBe(0);
    // The sentence's wording belongs to src/analysis/sentences.ts; here only that it is printed, with its numbers.
    expect(r.stdout).toMatch(/^51\.0% \(510 of 1,000 items; 95% CI 47\.9–54\.1%\) does not beat chance \(50%, uniform[^)]*\): one-sided exact p = 0\.27\./m);
    expect(r.stdout).toMatch(/^p-value\s+0\.27$/m);
  });

  it("compare on the real temperature runs, as JSON, matches R", async () => {
    const r = await cli(["compare", ...realFiles, ...realFlags, "--baseline", "0.0", "--treatment", "1.0", "--json"]);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    const f = { ...fx.realTemperature, ...fx.realTemperatureMover };
    expect(c).toMatchObject({ paired: true, items: f.items, method: "paired-mover-korn-graubard" });
    for (const k of ["estimate", "lower", "upper", "correlation"] as const) expectClose(c[k], f[k], `${fx.realTemperatureMover.call} ${k}`);
    expect(Math.abs(c.pValue - f.pValue)).toBeLessThan(1e-9);
  });

  it("bad input exits 2 with one line naming the problem", async () => {
    const r = await cli(["chance", "--successes", "11", "--trials", "10"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim()).toBe("evalgap chance: successes (11) must not exceed trials (10)");
  });
});

describe("dispatch", () => {
  it("--help everywhere exits 0", async () => {
    for (const args of [["--help"], ["summarize", "--help"], ["chance", "-h"], ["compare", "--help"], ["plan", "--help"], ["report", "--help"], ["run", "--help"]]) {
      const r = await inProcess(args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.out).toMatch(/^evalgap/);
    }
  });

  it("help <command> shows that command's help, not the main one", async () => {
    const r = await inProcess(["help", "plan"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^evalgap plan — how many items/);
    expect(await inProcess(["help", "plna"])).toMatchObject({ code: 2, err: 'evalgap: unknown command "plna"; commands: summarize, chance, compare, plan, report, monitor, run, task, convert, sql\n' });
  });

  it("--version with something after it is an error, not ignored", async () => {
    expect(await inProcess(["--version"])).toMatchObject({ code: 0, out: "evalgap 0.1.0\n" });
    expect(await inProcess(["--version", "plan"])).toMatchObject({ code: 2, err: 'evalgap: --version takes nothing after it, got "plan"\n' });
  });

  it("no command prints the help and exits 2; an unknown one names it", async () => {
    expect((await inProcess([])).code).toBe(2);
    const r = await inProcess(["sumarize"]);
    expect(r).toMatchObject({ code: 2 });
    expect(r.err).toBe('evalgap: unknown command "sumarize"; commands: summarize, chance, compare, plan, report, monitor, run, task, convert, sql\n');
  });

  it("run gets the caller's Io like every command (its messages are captured, not written to the process)", async () => {
    const r = await inProcess(["run", "--tasks", "t.jsonl"]);
    expect(r).toMatchObject({ code: 2, out: "", err: "evalgap run: missing --conditions, --samples, --out\n" });
  });
});

/** Every relative import of a file: static, type-only and dynamic `import("…")`, as paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:^\s*(?:import|export)\s[^;]*?from\s+|import\(\s*)"(\.[^"]+)"/gm)].map((m) => m[1]);
  return specs.map((s) => resolve(dirname(file), s.replace(/\.js$/, ".ts")));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("import graph", () => {
  const src = join(root, "src");
  const cliDir = join(src, "cli");

  it("no cycle runs through src/cli (type imports and lazy imports included)", () => {
    const graph = new Map(sourceFiles(src).map((f) => [f, importsOf(f)]));
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, stack: string[]): void => {
      state.set(file, "open");
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(src, f)).join(" → "));
        else if (!state.has(next)) visit(next, stack);
      }
      stack.pop();
      state.set(file, "done");
    };
    for (const file of graph.keys()) if (file.startsWith(cliDir) && !state.has(file)) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("nothing outside src/cli imports from it (cli is the top layer)", () => {
    const upward = sourceFiles(src)
      .filter((f) => !f.startsWith(cliDir))
      .flatMap((f) => importsOf(f).filter((d) => d.startsWith(cliDir)).map((d) => `${relative(src, f)} → ${relative(src, d)}`));
    expect(upward).toEqual([]);
  });
});

describe("startup path", () => {
  /** Every module the CLI loads statically (type-only imports are erased), following relative imports from an entry. */
  function staticImports(entry: string, seen = new Set<string>()): Set<string> {
    if (seen.has(entry)) return seen;
    seen.add(entry);
    const text = readFileSync(entry, "utf8");
    for (const m of text.matchAll(/^\s*(?:import|export)\s(?!type\s)[^;]*?from\s+"([^"]+)"/gm)) {
      const spec = m[1];
      if (spec.startsWith(".")) staticImports(resolve(dirname(entry), spec.replace(/\.js$/, ".ts")), seen);
      else seen.add(spec);
    }
    return seen;
  }

  it("neither danfojs, playwright nor the Anthropic SDK is on any command's import path", () => {
    const entries = ["main", "dispatch", "io", "summarizeCommand", "chanceCommand", "compareCommand", "planCommand", "runCommand"].map((f) => join(root, "src/cli", `${f}.ts`));
    const all = new Set<string>();
    for (const e of entries) for (const m of staticImports(e)) all.add(m);
    const heavy = [...all].filter((m) => /danfo|playwright|plotly|tensorflow|anthropic/.test(m));
    expect(heavy).toEqual([]);
    expect(all.has(join(root, "src/analysis/compareConditions.ts"))).toBe(true); // the walk does follow the graph
  });
});
