/**
 * lm-evaluation-harness `--log_samples` output: `samples_<task>_<date>.jsonl`, one line per document
 * and filter, read beside its `results_<date>.json` (for the model name). Format reference:
 * lm_eval/loggers/evaluation_tracker.py (save_results_samples) in lm-evaluation-harness 0.4.
 */
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { RunRecord } from "./record.js";
import type { LoadContext } from "./context.js";
import { conditionFromOptions, type SourceInfo } from "./options.js";
import { forEachLine } from "./loadJsonl.js";
import { scoreValue, SCORE_MESSAGE } from "./scoreValue.js";
import { closestHint } from "./columnMap.js";

const SAMPLES_NAME = /^samples_(.+)_(\d{4}-\d{2}-\d{2}T[^/\\]+)\.jsonl$/;

/** Task, date and the results file's path from a samples file name, when it follows the harness's naming. */
export function lmevalNames(name: string): { task: string; date: string; results: string } | undefined {
  const m = SAMPLES_NAME.exec(name);
  return m ? { task: m[1], date: m[2], results: `results_${m[2]}.json` } : undefined;
}

/** The model named in a results file: `model_name`, else `model=` inside `config.model_args`. */
async function modelFromResults(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return undefined;
  }
  const results = JSON.parse(text) as { model_name?: unknown; config?: { model_args?: unknown; model?: unknown } };
  if (typeof results.model_name === "string" && results.model_name) return results.model_name;
  const args = results.config?.model_args;
  const m = typeof args === "string" ? /(?:^|,)\s*(?:model|pretrained)=([^,]+)/.exec(args) : undefined;
  if (m) return m[1];
  return typeof results.config?.model === "string" ? results.config.model : undefined;
}

/** Load one lm-eval samples file into the context. */
export async function loadLmeval(info: SourceInfo, ctx: LoadContext): Promise<void> {
  const file = info.file;
  const names = lmevalNames(info.name);
  const model = names ? await modelFromResults(join(dirname(file), names.results)) : undefined;
  if (!names) ctx.sink.note(`${file}: not named samples_<task>_<date>.jsonl; task and model unknown`);
  else if (model === undefined) ctx.sink.note(`${file}: ${names.results} not found beside it; model unknown`);
  const task = names?.task;
  const condition = conditionFromOptions(ctx.options, { ...info, task, model }) ?? ([task, model].filter(Boolean).join("/") || info.name);
  let filter = ctx.options.filter;
  const otherFilters = new Map<string, number>();
  let rows = 0;
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
    const metric = ctx.options.metric ?? listed[0];
    if (metric === undefined || !(metric in doc)) {
      const present = listed.length ? listed : Object.keys(doc);
      ctx.sink.report({ ...place, message: `no metric ${JSON.stringify(metric ?? "")}; metrics present: ${present.join(", ")}${closestHint(metric ?? "", present)}`, value: metric ?? null });
      return;
    }
    const docId = doc.doc_id;
    if (docId === undefined || docId === null || String(docId).trim() === "") {
      ctx.sink.report({ ...place, message: "empty item id (doc_id)", value: docId ?? "" });
      return;
    }
    const score = scoreValue(doc[metric]);
    if (score === undefined) {
      ctx.sink.report({ ...place, message: `${metric}: ${SCORE_MESSAGE}`, value: doc[metric] });
      return;
    }
    const record: RunRecord = { item: String(docId), condition: ctx.pool.intern(condition), score };
    if (model) record.model = ctx.pool.intern(model);
    if (typeof doc.target === "string" || typeof doc.target === "number") record.target = String(doc.target);
    const responses = doc.filtered_resps;
    if (Array.isArray(responses) && typeof responses[0] === "string") record.answer = responses[0];
    ctx.add(record, place);
  });
  if (!sawText) ctx.sink.report({ file, message: "file is empty" }, false);
  else if (rows === 0) ctx.sink.report({ file, message: `no lines with filter ${JSON.stringify(filter)}`, value: [...otherFilters.keys()] }, false);
  if (otherFilters.size) {
    const left = [...otherFilters].map(([f, n]) => `${f} (${n} lines)`).join(", ");
    ctx.sink.note(`${file}: used filter ${filter}; left out ${left} (pass { filter } to choose)`);
  }
}
