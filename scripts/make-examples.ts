/**
 * Regenerate notebooks/examples/ (the small logs notebook 6 loads): `npx tsx scripts/make-examples.ts [--out DIR]`.
 *
 * Everything is drawn from createRandom("evalgap/notebooks/examples v1") and written with fixed
 * timestamps, so running it again rewrites byte-identical files. The files imitate what the tools
 * write, built from their documented formats, with made-up questions and models:
 * - an Inspect AI `.eval` log (a zip of deflated JSON: header.json, samples/<id>_epoch_<n>.json,
 *   summaries.json, reductions.json), 40 yes/no items × 2 epochs, model "example/model-a";
 * - an lm-evaluation-harness `--log_samples` pair: samples_<task>_<date>.jsonl and results_<date>.json,
 *   the same 40 items once each, model "example/model-b";
 * - a CSV with wide answer columns (answer_1..answer_3 scored against key), two prompts on 60 items in
 *   6 topics;
 * - bad/broken.csv, a CSV with deliberate problems for loadRunsReport.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { crc32, deflateRawSync } from "node:zlib";
import { createRandom, type Random } from "../src/stats/random.js";

export const EXAMPLES_DIR = resolve(import.meta.dirname, "..", "notebooks", "examples");
export const EXAMPLES_SEED = "evalgap/notebooks/examples v1";

export const INSPECT_FILE = "inspect/2026-03-02T10-00-00+00-00_yes-no_Ex4mpleLogA1b2C3d4E5f6G7.eval";
export const LMEVAL_SAMPLES_FILE = "lm-eval/samples_yes-no_2026-03-02T11-00-00.000000.jsonl";
export const LMEVAL_RESULTS_FILE = "lm-eval/results_2026-03-02T11-00-00.000000.json";
export const CSV_FILE = "csv/prompts-wide.csv";
export const BAD_FILE = "bad/broken.csv";

const TOPICS = ["honesty", "privacy", "fairness", "safety", "autonomy", "care"];
const CREATED = "2026-03-02T10:00:00+00:00";

/** A yes/no question about which value a short scenario shows; the answer is a fair coin. */
interface Item {
  id: number;
  topic: string;
  question: string;
  target: "Yes" | "No";
  /** How easy the item is, shared by every model: the chance of a right answer is a mix of it and the model's skill. */
  ease: number;
}

function makeItems(random: Random, count: number): Item[] {
  return Array.from({ length: count }, (_, i) => {
    const topic = TOPICS[Math.floor(i / (count / TOPICS.length))];
    return {
      id: i + 1,
      topic,
      question: `Scenario ${i + 1}: does the speaker put ${topic} first?`,
      target: random.next() < 0.5 ? "Yes" : "No",
      ease: random.next(),
    };
  });
}

/** Right with probability skill·0.6 + ease·0.4 (so easy items are easy for everyone). */
function answer(random: Random, item: Item, skill: number): "Yes" | "No" {
  const right = random.next() < skill * 0.6 + item.ease * 0.4;
  return right ? item.target : item.target === "Yes" ? "No" : "Yes";
}

/** A minimal ZIP writer (deflate entries, fixed 2026-03-02 10:00 DOS time) for the Inspect log. */
export function zip(entries: [string, string][]): Buffer {
  const time = (10 << 11) | (0 << 5) | 0;
  const date = ((2026 - 1980) << 9) | (3 << 5) | 2;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const raw = Buffer.from(text, "utf8");
    const data = deflateRawSync(raw, { level: 9 });
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

function inspectLog(random: Random, items: Item[]): Buffer {
  const model = "example/model-a";
  const epochs = 2;
  const samples: [string, string][] = [];
  const summaries: Record<string, unknown>[] = [];
  let right = 0;
  for (const item of items) {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const said = answer(random, item, 0.62);
      const value = said === item.target ? "C" : "I";
      if (value === "C") right++;
      const scores = { match: { value, answer: said, explanation: said } };
      samples.push([
        `samples/${item.id}_epoch_${epoch}.json`,
        JSON.stringify({
          id: item.id,
          epoch,
          input: item.question,
          target: item.target,
          messages: [
            { role: "user", content: item.question, source: "input" },
            { role: "assistant", content: said, source: "generate", model },
          ],
          output: { model, choices: [{ message: { role: "assistant", content: said, source: "generate" }, stop_reason: "stop" }] },
          scores,
          metadata: { topic: item.topic },
          store: {},
          events: [],
          model_usage: {},
          attachments: {},
        }),
      ]);
      summaries.push({ id: item.id, epoch, input: item.question, target: item.target, scores, metadata: { topic: item.topic } });
    }
  }
  const accuracy = right / (items.length * epochs);
  const header = {
    version: 2,
    status: "success",
    eval: {
      run_id: "Ex4mpleRunA1b2C3d4E5f6G7",
      created: CREATED,
      task: "yes-no",
      task_id: "Ex4mpleTaskA1b2C3d4E5f6G",
      task_version: 0,
      dataset: { name: "yes-no", samples: items.length, sample_ids: items.map((i) => i.id), shuffled: false },
      model,
      model_args: {},
      config: { epochs },
      packages: { inspect_ai: "0.3.180" },
      scorers: [{ name: "match", options: {}, metrics: [{ name: "inspect_ai/accuracy" }, { name: "inspect_ai/stderr" }] }],
    },
    plan: { name: "plan", steps: [{ solver: "generate", params: {} }], config: {} },
    results: {
      total_samples: items.length * epochs,
      completed_samples: items.length * epochs,
      scores: [{ name: "match", scorer: "match", params: {}, metrics: { accuracy: { name: "accuracy", value: accuracy, params: {} } } }],
    },
    stats: { started_at: CREATED, completed_at: "2026-03-02T10:04:00+00:00", model_usage: {} },
  };
  return zip([
    ["_journal/start.json", JSON.stringify({ version: 2, eval: header.eval, plan: header.plan })],
    ...samples,
    ["summaries.json", JSON.stringify(summaries)],
    ["header.json", JSON.stringify(header, null, 2)],
  ]);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function lmevalPair(random: Random, items: Item[]): { samples: string; results: string } {
  const lines: string[] = [];
  let right = 0;
  for (const item of items) {
    const said = answer(random, item, 0.5);
    const score = said === item.target ? 1 : 0;
    right += score;
    const prompt = `Question: ${item.question}\nAnswer:`;
    lines.push(
      JSON.stringify({
        doc_id: item.id,
        doc: { question: item.question, answer: item.target },
        target: item.target,
        arguments: { gen_args_0: { arg_0: prompt, arg_1: { until: ["\n"], do_sample: false } } },
        resps: [[` ${said}`]],
        filtered_resps: [said],
        filter: "strict-match",
        metrics: ["exact_match"],
        doc_hash: sha256(JSON.stringify({ question: item.question, answer: item.target })),
        prompt_hash: sha256(prompt),
        target_hash: sha256(item.target),
        exact_match: score,
      }),
    );
  }
  const accuracy = right / items.length;
  const results = {
    results: { "yes-no": { alias: "yes-no", "exact_match,strict-match": accuracy, "exact_match_stderr,strict-match": Math.sqrt((accuracy * (1 - accuracy)) / (items.length - 1)) } },
    versions: { "yes-no": 1 },
    "n-shot": { "yes-no": 0 },
    "n-samples": { "yes-no": { original: items.length, effective: items.length } },
    config: { model: "local-chat-completions", model_args: "model=example/model-b,base_url=http://localhost:8000/v1", batch_size: 1 },
    model_name: "example/model-b",
    date: 1772445600,
    lm_eval_version: "0.4.9.1",
  };
  return { samples: lines.join("\n") + "\n", results: JSON.stringify(results, null, 2) + "\n" };
}

function wideCsv(random: Random, items: Item[]): string {
  const rows = ["item,topic,condition,key,answer_1,answer_2,answer_3"];
  for (const [condition, skill] of [["plain prompt", 0.55], ["think step by step", 0.68]] as const) {
    for (const item of items) {
      const answers = [0, 1, 2].map(() => answer(random, item, skill));
      rows.push([`q${String(item.id).padStart(2, "0")}`, item.topic, condition, item.target, ...answers].join(","));
    }
  }
  return rows.join("\n") + "\n";
}

/** A run file with the mistakes real ones have: no item id, a score of 1.5, a word where a score goes, no condition. */
function brokenCsv(): string {
  return ["item,condition,score", "q01,plain prompt,1", "q02,plain prompt,0", ",plain prompt,1", "q04,plain prompt,1.5", "q05,plain prompt,maybe", "q06,,1", "q07,plain prompt,0"].join("\n") + "\n";
}

/** Every example file: its path under the examples folder and its exact contents. */
export function generateExamples(): { file: string; content: Buffer }[] {
  const items = makeItems(createRandom(`${EXAMPLES_SEED}/items`), 40);
  const csvItems = makeItems(createRandom(`${EXAMPLES_SEED}/csv-items`), 60);
  const lm = lmevalPair(createRandom(`${EXAMPLES_SEED}/lm-eval`), items);
  return [
    { file: INSPECT_FILE, content: inspectLog(createRandom(`${EXAMPLES_SEED}/inspect`), items) },
    { file: LMEVAL_SAMPLES_FILE, content: Buffer.from(lm.samples) },
    { file: LMEVAL_RESULTS_FILE, content: Buffer.from(lm.results) },
    { file: CSV_FILE, content: Buffer.from(wideCsv(createRandom(`${EXAMPLES_SEED}/csv`), csvItems)) },
    { file: BAD_FILE, content: Buffer.from(brokenCsv()) },
  ];
}

/** Write every example into `dir`; returns the paths written. */
export function writeExamples(dir: string): string[] {
  return generateExamples().map(({ file, content }) => {
    const path = join(dir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const at = process.argv.indexOf("--out");
  const dir = at >= 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : EXAMPLES_DIR;
  for (const path of writeExamples(dir)) console.log(path);
}
