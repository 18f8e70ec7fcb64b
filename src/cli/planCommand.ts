/** `evalgap plan --p0 0.5 --p1 0.51 [--power 0.8]`: how many items a design needs. */
import { planSampleSize, type PlanDesign, type PlanOptions } from "../analysis/planSampleSize.js";
import { formatCount } from "../analysis/format.js";
import type { Alternative } from "../stats/types.js";
import { checkChoice } from "../stats/validate.js";
import { ALTERNATIVES, UsageError, choiceFlag, numberFlag, parseCommand, stringFlag } from "./args.js";
import type { Io } from "./io.js";
import { formatPairs } from "./table.js";

export const PLAN_HELP = `evalgap plan — how many items a comparison needs

Usage:
  evalgap plan --p0 0.5 --p1 0.51                       one rate against chance (one-sided)
  evalgap plan --p1 0.50 --p2 0.55                      two conditions on different items (per condition)
  evalgap plan --p1 0.50 --p2 0.55 --correlation 0.6    the same items (McNemar, Connor 1987)
  evalgap plan --delta 0.05 --discordance 0.2           the same items, from the discordant share
  evalgap plan --delta 0.03 --omega2 0.02 --sigma2 0.1 --samples 5   K samples per item (Miller 2024)

  --design one-rate|independent|paired|repeated   (inferred from the flags by default)
  --alpha 0.05  --power 0.8  --alternative two-sided|greater|less  --json

Each design reads only its own flags; a flag it would not read is an error, not ignored.`;

const NUMBERS = ["p0", "p1", "p2", "delta", "discordance", "correlation", "omega2", "sigma2", "samples", "alpha", "power"] as const;
type NumberFlag = (typeof NUMBERS)[number];

/** The flags that describe the effect; alpha, power and alternative apply to every design. */
const DESIGN_FLAGS = ["p0", "p1", "p2", "delta", "discordance", "correlation", "omega2", "sigma2", "samples"] as const;

/** What each design flag means, for messages that ask for one. */
const MEANING: Record<(typeof DESIGN_FLAGS)[number], string> = {
  p0: "the chance rate",
  p1: "the baseline rate, or the true rate against chance",
  p2: "the treatment rate",
  delta: "the gap to detect",
  discordance: "the share of items right under exactly one condition",
  correlation: "the correlation of the two conditions' item outcomes",
  omega2: "the variance of true scores across items",
  sigma2: "the variance of one answer within an item",
  samples: "answers per item",
};

const DESIGNS: readonly PlanDesign[] = ["one-rate", "independent", "paired", "repeated"];

/** Which flags each design reads (the paired design has three ways in, checked in `checkPaired`). */
const READS: Record<PlanDesign, readonly string[]> = {
  "one-rate": ["p0", "p1"],
  independent: ["p1", "p2"],
  paired: ["p1", "p2", "delta", "discordance", "correlation"],
  repeated: ["delta", "omega2", "sigma2", "samples"],
};

/** The design the flags describe: as `planSampleSize` infers it, but `--delta` alone is paired, and --sigma2 or --samples repeated. */
function designOf(given: ReadonlySet<string>, explicit: string | undefined): PlanDesign {
  if (explicit !== undefined) return checkChoice("--design", explicit, DESIGNS);
  if (given.has("p0")) return "one-rate";
  if (given.has("omega2") || given.has("sigma2") || given.has("samples")) return "repeated";
  if (given.has("discordance") || given.has("correlation")) return "paired";
  if (given.has("delta") && !given.has("p1") && !given.has("p2")) return "paired";
  return "independent";
}

const flag = (name: string): string => `--${name}`;
const list = (names: readonly string[]): string => names.map(flag).join(", ");

function needs(design: PlanDesign, missing: readonly (keyof typeof MEANING)[]): UsageError {
  const meaning = (m: keyof typeof MEANING) => (m === "p1" ? (design === "one-rate" ? "the true rate to detect" : "the baseline rate") : MEANING[m]);
  const what = missing.map((m) => `${flag(m)} (${meaning(m)})`).join(" and ");
  return new UsageError(`the ${design} design needs ${what}`);
}

/**
 * The paired design reads the discordance with either the gap or both rates, or the two rates and
 * their correlation (with an optional gap); anything else leaves a flag unread or one missing.
 */
function checkPaired(given: ReadonlySet<string>): void {
  const has = (f: string) => given.has(f);
  if (has("discordance") && has("correlation")) {
    throw new UsageError("--discordance and --correlation both set the discordance; give one");
  }
  if (has("discordance")) {
    if (has("delta") && (has("p1") || has("p2"))) {
      throw new UsageError(`${list(["p1", "p2"].filter(has))} ${has("p1") && has("p2") ? "are" : "is"} not read when --delta and --discordance are given (the gap is --delta); drop one or the other`);
    }
    if (has("delta")) return;
    const missing = (["p1", "p2"] as const).filter((f) => !has(f));
    if (missing.length === 2) throw new UsageError("the paired design with --discordance needs --delta (the gap to detect), or --p1 and --p2");
    if (missing.length) throw needs("paired", missing);
    return;
  }
  if (has("correlation")) {
    const missing = (["p1", "p2"] as const).filter((f) => !has(f));
    if (missing.length) throw needs("paired", missing);
    return;
  }
  if (has("delta")) {
    throw new UsageError(
      "--delta needs --discordance (the share of items right under exactly one condition) for items paired across conditions, " +
        "or --omega2 and --sigma2 for K samples per item",
    );
  }
  const missing = (["p1", "p2", "correlation"] as const).filter((f) => !has(f));
  throw new UsageError(`the paired design needs --delta and --discordance, or ${list(missing)}${missing.length < 3 ? " too" : ""}`);
}

/** Every flag must be one the design reads, and each it needs must be there; else a usage error naming them. */
function checkFlags(given: ReadonlySet<string>, design: PlanDesign, explicit: boolean): void {
  const unread = DESIGN_FLAGS.filter((f) => given.has(f) && !READS[design].includes(f));
  if (unread.length) {
    const hint = !explicit && design === "one-rate" && unread.includes("p2") ? "; --p0 makes this a one-rate plan: drop it to compare --p1 with --p2" : "";
    throw new UsageError(`${list(unread)} ${unread.length === 1 ? "is" : "are"} not read by the ${design} design (it reads ${list(READS[design])})${hint}`);
  }
  if (design === "paired") return checkPaired(given);
  const required = READS[design].filter((f) => f !== "samples") as (keyof typeof MEANING)[];
  const missing = required.filter((f) => !given.has(f));
  if (missing.length) throw needs(design, missing);
}

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
    if (x !== undefined) options[name as NumberFlag] = x;
  }
  const given = new Set<string>(DESIGN_FLAGS.filter((f) => values[f] !== undefined));
  const explicit = stringFlag(values, "design");
  const design = designOf(given, explicit);
  checkFlags(given, design, explicit !== undefined);
  options.design = design;
  const alternative = choiceFlag<Alternative>(values, "alternative", ALTERNATIVES);
  if (alternative !== undefined) options.alternative = alternative;
  const plan = planSampleSize(options);
  if (values.json) {
    io.out(JSON.stringify(plan, null, 2));
    return 0;
  }
  io.out(
    `${formatPairs([
      ["design", plan.design],
      ["items", `${formatCount(plan.items)}${plan.perGroup ? " per condition" : ""}  (n = ${plan.n.toFixed(2)})`],
      ["method", plan.method],
      ["test", `${plan.alternative}, α = ${plan.alpha}, power ${plan.power}`],
    ])}\n\n${plan.sentence}`,
  );
  return 0;
}
