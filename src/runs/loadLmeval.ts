/**
 * lm-evaluation-harness `--log_samples` output: `samples_<task>_<date>.jsonl`, one line per document
 * and filter, read beside its `results_<date>.json` (for the model name). Format reference:
 * lm_eval/loggers/evaluation_tracker.py (save_results_samples) in lm-evaluation-harness 0.4.
 *
 * What each line becomes:
 * - item: `<task>/<doc_id>`, the task from the file name, so the subtasks of one run (e.g.
 *   mmlu_pro_plus_chemistry and mmlu_pro_plus_health, both counting doc_id from 0) do not collide
 *   under one condition; or the value at `itemKey` (e.g. "doc.question_id"), taken as it is.
 * - condition: `condition` / `conditionPattern` when given; else the model named in the results
 *   file, so every subtask file of one run is one condition and two runs (two models) pair by
 *   item; when the model is unknown, `<task>-<date>` (one condition per file); when the file is not
 *   named as the harness names it, the file name.
 * - score: the metric (`metric`, default the first in the line's `metrics`) on the lines of one
 *   filter (`filter`, default the first found).
 * - choices: the number of options, from `doc.options`, `doc.choices` or the multiple-choice
 *   requests in `arguments` (one loglikelihood request per option), so uniform chance is 1/options.
 * - cluster: the value at `clusterKey` (e.g. "doc.category").
 */
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { RunRecord } from "./record.js";
import type { LoadContext } from "./context.js";
import { conditionFromOptions, type SourceInfo } from "./options.js";
import { forEachLine } from "./loadJsonl.js";
import { scoreValue, SCORE_MESSAGE } from "./scoreValue.js";
import { closestHint } from "./columnMap.js";
import { textAtPath } from "./jsonPath.js";

const SAMPLES_NAME = /^samples_(.+)_(\d{4}-\d{2}-\d{2}T[^/\\]+)\.jsonl$/;

/** Task, date and the results file's path from a samples file name, when it follows the harness's naming. */
export function lmevalNames(name: string): { task: string; date: string; results: string } | undefined {
  const m = SAMPLES_NAME.exec(name);
  return m ? { task: m[1], date: m[2], results: `results_${m[2]}.json` } : undefined;
}

/** The model named in a results file: `model_name`, else `model=` inside `config.model_args`; or why it is unknown. */
async function modelFromResults(path: string): Promise<{ model?: string; why?: string }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return { why: "not found beside it" };
  }
  let results: { model_name?: unknown; config?: { model_args?: unknown; model?: unknown } };
  try {
    results = JSON.parse(text) as typeof results;
  } catch {
    return { why: "is not valid JSON" };
  }
  if (typeof results.model_name === "string" && results.model_name) return { model: results.model_name };
  const args = results.config?.model_args;
  const m = typeof args === "string" ? /(?:^|,)\s*(?:model|pretrained)=([^,]+)/.exec(args) : undefined;
  if (m) return { model: m[1] };
  if (typeof results.config?.model === "string" && results.config.model) return { model: results.config.model };
  return { why: "names no model" };
}

/**
 * The number of options of a multiple-choice document: the length of `doc.options` or
 * `doc.choices` (a list, or Hugging Face's `{ text: [...], label: [...] }`), else the count of
 * loglikelihood requests in `arguments` (a context and a continuation string each; generation
 * requests carry settings instead of a continuation, and acc_mutual_info's unconditional requests
 * an empty context, so neither counts). Undefined below two options.
 *
 * @example
 * optionCount({ options: ["a", "b", "c"] }, {}) // 3
 */
export function optionCount(doc: unknown, args: unknown): number | undefined {
  if (doc !== null && typeof doc === "object") {
    const fields = doc as Record<string, unknown>;
    for (const field of [fields.options, fields.choices]) {
      const text = field !== null && typeof field === "object" && !Array.isArray(field) ? (field as { text?: unknown }).text : undefined;
      const list = Array.isArray(field) ? field : Array.isArray(text) ? text : undefined;
      if (list && list.length >= 2) return list.length;
    }
  }
  const requests = Array.isArray(args) ? args : args !== null && typeof args === "object" ? Object.values(args) : [];
  let loglikelihood = 0;
  for (const request of requests) {
    const pair: unknown[] = Array.isArray(request)
      ? request
      : request !== null && typeof request === "object"
        ? [(request as Record<string, unknown>).arg_0, (request as Record<string, unknown>).arg_1]
        : [];
    if (typeof pair[0] === "string" && pair[0] !== "" && typeof pair[1] === "string") loglikelihood++;
  }
  return loglikelihood >= 2 ? loglikelihood : undefined;
}

/** Load one lm-eval samples file into the context. */
export async function loadLmeval(info: SourceInfo, ctx: LoadContext): Promise<void> {
  const file = info.file;
  const { itemKey, clusterKey } = ctx.options;
  const names = lmevalNames(info.name);
  const found = names ? await modelFromResults(join(dirname(file), names.results)) : {};
  const model = found.model;
  if (!names) ctx.sink.note(`${file}: not named samples_<task>_<date>.jsonl; task and model unknown`);
  else if (model === undefined) ctx.sink.note(`${file}: ${names.results} ${found.why}; model unknown`);
  const task = names?.task;
  const condition = conditionFromOptions(ctx.options, { ...info, task, model }) ?? model ?? (names ? `${names.task}-${names.date}` : info.name);
  let filter = ctx.options.filter;
  const otherFilters = new Map<string, number>();
  let rows = 0;
  let metricsListed: string[] | undefined;
  const sawText = await forEachLine(file, (line, number, terminated) => {
    const place = { file, line: number };
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(line) as Record<string, unknown>;
    } catch {
      ctx.sink.report({ ...place, message: terminated ? "line is not valid JSON" : "truncated last line: not valid JSON and no line break", value: line.slice(0, 80) });
      return;
    }
    const lineFilter = typeof doc.filter === "string" ? doc.filter : "none";
    filter ??= lineFilter;
    if (lineFilter !== filter) {
      otherFilters.set(lineFilter, (otherFilters.get(lineFilter) ?? 0) + 1);
      return;
    }
    rows++;
    const listed = Array.isArray(doc.metrics) ? (doc.metrics as unknown[]).filter((m): m is string => typeof m === "string") : [];
    metricsListed ??= listed;
    const metric = ctx.options.metric ?? listed[0];
    if (metric === undefined || !(listed.length ? listed.includes(metric) : metric !== "doc_id") || !(metric in doc)) {
      const present = listed.length ? listed : Object.keys(doc).filter((k) => k !== "doc_id" && (typeof doc[k] === "number" || typeof doc[k] === "boolean"));
      ctx.sink.report({ ...place, message: `no metric ${JSON.stringify(metric ?? "")}; metrics present: ${present.join(", ")}${closestHint(metric ?? "", present)}`, value: metric ?? null });
      return;
    }
    let item: string;
    if (itemKey !== undefined) {
      const key = textAtPath(doc, itemKey, "itemKey", "line");
      if ("message" in key) {
        ctx.sink.report({ ...place, message: key.message, value: key.value });
        return;
      }
      item = key.text;
    } else {
      const docId = doc.doc_id;
      if (docId === undefined || docId === null || String(docId).trim() === "") {
        ctx.sink.report({ ...place, message: "empty item id (doc_id)", value: docId ?? "" });
        return;
      }
      item = task === undefined ? String(docId) : `${task}/${String(docId)}`;
    }
    let cluster: string | undefined;
    if (clusterKey !== undefined) {
      const key = textAtPath(doc, clusterKey, "clusterKey", "line");
      if ("message" in key) {
        ctx.sink.report({ ...place, message: key.message, value: key.value });
        return;
      }
      cluster = key.text;
    }
    const score = scoreValue(doc[metric]);
    if (score === undefined) {
      ctx.sink.report({ ...place, message: `${metric}: ${SCORE_MESSAGE}`, value: doc[metric] });
      return;
    }
    const record: RunRecord = { item: ctx.pool.intern(item), condition: ctx.pool.intern(condition), score };
    if (model) record.model = ctx.pool.intern(model);
    if (cluster !== undefined) record.cluster = ctx.pool.intern(cluster);
    if (typeof doc.target === "string" || typeof doc.target === "number") record.target = String(doc.target);
    const responses = doc.filtered_resps;
    if (Array.isArray(responses) && typeof responses[0] === "string") record.answer = responses[0];
    const choices = optionCount(doc.doc, doc.arguments);
    if (choices !== undefined) record.choices = choices;
    ctx.add(record, place);
  });
  if (!sawText) ctx.sink.report({ file, message: "file is empty" }, false);
  else if (rows === 0 && otherFilters.size) {
    const present = [...otherFilters.keys()];
    ctx.sink.report({ file, message: `no lines with filter ${JSON.stringify(filter)}; filters present: ${present.join(", ")}${closestHint(filter ?? "", present)}`, value: filter ?? null }, false);
  } else if (otherFilters.size) {
    const left = [...otherFilters].map(([f, n]) => `${f} (${n} lines)`).join(", ");
    ctx.sink.note(`${file}: used filter ${filter}; left out ${left} (pass { filter } to choose)`);
  }
  if (ctx.options.metric === undefined && metricsListed && metricsListed.length > 1) {
    ctx.sink.note(`${file}: metrics ${metricsListed.join(", ")}; used ${metricsListed[0]} (pass { metric } to choose)`);
  }
}
