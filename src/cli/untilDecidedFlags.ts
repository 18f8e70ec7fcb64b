/**
 * The `--until decided` flags of `evalgap run` (read into the collector's UntilDecidedOptions) and
 * the lines that end such a run: why it stopped, calls made and saved, and the sentence.
 */
import type { CollectSummary } from "../collect/collect.js";
import type { UntilDecidedOptions } from "../collect/untilDecided.js";
import { formatCount } from "../analysis/format.js";
import { UsageError, numberFlag, stringFlag, type Options } from "./args.js";

export const UNTIL_DECIDED_FLAGS: Options = {
  until: { type: "string" },
  alpha: { type: "string" },
  margin: { type: "string" },
  compare: { type: "string" },
  "against-chance": { type: "boolean" },
  seed: { type: "string" },
};

export const UNTIL_DECIDED_HELP = `  --until decided draw items in a seeded random order, every condition of an item before the next,
                  and stop when the anytime-valid confidence sequence decides (online only):
    --compare A,B     the paired gap B − A: stops when the interval excludes 0 or lies within ±margin
    --against-chance  the one condition's accuracy against chance (1/choices): stops when it excludes chance
    --alpha 0.05      error rate of the whole sequence
    --margin 0.02     "no meaningful difference" half-width
    --seed N          the item order (default fixed, so a resumed run replays it)`;

const ONLY_WITH_UNTIL = ["alpha", "margin", "compare", "against-chance", "seed"] as const;

/**
 * The options for `collectRuns({ untilDecided })`, or undefined without `--until`; usage errors name
 * the flag and the value.
 *
 * @example untilDecidedFromFlags({ until: "decided", compare: "A,B" }, false, ["A", "B"])?.compare // ["A", "B"]
 */
export function untilDecidedFromFlags(values: Record<string, string | boolean | undefined>, batch: boolean, conditionNames: readonly string[]): UntilDecidedOptions | undefined {
  const until = stringFlag(values, "until");
  if (until === undefined) {
    const stray = ONLY_WITH_UNTIL.find((f) => values[f] !== undefined);
    if (stray) throw new UsageError(`--${stray} applies only with --until decided`);
    return undefined;
  }
  if (until !== "decided") throw new UsageError(`--until must be "decided", got ${JSON.stringify(until)}`);
  if (batch) throw new UsageError("--until decided works only online (each item's answers decide whether to ask the next); drop --batch");
  const compareRaw = stringFlag(values, "compare");
  const againstChance = values["against-chance"] === true;
  if ((compareRaw === undefined) === !againstChance) throw new UsageError("--until decided needs exactly one of --compare A,B and --against-chance");
  const alpha = numberFlag(values, "alpha");
  if (alpha !== undefined && !(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha must be in (0, 1), got ${alpha}`);
  const margin = numberFlag(values, "margin");
  if (margin !== undefined && !(margin >= 0 && margin < 1)) throw new UsageError(`--margin must be in [0, 1), got ${margin}`);
  const seedRaw = stringFlag(values, "seed");
  const seed = seedRaw === undefined ? undefined : Number(seedRaw);
  if (seed !== undefined && !(seedRaw!.trim() !== "" && Number.isSafeInteger(seed) && seed >= 0)) throw new UsageError(`--seed must be a non-negative integer, got ${JSON.stringify(seedRaw)}`);
  const options: UntilDecidedOptions = { ...(alpha !== undefined ? { alpha } : {}), ...(margin !== undefined ? { margin } : {}), ...(seed !== undefined ? { seed } : {}) };
  if (compareRaw !== undefined) {
    const names = compareRaw.split(",").map((s) => s.trim());
    if (names.length !== 2 || names.some((n) => n === "")) throw new UsageError(`--compare must name two conditions as A,B, got ${JSON.stringify(compareRaw)}`);
    for (const n of names) {
      if (!conditionNames.includes(n)) throw new UsageError(`--compare: ${JSON.stringify(n)} is not a condition; conditions: ${conditionNames.map((c) => JSON.stringify(c)).join(", ")}`);
    }
    if (names[0] === names[1]) throw new UsageError(`--compare needs two different conditions, got ${JSON.stringify(names[0])} twice`);
    options.compare = [names[0], names[1]];
  } else if (conditionNames.length !== 1) {
    throw new UsageError(`--against-chance tests one condition, but --conditions has ${conditionNames.length}; use --compare A,B`);
  }
  return options;
}

/**
 * The end of a `--until decided` run: why it stopped, calls made and saved, the sentence.
 *
 * @example untilDecidedLines(summary)[0] // "Stopped: decided: excludes 0 after 367 items."
 */
export function untilDecidedLines(summary: CollectSummary): string[] {
  const s = summary.sequential;
  if (!s) return [];
  return [
    `Stopped: ${s.label} after ${formatCount(s.items)} items.`,
    `Calls: ${formatCount(s.calls)} made of ${formatCount(s.total)} for the full set; ${formatCount(s.callsSaved)} saved.`,
    s.sentence,
  ];
}
