/** `evalgap compare <files…> --baseline A [--treatment B]`: is the gap real? Without --treatment, every condition against A. */
import { compareAll } from "../analysis/compareAll.js";
import { rankConditions, type Rankings } from "../analysis/rankings.js";
import { compareConditions, type CompareOptions, type Pairing } from "../analysis/compareConditions.js";
import { formatCount, formatLevel, formatP, formatPercent, formatPoints, formatRate } from "../analysis/format.js";
import type { AdjustMethod } from "../stats/adjustPValues.js";
import type { Alternative } from "../stats/types.js";
import { ALTERNATIVES, UsageError, choiceFlag, numberFlag, parseCommand, requiredString, stringFlag } from "./args.js";
import type { Io } from "./io.js";
import { recordOptionsFromFlags } from "./readRecords.js";
import { INPUT_FLAGS, INPUT_HELP, inputConditions, readInput } from "./readInput.js";
import { isItemTable } from "../runs/itemTable.js";
import { checkCondition, regroupRecords } from "./conditions.js";
import { formatPairs, formatTable, unsignedPoints } from "./table.js";
import { formatAllPairs } from "./allPairsTable.js";

export const COMPARE_HELP = `evalgap compare — treatment − baseline, paired by item when the items match

Usage: evalgap compare <files…> --baseline A --treatment B [options]
       evalgap compare <files…> --baseline A [--correction holm]   (every other condition against A)
       evalgap compare <files…> --all-pairs [--correction holm]    (every pair, with tie groups)

  --by condition|model|cluster|FIELD  what a condition is (default: the records' condition); a
                                      meta field such as a table column kept with --meta
  --pairing auto|paired|independent   default auto: paired when the conditions share their items
  --alternative two-sided|greater|less
  --alpha 0.05  --power 0.8  --level 0.95
  --correction holm|bonferroni|hochberg|hommel|bh|by|none   (only without --treatment; default holm)
  --all-pairs                         every pair of conditions (two-sided): adjusted p-values,
                                      simultaneous intervals at --level (Bonferroni), tie-group letters,
                                      and each condition's rank interval at --level and P(best) from
                                      2,000 item-level bootstrap resamples (paired, seed 1)
  --json

${INPUT_HELP}`;

export async function compareCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    ...INPUT_FLAGS,
    baseline: { type: "string" },
    treatment: { type: "string" },
    pairing: { type: "string" },
    alternative: { type: "string" },
    alpha: { type: "string" },
    power: { type: "string" },
    level: { type: "string" },
    correction: { type: "string" },
    by: { type: "string" },
    "all-pairs": { type: "boolean" },
  });
  if (values.help) {
    io.out(COMPARE_HELP);
    return 0;
  }
  const allPairs = values["all-pairs"] === true;
  for (const flag of allPairs ? ["baseline", "treatment"] : []) {
    if (values[flag] !== undefined) throw new UsageError(`--all-pairs compares every pair of conditions, so --${flag} has no role; drop --${flag}, or --all-pairs to compare with one baseline`);
  }
  const baseline = allPairs ? "" : requiredString(values, "baseline");
  const options: Omit<CompareOptions, "treatment" | "baseline"> = recordOptionsFromFlags(values);
  for (const name of ["alpha", "power", "level"] as const) {
    const x = numberFlag(values, name);
    if (x !== undefined) options[name] = x;
  }
  const pairing = choiceFlag<Pairing>(values, "pairing", ["auto", "paired", "independent"]);
  if (pairing !== undefined) options.pairing = pairing;
  const alternative = choiceFlag<Alternative>(values, "alternative", ALTERNATIVES);
  if (alternative !== undefined) options.alternative = alternative;
  if (allPairs && alternative !== undefined && alternative !== "two-sided") {
    throw new UsageError(`--all-pairs tests every pair two-sided (a family of pairs has no single direction), got --alternative ${alternative}`);
  }
  const treatment = stringFlag(values, "treatment");
  const correction = choiceFlag<AdjustMethod | "none">(values, "correction", ["holm", "bonferroni", "hochberg", "hommel", "bh", "by", "none"]);
  if (treatment !== undefined && correction !== undefined) {
    throw new UsageError("--correction adjusts the p-values of several comparisons; with --treatment there is one. Drop --correction, or --treatment to compare every condition with the baseline");
  }
  const by = stringFlag(values, "by");
  if (by !== undefined && by.trim() === "") throw new UsageError("--by must name a field: condition, model, cluster or a meta field");
  const read = await readInput(positionals, values, io, by, true);
  // An item table read for --by is grouped by that field already (its condition is the column).
  const records = by === undefined || isItemTable(read) ? read : regroupRecords(read, by);
  if (allPairs) {
    const family = compareAll(records, { ...options, pairs: "all", ...(correction !== undefined ? { correction } : {}) });
    // Rankings need items every condition shares; without them the family stands alone.
    let ranking: Rankings | undefined;
    try {
      ranking = rankConditions(records, { errors: options.errors, refusals: options.refusals, ...(options.level !== undefined ? { level: options.level } : {}) });
    } catch (error) {
      if (!(error instanceof RangeError && /share no items/.test(error.message))) throw error;
    }
    io.out(values.json ? JSON.stringify({ ...family, ...(ranking ? { ranking } : {}) }, null, 2) : formatAllPairs(family, ranking));
    return 0;
  }
  const conditions = inputConditions(records);
  checkCondition("--baseline", baseline, conditions);
  if (treatment !== undefined) checkCondition("--treatment", treatment, conditions);
  // The detectable gap is printed with the power it was computed for (the --power given, else 0.8).
  const power = options.power ?? 0.8;
  if (treatment === undefined) {
    const all = compareAll(records, { ...options, baseline, ...(correction !== undefined ? { correction } : {}) });
    if (values.json) {
      io.out(JSON.stringify(all, null, 2));
      return 0;
    }
    io.out(
      formatTable(all, [
        { header: "treatment", value: (c) => c.treatment },
        { header: "items", value: (c) => formatCount(c.items), align: "right" },
        { header: "accuracy", value: (c) => formatPercent(c.treatmentAccuracy), align: "right" },
        { header: `− ${baseline}`, value: (c) => formatPoints(c.estimate), align: "right" },
        { header: `${formatLevel(all[0].level)} CI`, value: (c) => `${formatPoints(c.lower).replace(" pp", "")} to ${formatPoints(c.upper)}`, align: "right" },
        { header: "p", value: (c) => formatP(c.pValue), align: "right" },
        { header: `p (${all[0].correction})`, value: (c) => formatP(c.adjustedPValue), align: "right" },
        { header: `detectable (${formatRate(power)} power)`, value: (c) => unsignedPoints(c.mde), align: "right" },
        { header: "method", value: (c) => c.method },
      ]),
    );
    return 0;
  }
  const c = compareConditions(records, { ...options, baseline, treatment });
  if (values.json) {
    io.out(JSON.stringify(c, null, 2));
    return 0;
  }
  const pairs: [string, string][] = [
    ["baseline", `${c.baseline}: ${formatPercent(c.baselineAccuracy)}`],
    ["treatment", `${c.treatment}: ${formatPercent(c.treatmentAccuracy)}`],
    ["gap", `${formatPoints(c.estimate)}  (${formatLevel(c.level)} CI ${formatPoints(c.lower).replace(" pp", "")} to ${formatPoints(c.upper)}, SE ${(100 * c.se).toFixed(2)} pp)`],
    ["design", c.paired ? `paired on ${formatCount(c.items)} items (${formatCount(c.droppedItems)} left out; correlation ${c.correlation!.toFixed(2)})` : `independent: ${formatCount(c.treatmentItems)} vs ${formatCount(c.baselineItems)} items`],
    ["test", `${c.method}, ${c.alternative}`],
    ["p-value", formatP(c.pValue)],
    ["detectable", `${unsignedPoints(c.mde)} at ${formatRate(power)} power`],
    ["errors", `${c.counts.baseline.errors} / ${c.counts.treatment.errors} (baseline / treatment)`],
    ["refused", `${formatPercent(c.counts.baseline.refusalRate)} / ${formatPercent(c.counts.treatment.refusalRate)}`],
  ];
  io.out(`${formatPairs(pairs)}\n\n${c.sentence}`);
  return 0;
}
