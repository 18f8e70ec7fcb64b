// The notebook chain end to end: scripts/notebooks.mjs (what `npm run notebooks` runs) starts the
// project's tslab kernel through Jupyter's nbclient, executes a notebook headless and saves outputs,
// and a cell error makes it exit 1 naming the notebook and the cell. Nothing is skipped when Jupyter
// is missing: the runner's own message ("run npm run setup") becomes the failure message, since CI
// installs Jupyter with `npm run setup`.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..", "..");
const runner = join(root, "scripts", "notebooks.mjs");
const smoke = join(root, "notebooks", "00-smoke.ipynb");
const scratch = mkdtempSync(join(tmpdir(), "evalgap-notebooks-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runNotebooks(args: string[]) {
  const result = spawnSync(process.execPath, [runner, ...args], { cwd: root, encoding: "utf8", timeout: 300_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, log: `${result.stdout}\n${result.stderr}` };
}

interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: { output_type: string; name?: string; text?: string | string[] }[];
}

function streamText(cell: Cell): string {
  return (cell.outputs ?? [])
    .filter((o) => o.output_type === "stream" && o.name === "stdout")
    .map((o) => (Array.isArray(o.text) ? o.text.join("") : o.text ?? ""))
    .join("");
}

function codeNotebook(sources: string[]): string {
  return JSON.stringify({
    cells: sources.map((source, i) => ({ cell_type: "code", execution_count: null, id: `cell-${i}`, metadata: {}, outputs: [], source })),
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

describe("npm run notebooks", () => {
  it("executes notebooks/00-smoke.ipynb headless on the tslab kernel and saves its outputs", () => {
    const before = readFileSync(smoke);
    const out = join(scratch, "smoke");
    const result = runNotebooks(["--out-dir", out, smoke]);
    expect(result.status, result.log).toBe(0);
    expect(result.stdout).toContain("ok notebooks/00-smoke.ipynb");
    const executed = JSON.parse(readFileSync(join(out, "00-smoke.ipynb"), "utf8")) as { cells: Cell[] };
    const code = executed.cells.filter((c) => c.cell_type === "code");
    // createRandom(42).uint32(), pinned against the Python reference in test/stats/random.test.ts.
    expect(streamText(code[0]).trim()).toBe("1776835114");
    // R: binom.test(153, 300, alternative = "greater")$p.value = 0.38644327154530117, printed to 6 places.
    expect(streamText(code[1]).trim()).toBe("0.386443");
    // --out-dir leaves the committed notebook untouched.
    expect(readFileSync(smoke).equals(before)).toBe(true);
  }, 300_000);

  it("fails with exit code 1 on a cell error, naming the notebook and the cell", () => {
    const dir = join(scratch, "failing");
    mkdirSync(dir, { recursive: true });
    const path = join(dir, "broken.ipynb");
    writeFileSync(path, codeNotebook(["console.log(1 + 1);", 'throw new Error("deliberate failure in cell two");', "console.log(3);"]));
    const result = runNotebooks(["--no-build", "--out-dir", join(scratch, "failing-out"), path]);
    expect(result.status, result.log).toBe(1);
    expect(result.stderr).toContain(`FAILED ${path}: cell 2 of 3 raised an error`);
    expect(result.stderr).toContain("deliberate failure in cell two");
  }, 300_000);

  it("names the cell of a TypeScript compile error", () => {
    const dir = join(scratch, "typing");
    mkdirSync(dir, { recursive: true });
    const path = join(dir, "types.ipynb");
    writeFileSync(path, codeNotebook(['const n: number = "not a number";']));
    const result = runNotebooks(["--no-build", "--out-dir", join(scratch, "typing-out"), path]);
    expect(result.status, result.log).toBe(1);
    expect(result.stderr).toContain(`FAILED ${path}: cell 1 of 1 raised an error`);
    expect(result.stderr).toContain("Type 'string' is not assignable to type 'number'");
  }, 300_000);

  it("rejects an unknown option and a missing notebook before starting Jupyter", () => {
    const unknown = runNotebooks(["--fast"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown option --fast");
    const missing = runNotebooks(["--no-build", join(scratch, "nope.ipynb")]);
    expect(missing.status, missing.log).toBe(2);
    expect(missing.stderr).toContain("no such notebook");
  }, 60_000);
});
