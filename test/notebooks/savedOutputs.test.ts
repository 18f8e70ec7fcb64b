// The committed notebooks (notebooks/*.ipynb) as a reader sees them on GitHub: `npm run notebooks`
// executes each and saves it in place, so what is checked here is what the last run printed. Every
// code cell ran without an error; outputs show formatted numbers, not raw floats or console.table
// boxes of quoted strings; nothing that changes between runs (timings) is saved; and the prose says
// what the numbers below it rest on.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const dir = resolve(import.meta.dirname, "..", "..", "notebooks");
const files = readdirSync(dir).filter((f) => f.endsWith(".ipynb") && !f.startsWith("."));

interface Output { output_type: string; name?: string; text?: string | string[]; data?: Record<string, string | string[]>; ename?: string }
interface Cell { cell_type: string; source: string | string[]; execution_count?: number | null; outputs?: Output[]; metadata?: Record<string, unknown> }
const join_ = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : t ?? "");

function read(file: string): Cell[] {
  return (JSON.parse(readFileSync(join(dir, file), "utf8")) as { cells: Cell[] }).cells;
}

/** What a reader sees of a cell's outputs: printed text and each figure's title (text/plain). */
function outputText(cell: Cell): string {
  return (cell.outputs ?? []).map((o) => (o.output_type === "stream" ? join_(o.text) : join_(o.data?.["text/plain"]))).join("\n");
}

const markdown = (file: string) => read(file).filter((c) => c.cell_type === "markdown").map((c) => join_(c.source)).join("\n");
const outputs = (file: string) => read(file).filter((c) => c.cell_type === "code").map(outputText).join("\n");

describe("the saved notebooks", () => {
  it("are all here", () => {
    expect(files).toEqual([
      "00-smoke.ipynb", "01-does-51-beat-chance.ipynb", "02-research-vs-production.ipynb", "03-ablations.ipynb",
      "04-how-many-items.ipynb", "05-the-real-study.ipynb", "06-bring-your-own-logs.ipynb",
      "07-run-the-value-inference-experiment.ipynb",
    ]);
  });

  it.each(files)("%s: every code cell ran, in order, without an error, and no timing was saved", (file) => {
    const code = read(file).filter((c) => c.cell_type === "code");
    expect(code.map((c) => c.execution_count)).toEqual(code.map((_, i) => i + 1));
    for (const [i, cell] of code.entries()) {
      for (const o of cell.outputs ?? []) {
        expect(o.output_type, `${file} code cell ${i + 1}`).not.toBe("error");
        expect(o.name, `${file} code cell ${i + 1} wrote to stderr`).not.toBe("stderr");
      }
      expect(cell.metadata?.execution, `${file} code cell ${i + 1}`).toBeUndefined();
    }
  });

  it.each(files)("%s: prints formatted numbers, not raw floats or tables of quoted strings", (file) => {
    const text = outputs(file);
    // 0.10999999999999993 and the like: a number printed without formatPercent/formatPoints/formatP.
    expect(text).not.toMatch(/\d\.\d{7,}/);
    // console.table draws boxes and quotes its string cells.
    expect(text).not.toMatch(/[┌│└]|'\d\.\d+'/);
  });

  it("notebook 1 says why two intervals, two detectable rates, and 6,900 against 9,700", () => {
    const prose = markdown("01-does-51-beat-chance.ipynb");
    const printed = outputs("01-does-51-beat-chance.ipynb");
    // The same 153 of 300, twice: on the simulated file (passages as clusters) and as bare counts.
    const intervals = [...printed.matchAll(/51\.0% \((?:mean|153) of 300 items; 95% CI ([\d.–]+%)/g)].map((m) => m[1]);
    expect(new Set(intervals).size).toBe(2);
    for (const shown of ["6,900", "9,700", intervals.at(-1)!]) expect(`${printed}\n${prose}`).toContain(shown);
    expect(prose).toMatch(/passages .* clusters/);
    expect(prose).toMatch(/Clopper–Pearson interval/);
    expect(prose).toMatch(/two-sided.*α = 0\.025/);
  });

  it("notebook 2's assumed-n titles name the correlation each paired n rests on", () => {
    const titles = outputs("02-research-vs-production.ipynb").split("\n").filter((l) => /vs \d+%: p/.test(l));
    expect(titles).toHaveLength(2);
    for (const title of titles) expect(title).toMatch(/paired from n = \d+ if ρ = /);
  });

  it("notebook 4 describes the varianceComponents it calls", () => {
    const prose = markdown("04-how-many-items.ipynb");
    expect(prose).not.toContain("no variance-components function");
    expect(prose).not.toContain("kSampleVariances");
    expect(prose).toContain("`varianceComponents`");
  });

  it("notebook 5 never says a non-significant result rules gains out, and says what an interval or TOST excludes", () => {
    const words = `${markdown("05-the-real-study.ipynb")}\n${outputs("05-the-real-study.ipynb")}`;
    expect(words).not.toMatch(/rules? out/);
    expect(words).toContain("excludes no gain");
    expect(words).toMatch(/equivalence test/);
  });
});
