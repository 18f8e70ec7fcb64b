/**
 * A human baseline for the value-inference tasks: one self-contained offline HTML page (inline
 * CSS and JS, no external URL, no server) that draws each world, asks its question with buttons,
 * times each answer, and at the end downloads a JSONL of RunRecords (condition "human: NAME")
 * that `loadRuns` reads. Each line is a RunRecord plus the milliseconds from showing the item to the
 * click as a top-level column `ms`: loadRuns reads JSONL `meta` from named columns only, so
 * `loadRuns(file, { meta: ["ms"] })` gives each record its `meta.ms`.
 *
 * The world is read back from the task's prompt (the grid, the legend and the walks), so the person
 * sees exactly what a model is shown, drawn instead of written.
 */
import { choiceLabels } from "../../runs/extractChoice.js";

/** The fields of a task the page needs (a `Task` of src/collect/types.ts, structurally). */
export interface BaselineTaskInput {
  id: string;
  prompt: string;
  target: string;
  choices?: string[] | number;
  cluster?: string;
  meta?: Record<string, unknown>;
}

/** One item as the page draws it; rows and columns counted from 0. */
export interface BaselineItem {
  id: string;
  cluster: string;
  size: number;
  kinds: { name: string; symbol: string }[];
  /** Objects as [row, column, kind index]. */
  objects: [number, number, number][];
  /** Each walk: its cells as [row, column], and the kind collected at the end (or null). */
  walks: { cells: [number, number][]; collected: number | null }[];
  rules: string;
  question: string;
  /** The option texts shown on the buttons, and what each records as the answer (letter or word). */
  choices: string[];
  answers: string[];
  target: string;
}

export interface BaselinePageOptions {
  /** Prefills the name field; the condition is "human: NAME". */
  name?: string;
  title?: string;
}

function fail(task: BaselineTaskInput, what: string): never {
  throw new Error(`task ${JSON.stringify(task.id)}: ${what}; the page reads value-inference prompts as 'evalgap task value-inference' writes them`);
}

/**
 * Read a value-inference task's world, walks and question back from its prompt (renderPrompt.ts).
 *
 * @example baselineItem(generateValueInferenceTasks({ items: 1, seed: 3 })[0]).answers[0] // "A"
 */
export function baselineItem(task: BaselineTaskInput): BaselineItem {
  const lines = task.prompt.split("\n");
  const emptyLine = lines.indexOf("  . = empty ground");
  if (emptyLine < 0) fail(task, 'no legend line "  . = empty ground" in the prompt');
  const kinds: BaselineItem["kinds"] = [];
  for (let i = 1; i < emptyLine; i++) {
    const m = /^ {2}(\S) = (.+?) \(\d+ on the grid\)$/.exec(lines[i]);
    if (!m) fail(task, `legend line ${JSON.stringify(lines[i])} is not "  X = name (n on the grid)"`);
    kinds.push({ symbol: m[1], name: m[2] });
  }
  const sizeMatch = /(\d+)×\1 grid world/.exec(lines[0]);
  if (!sizeMatch) fail(task, `first line ${JSON.stringify(lines[0])} does not give the grid's size`);
  const size = Number(sizeMatch[1]);
  const objects: BaselineItem["objects"] = [];
  for (let r = 0; r < size; r++) {
    const row = lines[emptyLine + 3 + r];
    if (row === undefined || row.length !== 4 + 3 * size) fail(task, `grid row ${r + 1} is missing or not ${size} cells wide`);
    for (let c = 0; c < size; c++) {
      const symbol = row.slice(4 + 3 * c, 7 + 3 * c).trim();
      if (symbol === ".") continue;
      const kind = kinds.findIndex((k) => k.symbol === symbol);
      if (kind < 0) fail(task, `grid row ${r + 1} column ${c + 1} holds ${JSON.stringify(symbol)}, not in the legend`);
      objects.push([r, c, kind]);
    }
  }
  const walks = lines
    .filter((line) => /^Walk \d+: /.test(line))
    .map((line) => {
      const cells = [...line.matchAll(/\((\d+),(\d+)\)/g)].map((m) => [Number(m[1]) - 1, Number(m[2]) - 1] as [number, number]);
      const got = /collected an? (.+)\.$/.exec(line);
      const collected = got ? kinds.findIndex((k) => k.name === got[1]) : null;
      return { cells, collected: collected === null || collected < 0 ? null : collected };
    });
  if (walks.length === 0) fail(task, 'no "Walk N:" line in the prompt');
  const rules = lines.find((line) => line.startsWith("How the person acts.")) ?? "";
  const question = lines.find((line) => line.startsWith("Which of these") || line.startsWith("Does this person"));
  if (question === undefined) fail(task, "no question line in the prompt");
  const choices = Array.isArray(task.choices) ? task.choices : [];
  if (choices.length < 2) fail(task, `choices must list at least two option texts, got ${JSON.stringify(task.choices)}`);
  // Multiple choice is answered by letter, yes/no by the word: records keep the target's form.
  const answers = choices.includes(task.target) ? [...choices] : choiceLabels(choices.length);
  if (!answers.includes(task.target)) fail(task, `target ${JSON.stringify(task.target)} is neither a choice nor a choice letter`);
  return { id: task.id, cluster: task.cluster ?? task.id, size, kinds, objects, walks, rules, question, choices: [...choices], answers, target: task.target };
}

/**
 * JSON that is safe inside a <script> element: "<", ">" and "&" written as \u escapes, so no
 * "</script>" or "<!--" can end or confuse the block; JSON.parse reads the same value back.
 *
 * @example scriptSafeJson({ a: "</script>" }) // '{"a":"\\u003c/script\\u003e"}'
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const DATA_ID = "evalgap-baseline-data";

/**
 * The items embedded in a page built by baselinePage.
 *
 * @example readBaselineData(baselinePage([])).items.length // 0
 */
export function readBaselineData(html: string): { name: string; items: BaselineItem[] } {
  const m = new RegExp(`<script type="application/json" id="${DATA_ID}">([\\s\\S]*?)</script>`).exec(html);
  if (!m) throw new Error(`no <script id="${DATA_ID}"> block in the page`);
  return JSON.parse(m[1]) as { name: string; items: BaselineItem[] };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const STYLE = `
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; color: #222; }
header { display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; }
#world { display: flex; gap: 1.5rem; align-items: flex-start; flex-wrap: wrap; margin: 1rem 0; }
#legend div { margin: 0.2rem 0; display: flex; align-items: center; gap: 0.4rem; }
#choices button { display: block; width: 100%; text-align: left; margin: 0.3rem 0; padding: 0.5rem 0.8rem; font-size: 1rem; cursor: pointer; }
#choices button:hover { background: #eef; }
#question { font-weight: 600; }
details { margin: 0.5rem 0; color: #444; }
.hidden { display: none; }
`;

/** The page's script, plain ES2017 (it runs as it is in the browser). */
const SCRIPT = String.raw`
(function () {
  var data = JSON.parse(document.getElementById("${DATA_ID}").textContent);
  var items = data.items, records = [], index = 0, shownAt = 0;
  var colors = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd"];
  var walkColors = ["#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f"];
  var SVG = "http://www.w3.org/2000/svg", cell = 44;
  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, parent) {
    var node = document.createElementNS(SVG, tag);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(node);
    return node;
  }
  function center(rc) { return [rc[1] * cell + cell / 2 + 20, rc[0] * cell + cell / 2 + 20]; }
  function draw(item) {
    var side = item.size * cell + 40, svg = el("svg", { width: side, height: side, viewBox: "0 0 " + side + " " + side, role: "img" });
    var defs = el("defs", {}, svg);
    walkColors.forEach(function (color, w) {
      var marker = el("marker", { id: "arrow" + w, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" }, defs);
      el("path", { d: "M0,0 L10,5 L0,10 z", fill: color }, marker);
    });
    for (var i = 0; i <= item.size; i++) {
      el("line", { x1: 20, y1: 20 + i * cell, x2: side - 20, y2: 20 + i * cell, stroke: "#ccc" }, svg);
      el("line", { x1: 20 + i * cell, y1: 20, x2: 20 + i * cell, y2: side - 20, stroke: "#ccc" }, svg);
      if (i < item.size) {
        el("text", { x: 20 + i * cell + cell / 2, y: 14, "text-anchor": "middle", "font-size": 11, fill: "#888" }, svg).textContent = i + 1;
        el("text", { x: 10, y: 24 + i * cell + cell / 2, "text-anchor": "middle", "font-size": 11, fill: "#888" }, svg).textContent = i + 1;
      }
    }
    item.objects.forEach(function (o) {
      var p = center(o), color = colors[o[2] % colors.length];
      el("rect", { x: p[0] - 15, y: p[1] - 15, width: 30, height: 30, rx: o[2] % 2 ? 15 : 4, fill: color, "fill-opacity": 0.25, stroke: color }, svg);
      el("text", { x: p[0], y: p[1] + 5, "text-anchor": "middle", "font-size": 15, "font-weight": 700, fill: color }, svg).textContent = item.kinds[o[2]].symbol;
    });
    item.walks.forEach(function (walk, w) {
      var color = walkColors[w % walkColors.length], shift = (w - (item.walks.length - 1) / 2) * 5;
      var pts = walk.cells.map(function (rc) { var p = center(rc); return [p[0] + shift, p[1] + shift]; });
      for (var s = 1; s < pts.length; s++) {
        var a = pts[s - 1], b = pts[s];
        if (a[0] === b[0] && a[1] === b[1]) { el("circle", { cx: b[0], cy: b[1] - 11, r: 4, fill: "none", stroke: color }, svg); continue; }
        // The last arrow stops at the object's edge so its letter stays readable.
        var len = Math.hypot(b[0] - a[0], b[1] - a[1]), cut = s === pts.length - 1 && walk.collected !== null ? 16 : 4;
        var end = [b[0] - ((b[0] - a[0]) * cut) / len, b[1] - ((b[1] - a[1]) * cut) / len];
        el("line", { x1: a[0], y1: a[1], x2: end[0], y2: end[1], stroke: color, "stroke-width": 2.5, "marker-end": "url(#arrow" + (w % walkColors.length) + ")" }, svg);
      }
      el("circle", { cx: pts[0][0], cy: pts[0][1], r: 9, fill: "white", stroke: color, "stroke-width": 2 }, svg);
      el("text", { x: pts[0][0], y: pts[0][1] + 4, "text-anchor": "middle", "font-size": 11, fill: color }, svg).textContent = w + 1;
    });
    return svg;
  }
  function legend(item) {
    var box = $("legend");
    box.innerHTML = "";
    item.kinds.forEach(function (kind, k) {
      var row = document.createElement("div"), swatch = document.createElement("span");
      swatch.textContent = kind.symbol;
      swatch.style.cssText = "display:inline-block;width:1.4rem;text-align:center;font-weight:700;border:1px solid;border-radius:" + (k % 2 ? "50%" : "3px") + ";color:" + colors[k % colors.length];
      row.appendChild(swatch);
      row.appendChild(document.createTextNode(kind.name));
      box.appendChild(row);
    });
    item.walks.forEach(function (walk, w) {
      var row = document.createElement("div");
      row.style.color = walkColors[w % walkColors.length];
      row.textContent = "→ walk " + (w + 1) + " (starts at the circled number)" + (walk.collected === null ? ", not finished" : ", collected a " + item.kinds[walk.collected].name);
      box.appendChild(row);
    });
    var stay = document.createElement("div");
    stay.textContent = "small ring: stayed in place one step";
    box.appendChild(stay);
  }
  function show() {
    if (index >= items.length) return finish();
    var item = items[index];
    $("progress").textContent = "Item " + (index + 1) + " of " + items.length;
    var world = $("grid");
    world.innerHTML = "";
    world.appendChild(draw(item));
    legend(item);
    $("rules").textContent = item.rules;
    $("question").textContent = item.question;
    var box = $("choices");
    box.innerHTML = "";
    item.choices.forEach(function (text, j) {
      var button = document.createElement("button");
      button.type = "button";
      button.dataset.answer = item.answers[j];
      button.textContent = (item.answers[j] === text ? "" : item.answers[j] + ". ") + text;
      button.onclick = function () { answer(item, item.answers[j]); };
      box.appendChild(button);
    });
    shownAt = performance.now();
  }
  function answer(item, given) {
    var ms = Math.round((performance.now() - shownAt) * 10) / 10;
    var name = $("name").value.trim() || "anonymous";
    records.push({ item: item.id, condition: "human: " + name, score: given === item.target ? 1 : 0, sample: 0, cluster: item.cluster,
      answer: given, target: item.target, choices: item.choices.length, ms: ms });
    index += 1;
    show();
  }
  function finish() {
    $("ask").classList.add("hidden");
    $("done").classList.remove("hidden");
    $("summary").textContent = records.length + " answer" + (records.length === 1 ? "" : "s") + " recorded.";
  }
  function download() {
    var name = $("name").value.trim() || "anonymous";
    var text = records.map(function (r) { r.condition = "human: " + name; return JSON.stringify(r) + "\n"; }).join("");
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/x-ndjson" }));
    link.download = "baseline-" + name.replace(/[^A-Za-z0-9_-]+/g, "_") + ".jsonl";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
  $("stop").onclick = finish;
  $("download").onclick = download;
  window.addEventListener("beforeunload", function (event) { if (records.length && $("done").classList.contains("hidden")) event.preventDefault(); });
  show();
})();
`;

/**
 * The baseline page for these tasks: pure (tasks in, HTML out), offline, self-contained.
 *
 * @example baselinePage(generateValueInferenceTasks({ items: 2 })).startsWith("<!doctype html>") // true
 */
export function baselinePage(tasks: readonly BaselineTaskInput[], options: BaselinePageOptions = {}): string {
  const items = tasks.map(baselineItem);
  const name = options.name ?? "";
  const title = options.title ?? "Value inference: a human baseline";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1>
<label>Your name <input id="name" value="${escapeHtml(name)}" autocomplete="off"></label>
<span id="progress"></span></header>
<section id="ask">
<p>Each item shows a person's walks through a grid world. Infer what they value and answer the question; your time per item is recorded.</p>
<details><summary>How the person acts</summary><p id="rules"></p></details>
<div id="world"><div id="grid"></div><div id="legend"></div></div>
<p id="question"></p>
<div id="choices"></div>
<p><button type="button" id="stop">Stop here and save what I answered</button></p>
</section>
<section id="done" class="hidden">
<h2>Done</h2>
<p id="summary"></p>
<p><button type="button" id="download">Download answers (JSONL)</button></p>
<p>Read the file with <code>evalgap summarize</code> or <code>loadRuns</code>; the condition is "human: " and your name.</p>
</section>
<script type="application/json" id="${DATA_ID}">${scriptSafeJson({ name, items })}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
