/** `evalgap run --until decided` (src/cli/untilDecidedFlags.ts) through the dispatcher against the mock API. */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sequentialGap } from "../../src/analysis/sequentialAnalysis.js";
import type { Condition } from "../../src/collect/types.js";
import { FAKE_KEY, keysOf, mcTasks, readRecords, tempDir, writeInputs, useMockApi } from "../collect/helpers.js";
import { startMockServer } from "../../src/collect/mockApi.js";
import { inProcess } from "./helpers.js";

useMockApi();

const run = (argv: string[]) => inProcess(["run", ...argv]);

/** The mock's "#right=NN" marker gives production 60% and research 70% right answers. */
const conditions: Condition[] = [
  { name: "production", model: "claude-haiku-4-5", maxTokens: 64, promptSuffix: "Answer briefly. #right=60" },
  { name: "research", model: "claude-haiku-4-5", maxTokens: 64, promptSuffix: "Think it through. #right=70" },
];

/** A true gap of 0 between conditions that agree on 90% of the items (the mock's "#agree=90"). */
const agreeing: Condition[] = [
  { name: "production", model: "claude-haiku-4-5", maxTokens: 64, promptSuffix: "Answer briefly. #agree=90 #right=65" },
  { name: "research", model: "claude-haiku-4-5", maxTokens: 64, promptSuffix: "Think it through. #agree=90 #right=65" },
];

function inputs(n: number, conds: Condition[] = conditions): { out: string; flags: string[] } {
  const dir = tempDir();
  const files = writeInputs(dir, mcTasks(n), conds);
  const out = join(dir, "o.jsonl");
  return { out, flags: ["--tasks", files.tasks, "--conditions", files.conditions, "--samples", "1", "--out", out, "--quiet"] };
}

describe("evalgap run --until decided", () => {
  it.each([
    [["--until", "decided", "--compare", "production,research", "--batch"], "--until decided works only online (each item's answers decide whether to ask the next); drop --batch"],
    [["--until", "decided"], "--until decided needs exactly one of --compare A,B and --against-chance"],
    [["--until", "soon", "--compare", "production,research"], '--until must be "decided", got "soon"'],
    [["--until", "decided", "--compare", "production,nope"], '--compare: "nope" is not a condition; conditions: "production", "research"'],
    [["--until", "decided", "--against-chance"], "--against-chance tests one condition, but --conditions has 2; use --compare A,B"],
    [["--until", "decided", "--compare", "production,research", "--margin", "1.5"], "--margin must be in [0, 1), got 1.5"],
    [["--margin", "0.1"], "--margin applies only with --until decided"],
  ])("%j → exit 2 with one line", async (extra, message) => {
    const { flags, out } = inputs(4);
    const r = await run([...flags, ...extra]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`evalgap run: ${message}\n`);
    expect(readRecords(out)).toHaveLength(0);
  });

  it("stops when decided and says why, the calls saved, and the sentence", async () => {
    const { flags, out } = inputs(2000);
    const r = await run([...flags, "--until", "decided", "--compare", "production,research"]);
    expect(r.code).toBe(0);
    const records = readRecords(out);
    const check = sequentialGap(records, { baseline: "production", treatment: "research" });
    const items = check.decidedAt!;
    expect(items).toBe(records.length / 2);
    expect(r.out).toContain(`Stopped: decided: excludes 0 after ${items} items.`);
    expect(r.out).toContain(`Calls: ${records.length} made of 4,000 for the full set; ${(4000 - records.length).toLocaleString("en-US")} saved.`);
    expect(r.out).toMatch(/research − production is \+\d+\.\d pp, anytime-valid 95% interval \[\+\d+\.\d pp, \+\d+\.\d pp\]/);
  });

  it("a true gap of 0 with --margin 0.03: settled within ±3.0 pp, each (item, condition) once", async () => {
    const { flags, out } = inputs(2000, agreeing);
    const r = await run([...flags, "--until", "decided", "--compare", "production,research", "--margin", "0.03"]);
    expect(r.code).toBe(0);
    const records = readRecords(out);
    const items = records.length / 2;
    expect(new Set(keysOf(records)).size).toBe(records.length);
    expect(sequentialGap(records, { baseline: "production", treatment: "research", margin: 0.03 }).decidedAt).toBe(items);
    expect(r.out).toContain(`Stopped: settled: within ±3.0 pp after ${items} items.`);
    expect(r.out).toMatch(/anytime-valid 95% interval \[−\d\.\d pp, \+\d\.\d pp\] \(p = [\d.e-]+\): settled: within ±3\.0 pp\./);
  });

  it("SIGKILL midway, then the same command: the same decision at the same item, each key once", async () => {
    // A slower mock of its own, so the child is still running when it is killed.
    const slow = await startMockServer({ apiKey: FAKE_KEY, latencyMs: 5 });
    try {
      const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
      const start = (args: string[]) => {
        const child = spawn(process.execPath, ["--import", "tsx", join(root, "src/cli/main.ts"), "run", ...args], {
          cwd: root,
          env: { ...process.env, ANTHROPIC_API_KEY: FAKE_KEY, ANTHROPIC_BASE_URL: slow.url },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        child.stdout!.on("data", (d) => (stdout += d));
        const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout })));
        return { child, done };
      };
      const { flags, out } = inputs(2000);
      const args = [...flags, "--until", "decided", "--compare", "production,research"];
      const straightOut = out.replace(/o\.jsonl$/, "straight.jsonl");
      const straight = await run(args.map((a) => (a === out ? straightOut : a)));
      expect(straight.code).toBe(0);
      const lines = (path: string) => (existsSync(path) ? readFileSync(path, "utf8").split("\n").length - 1 : 0);
      const first = start(args);
      const t0 = Date.now();
      while (lines(out) < 100 && Date.now() - t0 < 15_000) await new Promise((r) => setTimeout(r, 10));
      first.child.kill("SIGKILL");
      expect((await first.done).signal).toBe("SIGKILL");
      const partial = lines(out);
      expect(partial).toBeGreaterThanOrEqual(100);
      expect(partial).toBeLessThan(readRecords(straightOut).length);
      const second = await start(args).done;
      expect(second.code).toBe(0);
      const stopLine = (text: string) => text.split("\n").filter((l) => l.startsWith("Stopped:") || l.startsWith("Calls:") || l.startsWith("After "));
      expect(stopLine(second.stdout)).toEqual(stopLine(straight.out));
      expect(stopLine(second.stdout)).toHaveLength(3);
      const records = readRecords(out);
      expect(new Set(keysOf(records)).size).toBe(records.length);
      expect(new Set(keysOf(records))).toEqual(new Set(keysOf(readRecords(straightOut))));
    } finally {
      await slow.close();
    }
  }, 30_000);
});
