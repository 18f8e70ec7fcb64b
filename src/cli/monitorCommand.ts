/**
 * `evalgap monitor <files> (--against-chance | --compare A,B)`: the anytime-valid confidence
 * sequence over a run file's items in collection order (src/analysis/sequentialAnalysis.ts), after
 * the fact or, with --watch, as the file grows. Because the sequence is valid however often it is
 * looked at, re-reading the file after every batch costs no error rate.
 */
import { watch, type FSWatcher } from "node:fs";
import { formatCount, formatLevel, formatP, formatPercent, formatPoints, formatRate } from "../analysis/format.js";
import { sequentialAgainstChance, sequentialGap, type SequentialAnalysis, type SequentialStep } from "../analysis/sequentialAnalysis.js";
import type { RunRecord } from "../runs/record.js";
import { UsageError, numberFlag, parseCommand, stringFlag } from "./args.js";
import { checkCondition } from "./conditions.js";
import type { Io } from "./io.js";
import { RECORD_FLAGS, RECORD_HELP, readRecords, recordOptionsFromFlags } from "./readRecords.js";
import { formatTable, unsignedPoints } from "./table.js";

export const MONITOR_HELP = `evalgap monitor — the anytime-valid confidence sequence of a run file, item by item

Usage: evalgap monitor <files…> --against-chance [--condition NAME] [--chance X] [options]
       evalgap monitor <files…> --compare BASELINE,TREATMENT [options]

  --against-chance             one condition's accuracy > chance (one-sided)
  --condition NAME             the condition, when the files hold several
  --chance X|uniform           the chance rate (default uniform: 1/options from the items' choices,
                               or 50% when the targets take two values)
  --compare A,B                the paired gap B − A over the items both answered (two-sided)
  --alpha 0.05                 error rate of the whole sequence
  --margin 0.02                "no meaningful difference" half-width (settled when the interval
                               lies inside ±margin)
  --watch                      re-read the files when they change (Ctrl-C stops)
  --json                       the whole sequence as JSON

Items enter in order of first appearance; an item's score is its mean over its records in the file.
The table shows the sequence at every 10% of the items and at the first decision, which is what
\`evalgap run --until decided\` would have stopped on, and the calls stopping there would have saved.

${RECORD_HELP}`;

type Values = Record<string, string | boolean | undefined>;

/** What to analyse, checked before any file is read. */
type Question = { kind: "chance"; condition?: string; chance?: number | "uniform" } | { kind: "gap"; pair: string };

function question(values: Values): Question {
  const compare = stringFlag(values, "compare");
  const againstChance = values["against-chance"] === true;
  if (againstChance === (compare !== undefined)) throw new UsageError("give either --against-chance or --compare BASELINE,TREATMENT");
  if (compare !== undefined) {
    for (const flag of ["chance", "condition"]) if (values[flag] !== undefined) throw new UsageError(`--${flag} applies to --against-chance, not to --compare`);
    if (!compare.includes(",")) throw new UsageError(`--compare must be BASELINE,TREATMENT, got ${JSON.stringify(compare)}`);
    return { kind: "gap", pair: compare };
  }
  const raw = stringFlag(values, "chance");
  let chance: number | "uniform" | undefined;
  if (raw !== undefined) {
    chance = raw === "uniform" ? "uniform" : Number(raw);
    if (chance !== "uniform" && !(raw.trim() !== "" && chance > 0 && chance < 1)) throw new UsageError(`--chance must be a rate in (0, 1) or uniform, got ${JSON.stringify(raw)}`);
  }
  return { kind: "chance", condition: stringFlag(values, "condition"), chance };
}

/** BASELINE,TREATMENT split at the comma that leaves two conditions present (names may hold commas). */
function splitPair(pair: string, conditions: readonly string[]): [string, string] {
  const cuts = [...pair].flatMap((ch, i) => (ch === "," ? [i] : []));
  for (const i of cuts) {
    const a = pair.slice(0, i);
    const b = pair.slice(i + 1);
    if (conditions.includes(a) && conditions.includes(b)) return [a, b];
  }
  const [a, ...rest] = pair.split(",");
  const b = rest.join(",");
  checkCondition("--compare", a, conditions);
  checkCondition("--compare", b, conditions);
  return [a, b];
}

function analyse(records: RunRecord[], q: Question, values: Values): SequentialAnalysis {
  const options = { ...recordOptionsFromFlags(values), alpha: numberFlag(values, "alpha"), margin: numberFlag(values, "margin") };
  const conditions = [...new Set(records.map((r) => r.condition))];
  if (q.kind === "gap") {
    const [baseline, treatment] = splitPair(q.pair, conditions);
    return sequentialGap(records, { ...options, baseline, treatment });
  }
  if (q.condition !== undefined) checkCondition("--condition", q.condition, conditions);
  else if (conditions.length > 1) throw new UsageError(`the files hold ${conditions.length} conditions (${conditions.map((c) => JSON.stringify(c)).join(", ")}); name one with --condition`);
  try {
    return sequentialAgainstChance(records, { ...options, condition: q.condition, chance: q.chance });
  } catch (error) {
    // "uniform" needs the items' options; say which flag supplies a rate instead.
    if (error instanceof RangeError && /chance "uniform" does not apply/.test(error.message)) throw new UsageError(`${error.message}; give the rate with --chance`);
    throw error;
  }
}

/** The steps shown: every 10% of the items and the first decision (every step when there are ten or fewer). */
export function checkpointSteps(analysis: SequentialAnalysis, parts = 10): SequentialStep[] {
  const n = analysis.steps.length;
  const at = new Set<number>();
  for (let k = 1; k <= parts; k++) at.add(Math.max(1, Math.ceil((n * k) / parts)));
  if (analysis.decidedAt !== undefined) at.add(analysis.decidedAt);
  return [...at].sort((a, b) => a - b).map((items) => analysis.steps[items - 1]);
}

function report(analysis: SequentialAnalysis, io: Io): void {
  const gap = analysis.kind === "paired-gap";
  const value = (x: number) => (gap ? formatPoints(x) : formatPercent(x));
  const heading = gap
    ? `${analysis.conditions[1]} − ${analysis.conditions[0]}, paired by item: ${formatCount(analysis.items)} items`
    : `${analysis.conditions[0]} against chance ${formatRate(analysis.nullValue)} (${analysis.chanceKind}): ${formatCount(analysis.items)} items`;
  io.out(`${heading}\n${analysis.method}, anytime-valid ${formatLevel(analysis.level)}\n`);
  io.out(
    formatTable(checkpointSteps(analysis), [
      { header: "items", value: (s) => formatCount(s.items), align: "right" },
      { header: gap ? "gap" : "accuracy", value: (s) => value(s.estimate), align: "right" },
      { header: gap ? "interval" : "lower bound", value: (s) => (gap ? `[${formatPoints(s.lower)}, ${formatPoints(s.upper)}]` : formatPercent(s.lower)), align: "right" },
      { header: "anytime p", value: (s) => formatP(s.pValue), align: "right" },
      { header: "decision", value: (s) => (s.items === analysis.decidedAt ? `${s.decision} ← first` : s.decision) },
    ]),
  );
  const at = analysis.decidedAt === undefined ? "" : ` at item ${formatCount(analysis.decidedAt)} of ${formatCount(analysis.items)}; stopping there would have saved ${formatCount(analysis.callsSaved)} of ${formatCount(analysis.calls)} calls`;
  io.out(`\n${analysis.decisionLabel}${at}${gap ? ` (margin ±${unsignedPoints(analysis.margin)})` : ""}.`);
  io.out(analysis.sentence);
  for (const warning of analysis.warnings) io.err(`note: ${warning}`);
}

async function runOnce(files: string[], q: Question, values: Values, io: Io): Promise<void> {
  const analysis = analyse(await readRecords(files, values, io), q, values);
  if (values.json) io.out(JSON.stringify(analysis, null, 2));
  else report(analysis, io);
}

/**
 * Re-read and re-report whenever a file changes, 300 ms after the last change (a collector writes a
 * batch as many appends); until Ctrl-C. A file caught half-written is reported on stderr and read
 * again on its next change.
 */
async function watchFiles(files: string[], q: Question, values: Values, io: Io): Promise<number> {
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const rerun = () => {
    running = running.then(async () => {
      try {
        io.out(`\n— ${new Date().toISOString()} —`);
        await runOnce(files, q, values, io);
      } catch (error) {
        io.err(`evalgap monitor: ${(error as Error).message.split("\n")[0]} (waiting for the next change)`);
      }
    });
  };
  return new Promise<number>((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      process.off("SIGINT", stop);
      void running.then(() => resolve(0));
    };
    process.on("SIGINT", stop);
    for (const file of files) {
      watchers.push(
        watch(file, () => {
          clearTimeout(timer);
          timer = setTimeout(rerun, 300);
        }),
      );
    }
  });
}

export async function monitorCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    ...RECORD_FLAGS,
    "against-chance": { type: "boolean" },
    compare: { type: "string" },
    condition: { type: "string" },
    chance: { type: "string" },
    alpha: { type: "string" },
    margin: { type: "string" },
    watch: { type: "boolean" },
  });
  if (values.help) {
    io.out(MONITOR_HELP);
    return 0;
  }
  const q = question(values);
  const margin = numberFlag(values, "margin");
  if (margin !== undefined && !(margin >= 0 && margin < 1)) throw new UsageError(`--margin must be in [0, 1), got ${margin}`);
  const alpha = numberFlag(values, "alpha");
  if (alpha !== undefined && !(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha must be in (0, 1), got ${alpha}`);
  // The first reading's errors are the input's fault and exit 2, watched or not.
  await runOnce(positionals, q, values, io);
  if (values.watch !== true) return 0;
  return watchFiles(positionals, q, values, io);
}
