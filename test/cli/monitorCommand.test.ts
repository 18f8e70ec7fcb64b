/** `evalgap monitor` (src/cli/monitorCommand.ts). */
import { describe, expect, it } from "vitest";
import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dispatch } from "../../src/cli/dispatch.js";
import type { Io } from "../../src/cli/io.js";
import { sequentialAgainstChance, sequentialGap } from "../../src/analysis/sequentialAnalysis.js";
import { loadRuns } from "../../src/runs/loadRuns.js";
import { inProcess, lastLine, root } from "./helpers.js";

const SIMULATED = join(root, "data/simulated/research-vs-production-simulated.jsonl");
const SONNET = "research: Claude 3.5 Sonnet,production: Claude 3.5 Sonnet";

/** 40 items of 4 options, two samples each, the model right 3 times in 4: a small run log. */
function smallLog(): string {
  const dir = mkdtempSync(join(tmpdir(), "evalgap-monitor-"));
  const file = join(dir, "runs.jsonl");
  const lines = [];
  for (let i = 0; i < 40; i++) for (const sample of [0, 1]) lines.push(JSON.stringify({ item: `q${i}`, condition: "model", sample, score: (i + sample) % 4 === 0 ? 0 : 1, choices: 4 }));
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

describe("evalgap monitor", () => {
  it("--against-chance prints the sequence at every 10% and the decision, with the numbers of the analysis", async () => {
    const file = smallLog();
    const r = await inProcess(["monitor", file, "--against-chance"]);
    expect(r.code).toBe(0);
    const analysis = sequentialAgainstChance((await loadRuns([file])));
    expect(r.out).toMatch(/^model against chance 25% \(uniform\): 40 items$/m);
    expect(r.out).toMatch(/^items\s+accuracy\s+lower bound\s+anytime p\s+decision$/m);
    // Every 4th item, plus the first decision.
    const rows = [...r.out.matchAll(/^\s+(\d+)\s+\d+\.\d%/gm)].map((m) => Number(m[1]));
    expect(rows).toEqual([...new Set([4, 8, 12, 16, 20, 24, 28, 32, 36, 40, analysis.decidedAt!])].sort((a, b) => a - b));
    expect(r.out).toMatch(new RegExp(`^\\s+${analysis.decidedAt}\\s.*excludes ← first$`, "m"));
    expect(r.out).toContain(`decided: excludes chance at item ${analysis.decidedAt} of 40; stopping there would have saved ${analysis.callsSaved} of 80 calls.`);
    expect(analysis.callsSaved).toBe((40 - analysis.decidedAt!) * 2);
    expect(lastLine(r.out)).toBe(analysis.sentence);
  });

  it("--compare on the simulated research-vs-production file: the paired gap, decided before the end", async () => {
    const r = await inProcess(["monitor", SIMULATED, "--compare", SONNET]);
    expect(r.code).toBe(0);
    const analysis = sequentialGap(await loadRuns([SIMULATED]), { baseline: "research: Claude 3.5 Sonnet", treatment: "production: Claude 3.5 Sonnet" });
    expect(analysis.items).toBe(300);
    expect(analysis.decision).toBe("excludes");
    expect(analysis.decidedAt).toBeLessThan(300);
    expect(r.out).toMatch(/^production: Claude 3\.5 Sonnet − research: Claude 3\.5 Sonnet, paired by item: 300 items$/m);
    expect(r.out).toContain(`decided: excludes 0 at item ${analysis.decidedAt} of 300; stopping there would have saved ${analysis.callsSaved} of 600 calls (margin ±2.0 pp).`);
    expect(lastLine(r.out)).toBe(analysis.sentence);
    expect(lastLine(r.out)).toMatch(/anytime-valid 95% interval \[−\d+\.\d pp, −\d+\.\d pp\]/);
    const json = JSON.parse((await inProcess(["monitor", SIMULATED, "--compare", SONNET, "--json", "--alpha", "0.1"])).out);
    expect(json.alpha).toBe(0.1);
    expect(json.steps).toHaveLength(300);
    expect(json.decidedAt).toBeLessThanOrEqual(analysis.decidedAt!);
  });

  it("--margin settles two identical conditions as no meaningful difference", async () => {
    const file = smallLog();
    const copy = join(file, "..", "copy.jsonl");
    const text = (await import("node:fs")).readFileSync(file, "utf8");
    writeFileSync(copy, text + text.replaceAll('"condition":"model"', '"condition":"copy"'));
    const r = await inProcess(["monitor", copy, "--compare", "model,copy", "--margin", "0.4"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^settled: within ±40\.0 pp at item \d+ of 40/m);
  });

  it.each([
    [["--against-chance", "--compare", "a,b"], "give either --against-chance or --compare BASELINE,TREATMENT"],
    [[], "give either --against-chance or --compare BASELINE,TREATMENT"],
    [["--compare", "model"], '--compare must be BASELINE,TREATMENT, got "model"'],
    [["--compare", "model,other"], '--compare "other" is not a condition'],
    [["--compare", "a,b", "--chance", "0.5"], "--chance applies to --against-chance, not to --compare"],
    [["--against-chance", "--chance", "2"], '--chance must be a rate in (0, 1) or uniform, got "2"'],
    [["--against-chance", "--margin", "1.5"], "--margin must be in [0, 1), got 1.5"],
    [["--against-chance", "--alpha", "x"], '--alpha must be a number, got "x"'],
    [["--against-chance", "--condition", "nope"], '--condition "nope" is not a condition'],
  ])("bad input %j: one line, exit 2", async (flags, message) => {
    const r = await inProcess(["monitor", smallLog(), ...flags]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toContain(message);
  });

  it("refuses a file with several conditions without --condition, and one without options without --chance", async () => {
    const several = await inProcess(["monitor", SIMULATED, "--against-chance"]);
    expect(several.code).toBe(2);
    expect(several.err).toMatch(/the files hold 4 conditions .*; name one with --condition/);
    const dir = mkdtempSync(join(tmpdir(), "evalgap-monitor-"));
    const free = join(dir, "free.jsonl");
    writeFileSync(free, Array.from({ length: 10 }, (_, i) => JSON.stringify({ item: `q${i}`, condition: "m", score: 1, target: `answer ${i}` })).join("\n"));
    const r = await inProcess(["monitor", free, "--against-chance"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/chance "uniform" does not apply to these records: .*; give the rate with --chance/);
    expect((await inProcess(["monitor", free, "--against-chance", "--chance", "0.1"])).code).toBe(0);
  });

  it("--watch re-reads the file when it grows, and stops on Ctrl-C", async () => {
    const file = smallLog();
    let out = "";
    const io: Io = { out: (t) => (out += `${t}\n`), err: () => {} };
    const running = dispatch(["monitor", file, "--against-chance", "--watch"], io);
    await expect.poll(() => out, { timeout: 5000 }).toMatch(/: 40 items$/m);
    for (let i = 40; i < 50; i++) appendFileSync(file, `${JSON.stringify({ item: `q${i}`, condition: "model", score: 1, choices: 4 })}\n`);
    await expect.poll(() => out, { timeout: 5000 }).toMatch(/: 50 items$/m);
    process.emit("SIGINT");
    expect(await running).toBe(0);
  });
});
