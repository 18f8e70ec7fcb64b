import { describe, expect, it } from "vitest";
import { globToRegExp, hasGlobMagic, splitGlob } from "../../src/runs/glob.js";

const matches = (pattern: string, paths: string[]): string[] => paths.filter((p) => globToRegExp(pattern).test(p));

describe("hasGlobMagic", () => {
  it("tells a pattern from a plain path; an escaped character is plain", () => {
    expect(["logs/*.eval", "run-?.csv", "runs/{a,b}.csv", "logs/**/x"].map(hasGlobMagic)).toEqual([true, true, true, true]);
    expect(["logs/run.eval", "2025-07-30T18-42-38+00-00_mmlu.eval", "a\\*b.csv", "mmlu:subject=philosophy,method=x/run.json"].map(hasGlobMagic)).toEqual([false, false, false, false]);
  });
});

describe("globToRegExp", () => {
  const tree = ["a.jsonl", "b.csv", ".hidden.jsonl", "sub/a.jsonl", "sub/deep/c.eval", ".git/d.eval", "sub/.cache/e.eval", "c.eval"];

  it("* stays within one folder and does not match a leading dot", () => {
    expect(matches("*.jsonl", tree)).toEqual(["a.jsonl"]);
    expect(matches("*/*.jsonl", tree)).toEqual(["sub/a.jsonl"]);
  });

  it("** spans zero or more folders, never dot-folders", () => {
    expect(matches("**/*.eval", tree)).toEqual(["sub/deep/c.eval", "c.eval"]);
    expect(matches("sub/**", tree)).toEqual(["sub/a.jsonl", "sub/deep/c.eval"]);
    expect(globToRegExp("sub/**").test("sub")).toBe(false);
  });

  it("? is one character; {a,b} are alternatives, nestable", () => {
    expect(matches("run-?.csv", ["run-1.csv", "run-10.csv", "run-.csv"])).toEqual(["run-1.csv"]);
    expect(matches("*.{eval,json}", ["x.eval", "x.json", "x.jsonl", "x.csv"])).toEqual(["x.eval", "x.json"]);
    expect(matches("{a,b{c,d}}.csv", ["a.csv", "bc.csv", "bd.csv", "b.csv", "ab.csv"])).toEqual(["a.csv", "bc.csv", "bd.csv"]);
    expect(matches("{direct,cot}/*.jsonl", ["direct/n.jsonl", "cot/n.jsonl", "other/n.jsonl"])).toEqual(["direct/n.jsonl", "cot/n.jsonl"]);
  });

  it("everything else is literal, and a backslash escapes a wildcard", () => {
    expect(matches("a+b(1).csv", ["a+b(1).csv", "aab1.csv"])).toEqual(["a+b(1).csv"]);
    expect(matches("a\\*b.csv", ["a*b.csv", "axb.csv"])).toEqual(["a*b.csv"]);
    expect(matches("mmlu:subject=*,method=x/*.json", ["mmlu:subject=philosophy,method=x/p.json"])).toHaveLength(1);
  });

  it("the doc comment's example", () => {
    expect(globToRegExp("**/*.{eval,json}").test("logs/a/run.eval")).toBe(true);
  });

  it("bad patterns are errors naming the pattern", () => {
    expect(() => globToRegExp("runs/{a,b.csv")).toThrow(/unclosed "\{" \(value: "runs\/\{a,b\.csv"\)/);
    expect(() => globToRegExp("")).toThrow(TypeError);
  });
});

describe("splitGlob", () => {
  it("starts from the leading folders without wildcards", () => {
    expect(splitGlob("logs/**/*.eval")).toEqual({ base: "logs", rest: "**/*.eval", depth: Infinity, hidden: false });
    expect(splitGlob("/tmp/x/*.csv")).toEqual({ base: "/tmp/x", rest: "*.csv", depth: 1, hidden: false });
    expect(splitGlob("/*.csv")).toEqual({ base: "/", rest: "*.csv", depth: 1, hidden: false });
    expect(splitGlob("*/run.csv")).toEqual({ base: "", rest: "*/run.csv", depth: 2, hidden: false });
    expect(splitGlob("../shared/{a,b/c}/x.csv").depth).toBe(Infinity);
  });

  it("walks hidden entries only when the pattern names a dot", () => {
    expect(splitGlob("logs/*/.cache/*.json").hidden).toBe(true);
    expect(splitGlob("logs/*/*.json").hidden).toBe(false);
  });
});
