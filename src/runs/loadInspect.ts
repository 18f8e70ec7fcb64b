/**
 * Inspect AI logs: the `.eval` zip (header.json, or _journal/start.json when the run crashed, plus
 * samples/<id>_epoch_<n>.json) and the older single-file `.json` log (versions 1 and 2).
 * Format reference: inspect_ai/log/_log.py (EvalLog, EvalSample, Score) and log/_recorders/eval.py.
 *
 * What each sample becomes: item = `sample.id` (or the value at `itemKey`, e.g. "metadata.qid"),
 * sample = epoch, condition = "task/model" unless the options name one, score = the chosen scorer's
 * value (a dict of values, as scicode's scorer returns, needs `scoreKey` to pick one), choices =
 * the number of `sample.choices`, cluster = the value at `clusterKey` (e.g. "metadata.subject").
 */
import { readFile } from "node:fs/promises";
import type { RunRecord } from "./record.js";
import type { LoadContext } from "./context.js";
import { conditionFromOptions, type SourceInfo } from "./options.js";
import { parseLenientJson, lineOfParseError } from "./lenientJson.js";
import { scoreValue, SCORE_MESSAGE } from "./scoreValue.js";
import { closestHint } from "./columnMap.js";
import { textAtPath } from "./jsonPath.js";
import { ZipReader, ZipFormatError } from "./zipReader.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SAMPLE_ENTRY = /^samples\/(.+)_epoch_(\d+)\.json$/;

/** What every sample of one log shares. */
interface LogHeader {
  task?: string;
  model?: string;
  status: string;
  condition: string;
  scorers: string[];
}

function readHeader(log: Json, info: SourceInfo, status: string, options: LoadContext["options"]): LogHeader {
  const task = typeof log.eval?.task === "string" ? log.eval.task : undefined;
  const model = typeof log.eval?.model === "string" ? log.eval.model : undefined;
  const scorers: string[] = [];
  for (const s of log.eval?.scorers ?? []) if (typeof s?.name === "string") scorers.push(s.name);
  // A scorer returning a dict has one results entry per key, named after the key, with `scorer` naming the scorer.
  for (const s of log.results?.scores ?? []) {
    const name = typeof s?.scorer === "string" ? s.scorer : s?.name;
    if (typeof name === "string" && !scorers.includes(name)) scorers.push(name);
  }
  // Task and model name the condition by default: "popularity/openai/gpt-4o-mini".
  const condition = conditionFromOptions(options, { ...info, task, model }) ?? [task, model].filter(Boolean).join("/");
  return { task, model, status, condition: condition || info.name, scorers };
}

/** Sample entries in natural order (2 before 10), epochs in order. */
function sampleEntries(names: Iterable<string>): string[] {
  const collator = new Intl.Collator("en", { numeric: true });
  return [...names].filter((n) => SAMPLE_ENTRY.test(n)).sort(collator.compare);
}

/** The score object of the chosen scorer in one sample, or a fault. */
function pickScore(sample: Json, header: LogHeader, scorer: string | undefined): { score?: Json; fault?: string; value?: unknown } {
  if (sample.scores && typeof sample.scores === "object" && Object.keys(sample.scores).length) {
    const names = Object.keys(sample.scores);
    const name = scorer ?? header.scorers.find((s) => names.includes(s)) ?? names[0];
    if (!(name in sample.scores)) {
      return { fault: `no scorer ${JSON.stringify(name)}; scorers present: ${names.join(", ")}${closestHint(name, names)}`, value: name };
    }
    return { score: sample.scores[name] };
  }
  if (sample.score && typeof sample.score === "object") return { score: sample.score }; // log version 1
  return {};
}

/**
 * A score value as a number: a plain value as it is; a dict of values (`{"Problem Correctness": 0,
 * "Step Correctness": 0.25}`) through `scoreKey`, or its only value. `keyIgnored` when a
 * scoreKey was given but the value was a single one (the caller notes it).
 */
function scoreOfValue(raw: unknown, scoreKey: string | undefined): { score?: number; fault?: string; value?: unknown; keyIgnored: boolean } {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    const score = scoreValue(raw);
    return score === undefined ? { fault: SCORE_MESSAGE, value: raw, keyIgnored: scoreKey !== undefined } : { score, keyIgnored: scoreKey !== undefined };
  }
  const values = raw as Record<string, unknown>;
  const keys = Object.keys(values);
  let key = scoreKey;
  if (keys.length === 0) return { fault: "score value is an empty dict", value: raw, keyIgnored: false };
  if (key === undefined) {
    if (keys.length !== 1) return { fault: `score value is a dict of several values (${keys.join(", ")}); pass scoreKey`, value: raw, keyIgnored: false };
    key = keys[0];
  } else if (!Object.hasOwn(values, key)) {
    return { fault: `score value has no key ${JSON.stringify(key)}; keys present: ${keys.join(", ")}${closestHint(key, keys)}`, value: key, keyIgnored: false };
  }
  const score = scoreValue(values[key]);
  return score === undefined ? { fault: `${key}: ${SCORE_MESSAGE}`, value: values[key], keyIgnored: false } : { score, keyIgnored: false };
}

/** What one log's samples told about the options, for the notes after them. */
interface SampleTally {
  /** Samples whose score was a single value although `scoreKey` was given. */
  scoreKeyUnused: number;
}

/** One Inspect sample → record; returns a fault message when it cannot be one. */
function sampleRecord(sample: Json, header: LogHeader, ctx: LoadContext, tally: SampleTally): RunRecord | { message: string; value?: unknown } {
  const { itemKey, clusterKey, scoreKey } = ctx.options;
  let item: string;
  if (itemKey !== undefined) {
    const key = textAtPath(sample, itemKey, "itemKey", "sample");
    if ("message" in key) return key;
    item = key.text;
  } else {
    const id = sample.id;
    if (id === undefined || id === null || String(id).trim() === "") return { message: "empty item id (sample.id)", value: id ?? "" };
    item = String(id);
  }
  let cluster: string | undefined;
  if (clusterKey !== undefined) {
    const key = textAtPath(sample, clusterKey, "clusterKey", "sample");
    if ("message" in key) return key;
    cluster = key.text;
  }
  const errorText = sample.error ? (typeof sample.error === "string" ? sample.error : String(sample.error.message ?? JSON.stringify(sample.error))) : undefined;
  const picked = pickScore(sample, header, ctx.options.scorer);
  if (picked.fault) return { message: picked.fault, value: picked.value };
  let score: number | undefined;
  if (picked.score) {
    const read = scoreOfValue(picked.score.value, scoreKey);
    if (read.keyIgnored) tally.scoreKeyUnused++;
    score = read.score;
    if (read.fault !== undefined && errorText === undefined) return { message: read.fault, value: read.value };
  } else if (errorText === undefined) {
    return { message: "sample has no score and no error", value: sample.scores ?? null };
  }
  const record: RunRecord = { item: ctx.pool.intern(item), condition: ctx.pool.intern(header.condition), score: score ?? 0 };
  if (typeof sample.epoch === "number") record.sample = sample.epoch;
  if (cluster !== undefined) record.cluster = ctx.pool.intern(cluster);
  if (header.model) record.model = ctx.pool.intern(header.model);
  const answer = picked.score?.answer;
  if (typeof answer === "string" && answer !== "") record.answer = answer;
  const target = Array.isArray(sample.target) ? sample.target.join(", ") : sample.target;
  if (typeof target === "string" && target !== "") record.target = target.trim() === "" ? target : target.trim();
  if (Array.isArray(sample.choices) && sample.choices.length >= 2) record.choices = sample.choices.length;
  if (errorText !== undefined) record.error = errorText;
  return record;
}

/** The note for a log that did not finish cleanly, e.g. "log status error: 27 samples, all with errors". */
function statusNote(file: string, header: LogHeader, loaded: RunRecord[]): string | undefined {
  const errors = loaded.filter((r) => r.error !== undefined).length;
  const withErrors = errors === 0 ? "none with errors" : errors === loaded.length ? "all with errors" : `${errors} with errors`;
  if (header.status !== "success") return `${file}: log status ${header.status}: ${loaded.length} samples, ${withErrors}`;
  if (errors) return `${file}: ${errors} of ${loaded.length} samples have errors`;
  return undefined;
}

function addSamples(samples: { sample: Json; place: { file: string; entry?: string } }[], header: LogHeader, info: SourceInfo, ctx: LoadContext): void {
  const loaded: RunRecord[] = [];
  const tally: SampleTally = { scoreKeyUnused: 0 };
  for (const { sample, place } of samples) {
    const built = sampleRecord(sample, header, ctx, tally);
    if ("message" in built) {
      ctx.sink.report({ ...place, message: built.message, value: built.value });
      continue;
    }
    loaded.push(built);
    ctx.add(built, place);
  }
  const note = statusNote(info.file, header, loaded);
  if (note) ctx.sink.note(note);
  if (header.scorers.length > 1 && ctx.options.scorer === undefined && loaded.some((r) => r.error === undefined)) {
    ctx.sink.note(`${info.file}: scorers ${header.scorers.join(", ")}; used ${header.scorers[0]} (pass { scorer } to choose)`);
  }
  if (tally.scoreKeyUnused) {
    ctx.sink.note(`${info.file}: scoreKey ${JSON.stringify(ctx.options.scoreKey)} not used for ${tally.scoreKeyUnused} samples whose score is a single value`);
  }
}

/** Load an Inspect `.eval` zip log. */
export async function loadInspectEval(info: SourceInfo, ctx: LoadContext): Promise<void> {
  const file = info.file;
  let zip: ZipReader;
  try {
    zip = await ZipReader.open(file);
  } catch (error) {
    if (!(error instanceof ZipFormatError)) throw error;
    ctx.sink.report({ file, message: `not a readable zip: ${error.message}` }, false);
    return;
  }
  try {
    const headerEntry = zip.has("header.json") ? "header.json" : zip.has("_journal/start.json") ? "_journal/start.json" : undefined;
    if (!headerEntry) {
      const names = [...zip.entries.keys()];
      ctx.sink.report({ file, message: "zip is not an Inspect log: no header.json or _journal/start.json", value: names.slice(0, 8) }, false);
      return;
    }
    const parse = async (entry: string): Promise<Json | undefined> => {
      try {
        const parsed = parseLenientJson(await zip.text(entry));
        if (parsed && typeof parsed === "object") return parsed as Json;
        ctx.sink.report({ file, entry, message: "entry is not a JSON object" });
      } catch (error) {
        ctx.sink.report({ file, entry: (error as ZipFormatError).entry ?? entry, message: `cannot read entry: ${(error as Error).message}` });
      }
      return undefined;
    };
    const log = await parse(headerEntry);
    if (!log) return;
    let status = typeof log.status === "string" ? log.status : "started";
    if (headerEntry !== "header.json") {
      status = "started";
      ctx.sink.note(`${file}: no header.json (the run did not finish); read _journal/start.json`);
    }
    const header = readHeader(log, info, status, ctx.options);
    const samples: { sample: Json; place: { file: string; entry: string } }[] = [];
    for (const entry of sampleEntries(zip.entries.keys())) {
      const sample = await parse(entry);
      if (sample) samples.push({ sample, place: { file, entry } });
    }
    if (!samples.length) ctx.sink.note(`${file}: log status ${status}: no samples`);
    else addSamples(samples, header, info, ctx);
  } finally {
    await zip.close();
  }
}

/** Load an older single-file Inspect `.json` log (version 1 or 2). */
export async function loadInspectJson(info: SourceInfo, ctx: LoadContext): Promise<void> {
  const file = info.file;
  const text = await readFile(file, "utf8");
  let log: Json;
  try {
    log = parseLenientJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Json;
  } catch (error) {
    const cut = text.trimEnd().endsWith("}") ? "" : " (the file looks truncated)";
    ctx.sink.report({ file, line: lineOfParseError(text, error), message: `not valid JSON${cut}: ${(error as Error).message}` }, false);
    return;
  }
  if (!log || typeof log !== "object" || typeof log.eval !== "object") {
    const keys = log && typeof log === "object" ? Object.keys(log).slice(0, 12) : typeof log;
    const lmeval = Array.isArray(keys) && keys.includes("results") && keys.includes("configs");
    const message = lmeval
      ? "this is an lm-eval results file (aggregates only); load the samples_<task>_<date>.jsonl beside it"
      : "JSON object is not an Inspect log (no \"eval\"); for records use JSON lines or an array";
    ctx.sink.report({ file, message, value: keys }, false);
    return;
  }
  const header = readHeader(log, info, typeof log.status === "string" ? log.status : "unknown", ctx.options);
  const list: unknown[] = Array.isArray(log.samples) ? log.samples : [];
  if (!list.length) {
    ctx.sink.note(`${file}: log status ${header.status}: no samples in the log`);
    return;
  }
  addSamples(list.map((sample, i) => ({ sample: sample as Json, place: { file, entry: `samples[${i}]` } })), header, info, ctx);
}
