/**
 * Every `@example` in src/stats, src/analysis, src/figures and src/tasks/valueInference runs, and each number it promises in a trailing
 * `// …` comment is checked at the precision printed (a trailing "…" or "..." means truncated).
 * This keeps the doc comments honest: an example that drifts from the code fails here.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const folders = ["src/stats", "src/analysis", "src/figures", "src/tasks/valueInference"];

interface Check { expr: string; expected: Expected }
type Expected = { kind: "number"; text: string } | { kind: "array"; texts: string[] } | { kind: "fields"; fields: [string, string][] };
interface Example { file: string; body: string[]; checks: Check[] }

const NUM = String.raw`[-−]?\d+(?:\.\d+)?(?:e[-+]?\d+)?(?:…|\.\.\.)?`;

function parseExpected(comment: string): Expected | null {
  const text = comment.trim();
  let m = new RegExp(`^(${NUM})(?![\\w])`).exec(text);
  if (m) return { kind: "number", text: m[1] };
  m = /^\[([^\]]*)\]/.exec(text);
  if (m) {
    const texts = m[1].split(",").map((s) => s.trim());
    return texts.every((t) => new RegExp(`^${NUM}$`).test(t)) ? { kind: "array", texts } : null;
  }
  // "{ estimate: 0.51, lower: 0.479… }" or "estimate 0.01, lower -0.004": named numbers.
  const fields: [string, string][] = [];
  for (const f of text.replace(/^\{|\}.*$/g, "").split(",")) {
    const fm = new RegExp(`^\\s*(\\w+)\\s*:?\\s+(${NUM})\\s*$`).exec(f.replace(/:\s*/, " "));
    if (fm) fields.push([fm[1], fm[2]]);
  }
  return fields.length ? { kind: "fields", fields } : null;
}

function collectExamples(file: string): Example[] {
  const source = readFileSync(join(root, file), "utf8");
  const out: Example[] = [];
  for (const doc of source.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const at = doc.indexOf("@example");
    if (at < 0) continue;
    const lines = doc.slice(at + "@example".length).split("\n").map((l) => l.replace(/^\s*\*\/?\s?/, "")).filter((l) => !l.startsWith("@"));
    const body: string[] = [];
    const checks: Check[] = [];
    let pending = "";
    for (const raw of lines) {
      const line = raw.replace(/\*\/\s*$/, "");
      const cut = line.indexOf("//");
      const code = (cut >= 0 ? line.slice(0, cut) : line).trim();
      const comment = cut >= 0 ? line.slice(cut + 2) : "";
      if (code) pending += (pending ? "\n" : "") + code;
      const expected = comment ? parseExpected(comment) : null;
      if (!pending) {
        // A comment-only line right after a statement states that statement's result.
        if (expected && checks.length === 0 && body.length) checks.push({ expr: body[body.length - 1].replace(/;$/, ""), expected });
        continue;
      }
      if (expected) {
        checks.push({ expr: pending.replace(/;$/, ""), expected });
        pending = "";
      } else if (/[;)]\s*$/.test(pending) && balanced(pending)) {
        body.push(pending);
        pending = "";
      }
    }
    if (pending) body.push(pending);
    out.push({ file, body, checks });
  }
  return out;
}

function balanced(code: string): boolean {
  let depth = 0;
  for (const ch of code) depth += "([{".includes(ch) ? 1 : ")]}".includes(ch) ? -1 : 0;
  return depth === 0;
}

function toNumber(text: string): { value: number; tolerance: number } {
  const truncated = /…|\.\.\.$/.test(text);
  const clean = text.replace(/…|\.\.\.$/, "").replace("−", "-");
  const decimals = /\.(\d+)/.exec(clean.split(/e/i)[0])?.[1].length ?? 0;
  const exponent = Number(/e([-+]?\d+)/i.exec(clean)?.[1] ?? 0);
  const unit = 10 ** (exponent - decimals);
  const value = Number(clean);
  // Printed to full double precision, the last digit is noise: allow relative 1e-12 as well.
  return { value, tolerance: Math.max((truncated ? 1 : 0.5) * unit * (1 + 1e-9), Math.abs(value) * 1e-12) };
}

function expectNumber(actual: unknown, text: string, label: string): void {
  const { value, tolerance } = toNumber(text);
  expect(typeof actual, label).toBe("number");
  expect(Math.abs((actual as number) - value), `${label}: ${String(actual)} vs ${text}`).toBeLessThanOrEqual(tolerance);
}

const files = folders.flatMap((dir) =>
  readdirSync(join(root, dir)).filter((f) => f.endsWith(".ts")).map((f) => `${dir}/${f}`),
);
const examples = files.flatMap(collectExamples);

/** The package's entry points (package.json `exports`): `evalgap`, `evalgap/figures`, `evalgap/collect`, `evalgap/paper`. */
const ENTRY_POINTS = ["src/index.ts", "src/figures/index.ts", "src/collect/index.ts", "src/paper/index.ts"];

describe("doc-comment examples", () => {
  it("every public stats function has an example with a checked number", () => {
    const index = readFileSync(join(root, "src/stats/index.ts"), "utf8");
    const exported = [...index.matchAll(/^export \{([^}]*)\} from "\.\/(\w+)\.js"/gm)].flatMap((m) =>
      m[1].split(",").map((n) => n.trim()).filter((n) => /^[a-z]/.test(n)).map((n) => ({ name: n, file: `src/stats/${m[2]}.ts` })),
    );
    const missing = exported.filter(({ name, file }) => {
      const source = readFileSync(join(root, file), "utf8");
      const doc = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)\\s*export (?:async )?function ${name}\\b`).exec(source)?.[1] ?? "";
      return !doc.includes("@example") || !examples.some((e) => e.file === file && e.checks.some((c) => c.expr.includes(name) || e.body.some((b) => b.includes(name))));
    });
    expect(missing.map((m) => m.name)).toEqual([]);
  });

  for (const example of examples.filter((e) => e.checks.length)) {
    it(`${example.file}: ${example.checks[0].expr.slice(0, 70)}`, async () => {
      const mod = (await import(pathToFileURL(join(root, example.file)).href)) as Record<string, unknown>;
      // Examples may call anything public: the main entry and every subpath entry, then the file itself.
      const entries = await Promise.all(ENTRY_POINTS.map((entry) => import(pathToFileURL(join(root, entry)).href) as Promise<Record<string, unknown>>));
      const api = Object.assign({}, ...entries, mod) as Record<string, unknown>;
      const names = Object.keys(api).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
      const prelude = example.body.join("\n");
      for (const check of example.checks) {
        // eslint-disable-next-line @typescript-eslint/no-implied-eval
        const run = new Function(...names, `${prelude}\nreturn (${check.expr});`) as (...a: unknown[]) => unknown;
        const actual = run(...names.map((n) => api[n]));
        const label = `${example.file}: ${check.expr}`;
        const e = check.expected;
        if (e.kind === "number") expectNumber(actual, e.text, label);
        else if (e.kind === "array") e.texts.forEach((t, i) => expectNumber((actual as number[])[i], t, `${label}[${i}]`));
        else for (const [key, text] of e.fields) expectNumber((actual as Record<string, number>)[key], text, `${label}.${key}`);
      }
    });
  }
});
