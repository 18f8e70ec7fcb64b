/**
 * HELM (Holistic Evaluation of Language Models, stanford-crfm/helm) run output. `helm-run` writes
 * one folder per run (src/helm/benchmark/runner.py, `Runner.run_one`), all JSON indented by 2:
 *
 * - `per_instance_stats.json`: `PerInstanceStats[]` (src/helm/benchmark/metrics/metric.py):
 *   `{ instance_id, perturbation?, train_trial_index, stats: Stat[] }`, one entry per instance,
 *   trial and perturbation. A `Stat` (metrics/statistic.py) is `{ name: MetricName, count, sum,
 *   sum_squared, min?, max?, mean?, variance?, stddev? }` and a `MetricName` (metrics/metric_name.py)
 *   is `{ name, k?, split?, sub_split?, perturbation? }`: every stat of an entry carries the
 *   instance's split. This is the file read; the score is the chosen stat's `mean` (its count is 1).
 * - `scenario_state.json`: `ScenarioState` (adaptation/scenario_state.py): `{ adapter_spec,
 *   request_states }`; a `RequestState` (adaptation/request_state.py) is `{ instance, reference_index?,
 *   request_mode?, train_trial_index, output_mapping?, request, result, … }` and an `Instance`
 *   (scenarios/scenario.py) is `{ input, references: { output: { text }, tags }[], split, sub_split?,
 *   id, perturbation? }`, a reference tagged "correct" being a right answer. Read for answers,
 *   targets and the number of options.
 * - `run_spec.json`: `RunSpec` (runner.py): `{ name, scenario_spec, adapter_spec: { method, model, … },
 *   metric_specs, … }`. Read for the model.
 * - `stats.json` (aggregates per split and perturbation), `scenario.json`, `instances.json`,
 *   `display_predictions.json`, `display_requests.json` (and `predictions.json` in older versions):
 *   side files, never records.
 *
 * HELM reports each split apart (the stat name carries it), and its leaderboards show "test"; so one
 * split is kept (`split`, default "test") and each record keeps it in `meta.split`. Mixing splits in
 * one condition would give a number HELM never shows; a different condition per split would pair
 * nothing, since an instance belongs to one split. Perturbed copies of an instance (robustness and
 * fairness runs) are left out with a note: HELM keeps them apart from the unperturbed scores too.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { RunRecord } from "./record.js";
import type { LoadContext } from "./context.js";
import { conditionFromOptions, sourceInfo, type SourceInfo } from "./options.js";
import { lineOfParseError, parseLenientJson } from "./lenientJson.js";
import { scoreValue, SCORE_MESSAGE } from "./scoreValue.js";
import { closestHint } from "./columnMap.js";
import { openProblem } from "./problems.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The file of a HELM run folder that holds one score per instance. */
export const HELM_STATS_FILE = "per_instance_stats.json";
const DEFAULT_METRIC = "exact_match";
const DEFAULT_SPLIT = "test";
/** The split of entries whose stats and instance name none (HELM always names one; hand-made files may not). */
const NO_SPLIT = "(none)";

/** HELM's side files of a run folder, each with what it holds instead of per-instance scores. */
const SIDE_FILES: Readonly<Record<string, string>> = {
  "stats.json": "holds aggregates per split, not instances",
  "scenario_state.json": "holds the requests and completions, not the scores",
  "run_spec.json": "holds the run's settings, not the scores",
  "scenario.json": "describes the scenario, not the scores",
  "instances.json": "holds the questions, not the scores",
  "display_predictions.json": "is a digest for HELM's web pages",
  "display_requests.json": "is a digest for HELM's web pages",
  "predictions.json": "is a digest for HELM's web pages",
};

/**
 * True for the side files HELM writes beside `per_instance_stats.json` in a run folder, which a
 * folder walk should skip (`per_instance_stats.json` is read with them). Ask only for files in a
 * folder that holds a `per_instance_stats.json`: `stats.json` alone is a common name.
 *
 * @example
 * helmCompanion("scenario_state.json"); // true
 * helmCompanion("runs/v1/mmlu:subject=philosophy/per_instance_stats.json"); // false
 */
export function helmCompanion(name: string): boolean {
  return Object.hasOwn(SIDE_FILES, basename(name));
}

/** The one-line error for a HELM side file given in place of `per_instance_stats.json`. */
function sideFileMessage(name: string): string {
  return `HELM ${name} ${SIDE_FILES[name]}: pass ${HELM_STATS_FILE} (or its run folder) instead`;
}

/**
 * What the opening of a JSON file says about HELM: `per_instance_stats.json` (format "helm"), one
 * of HELM's side files (a problem saying which file to pass), or `undefined` when it is not HELM's.
 * Keys come in the order of HELM's dataclasses, so the first key tells the file.
 *
 * @example
 * helmFileKind('[\n  {\n    "instance_id": "id147",\n    "train_trial_index": 0,\n    "stats": [');
 * // { format: "helm" }
 */
export function helmFileKind(text: string): { format: "helm" } | { problem: string } | undefined {
  const opening = text.slice(0, 4096);
  if (/^\[\s*\{\s*"instance_id"\s*:/.test(opening)) {
    if (/"predicted_text"\s*:/.test(opening)) return { problem: sideFileMessage("display_predictions.json") };
    if (/"request"\s*:\s*\{/.test(opening)) return { problem: sideFileMessage("display_requests.json") };
    return /"stats"\s*:\s*\[/.test(opening) ? { format: "helm" } : undefined;
  }
  if (/^\[\s*\{\s*"name"\s*:\s*\{\s*"name"\s*:/.test(opening) && /"sum"\s*:/.test(opening)) return { problem: sideFileMessage("stats.json") };
  if (/^\{\s*"adapter_spec"\s*:/.test(opening)) return { problem: sideFileMessage("scenario_state.json") };
  if (/^\{\s*"name"\s*:\s*"(?:[^"\\]|\\.)*"\s*,\s*"scenario_spec"\s*:/.test(opening)) return { problem: sideFileMessage("run_spec.json") };
  // An instance's input may be long, so look past the opening for its references and split.
  if (/^\[\s*\{\s*"input"\s*:\s*\{/.test(opening) && /"references"\s*:\s*\[/.test(text) && /"split"\s*:\s*"/.test(text)) {
    return { problem: sideFileMessage("instances.json") };
  }
  return undefined;
}

/**
 * A side file read whole, or undefined when it is not there (the caller notes what is then
 * unknown) or cannot be read as a JSON object (noted here: the scores can still be loaded).
 */
async function readSideFile(path: string, ctx: LoadContext): Promise<Json | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = parseLenientJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    ctx.sink.note(`${path}, line ${lineOfParseError(text, error) ?? "?"}: not valid JSON, left unread: ${(error as Error).message}`);
    return undefined;
  }
  if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Json;
  ctx.sink.note(`${path}: not a JSON object, left unread`);
  return undefined;
}

/** The run spec's name without the model arguments: "mmlu:subject=philosophy,method=multiple_choice_joint". */
function taskOfRun(name: unknown): string | undefined {
  if (typeof name !== "string" || name === "") return undefined;
  const colon = name.indexOf(":");
  if (colon < 0) return name;
  const args = name.slice(colon + 1).split(",").filter((a) => !/^model(_deployment)?=/.test(a));
  return args.length ? `${name.slice(0, colon)}:${args.join(",")}` : name.slice(0, colon);
}

/** Key of an unperturbed (instance, trial): request states and per-instance stats meet on it. */
const trialKey = (id: string, trial: unknown): string => `${id}\u0000${String(trial ?? 0)}`;

/** The texts of an instance's references and the indexes of the correct ones. */
function references(instance: Json | undefined): { texts: string[]; correct: number[] } {
  const texts: string[] = [];
  const correct: number[] = [];
  const list: unknown[] = Array.isArray(instance?.references) ? instance.references : [];
  list.forEach((r, i) => {
    const ref = r as Json;
    texts.push(typeof ref?.output?.text === "string" ? ref.output.text : "");
    if (Array.isArray(ref?.tags) && ref.tags.includes("correct")) correct.push(i);
  });
  return { texts, correct };
}

/**
 * Answer, target and option count of one (instance, trial) from its request states:
 * - joint multiple choice (an `output_mapping` "A" → text): the letter the model wrote, the letter
 *   of the correct reference, and the number of letters;
 * - separate multiple choice (one request per reference): the reference HELM chose
 *   (`predicted_index`), the correct reference's text, and the number of references;
 * - generation: the completion and the correct reference's text, no option count.
 */
function fromRequests(states: Json[], entryStats: Json[], method: string | undefined): Pick<RunRecord, "answer" | "target" | "choices"> & { requestError?: string } {
  const out: Pick<RunRecord, "answer" | "target" | "choices"> & { requestError?: string } = {};
  const first = states[0];
  const { texts, correct } = references(first?.instance);
  const mapping = first?.output_mapping;
  const separate = states.length > 1 || (method ?? "").startsWith("multiple_choice_separate");
  const completion = first?.result?.completions?.[0]?.text;
  if (first?.result && first.result.success === false) out.requestError = String(first.result.error ?? "request failed");
  if (mapping && typeof mapping === "object" && !separate) {
    const letters = Object.keys(mapping);
    if (letters.length >= 2) out.choices = letters.length;
    if (typeof completion === "string") out.answer = completion.trim();
    // HELM maps letters to reference texts in reference order; match by text, then by position.
    const targets = correct.map((i) => letters.find((l) => mapping[l] === texts[i]) ?? letters[i]).filter((l) => l !== undefined);
    if (targets.length) out.target = targets.join(", ");
    return out;
  }
  if (correct.length) out.target = correct.map((i) => texts[i]).join(", ");
  if (separate) {
    if (texts.length >= 2) out.choices = texts.length;
    const predicted = entryStats.find((s) => s?.name?.name === "predicted_index")?.mean;
    if (typeof predicted === "number" && texts[predicted] !== undefined) out.answer = texts[predicted];
  } else if (typeof completion === "string") {
    out.answer = completion.trim();
  }
  return out;
}

/** The split of an entry: its stats' split, else its instance's. */
function splitOf(entry: Json, state: Json | undefined): string | undefined {
  const fromStats = Array.isArray(entry.stats) ? entry.stats.find((s: Json) => typeof s?.name?.split === "string")?.name.split : undefined;
  return fromStats ?? (typeof state?.instance?.split === "string" ? state.instance.split : undefined);
}

/** "test (9), valid (1)" */
const describeCounts = (counts: Map<string, number>): string => [...counts].map(([k, n]) => `${k} (${n})`).join(", ");

/**
 * Load one HELM run (its `per_instance_stats.json`, or the run folder) into the context: one record
 * per instance and train trial of the kept split. Item = `instance_id`; score = the stat `metric`
 * (default `exact_match`) of the entry; sample = `train_trial_index`; model = run_spec.json's
 * `adapter_spec.model`, which is also the condition unless the options say otherwise; answer,
 * target and `choices` from scenario_state.json; `meta.split` the split. The mean score over the
 * records equals HELM's own stat of that name and split in stats.json (HELM averages each trial,
 * then the trials; every trial holds every instance, so the two means agree).
 *
 * @example
 * const records = await loadRuns("../shared/external-logs/helm-mmlu-philosophy-gpt2/per_instance_stats.json");
 * records.length; // 9 (the test split; stats.json: num_instances 9)
 * records.filter((r) => r.score === 1).length; // 1 (stats.json: exact_match 0.111 on test)
 * records[0]; // { item: "id147", condition: "openai/gpt2", score: 0, sample: 0, model: "openai/gpt2", answer: "D", target: "C", choices: 4, meta: { split: "test" } }
 */
export async function loadHelm(info: SourceInfo, ctx: LoadContext): Promise<void> {
  const asked = ctx.options.split;
  if (asked !== undefined && (typeof asked !== "string" || asked.trim() === "")) {
    throw new TypeError(`split must name a split such as "test" (value: ${JSON.stringify(asked)})`);
  }
  // A run folder stands for the per-instance file in it.
  if (await isDirectory(info.file)) info = sourceInfo(join(info.file, HELM_STATS_FILE));
  const file = info.file;
  if (helmCompanion(info.name)) {
    ctx.sink.report({ file, message: sideFileMessage(info.name) }, false);
    return;
  }
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    ctx.sink.report(openProblem(file, error), false);
    return;
  }
  let entries: unknown;
  try {
    entries = parseLenientJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    ctx.sink.report({ file, line: lineOfParseError(text, error), message: `not valid JSON: ${(error as Error).message}` }, false);
    return;
  }
  if (!Array.isArray(entries) || entries.some((e) => e === null || typeof e !== "object" || !Array.isArray((e as Json).stats))) {
    const value = Array.isArray(entries) ? entries.find((e) => e === null || typeof e !== "object" || !Array.isArray((e as Json).stats)) : typeof entries;
    ctx.sink.report({ file, message: `not a HELM ${HELM_STATS_FILE}: expected a list of { instance_id, train_trial_index, stats: [...] }`, value }, false);
    return;
  }
  const folder = dirname(file);
  const runSpec = await readSideFile(join(folder, "run_spec.json"), ctx);
  const scenarioState = await readSideFile(join(folder, "scenario_state.json"), ctx);
  const adapter: Json | undefined = runSpec?.adapter_spec ?? scenarioState?.adapter_spec;
  const model = typeof adapter?.model === "string" && adapter.model !== "" ? adapter.model : undefined;
  const method = typeof adapter?.method === "string" ? adapter.method : undefined;
  const task = taskOfRun(runSpec?.name);
  if (!runSpec) ctx.sink.note(`${file}: run_spec.json not found beside it${model ? "; model read from scenario_state.json" : "; model unknown"}`);
  if (!scenarioState) ctx.sink.note(`${file}: scenario_state.json not found beside it; answers, targets and option counts unknown`);
  const condition = conditionFromOptions(ctx.options, { ...info, task, model }) ?? model ?? task ?? info.name;

  const states = new Map<string, Json[]>();
  for (const state of Array.isArray(scenarioState?.request_states) ? (scenarioState.request_states as Json[]) : []) {
    const id = state?.instance?.id;
    // Calibration requests (multiple_choice_separate_calibrated) are not the model's answer.
    if (typeof id !== "string" || state.instance.perturbation || state.request_mode === "calibration") continue;
    const key = trialKey(id, state.train_trial_index);
    const list = states.get(key);
    if (list) list.push(state);
    else states.set(key, [state]);
  }

  // Which entries are kept: unperturbed ones of the chosen split.
  const splitCounts = new Map<string, number>();
  const perturbed = new Map<string, number>();
  const unperturbed: { entry: Json; index: number; split: string | undefined; states: Json[] }[] = [];
  entries.forEach((e, index) => {
    const entry = e as Json;
    if (entry.perturbation) {
      const name = String(entry.perturbation.name ?? "unnamed");
      perturbed.set(name, (perturbed.get(name) ?? 0) + 1);
      return;
    }
    const own = states.get(trialKey(String(entry.instance_id), entry.train_trial_index)) ?? [];
    const split = splitOf(entry, own[0]);
    splitCounts.set(split ?? NO_SPLIT, (splitCounts.get(split ?? NO_SPLIT) ?? 0) + 1);
    unperturbed.push({ entry, index, split, states: own });
  });
  if (perturbed.size) ctx.sink.note(`${file}: left out perturbed instances: ${describeCounts(perturbed)}`);
  const splits = [...splitCounts.keys()];
  const split = asked ?? (splitCounts.has(DEFAULT_SPLIT) || splits.length !== 1 ? DEFAULT_SPLIT : splits[0]);
  if (!splitCounts.has(split)) {
    const present = splits.length ? describeCounts(splitCounts) : "none";
    ctx.sink.report({ file, message: `no instances in split ${JSON.stringify(split)}; splits present: ${present}${closestHint(split, splits)}`, value: split }, false);
    return;
  }
  const others = new Map([...splitCounts].filter(([s]) => s !== split));
  if (others.size) {
    ctx.sink.note(`${file}: kept split ${split}, ${splitCounts.get(split)} of ${unperturbed.length} entries; left out ${describeCounts(others)} (pass { split } to choose)`);
  }
  const kept = unperturbed.filter((u) => (u.split ?? NO_SPLIT) === split);
  const unmatched = scenarioState ? kept.filter((u) => u.states.length === 0).length : 0;
  if (unmatched) ctx.sink.note(`${file}: no request in scenario_state.json for ${unmatched} of ${kept.length} entries; their answers, targets and option counts are unknown`);

  const metric = ctx.options.metric ?? DEFAULT_METRIC;
  const present: string[] = [];
  for (const { entry } of kept) {
    for (const s of entry.stats as Json[]) {
      const name = s?.name?.name;
      if (typeof name === "string" && !present.includes(name)) present.push(name);
    }
  }
  if (!present.includes(metric)) {
    ctx.sink.report({ file, message: `no metric ${JSON.stringify(metric)}; metrics present: ${present.join(", ")}${closestHint(metric, present)}`, value: metric }, false);
    return;
  }

  for (const { entry, index, states: own } of kept) {
    const place = { file, entry: `per_instance_stats[${index}]` };
    const id = entry.instance_id;
    if (id === undefined || id === null || String(id).trim() === "") {
      ctx.sink.report({ ...place, message: "empty item id (instance_id)", value: id ?? "" });
      continue;
    }
    const found = (entry.stats as Json[]).find((s) => s?.name?.name === metric && !s.name.perturbation);
    if (!found) {
      const names = (entry.stats as Json[]).map((s) => s?.name?.name).filter((n): n is string => typeof n === "string");
      ctx.sink.report({ ...place, message: `no metric ${JSON.stringify(metric)} in this entry; metrics present: ${names.join(", ")}`, value: metric });
      continue;
    }
    const raw = found.mean ?? (typeof found.count === "number" && found.count > 0 ? found.sum / found.count : undefined);
    const score = scoreValue(raw);
    if (score === undefined) {
      ctx.sink.report({ ...place, message: `${metric}: ${raw === undefined ? "no value (count 0)" : SCORE_MESSAGE}`, value: raw ?? null });
      continue;
    }
    const record: RunRecord = { item: String(id), condition: ctx.pool.intern(condition), score };
    if (Number.isInteger(entry.train_trial_index) && entry.train_trial_index >= 0) record.sample = entry.train_trial_index;
    if (model) record.model = ctx.pool.intern(model);
    const { requestError, ...fields } = fromRequests(own, entry.stats as Json[], method);
    Object.assign(record, fields);
    // HELM scores a failed request (as wrong), so it stays a scored answer; the failure is kept in meta.
    const meta: Record<string, unknown> = split === NO_SPLIT ? {} : { split };
    if (requestError !== undefined) meta.requestError = requestError;
    if (Object.keys(meta).length) record.meta = meta;
    ctx.add(record, place);
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
