/** `evalgap plan --p0 0.5 --p1 0.51 [--power 0.8]`: how many items a design needs. */
import { planSampleSize, type PlanDesign, type PlanOptions } from "../analysis/planSampleSize.js";
import type { Alternative } from "../stats/types.js";
import { UsageError, numberFlag, parseCommand, stringFlag } from "./args.js";
import type { Io } from "./dispatch.js";
import { formatPairs } from "./table.js";

export const PLAN_HELP = `evalgap plan — how many items a comparison needs

Usage:
  evalgap plan --p0 0.5 --p1 0.51                       one rate against chance (one-sided)
  evalgap plan --p1 0.50 --p2 0.55                      two conditions on different items (per condition)
  evalgap plan --p1 0.50 --p2 0.55 --correlation 0.6    the same items (McNemar, Connor 1987)
  evalgap plan --delta 0.05 --discordance 0.2           the same items, from the discordant share
  evalgap plan --delta 0.03 --omega2 0.02 --sigma2 0.1 --samples 5   K samples per item (Miller 2024)

  --design one-rate|independent|paired|repeated   (inferred from the flags by default)
  --alpha 0.05  --power 0.8  --alternative two-sided|greater|less  --json`;

const NUMBERS = ["p0", "p1", "p2", "delta", "discordance", "correlation", "omega2", "sigma2", "samples", "alpha", "power"] as const;

export async function planCommand(argv: string[], io: Io): Promise<number> {
  const flags = Object.fromEntries(NUMBERS.map((n) => [n, { type: "string" as const }]));
  const { values, positionals } = parseCommand(argv, { ...flags, design: { type: "string" }, alternative: { type: "string" } });
  if (values.help) {
    io.out(PLAN_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`plan takes no files, got ${JSON.stringify(positionals[0])}`);
  const options: PlanOptions = {};
  for (const name of NUMBERS) {
    const x = numberFlag(values, name);
    if (x !== undefined) options[name] = x;
  }
  const design = stringFlag(values, "design");
  if (design !== undefined) options.design = design as PlanDesign;
  const alternative = stringFlag(values, "alternative");
  if (alternative !== undefined) options.alternative = alternative as Alternative;
  const plan = planSampleSize(options);
  if (values.json) {
    io.out(JSON.stringify(plan, null, 2));
    return 0;
  }
  io.out(
    `${formatPairs([
      ["design", plan.design],
      ["items", `${plan.items.toLocaleString("en-US")}${plan.perGroup ? " per condition" : ""}  (n = ${plan.n.toFixed(2)})`],
      ["method", plan.method],
      ["test", `${plan.alternative}, α = ${plan.alpha}, power ${plan.power}`],
    ])}\n\n${plan.sentence}`,
  );
  return 0;
}
