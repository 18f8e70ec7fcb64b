/** `evalgap summarize <files…> [--by condition|model|cluster]`: accuracy per group with the right error bar. */
import { formatCount, formatInterval, formatPercent } from "../analysis/format.js";
import { summarize, type SummaryRow } from "../analysis/summarize.js";
import { passAtK, type PassAtKResult } from "../analysis/passAtK.js";
import { UsageError, choiceFlag, numberFlag, parseCommand } from "./args.js";
import type { Io } from "./io.js";
import { recordOptionsFromFlags } from "./readRecords.js";
import { INPUT_FLAGS, INPUT_HELP, readInput } from "./readInput.js";
import { isItemTable } from "../runs/itemTable.js";
import { formatTable } from "./table.js";

export const SUMMARIZE_HELP = `evalgap summarize — accuracy per condition with the right error bar

Usage: evalgap summarize <files…> [--by condition|model|cluster] [--level 0.95] [--pass-at k] [--json]

Repeats are averaged per item first; Clopper–Pearson for one binary answer per item, Korn–Graubard
for 0/1 answers with repeats or clusters, Student's t (CR2 with clusters) for graded scores.
--pass-at k adds pass@k per condition (Chen et al. 2021's unbiased estimator from each item's
repeats, t interval over items, CR2 with clusters); every item needs at least k scored answers.

${INPUT_HELP}`;

export async function summarizeCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(argv, { ...INPUT_FLAGS, by: { type: "string" }, level: { type: "string" }, "pass-at": { type: "string" } });
  if (values.help) {
    io.out(SUMMARIZE_HELP);
    return 0;
  }
  const by = choiceFlag(values, "by", ["condition", "model", "cluster"] as const);
  const options = {
    ...recordOptionsFromFlags(values),
    ...(by !== undefined ? { by } : {}),
    ...(values.level !== undefined ? { level: numberFlag(values, "level") } : {}),
  };
  const passAtFlag = numberFlag(values, "pass-at");
  if (passAtFlag !== undefined && !(Number.isInteger(passAtFlag) && passAtFlag >= 1)) throw new UsageError(`--pass-at must be a whole number of answers of at least 1, got ${JSON.stringify(values["pass-at"])}`);
  if (passAtFlag !== undefined && by !== undefined && by !== "condition") throw new UsageError(`--pass-at is per condition; drop --by ${by}`);
  const input = await readInput(positionals, values, io, by);
  // A table read for --by is grouped by that field already (its condition is the column).
  const summaryRows = summarize(input, isItemTable(input) ? { ...options, by: undefined } : options);
  const rows: (SummaryRow & { passAtK?: PassAtKResult })[] = passAtFlag === undefined ? summaryRows : summaryRows.map((r) => ({
    ...r,
    passAtK: passAtK(input, { k: passAtFlag, condition: r.group, errors: options.errors, refusals: options.refusals, ...(options.level !== undefined ? { level: options.level } : {}) }),
  }));
  if (rows.length === 0) {
    // Every record carried an error (a crashed run): say so rather than print an empty table.
    const errored = isItemTable(input) ? input.errors.reduce((a, b) => a + b, 0) : input.filter((r) => r.error !== undefined && r.error !== "").length;
    const total = isItemTable(input) ? errored + input.answered.reduce((a, b) => a + b, 0) + input.refused.reduce((a, b) => a + b, 0) : input.length;
    io.err(`evalgap summarize: no scored records: ${formatCount(errored)} of ${formatCount(total)} records have an error (--errors wrong scores them 0)`);
    if (values.json) io.out("[]");
    return 0;
  }
  if (values.json) {
    io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  const level = rows[0]?.level ?? 0.95;
  io.out(
    formatTable(rows, [
      { header: by ?? "condition", value: (r) => r.group },
      { header: "items", value: (r) => formatCount(r.items), align: "right" },
      { header: "samples/item", value: (r) => (Number.isInteger(r.samplesPerItem) ? String(r.samplesPerItem) : r.samplesPerItem.toFixed(2)), align: "right" },
      { header: "accuracy", value: (r) => formatPercent(r.accuracy), align: "right" },
      { header: `${Math.round(level * 100)}% CI`, value: (r) => formatInterval(r.lower, r.upper), align: "right" },
      { header: "SE", value: (r) => `${(100 * r.se).toFixed(2)} pp`, align: "right" },
      { header: "method", value: (r) => (r.clusters !== undefined ? `${r.method} (${r.clusters} clusters)` : r.method) },
      { header: "errors", value: (r) => formatCount(r.errors), align: "right" },
      { header: "refused", value: (r) => formatPercent(r.refusalRate), align: "right" },
      ...(passAtFlag === undefined ? [] : [
        { header: `pass@${passAtFlag}`, value: (r: (typeof rows)[number]) => (r.passAtK ? formatPercent(r.passAtK.estimate) : ""), align: "right" as const },
        { header: `pass@${passAtFlag} CI`, value: (r: (typeof rows)[number]) => (r.passAtK ? formatInterval(r.passAtK.lower, r.passAtK.upper) : ""), align: "right" as const },
      ]),
    ]),
  );
  // Thin ground goes beside the table, not in it: one note per row that has any (stderr, as the
  // loaders' notes), so the table stays machine-readable and the caveat is still seen.
  for (const r of rows) if (r.warnings.length > 0) io.err(`note: ${r.group}: ${r.warnings.join("; ")}`);
  return 0;
}
