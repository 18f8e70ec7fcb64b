/**
 * `evalgap plan --p0 0.5 --p1 0.51 [--power 0.8]`: how many items a design needs; or from a pilot
 * run, `evalgap plan <files…> --compare A,B | --against-chance`, the design's parameters estimated
 * from the files (`planFromPilot`).
 */
import { planSampleSize, type PlanDesign, type PlanOptions } from "../analysis/planSampleSize.js";
import { planFromPilot, type PilotPlan, type PlanFromPilotOptions } from "../analysis/planFromPilot.js";
import type { ChanceOption } from "../analysis/chance.js";
import type { Pairing } from "../analysis/types.js";
import { formatCount, formatPercent, formatPoints } from "../analysis/format.js";
import type { Alternative } from "../stats/types.js";
import { checkChoice } from "../stats/validate.js";
import { ALTERNATIVES, UsageError, choiceFlag, numberFlag, parseCommand, stringFlag } from "./args.js";
import type { Io } from "./io.js";
import { formatPairs } from "./table.js";
import { INPUT_FLAGS, INPUT_HELP, inputConditions, readInput } from "./readInput.js";
import { recordFlagsGiven, recordOptionsFromFlags } from "./readRecords.js";
import { checkCondition } from "./conditions.js";

export const PLAN_HELP = `evalgap plan — how many items a comparison needs

Usage:
  evalgap plan --p0 0.5 --p1 0.51                       one rate against chance (one-sided)
  evalgap plan --p1 0.50 --p2 0.55                      two conditions on different items (per condition)
  evalgap plan --p1 0.50 --p2 0.55 --correlation 0.6    the same items (McNemar, Connor 1987)
  evalgap plan --delta 0.05 --discordance 0.2           the same items, from the discordant share
  evalgap plan --delta 0.03 --omega2 0.02 --sigma2 0.1 --samples 5   K samples per item (Miller 2024)

  --design one-rate|independent|paired|repeated   (inferred from the flags by default)
  --alpha 0.05  --power 0.8  --alternative two-sided|greater|less  --json

Each design reads only its own flags; a flag it would not read is an error, not ignored.

From a pilot run (the rates, discordance, ω² and σ², and clustering estimated from the files):
  evalgap plan <files…> --compare A,B [--delta D]      B − A: paired by item when the items match
                                                       (discordance; with repeats ω², σ² and K),
                                                       else the two rates on different items
  evalgap plan <files…> --against-chance [--condition C] [--chance auto|uniform|majority|marginal|0.25]
                                                       one condition against chance (one-sided)

  --delta D                    the gap to detect (default: the gap the pilot saw)
  --samples K                  answers per item in the planned run (pilots with repeats; default the pilot's)
  --pairing auto|paired|independent   --alpha  --power  --alternative  --json
  A pilot with clusters multiplies the items by its design effect (floored at 1).

${INPUT_HELP}`;

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
  const { values, positionals } = parseCommand(argv, {
    ...INPUT_FLAGS, ...flags, design: { type: "string" }, alternative: { type: "string" },
    ...PILOT_FLAGS,
  });
  if (values.help) {
    io.out(PLAN_HELP);
    return 0;
  }
  if (positionals.length > 0) return pilotPlan(positionals, values, io);
  const fileOnly = [...recordFlagsGiven(values), ...["engine", ...Object.keys(PILOT_FLAGS)].filter((f) => values[f] !== undefined)];
  if (fileOnly.length > 0) {
    throw new UsageError(`${list(fileOnly)} ${fileOnly.length === 1 ? "reads" : "read"} a pilot run; give its files (evalgap plan <files…> --compare A,B), or drop ${fileOnly.length === 1 ? "it" : "them"} to plan from --p1, --p2, …`);
  }
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

/** Flags of the plan from a pilot run. */
const PILOT_FLAGS = {
  compare: { type: "string" },
  "against-chance": { type: "boolean" },
  condition: { type: "string" },
  chance: { type: "string" },
  pairing: { type: "string" },
} as const;

/** The flags a plan from a pilot reads besides the reading flags: the rest are estimated from the files. */
const PILOT_NUMBERS = ["delta", "samples", "alpha", "power"] as const;

/**
 * `--compare A,B`: the baseline and the treatment. A condition's name may hold a comma
 * ("production: Claude 3.5 Sonnet, temperature 0"), so the comma that splits the text into two
 * conditions of the files is the one meant.
 */
export function splitCompare(text: string, conditions: readonly string[]): [string, string] {
  const splits: [string, string][] = [];
  for (let i = text.indexOf(","); i >= 0; i = text.indexOf(",", i + 1)) {
    const pair: [string, string] = [text.slice(0, i).trim(), text.slice(i + 1).trim()];
    if (conditions.includes(pair[0]) && conditions.includes(pair[1])) splits.push(pair);
  }
  if (splits.length === 1) return splits[0];
  if (splits.length > 1) throw new UsageError(`--compare ${JSON.stringify(text)} splits into two conditions more than one way (${splits.map((p) => p.join(" | ")).join("; ")})`);
  const parts = text.split(",").map((p) => p.trim());
  if (parts.length !== 2 || parts.some((p) => p === "")) throw new UsageError(`--compare must be BASELINE,TREATMENT, two conditions of the files (${conditions.map((c) => JSON.stringify(c)).join(", ")}), got ${JSON.stringify(text)}`);
  checkCondition("--compare (baseline)", parts[0], conditions);
  checkCondition("--compare (treatment)", parts[1], conditions);
  return parts as [string, string];
}

function chanceFlag(raw: string | undefined): ChanceOption | undefined {
  if (raw === undefined) return undefined;
  if (["auto", "uniform", "majority", "marginal"].includes(raw)) return raw as ChanceOption;
  const x = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(x)) throw new UsageError(`--chance must be auto, uniform, majority, marginal or a rate such as 0.25, got ${JSON.stringify(raw)}`);
  return x;
}

/** `evalgap plan <files…> --compare A,B | --against-chance`: the plan from a pilot run. */
async function pilotPlan(files: string[], values: Record<string, string | boolean | undefined>, io: Io): Promise<number> {
  const estimated = [...DESIGN_FLAGS.filter((f) => !(PILOT_NUMBERS as readonly string[]).includes(f)), "design"].filter((f) => values[f] !== undefined);
  if (estimated.length > 0) {
    throw new UsageError(`${list(estimated)} ${estimated.length === 1 ? "is" : "are"} estimated from the pilot files; drop ${estimated.length === 1 ? "it" : "them"} (--delta sets the gap to detect), or drop the files to plan from parameters`);
  }
  const compare = stringFlag(values, "compare");
  const againstChance = values["against-chance"] === true;
  if ((compare === undefined) === !againstChance) {
    throw new UsageError(`a plan from pilot files needs --compare BASELINE,TREATMENT or --against-chance${againstChance ? ", not both" : ""}`);
  }
  for (const f of ["condition", "chance"]) {
    if (compare !== undefined && values[f] !== undefined) throw new UsageError(`--${f} is for --against-chance; with --compare it is not read`);
  }
  if (againstChance && values.pairing !== undefined) throw new UsageError("--pairing is for --compare; against chance there is one condition");
  const options: PlanFromPilotOptions = recordOptionsFromFlags(values);
  for (const name of PILOT_NUMBERS) {
    const x = numberFlag(values, name);
    if (x !== undefined) options[name] = x;
  }
  const alternative = choiceFlag<Alternative>(values, "alternative", ALTERNATIVES);
  if (alternative !== undefined) options.alternative = alternative;
  const pairing = choiceFlag<Pairing>(values, "pairing", ["auto", "paired", "independent"]);
  if (pairing !== undefined) options.pairing = pairing;
  const input = await readInput(files, values, io);
  const conditions = inputConditions(input);
  if (compare !== undefined) {
    options.compare = splitCompare(compare, conditions);
  } else {
    options.againstChance = true;
    const condition = stringFlag(values, "condition");
    if (condition !== undefined) {
      checkCondition("--condition", condition, conditions);
      options.condition = condition;
    } else if (conditions.length > 1) {
      throw new UsageError(`the files hold ${conditions.length} conditions (${conditions.map((c) => JSON.stringify(c)).join(", ")}); choose one with --condition`);
    }
    const chance = chanceFlag(stringFlag(values, "chance"));
    if (chance !== undefined) options.chance = chance;
  }
  const result = planFromPilot(input, options);
  if (values.json) {
    io.out(JSON.stringify(result, null, 2));
    return 0;
  }
  io.out(`${formatPairs(pilotPairs(result))}\n\n${result.sentence}`);
  return 0;
}

/** The pilot's estimates and the plan, one line each. */
function pilotPairs({ plan, pilot, designEffect, items }: PilotPlan): [string, string][] {
  const rates = pilot.conditions.map((c, i) => `${c}: ${formatPercent(pilot.rates[i])}`).join(", ");
  const pairs: [string, string][] = [
    ["pilot", `${Array.isArray(pilot.items) ? pilot.items.map(formatCount).join(" and ") : formatCount(pilot.items)} items, ${pilot.samplesPerItem} answer${pilot.samplesPerItem === 1 ? "" : "s"} per item${pilot.droppedItems ? ` (${formatCount(pilot.droppedItems)} left out)` : ""}`],
    ["rates", pilot.chance !== undefined ? `${rates}; chance ${formatPercent(pilot.chance)} (${pilot.chanceClause})` : rates],
    ["gap seen", formatPoints(pilot.gap)],
  ];
  if (pilot.discordance !== undefined) pairs.push(["discordance", formatPercent(pilot.discordance)]);
  if (pilot.omega2 !== undefined) pairs.push(["ω², σ²", `${pilot.omega2.toPrecision(3)}, ${pilot.sigma2!.toPrecision(3)}`]);
  if (pilot.clusters !== undefined) pairs.push(["clusters", `${formatCount(pilot.clusters)} (design effect ${pilot.observedDesignEffect.toFixed(2)}${pilot.observedDesignEffect < 1 ? ", taken as 1" : ""})`]);
  pairs.push(
    ["design", plan.design],
    ["gap planned", formatPoints(plan.effect)],
    ["items", `${formatCount(items)}${plan.perGroup ? " per condition" : ""}  (n = ${plan.n.toFixed(2)}${designEffect > 1 ? ` × ${designEffect.toFixed(2)}` : ""})`],
    ["method", plan.method],
    ["test", `${plan.alternative}, α = ${plan.alpha}, power ${plan.power}`],
  );
  return pairs;
}
