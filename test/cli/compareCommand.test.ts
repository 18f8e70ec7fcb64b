/** `evalgap compare` (src/cli/compareCommand.ts). */
import { describe, expect, it } from "vitest";
import { inProcess, lastLine, realFiles, realFlags } from "./helpers.js";

describe("evalgap compare", () => {
  it("without --treatment compares every condition with the baseline, with the detectable gap at the power asked", async () => {
    const r = await inProcess(["compare", ...realFiles, ...realFlags, "--baseline", "0.0"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^treatment\s+items\s+accuracy\s+− 0\.0\s+95% CI\s+p\s+p \(holm\)\s+detectable \(80% power\)\s+method$/m);
    expect(r.out).toMatch(/^1\.0\s+99\s+76\.7%\s+−3\.4 pp/m);
    // --power used to change nothing in this table; now it sets the detectable column.
    const strong = await inProcess(["compare", ...realFiles, ...realFlags, "--baseline", "0.0", "--power", "0.95"]);
    expect(strong.out).toMatch(/detectable \(95% power\)/);
    const gap = (out: string) => Number(/(\d+\.\d) pp\s+paired/.exec(out)![1]);
    expect(gap(strong.out)).toBeGreaterThan(gap(r.out));
  });

  it("with --treatment the detectable line names the power it was computed for (it said 80% whatever --power was)", async () => {
    const r = await inProcess(["compare", ...realFiles, ...realFlags, "--baseline", "0.0", "--treatment", "1.0", "--power", "0.9"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^detectable\s+\d+\.\d pp at 90% power$/m);
    const json = JSON.parse((await inProcess(["compare", ...realFiles, ...realFlags, "--baseline", "0.0", "--treatment", "1.0", "--power", "0.9", "--json"])).out);
    expect(r.out).toContain(`${(100 * json.mde).toFixed(1)} pp at 90% power`);
  });

  it.each([
    ["no --baseline", [...realFiles, ...realFlags], "--baseline is required"],
    ["a treatment not in the records", [...realFiles, ...realFlags, "--baseline", "0.0", "--treatment", "2.0"], 'treatment "2.0" is not a condition of these records; they have "0.0", "1.0"'],
    // One comparison has nothing to correct for: --correction used to be dropped silently, exit 0.
    ["--treatment with --correction", [...realFiles, ...realFlags, "--baseline", "0.0", "--treatment", "1.0", "--correction", "holm"],
      "--correction adjusts the p-values of several comparisons; with --treatment there is one. Drop --correction, or --treatment to compare every condition with the baseline"],
    // Bad values name the flag as typed, not the option behind it.
    ["--pairing matched", [...realFiles, ...realFlags, "--baseline", "0.0", "--pairing", "matched"], '--pairing must be one of "auto", "paired", "independent", got "matched"'],
    ["--alternative bigger", [...realFiles, ...realFlags, "--baseline", "0.0", "--alternative", "bigger"], '--alternative must be one of "two-sided", "greater", "less", got "bigger"'],
    ["--correction fdr", [...realFiles, ...realFlags, "--baseline", "0.0", "--correction", "fdr"], '--correction must be one of "holm", "bonferroni", "hochberg", "hommel", "bh", "by", "none", got "fdr"'],
    ["--errors skip", [...realFiles, ...realFlags, "--baseline", "0.0", "--errors", "skip"], '--errors must be one of "exclude", "wrong", got "skip"'],
  ])("compare with %s exits 2 naming the problem", async (_label, args, message) => {
    const r = await inProcess(["compare", ...args]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(lastLine(r.err)).toBe(`evalgap compare: ${message}`);
  });
});
