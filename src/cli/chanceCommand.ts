/** `evalgap chance <files…> | --successes K --trials N [--chance …]`: does a result beat chance? */
import { beatsChance, type BeatsChanceOptions } from "../analysis/beatsChance.js";
import type { ChanceOption } from "../analysis/chance.js";
import { formatCount, formatInterval, formatLevel, formatP, formatPercent, formatRate, pText } from "../analysis/format.js";
import type { Alternative } from "../stats/types.js";
import { ALTERNATIVES, UsageError, choiceFlag, numberFlag, parseCommand, stringFlag } from "./args.js";
import type { Io } from "./io.js";
import { recordFlagsGiven, recordOptionsFromFlags } from "./readRecords.js";
import { INPUT_FLAGS, INPUT_HELP, inputConditions, readInput } from "./readInput.js";
import { formatPairs, formatTable, unsignedPoints } from "./table.js";
import { adjustPValues } from "../stats/adjustPValues.js";
import { checkCondition } from "./conditions.js";

export const CHANCE_HELP = `evalgap chance — does a result beat chance?

Usage: evalgap chance <files…> [--condition NAME] [options]
       evalgap chance --successes 510 --trials 1000 [options]

  --chance auto|uniform|majority|marginal|0.25   the baseline (default auto: the highest that applies)
  --alternative greater|less|two-sided           default greater (one-sided)
  --alpha 0.05  --margin 0.05  --power 0.8  --level 0.95
  --condition NAME                               one condition; without it, every condition in the
                                                 files, one row each, p-values adjusted by Holm
  --seed S  --resamples R                        permutation test against the marginal baseline
  --json                                         the verdict as JSON

${INPUT_HELP}`;

function chanceOption(raw: string | undefined): ChanceOption | undefined {
  if (raw === undefined) return undefined;
  if (["auto", "uniform", "majority", "marginal"].includes(raw)) return raw as ChanceOption;
  const x = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(x)) throw new UsageError(`--chance must be auto, uniform, majority, marginal or a rate such as 0.25, got ${JSON.stringify(raw)}`);
  return x;
}

/**
 * Every condition against its own chance rate, one row each, with the family's p-values adjusted
 * by Holm (one verdict per condition is a family of tests; the raw p is shown beside it).
 */
function everyCondition(input: Parameters<typeof beatsChance>[0], conditions: readonly string[], options: BeatsChanceOptions, json: boolean, io: Io): number {
  const verdicts: ReturnType<typeof beatsChance>[] = [];
  for (const condition of conditions) {
    try {
      verdicts.push(beatsChance(input, { ...options, condition }));
    } catch (error) {
      // A condition whose every record errored has nothing to test: said, and left out of the family.
      if (!(error instanceof RangeError) || !/has no scored records/.test(error.message)) throw error;
      io.err(`note: ${error.message}; left out`);
    }
  }
  if (verdicts.length === 0) throw new UsageError("no condition has scored records");
  const adjusted = adjustPValues(verdicts.map((v) => v.pValue), "holm");
  const alpha = verdicts[0].alpha;
  const rows = verdicts.map((v, i) => ({ ...v, holmPValue: adjusted[i], significantAfterHolm: adjusted[i] < alpha }));
  if (json) {
    io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  const level = rows[0].level;
  io.out(
    formatTable(rows, [
      { header: "condition", value: (r) => r.condition ?? "" },
      { header: "items", value: (r) => formatCount(r.items), align: "right" },
      { header: "accuracy", value: (r) => formatPercent(r.accuracy), align: "right" },
      { header: `${formatLevel(level)} CI`, value: (r) => formatInterval(r.lower, r.upper), align: "right" },
      { header: "chance", value: (r) => `${formatRate(r.chance)} (${r.chanceKind})`, align: "right" },
      { header: "test", value: (r) => r.method },
      { header: "p", value: (r) => formatP(r.pValue), align: "right" },
      { header: "p (Holm)", value: (r) => formatP(r.holmPValue), align: "right" },
      { header: "beats chance", value: (r) => (r.significantAfterHolm ? "yes" : "no") },
    ]),
  );
  const beat = rows.filter((r) => r.significantAfterHolm).length;
  io.out(`\n${beat} of ${rows.length} conditions beat chance at α = ${alpha} after Holm's adjustment for ${rows.length} tests (${verdicts[0].alternative}).`);
  for (const r of rows) if (r.warnings.length > 0) io.err(`note: ${r.condition}: ${r.warnings.join("; ")}`);
  return 0;
}

/** Flags that only the permutation test against the marginal baseline reads. */
const PERMUTATION_FLAGS = ["seed", "resamples"] as const;

export async function chanceCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    ...INPUT_FLAGS,
    successes: { type: "string" },
    trials: { type: "string" },
    chance: { type: "string" },
    alternative: { type: "string" },
    alpha: { type: "string" },
    margin: { type: "string" },
    power: { type: "string" },
    level: { type: "string" },
    condition: { type: "string" },
    seed: { type: "string" },
    resamples: { type: "string" },
  });
  if (values.help) {
    io.out(CHANCE_HELP);
    return 0;
  }
  const options: BeatsChanceOptions = { ...recordOptionsFromFlags(values) };
  const chance = chanceOption(stringFlag(values, "chance"));
  if (chance !== undefined) options.chance = chance;
  for (const name of ["alpha", "margin", "power", "level", "resamples"] as const) {
    const x = numberFlag(values, name);
    if (x !== undefined) options[name] = x;
  }
  const alternative = choiceFlag<Alternative>(values, "alternative", ALTERNATIVES);
  if (alternative !== undefined) options.alternative = alternative;
  const condition = stringFlag(values, "condition");
  if (condition !== undefined) options.condition = condition;
  const seed = stringFlag(values, "seed");
  if (seed !== undefined) options.seed = /^\d+$/.test(seed) ? Number(seed) : seed;
  const permutationFlags = PERMUTATION_FLAGS.filter((f) => values[f] !== undefined).map((f) => `--${f}`);
  if (permutationFlags.length && (typeof chance === "number" || chance === "uniform" || chance === "majority")) {
    throw new UsageError(`${permutationFlags.join(" and ")} only set${permutationFlags.length === 1 ? "s" : ""} the permutation test against the marginal baseline, and --chance ${stringFlag(values, "chance")} is not it`);
  }
  const hasCounts = values.successes !== undefined || values.trials !== undefined;
  if (hasCounts && positionals.length > 0) throw new UsageError("give either run files or --successes/--trials, not both");
  let verdict;
  if (hasCounts) {
    // Counts carry no records to read, choose among or permute: those flags would do nothing.
    const unused = [...recordFlagsGiven(values), ...(values.engine !== undefined ? ["engine"] : []), ...(condition !== undefined ? ["condition"] : []), ...PERMUTATION_FLAGS.filter((f) => values[f] !== undefined)];
    if (unused.length) throw new UsageError(`${unused.map((f) => `--${f}`).join(", ")} ${unused.length === 1 ? "applies" : "apply"} to run files, not to --successes/--trials`);
    const successes = numberFlag(values, "successes");
    const trials = numberFlag(values, "trials");
    if (successes === undefined || trials === undefined) throw new UsageError("--successes and --trials go together");
    verdict = beatsChance({ successes, trials }, options);
  } else {
    const records = await readInput(positionals, values, io);
    const conditions = inputConditions(records);
    if (condition === undefined && conditions.length > 1) return everyCondition(records, conditions, options, values.json === true, io);
    if (condition !== undefined) checkCondition("--condition", condition, conditions);
    verdict = beatsChance(records, options);
    if (permutationFlags.length && verdict.chanceKind !== "marginal") {
      throw new UsageError(`${permutationFlags.join(" and ")} only set${permutationFlags.length === 1 ? "s" : ""} the permutation test against the marginal baseline; this verdict used the ${verdict.chanceKind} baseline (ask for it with --chance marginal)`);
    }
  }
  if (values.json) {
    io.out(JSON.stringify(verdict, null, 2));
    return 0;
  }
  const pairs: [string, string][] = [
    ["accuracy", `${formatPercent(verdict.accuracy)}  (${formatLevel(verdict.level)} CI ${formatInterval(verdict.lower, verdict.upper)})`],
    ["items", `${formatCount(verdict.items)}${verdict.samplesPerItem !== 1 ? `  (${verdict.samplesPerItem.toFixed(2).replace(/\.00$/, "")} samples per item)` : ""}`],
    ["chance", `${formatRate(verdict.chance)}  (${verdict.chanceKind})`],
    ["test", `${verdict.method}, ${verdict.alternative}`],
    ["p-value", formatP(verdict.pValue)],
    ["significant", `${verdict.significant ? "yes" : "no"} at α = ${verdict.alpha}`],
    ["detectable", `${formatPercent(verdict.detectableRate)} at ${formatRate(verdict.power)} power`],
    ["P(above chance)", formatPercent(verdict.probabilityAboveChance)],
    // The margin is a difference of rates: percentage points, as the notebooks write it.
    ["equivalent", `${verdict.equivalent ? "yes" : "no"} (within ±${unsignedPoints(verdict.margin)} of chance, TOST ${pText(verdict.equivalencePValue)})`],
  ];
  io.out(`${formatPairs(pairs)}\n\n${verdict.sentence}`);
  return 0;
}
