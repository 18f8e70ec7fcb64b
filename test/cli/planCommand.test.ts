/** `evalgap plan` (src/cli/planCommand.ts): each design reads only its own flags. */
import { describe, expect, it } from "vitest";
import { expectClose } from "../helpers/close.js";
import { fx } from "../analysis/fixture.js";
import { inProcess, root } from "./helpers.js";
import { join } from "node:path";
import { planFromPilot } from "../../src/analysis/planFromPilot.js";
import { loadRuns } from "../../src/runs/loadRuns.js";
import { expectSame } from "../helpers/same.js";

describe("evalgap plan", () => {
  it("--p0 0.5 --p1 0.51 matches Fleiss' formula (R)", async () => {
    const r = await inProcess(["plan", "--p0", "0.5", "--p1", "0.51", "--json"]);
    expectClose(JSON.parse(r.out).n, fx.plan.oneRate.n, "n");
    const text = await inProcess(["plan", "--p0", "0.5", "--p1", "0.51", "--power", "0.8"]);
    expect(text.out).toContain("takes 15,455 items.");
  });

  it("--delta with --discordance plans a paired design; --delta with --omega2 and --sigma2 a repeated one", async () => {
    const paired = JSON.parse((await inProcess(["plan", "--delta", "0.05", "--discordance", "0.2", "--json"])).out);
    expect(paired).toMatchObject({ design: "paired", method: "connor-mcnemar", discordance: 0.2 });
    const repeated = JSON.parse((await inProcess(["plan", "--delta", "0.03", "--omega2", "0.02", "--sigma2", "0.1", "--samples", "5", "--json"])).out);
    expect(repeated).toMatchObject({ design: "repeated", method: "miller-clt" });
    // --p1, --p2 and --correlation with a --delta: the rates give the discordance, the delta the gap.
    const both = await inProcess(["plan", "--p1", "0.5", "--p2", "0.55", "--correlation", "0.6", "--delta", "0.03", "--json"]);
    expect(JSON.parse(both.out)).toMatchObject({ design: "paired", effect: 0.03 });
  });

  it.each([
    ["--p0 abc --p1 0.5", ["--p0", "abc", "--p1", "0.5"], '--p0 must be a number, got "abc"'],
    ["--p0 0.5", ["--p0", "0.5"], "the one-rate design needs --p1 (the true rate to detect)"],
    ["--bogus", ["--bogus"], "Unknown option '--bogus'"],
    // A one-rate plan never reads --p2: it used to be dropped silently, exit 0.
    ["--p0 0.5 --p1 0.51 --p2 0.6", ["--p0", "0.5", "--p1", "0.51", "--p2", "0.6"],
      "--p2 is not read by the one-rate design (it reads --p0, --p1); --p0 makes this a one-rate plan: drop it to compare --p1 with --p2"],
    // --delta alone used to ask for p1; the flag it lacks is --discordance.
    ["--delta 0.05", ["--delta", "0.05"],
      "--delta needs --discordance (the share of items right under exactly one condition) for items paired across conditions, or --omega2 and --sigma2 for K samples per item"],
    ["--delta 0.05 --discordance 0.2 --p1 0.5 --p2 0.55", ["--delta", "0.05", "--discordance", "0.2", "--p1", "0.5", "--p2", "0.55"],
      "--p1, --p2 are not read when --delta and --discordance are given (the gap is --delta); drop one or the other"],
    ["--discordance 0.2 --correlation 0.5 --p1 0.5 --p2 0.6", ["--discordance", "0.2", "--correlation", "0.5", "--p1", "0.5", "--p2", "0.6"],
      "--discordance and --correlation both set the discordance; give one"],
    ["--discordance 0.2", ["--discordance", "0.2"], "the paired design with --discordance needs --delta (the gap to detect), or --p1 and --p2"],
    ["--p1 0.5 --correlation 0.5", ["--p1", "0.5", "--correlation", "0.5"], "the paired design needs --p2 (the treatment rate)"],
    ["--p1 0.5 --p2 0.6 --samples 3", ["--p1", "0.5", "--p2", "0.6", "--samples", "3"], "--p1, --p2 are not read by the repeated design (it reads --delta, --omega2, --sigma2, --samples)"],
    ["--p1 0.5 --p2 0.6 --delta 0.1", ["--p1", "0.5", "--p2", "0.6", "--delta", "0.1"], "--delta is not read by the independent design (it reads --p1, --p2)"],
    ["--design paired", ["--design", "paired"], "the paired design needs --delta and --discordance, or --p1, --p2, --correlation"],
    ["--design one-rate --p1 0.5 --p2 0.6", ["--design", "one-rate", "--p1", "0.5", "--p2", "0.6"], "--p2 is not read by the one-rate design (it reads --p0, --p1)"],
    ["--design pairs", ["--design", "pairs", "--p1", "0.5", "--p2", "0.6"], '--design must be one of "one-rate", "independent", "paired", "repeated", got "pairs"'],
    ["--delta 0.03 --omega2 0.02", ["--delta", "0.03", "--omega2", "0.02"], "the repeated design needs --sigma2 (the variance of one answer within an item)"],
    ["--alternative up", ["--p1", "0.5", "--p2", "0.6", "--alternative", "up"], '--alternative must be one of "two-sided", "greater", "less", got "up"'],
  ])("plan %s exits 2 naming the flags", async (_label, args, message) => {
    const r = await inProcess(["plan", ...args]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toBe(`evalgap plan: ${message}\n`);
  });
});

describe("evalgap plan <files…>: from a pilot run", () => {
  const simulated = (name: string) => join(root, "data/simulated", name);
  const [prod, research] = ["production: Claude 3.5 Sonnet", "research: Claude 3.5 Sonnet"];

  it("--compare A,B prints planFromPilot's plan, the same from the JS loaders and from DuckDB", async () => {
    const file = simulated("k-samples-simulated.jsonl");
    const want = planFromPilot(await loadRuns(file, { onNote: () => {} }), { compare: [prod, research], delta: 0.05 });
    for (const engine of ["js", "duckdb"]) {
      const r = await inProcess(["plan", file, "--compare", `${prod},${research}`, "--delta", "0.05", "--engine", engine, "--json"]);
      expect(r.code, r.err).toBe(0);
      expectSame(JSON.parse(r.out), JSON.parse(JSON.stringify(want)), engine);
    }
    const text = await inProcess(["plan", file, "--compare", `${prod},${research}`, "--delta", "0.05"]);
    expect(text.out).toContain(`items        ${want.items.toLocaleString("en-US")}  (n = ${want.plan.n.toFixed(2)})`);
    expect(text.out).toContain(want.sentence);
  });

  it("--compare splits at the comma that leaves two conditions (names with commas), --against-chance plans one condition", async () => {
    const file = simulated("ablations-simulated.jsonl");
    const [t0, cot] = ["production: Claude 3.5 Sonnet, temperature 0", "production: Claude 3.5 Sonnet, think step by step"];
    const r = await inProcess(["plan", file, "--compare", `${t0},${cot}`, "--json"]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).pilot.conditions).toEqual([t0, cot]);
    const records = await loadRuns(simulated("research-vs-production-simulated.jsonl"), { onNote: () => {} });
    const chance = await inProcess(["plan", simulated("research-vs-production-simulated.jsonl"), "--against-chance", "--condition", research, "--power", "0.9", "--json"]);
    expectSame(JSON.parse(chance.out), JSON.parse(JSON.stringify(planFromPilot(records, { againstChance: true, condition: research, power: 0.9 }))));
  });

  it.each([
    ["no mode", [], "a plan from pilot files needs --compare BASELINE,TREATMENT or --against-chance"],
    ["both modes", ["--compare", `${prod},${research}`, "--against-chance"], "a plan from pilot files needs --compare BASELINE,TREATMENT or --against-chance, not both"],
    ["an estimated flag", ["--compare", `${prod},${research}`, "--p1", "0.5"], "--p1 is estimated from the pilot files; drop it (--delta sets the gap to detect), or drop the files to plan from parameters"],
    ["a condition that is not there", ["--compare", `${prod},research`], '--compare (treatment) "research" is not a condition of these records'],
    ["several conditions against chance", ["--against-chance"], 'the files hold 4 conditions ("research: Claude 3.5 Sonnet", "production: Claude 3.5 Sonnet", "research: Claude 3 Opus", "production: Claude 3 Opus"); choose one with --condition'],
    ["--condition with --compare", ["--compare", `${prod},${research}`, "--condition", prod], "--condition is for --against-chance; with --compare it is not read"],
    ["the same condition twice", ["--compare", `${prod},${prod}`], 'compare must name two different conditions, got "production: Claude 3.5 Sonnet" twice'],
  ])("%s exits 2 naming it", async (_label, args, message) => {
    const r = await inProcess(["plan", simulated("research-vs-production-simulated.jsonl"), ...args]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain(`evalgap plan: ${message}`);
  });

  it("pilot flags without files are an error (the parameter plan reads none of them)", async () => {
    const r = await inProcess(["plan", "--p1", "0.5", "--p2", "0.6", "--engine", "duckdb"]);
    expect(r).toMatchObject({ code: 2, err: "evalgap plan: --engine reads a pilot run; give its files (evalgap plan <files…> --compare A,B), or drop it to plan from --p1, --p2, …\n" });
  });
});
