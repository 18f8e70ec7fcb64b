import { describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { differingPathParts, expandPaths, skipReason } from "../../src/runs/expandPaths.js";
import { scratch } from "./paths.js";

/** Write each relative path (with "x" as content) under a fresh folder; return the folder. */
function tree(paths: string[]): string {
  const root = scratch();
  for (const p of paths) {
    mkdirSync(join(root, p, ".."), { recursive: true });
    writeFileSync(join(root, p), "x");
  }
  return root;
}

describe("differingPathParts", () => {
  it("the same file name in two folders: the folders (the BIG-Bench-Hard layout)", () => {
    const files = ["bbh/code-davinci-002-direct/navigate_0.jsonl", "bbh/code-davinci-002-cot/navigate_0.jsonl"];
    expect([...differingPathParts(files)!.values()]).toEqual(["code-davinci-002-direct", "code-davinci-002-cot"]);
  });

  it("every file name different: undefined, so each keeps its file name as before", () => {
    expect(differingPathParts(["/tmp/a1/model-a.csv", "/tmp/b2/model-b.csv"])).toBeUndefined();
    expect(differingPathParts(["one.csv"])).toBeUndefined();
  });

  it("keeps every position that differs, drops those shared at the same depth", () => {
    const files = ["r/gpt/t0/run.csv", "r/gpt/t1/run.csv", "r/claude/t0/run.csv"];
    expect([...differingPathParts(files)!.values()]).toEqual(["gpt/t0", "gpt/t1", "claude/t0"]);
    expect([...differingPathParts(["m1/x/t0.csv", "m2/x/t0.csv"])!.values()]).toEqual(["m1", "m2"]);
  });

  it("different depths: trailing shared parts dropped while each file keeps one", () => {
    expect([...differingPathParts(["a/run.csv", "a/b/run.csv"])!.values()]).toEqual(["run", "b/run"]);
    expect([...differingPathParts(["x/p/run.csv", "y/run.csv"])!.values()]).toEqual(["x/p", "y"]);
  });

  it("files that differ only by extension keep it, so they never merge", () => {
    expect([...differingPathParts(["d/run.csv", "d/run.jsonl"])!.values()]).toEqual(["run.csv", "run.jsonl"]);
  });
});

describe("skipReason", () => {
  it("names what each non-run file is", () => {
    expect(skipReason("results_2025-10-14T14-44-39.372006.json")).toMatch(/^lm-eval results: aggregates only/);
    expect(skipReason("navigate_few_shot_template_0-255000_eval_metrics.jsonl")).toMatch(/^BIG-Bench-Hard eval metrics/);
    expect(skipReason("stats.json", true)).toMatch(/^HELM side file/);
    expect(skipReason("README.txt")).toBe("documentation or licence");
    expect(skipReason("vhong-aisi_inspect_demo.LICENSE")).toBe("documentation or licence");
    expect(skipReason("notes.md")).toBe("documentation or licence");
    expect(skipReason("accuracy.png")).toBe("image");
    expect(skipReason("score.py")).toBe("code or configuration");
  });

  it("leaves run files, and a stats.json outside a HELM run folder, to content detection", () => {
    for (const name of ["samples_gsm8k_2025-09-09T13-31-53.431753.jsonl", "per_instance_stats.json", "run.csv", "runs.txt", "x.eval"]) {
      expect(skipReason(name, true)).toBeUndefined();
    }
    expect(skipReason("stats.json")).toBeUndefined();
  });
});

describe("expandPaths", () => {
  it("walks a folder in natural order, leaving out hidden files and dot-folders", async () => {
    const root = tree(["run-10.csv", "run-2.csv", ".hidden.csv", ".git/x.csv", "b/run-1.csv", "README.md"]);
    const { files, skipped, sources } = await expandPaths([root]);
    expect(files.map((f) => f.file)).toEqual([join(root, "b/run-1.csv"), join(root, "run-2.csv"), join(root, "run-10.csv")]);
    expect(files.every((f) => f.from === root)).toBe(true);
    expect(skipped).toEqual([{ file: join(root, "README.md"), reason: "documentation or licence", from: root }]);
    expect(sources).toEqual([{ source: root, kind: "folder", repeated: 0 }]);
  });

  it("a file reached twice is read once, under the first path; a named file is never skipped", async () => {
    const root = tree(["a.csv", "b.csv", "README.md"]);
    const named = await expandPaths([join(root, "README.md"), join(root, "a.csv"), root, `${root}/*.csv`, join(root, "a.csv")]);
    expect(named.files).toEqual([{ file: join(root, "README.md") }, { file: join(root, "a.csv") }, { file: join(root, "b.csv"), from: root }]);
    expect(named.sources.map((s) => s.repeated)).toEqual([1, 2]);
  });

  it("a glob keeps the path as written; a missing path is passed on for the loader to report", async () => {
    const root = tree(["m/a.jsonl", "m/b.jsonl", "m/c.csv"]);
    const { files, sources } = await expandPaths([`${root}/*/*.jsonl`, join(root, "nope.csv")]);
    expect(files).toEqual([
      { file: `${root}/m/a.jsonl`, from: `${root}/*/*.jsonl` },
      { file: `${root}/m/b.jsonl`, from: `${root}/*/*.jsonl` },
      { file: join(root, "nope.csv") },
    ]);
    expect(sources).toEqual([{ source: `${root}/*/*.jsonl`, kind: "pattern", repeated: 0 }]);
  });

  it("a symbolic link back up the tree is walked once", async () => {
    const root = tree(["a/x.csv"]);
    symlinkSync(root, join(root, "a", "loop"));
    const { files } = await expandPaths([root]);
    expect(files.map((f) => f.file)).toEqual([join(root, "a/x.csv")]);
  });
});
