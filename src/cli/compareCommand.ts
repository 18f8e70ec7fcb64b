/** `evalgap compare <files…> --baseline A [--treatment B]`: is the gap real? Without --treatment, every condition against A. */
import { compareAll } from "../analysis/compareAll.js";
import { compareConditions, type CompareOptions, type Pairing } from "../analysis/compareConditions.js";
import { formatCount, formatP, formatPercent, formatPoints } from "../analysis/format.js";
import type { AdjustMethod } from "../stats/adjustPValues.js";
import type { Alternative } from "../stats/types.js";
import { numberFlag, parseCommand, requiredString, stringFlag } from "./args.js";
import type { Io } from "./dispatch.js";
import { RECORD_FLAGS, RECORD_HELP, readRecords, recordOptionsFromFlags } from "./readRecords.js";
import { formatPairs, formatTable } from "./table.js";

export const COMPARE_HELP = `evalgap compare — treatment − baseline, paired by item when the items match

Usage: evalgap compare <files…> --baseline A --treatment B [options]
       evalgap compare <files…> --baseline A [--correction holm]   (every other condition against A)

  --pairing auto|paired|independent   default auto: paired when the conditions share their items
  --alternative two-sided|greater|less
  --alpha 0.05  --power 0.8  --level 0.95
  --correction holm|bonferroni|hochberg|hommel|bh|by|none   (without --treatment; default holm)
  --json

${RECORD_HELP}`;

export async function compareCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    ...RECORD_FLAGS,
    baseline: { type: "string" },
    treatment: { type: "string" },
    pairing: { type: "string" },
    alternative: { type: "string" },
    alpha: { type: "string" },
    power: { type: "string" },
    level: { type: "string" },
    correction: { type: "string" },
  });
  if (values.help) {
    io.out(COMPARE_HELP);
    return 0;
  }
  const baseline = requiredString(values, "baseline");
  const options: Omit<CompareOptions, "treatment"> = { baseline, ...recordOptionsFromFlags(values) };
  for (const name of ["alpha", "power", "level"] as const) {
    const x = numberFlag(values, name);
    if (x !== undefined) options[name] = x;
  }
  const pairing = stringFlag(values, "pairing");
  if (pairing !== undefined) options.pairing = pairing as Pairing;
  const alternative = stringFlag(values, "alternative");
  if (alternative !== undefined) options.alternative = alternative as Alternative;
  const treatment = stringFlag(values, "treatment");
  const records = await readRecords(positionals, values);
  if (treatment === undefined) {
    const correction = stringFlag(values, "correction") as AdjustMethod | "none" | undefined;
    const all = compareAll(records, { ...options, ...(correction !== undefined ? { correction } : {}) });
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
        { header: `${Math.round(all[0].level * 100)}% CI`, value: (c) => `${formatPoints(c.lower).replace(" pp", "")} to ${formatPoints(c.upper)}`, align: "right" },
        { header: "p", value: (c) => formatP(c.pValue), align: "right" },
        { header: `p (${all[0].correction})`, value: (c) => formatP(c.adjustedPValue), align: "right" },
        { header: "method", value: (c) => c.method },
      ]),
    );
    return 0;
  }
  const c = compareConditions(records, { ...options, treatment });
  if (values.json) {
    io.out(JSON.stringify(c, null, 2));
    return 0;
  }
  const pairs: [string, string][] = [
    ["baseline", `${c.baseline}: ${formatPercent(c.baselineAccuracy)}`],
    ["treatment", `${c.treatment}: ${formatPercent(c.treatmentAccuracy)}`],
    ["gap", `${formatPoints(c.estimate)}  (${Math.round(c.level * 100)}% CI ${formatPoints(c.lower).replace(" pp", "")} to ${formatPoints(c.upper)}, SE ${(100 * c.se).toFixed(2)} pp)`],
    ["design", c.paired ? `paired on ${formatCount(c.items)} items (${formatCount(c.droppedItems)} left out; correlation ${c.correlation!.toFixed(2)})` : `independent: ${formatCount(c.treatmentItems)} vs ${formatCount(c.baselineItems)} items`],
    ["test", `${c.method}, ${c.alternative}`],
    ["p-value", formatP(c.pValue)],
    ["detectable", `${formatPoints(c.mde).replace("+", "")} at 80% power`],
    ["errors", `${c.counts.baseline.errors} / ${c.counts.treatment.errors} (baseline / treatment)`],
    ["refused", `${formatPercent(c.counts.baseline.refusalRate)} / ${formatPercent(c.counts.treatment.refusalRate)}`],
  ];
  io.out(`${formatPairs(pairs)}\n\n${c.sentence}`);
  return 0;
}
