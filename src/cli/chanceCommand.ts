/** `evalgap chance <files…> | --successes K --trials N [--chance …]`: does a result beat chance? */
import { beatsChance, type BeatsChanceOptions } from "../analysis/beatsChance.js";
import type { ChanceOption } from "../analysis/chance.js";
import { formatCount, formatInterval, formatP, formatPercent, formatRate, pText } from "../analysis/format.js";
import type { Alternative } from "../stats/types.js";
import { UsageError, numberFlag, parseCommand, stringFlag } from "./args.js";
import type { Io } from "./dispatch.js";
import { RECORD_FLAGS, RECORD_HELP, readRecords, recordOptionsFromFlags } from "./readRecords.js";
import { formatPairs } from "./table.js";

export const CHANCE_HELP = `evalgap chance — does a result beat chance?

Usage: evalgap chance <files…> [--condition NAME] [options]
       evalgap chance --successes 510 --trials 1000 [options]

  --chance auto|uniform|majority|marginal|0.25   the baseline (default auto: the highest that applies)
  --alternative greater|less|two-sided           default greater (one-sided)
  --alpha 0.05  --margin 0.05  --power 0.8  --level 0.95
  --seed S  --resamples R                        permutation test against the marginal baseline
  --json                                         the verdict as JSON

${RECORD_HELP}`;

function chanceOption(raw: string | undefined): ChanceOption | undefined {
  if (raw === undefined) return undefined;
  if (["auto", "uniform", "majority", "marginal"].includes(raw)) return raw as ChanceOption;
  const x = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(x)) throw new UsageError(`--chance must be auto, uniform, majority, marginal or a rate such as 0.25, got ${JSON.stringify(raw)}`);
  return x;
}

export async function chanceCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    ...RECORD_FLAGS,
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
  const alternative = stringFlag(values, "alternative");
  if (alternative !== undefined) options.alternative = alternative as Alternative;
  const condition = stringFlag(values, "condition");
  if (condition !== undefined) options.condition = condition;
  const seed = stringFlag(values, "seed");
  if (seed !== undefined) options.seed = /^\d+$/.test(seed) ? Number(seed) : seed;
  const hasCounts = values.successes !== undefined || values.trials !== undefined;
  if (hasCounts && positionals.length > 0) throw new UsageError("give either run files or --successes/--trials, not both");
  let verdict;
  if (hasCounts) {
    const successes = numberFlag(values, "successes");
    const trials = numberFlag(values, "trials");
    if (successes === undefined || trials === undefined) throw new UsageError("--successes and --trials go together");
    verdict = beatsChance({ successes, trials }, options);
  } else {
    verdict = beatsChance(await readRecords(positionals, values), options);
  }
  if (values.json) {
    io.out(JSON.stringify(verdict, null, 2));
    return 0;
  }
  const pairs: [string, string][] = [
    ["accuracy", `${formatPercent(verdict.accuracy)}  (${Math.round(verdict.level * 100)}% CI ${formatInterval(verdict.lower, verdict.upper)})`],
    ["items", `${formatCount(verdict.items)}${verdict.samplesPerItem !== 1 ? `  (${verdict.samplesPerItem.toFixed(2).replace(/\.00$/, "")} samples per item)` : ""}`],
    ["chance", `${formatRate(verdict.chance)}  (${verdict.chanceKind})`],
    ["test", `${verdict.method}, ${verdict.alternative}`],
    ["p-value", formatP(verdict.pValue)],
    ["significant", `${verdict.significant ? "yes" : "no"} at α = ${verdict.alpha}`],
    ["detectable", `${formatPercent(verdict.detectableRate)} at ${formatRate(verdict.power)} power`],
    ["P(above chance)", formatPercent(verdict.probabilityAboveChance)],
    ["equivalent", `${verdict.equivalent ? "yes" : "no"} (within ±${formatRate(verdict.margin)}, TOST ${pText(verdict.equivalencePValue)})`],
  ];
  io.out(`${formatPairs(pairs)}\n\n${verdict.sentence}`);
  return 0;
}
