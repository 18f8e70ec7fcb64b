import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { dispatch, type Io } from "../../src/cli/dispatch.js";
import { expectClose } from "../helpers/close.js";
import { fx } from "../analysis/fixture.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const main = join(root, "src/cli/main.ts");
const run = promisify(execFile);
const realDir = resolve(root, "../shared/real-runs/llm-temperature");
const realFiles = ["0.0", "1.0"].map((t) => join(realDir, `gpt-4 - chain_of_thought - comprehensive-100 - temp-${t}.csv`));
const realFlags = ["--columns", "item=Problem ID,cluster=Source,error=Error", "--condition-pattern", "temp-([\\d.]+)\\.csv$", "--answers", "^Answer \\d+$", "--key", "Correct Answer"];

/** Run the real entry point (through tsx) as a child process. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", main, ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Run the dispatcher in-process, capturing what it writes. */
async function inProcess(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) };
  const code = await dispatch(args, io);
  return { code, out, err };
}

describe("evalgap as a child process", () => {
  it("chance --successes 510 --trials 1000 prints the verdict and exits 0", async () => {
    const r = await cli(["chance", "--successes", "510", "--trials", "1000"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "51.0% (510 of 1,000 items; 95% CI 47.9–54.1%) does not beat chance (50%, uniform): one-sided exact p = 0.27. At this n, only a true rate of 53.9% or more would be detected 80% of the time.",
    );
    expect(r.stdout).toMatch(/^p-value\s+0\.27$/m);
  });

  it("compare on the real temperature runs, as JSON, matches R", async () => {
    const r = await cli(["compare", ...realFiles, ...realFlags, "--baseline", "0.0", "--treatment", "1.0", "--json"]);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    const f = fx.realTemperature;
    expect(c).toMatchObject({ paired: true, items: f.items, method: "paired-clustered" });
    for (const k of ["estimate", "se", "pValue", "correlation"] as const) expectClose(c[k], f[k], k);
  });

  it("bad input exits 2 with one line naming the problem", async () => {
    const r = await cli(["chance", "--successes", "11", "--trials", "10"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim()).toBe("evalgap chance: successes (11) must not exceed trials (10)");
  });
});

describe("evalgap commands (in-process dispatch)", () => {
  it("--help everywhere exits 0", async () => {
    for (const args of [["--help"], ["summarize", "--help"], ["chance", "-h"], ["compare", "--help"], ["plan", "--help"]]) {
      const r = await inProcess(args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.out).toMatch(/^evalgap/);
    }
  });

  it("no command prints the help and exits 2; an unknown one names it", async () => {
    expect((await inProcess([])).code).toBe(2);
    const r = await inProcess(["sumarize"]);
    expect(r).toMatchObject({ code: 2 });
    expect(r.err).toBe('evalgap: unknown command "sumarize"; commands: summarize, chance, compare, plan, run\n');
  });

  it("summarize prints an aligned table per condition", async () => {
    const r = await inProcess(["summarize", ...realFiles, ...realFlags]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^condition\s+items\s+samples\/item\s+accuracy\s+95% CI\s+SE\s+method\s+errors\s+refused$/);
    expect(lines[1]).toMatch(/^-+( +-+)+$/);
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^0\.0 +99 +10 +80\.1% .* clustered \(10\) +10 +0\.0%$/);
    expect(new Set(lines.map((l) => l.length)).size).toBeLessThanOrEqual(2); // right-aligned numbers end in one column
  });

  it("summarize on a crashed run (every sample errored) says so instead of printing an empty table", async () => {
    const log = resolve(root, "../shared/fixtures/extra-inspect-zstd-error/2026-07-22T16-51-18-00-00_a2ui-v1-0-eval_nXpB6sZohVsmQgnyUD8nuj.eval");
    const r = await inProcess(["summarize", log]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    expect(r.err).toContain("no scored records: 27 of 27 records have an error");
  });

  it("summarize --json gives the rows", async () => {
    const r = await inProcess(["summarize", ...realFiles, ...realFlags, "--json"]);
    const rows = JSON.parse(r.out);
    expectClose(rows[0].accuracy, fx.realTemperature.accuracy0, "accuracy 0.0");
    expectClose(rows[0].se, fx.realTemperature.clusteredSe0, "clustered se 0.0");
    expectClose(rows[1].accuracy, fx.realTemperature.accuracy1, "accuracy 1.0");
  });

  it("chance on records takes --condition and --chance", async () => {
    const r = await inProcess(["chance", ...realFiles, ...realFlags, "--condition", "1.0", "--chance", "0.25", "--json"]);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.out);
    expect(v).toMatchObject({ chance: 0.25, chanceKind: "given", method: "z-clustered", significant: true, condition: "1.0" });
  });

  it("compare without --treatment compares every condition with the baseline", async () => {
    const r = await inProcess(["compare", ...realFiles, ...realFlags, "--baseline", "0.0"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^treatment\s+items\s+accuracy\s+− 0\.0\s+95% CI\s+p\s+p \(holm\)\s+method$/m);
    expect(r.out).toMatch(/^1\.0\s+99\s+76\.7%\s+−3\.4 pp/m);
  });

  it("plan --p0 0.5 --p1 0.51 matches Fleiss' formula (R)", async () => {
    const r = await inProcess(["plan", "--p0", "0.5", "--p1", "0.51", "--json"]);
    expectClose(JSON.parse(r.out).n, fx.plan.oneRate.n, "n");
    const text = await inProcess(["plan", "--p0", "0.5", "--p1", "0.51", "--power", "0.8"]);
    expect(text.out).toContain("takes 15,455 items.");
  });

  it.each([
    ["plan --p0 abc --p1 0.5", ["plan", "--p0", "abc", "--p1", "0.5"], 'evalgap plan: --p0 must be a number, got "abc"'],
    ["plan --p0 0.5", ["plan", "--p0", "0.5"], "evalgap plan: p1 is required for the one-rate design, got undefined"],
    ["plan --bogus", ["plan", "--bogus"], "evalgap plan: Unknown option '--bogus'"],
    ["chance --successes 5", ["chance", "--successes", "5"], "evalgap chance: --successes and --trials go together"],
    ["chance --successes 5 --trials 10 --chance often", ["chance", "--successes", "5", "--trials", "10", "--chance", "often"], 'evalgap chance: --chance must be auto, uniform, majority, marginal or a rate such as 0.25, got "often"'],
    ["summarize", ["summarize"], "evalgap summarize: no input files: give one or more run files"],
    ["summarize /nonexistent.jsonl", ["summarize", "/nonexistent.jsonl"], "evalgap summarize: /nonexistent.jsonl: cannot open: ENOENT"],
    ["summarize --by tempo", ["summarize", ...realFiles, ...realFlags, "--by", "tempo"], 'evalgap summarize: --by must be one of "condition", "model", "cluster", got "tempo"'],
    ["compare", ["compare", ...realFiles, ...realFlags], "evalgap compare: --baseline is required"],
    ["compare --baseline 0.0 --treatment 2.0", ["compare", ...realFiles, ...realFlags, "--baseline", "0.0", "--treatment", "2.0"], 'evalgap compare: treatment "2.0" is not a condition of these records; they have "0.0", "1.0"'],
  ])("%s exits 2 with one line", async (_label, args, message) => {
    const r = await inProcess(args);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${message}\n`);
  });
});

describe("startup path", () => {
  /** Every module the CLI loads statically, following relative imports from an entry. */
  function staticImports(entry: string, seen = new Set<string>()): Set<string> {
    if (seen.has(entry)) return seen;
    seen.add(entry);
    const text = readFileSync(entry, "utf8");
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm)) {
      const spec = m[1];
      if (spec.startsWith(".")) staticImports(resolve(dirname(entry), spec.replace(/\.js$/, ".ts")), seen);
      else seen.add(spec);
    }
    return seen;
  }

  it("neither danfojs nor playwright is on any command's import path", () => {
    const entries = ["main", "dispatch", "summarizeCommand", "chanceCommand", "compareCommand", "planCommand"].map((f) => join(root, "src/cli", `${f}.ts`));
    const all = new Set<string>();
    for (const e of entries) for (const m of staticImports(e)) all.add(m);
    const heavy = [...all].filter((m) => /danfo|playwright|plotly|tensorflow/.test(m));
    expect(heavy).toEqual([]);
    expect(all.has(join(root, "src/analysis/compareConditions.ts"))).toBe(true); // the walk does follow the graph
  });
});
