/**
 * `evalgap run --until decided`: ask the items one at a time in a seeded random order, every
 * condition (and sample) of an item before the next is drawn, feed each finished item to an
 * anytime-valid confidence sequence (Waudby-Smith & Ramdas 2024; src/stats/confidenceSequence.ts),
 * and stop as soon as `sequentialDecision` says the question is decided (excludes 0 or chance) or
 * settled (within ±margin), or the items run out.
 *
 * Why a random order: the sequence is valid when the order of the items does not depend on their
 * scores; a fixed seed makes a resumed run replay the same order, so it reaches the same decision
 * at the same item (items already in the file are read back, not asked again).
 */
import { sequentialDecision, type SequentialDecisionKind } from "../analysis/sequentialAnalysis.js";
import { formatCount, formatLevel, formatPercent, formatPoints, formatRate } from "../analysis/format.js";
import { createConfidenceSequence, createPairedGapSequence, type ConfidenceSequenceState } from "../stats/confidenceSequence.js";
import { createRandom } from "../stats/random.js";
import type { CollectClient } from "./client.js";
import { collectOnline, type OnlineOptions } from "./collectOnline.js";
import type { RunSession } from "./session.js";
import type { Job, Task } from "./types.js";

/** The default seed of the item order, so that running the same command again replays it. */
export const DEFAULT_ORDER_SEED = 20240601;

export interface UntilDecidedOptions {
  /** Error rate of the whole sequence, default 0.05. */
  alpha?: number;
  /** "No meaningful difference" half-width, in [0, 1), default 0.02. */
  margin?: number;
  /** Seed of the item order (default DEFAULT_ORDER_SEED). */
  seed?: number | string;
  /** [baseline, treatment]: the paired gap treatment − baseline. Absent: the one condition against chance. */
  compare?: [string, string];
}

export interface UntilDecidedOutcome {
  /** Why the run stopped. */
  reason: SequentialDecisionKind | "exhausted" | "interrupted";
  /** "decided: excludes 0", "settled: within ±2.0 pp", "undecided: the items ran out", "interrupted". */
  label: string;
  /** Items in the sequence (finished items with a score under every compared condition). */
  items: number;
  /** Items drawn (asked or read back) before the stop. */
  drawn: number;
  /** Calls of the drawn items (in the file), and of the items never drawn (saved against the full set). */
  calls: number;
  callsSaved: number;
  total: number;
  state: ConfidenceSequenceState;
  nullValue: number;
  /** The finding in one sentence, with the anytime-valid interval. */
  sentence: string;
}

/**
 * The tasks in a seeded random order (Fisher–Yates with the package's xoshiro stream): the same seed
 * and tasks give the same order on every machine.
 *
 * @example drawOrder([{ id: "a" }, { id: "b" }, { id: "c" }], 1).length // 3
 */
export function drawOrder<T>(tasks: readonly T[], seed: number | string = DEFAULT_ORDER_SEED): T[] {
  const order = [...tasks];
  const random = createRandom(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function choiceCount(task: Task): number | undefined {
  return typeof task.choices === "number" ? task.choices : Array.isArray(task.choices) ? task.choices.length : undefined;
}

/** Chance for --against-chance: 1/choices, the same for every task. */
function chanceOf(tasks: readonly Task[]): number {
  const counts = new Set(tasks.map(choiceCount));
  if (counts.has(undefined)) {
    const task = tasks.find((t) => choiceCount(t) === undefined)!;
    throw new RangeError(`--against-chance needs every task's choices (chance = 1/choices); task ${JSON.stringify(task.id)} has none`);
  }
  if (counts.size > 1) throw new RangeError(`--against-chance needs one number of choices for all tasks, got ${[...counts].join(", ")}`);
  const n = [...counts][0]!;
  if (n < 2) throw new RangeError(`--against-chance needs at least 2 choices, got ${n}`);
  return 1 / n;
}

/** Score of a record for the sequence: undefined for an error record (it is a call, not an answer). */
function scoreOf(record: Record<string, unknown>): number | undefined {
  if (record.error !== undefined && record.error !== null) return undefined;
  return typeof record.score === "number" && Number.isFinite(record.score) ? record.score : undefined;
}

/**
 * Collect item by item until the sequence decides (see the module comment). `existing` are the
 * records already in the output (a resumed run reads their scores back). `onState` sees the state
 * after each item (for the progress line).
 *
 * @example (await collectUntilDecided(jobs, session, api, [], online, { compare: ["A", "B"] })).reason // "excludes"
 */
export async function collectUntilDecided(
  jobs: readonly Job[],
  session: RunSession,
  api: CollectClient,
  existing: readonly Record<string, unknown>[],
  online: OnlineOptions,
  options: UntilDecidedOptions,
  onState?: (text: string) => void,
): Promise<UntilDecidedOutcome> {
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  const margin = options.margin ?? 0.02;
  if (!(margin >= 0 && margin < 1)) throw new RangeError(`margin must be in [0, 1), got ${margin}`);
  const conditionNames = [...new Set(jobs.map((j) => j.condition.name))];
  const tasks = [...new Map(jobs.map((j) => [j.task.id, j.task])).values()];
  let compared: string[];
  let nullValue: number;
  if (options.compare) {
    const [baseline, treatment] = options.compare;
    for (const name of options.compare) {
      if (!conditionNames.includes(name)) throw new RangeError(`--compare names ${JSON.stringify(name)}, which is not a condition; conditions: ${conditionNames.map((c) => JSON.stringify(c)).join(", ")}`);
    }
    if (baseline === treatment) throw new RangeError(`--compare needs two different conditions, got ${JSON.stringify(baseline)} twice`);
    compared = [baseline, treatment];
    nullValue = 0;
  } else {
    if (conditionNames.length !== 1) throw new RangeError(`--against-chance tests one condition, but the conditions file has ${conditionNames.length}; use --compare A,B or one condition`);
    compared = conditionNames;
    nullValue = chanceOf(tasks);
  }
  const sequence = options.compare ? createPairedGapSequence({ alpha, nullValue: 0 }) : createConfidenceSequence({ alpha, alternative: "greater", nullValue });
  const rule = { nullValue, margin };

  // Scores by (item, condition): those already in the file, then every answer this run writes.
  const scores = new Map<string, number[]>();
  const note = (r: Record<string, unknown>) => {
    const s = scoreOf(r);
    if (s === undefined) return;
    const key = `${String(r.item)}\u0000${String(r.condition)}`;
    scores.set(key, [...(scores.get(key) ?? []), s]);
  };
  for (const r of existing) note(r);
  const onRecord = online.onRecord;
  const itemOnline: OnlineOptions = { ...online, onRecord: (record) => (note(record as unknown as Record<string, unknown>), onRecord?.(record)) };
  const meanOf = (item: string, condition: string): number | undefined => {
    const list = scores.get(`${item}\u0000${condition}`);
    return list && list.length > 0 ? list.reduce((a, b) => a + b, 0) / list.length : undefined;
  };

  const jobsByItem = new Map<string, Job[]>();
  for (const job of jobs) jobsByItem.set(job.task.id, [...(jobsByItem.get(job.task.id) ?? []), job]);
  let reason: UntilDecidedOutcome["reason"] = "exhausted";
  let drawn = 0;
  let calls = 0;
  for (const task of drawOrder(tasks, options.seed ?? DEFAULT_ORDER_SEED)) {
    const itemJobs = jobsByItem.get(task.id)!;
    if (online.stopped()) {
      reason = "interrupted";
      break;
    }
    await collectOnline(itemJobs, session, api, itemOnline);
    // Stopped mid-item: the item is incomplete, so it does not enter the sequence (a resume finishes it).
    if (!itemJobs.every((j) => session.has(j))) {
      reason = "interrupted";
      break;
    }
    drawn++;
    calls += itemJobs.length;
    const means = compared.map((c) => meanOf(task.id, c));
    if (means.some((m) => m === undefined)) continue;
    const value = options.compare ? Math.min(1, Math.max(-1, means[1]! - means[0]!)) : means[0]!;
    const state = sequence.push(value);
    const decision = sequentialDecision(state, rule);
    onState?.(`${describeInterval(state, !!options.compare)} after ${formatCount(state.count)} items`);
    if (decision !== "undecided") {
      reason = decision;
      break;
    }
  }
  const state = sequence.current();
  const gap = !!options.compare;
  const nullName = gap ? "0" : "chance";
  const band = `±${formatPoints(margin).replace(/^\+/, "")}`;
  const label =
    reason === "excludes" ? `decided: excludes ${nullName}` : reason === "within-margin" ? `settled: within ${band}` : reason === "exhausted" ? "undecided: the items ran out" : "interrupted";
  const level = formatLevel(1 - alpha);
  const what = gap ? `${compared[1]} − ${compared[0]}` : `${compared[0]}'s accuracy`;
  const finding =
    state.count === 0
      ? `no item is finished yet`
      : `${what} is ${gap ? formatPoints(state.estimate) : formatPercent(state.estimate)}, anytime-valid ${level} ${describeInterval(state, gap)}${gap ? "" : ` against chance ${formatRate(nullValue)}`} (p = ${Number(state.pValue.toPrecision(2))})`;
  const sentence = `After ${formatCount(state.count)} items, ${finding}: ${label}.`;
  return { reason, label, items: state.count, drawn, calls, callsSaved: jobs.length - calls, total: jobs.length, state, nullValue, sentence };
}

function describeInterval(state: ConfidenceSequenceState, gap: boolean): string {
  if (gap) return `interval [${formatPoints(state.lower)}, ${formatPoints(state.upper)}]`;
  return `lower bound ${formatPercent(state.lower)}`;
}
