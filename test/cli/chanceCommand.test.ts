/** `evalgap chance` (src/cli/chanceCommand.ts). */
import { describe, expect, it } from "vitest";
import { inProcess, lastLine, realFiles, realFlags } from "./helpers.js";

describe("evalgap chance", () => {
  it("on records takes --condition and --chance", async () => {
    const r = await inProcess(["chance", ...realFiles, ...realFlags, "--condition", "1.0", "--chance", "0.25", "--json"]);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.out);
    expect(v).toMatchObject({ chance: 0.25, chanceKind: "given", method: "korn-graubard", significant: true, condition: "1.0" });
  });

  it("the equivalence margin is a difference, printed in percentage points (as the notebooks do), not as a rate", async () => {
    const r = await inProcess(["chance", "--successes", "510", "--trials", "1000", "--margin", "0.05"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^equivalent\s+yes \(within ±5\.0 pp of chance, TOST p = 0\.0061\)$/m);
    expect(r.out).not.toMatch(/±5%/);
  });

  it("several conditions and no --condition: every condition, one row each, p-values adjusted by Holm over the family", async () => {
    const r = await inProcess(["chance", ...realFiles, ...realFlags, "--json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { condition: string; pValue: number; holmPValue: number; significantAfterHolm: boolean }[];
    expect(rows.map((x) => x.condition)).toEqual(["0.0", "1.0"]);
    for (const row of rows) {
      const one = JSON.parse((await inProcess(["chance", ...realFiles, ...realFlags, "--condition", row.condition, "--json"])).out);
      expect(row.pValue).toBe(one.pValue);
    }
    // Holm with two tests (R p.adjust(p, "holm")): the smaller p doubled, the larger kept at least as large.
    const [small, large] = [...rows].sort((a, b) => a.pValue - b.pValue);
    expect(small.holmPValue).toBeCloseTo(Math.min(1, 2 * small.pValue), 15);
    expect(large.holmPValue).toBeCloseTo(Math.min(1, Math.max(2 * small.pValue, large.pValue)), 15);
    const text = await inProcess(["chance", ...realFiles, ...realFlags]);
    expect(text.out).toMatch(/^condition\s+items\s+accuracy\s+95% CI\s+chance\s+test\s+p\s+p \(Holm\)\s+beats chance$/m);
    expect(text.out).toMatch(/of 2 conditions beat chance at α = 0\.05 after Holm's adjustment for 2 tests \(greater\)\.$/m);
  });

  it("a --condition the records do not have names the flag and lists those they do", async () => {
    const r = await inProcess(["chance", ...realFiles, ...realFlags, "--condition", "0.5"]);
    expect(r.code).toBe(2);
    expect(lastLine(r.err)).toBe('evalgap chance: --condition "0.5" is not a condition of these records; they have "0.0", "1.0"');
  });

  it.each([
    ["--successes 5", ["--successes", "5"], "--successes and --trials go together"],
    ["--chance often", ["--successes", "5", "--trials", "10", "--chance", "often"], '--chance must be auto, uniform, majority, marginal or a rate such as 0.25, got "often"'],
    // Counts have no records to read, pick from or permute: these flags used to be dropped silently.
    ["counts with --condition", ["--successes", "5", "--trials", "10", "--condition", "a"], "--condition applies to run files, not to --successes/--trials"],
    ["counts with --errors and --columns", ["--successes", "5", "--trials", "10", "--errors", "wrong", "--columns", "item=id"],
      "--columns, --errors apply to run files, not to --successes/--trials"],
    ["counts with --seed", ["--successes", "5", "--trials", "10", "--seed", "3"], "--seed applies to run files, not to --successes/--trials"],
    ["--seed with a given chance rate", ["--successes", "5", "--trials", "10", "--chance", "0.25", "--seed", "3", "--resamples", "99"],
      "--seed and --resamples only set the permutation test against the marginal baseline, and --chance 0.25 is not it"],
  ])("chance %s exits 2 naming the flags", async (_label, args, message) => {
    const r = await inProcess(["chance", ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`evalgap chance: ${message}\n`);
  });

  it("--seed on records whose verdict did not use the marginal baseline is an error, not ignored", async () => {
    // On these runs auto picks the majority baseline (the answer letter most often right).
    const v = JSON.parse((await inProcess(["chance", ...realFiles, ...realFlags, "--condition", "1.0", "--json"])).out);
    expect(v.chanceKind).toBe("majority");
    const r = await inProcess(["chance", ...realFiles, ...realFlags, "--condition", "1.0", "--seed", "7"]);
    expect(r.code).toBe(2);
    expect(lastLine(r.err)).toBe("evalgap chance: --seed only sets the permutation test against the marginal baseline; this verdict used the majority baseline (ask for it with --chance marginal)");
    const marginal = await inProcess(["chance", ...realFiles, ...realFlags, "--condition", "1.0", "--chance", "marginal", "--seed", "7", "--resamples", "199", "--json"]);
    expect(marginal.code).toBe(0);
    expect(JSON.parse(marginal.out)).toMatchObject({ chanceKind: "marginal", method: "permutation of answers across items" });
  });
});
