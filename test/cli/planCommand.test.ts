/** `evalgap plan` (src/cli/planCommand.ts): each design reads only its own flags. */
import { describe, expect, it } from "vitest";
import { expectClose } from "../helpers/close.js";
import { fx } from "../analysis/fixture.js";
import { inProcess } from "./helpers.js";

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
