/** Conditions on the command line (src/cli/conditions.ts): "did you mean", and regrouping by another field. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkCondition, meantCondition, regroupRecords } from "../../src/cli/conditions.js";
import type { RunRecord } from "../../src/runs/record.js";
import { inProcess } from "./helpers.js";

describe("meantCondition", () => {
  it("the doc example: a name that is part of exactly one condition", () => {
    expect(meantCondition("gpt-4-0314", ["openaichat/gpt-4-0314", "openaichat/gpt-4-0613"])).toBe("openaichat/gpt-4-0314");
  });

  it("the single closest by edit distance; none when two are as close, or when the name is part of several", () => {
    expect(meantCondition("baselin", ["baseline", "treatment"])).toBe("baseline");
    expect(meantCondition("gpt-4b", ["gpt-4a", "gpt-4c"])).toBeUndefined();
    expect(meantCondition("gpt", ["gpt-4-0314", "gpt-4-0613"])).toBeUndefined();
    expect(meantCondition("", ["a"])).toBeUndefined();
  });

  it("numbers are matched by value, never by edit distance (0.5 is not a typo of 0.0)", () => {
    expect(meantCondition("0.5", ["0.0", "1.0"])).toBeUndefined();
    expect(meantCondition("1", ["0.0", "1.0"])).toBe("1.0");
  });

  it("checkCondition passes a condition that is there and names the flag otherwise", () => {
    expect(() => checkCondition("--baseline", "a", ["a", "b"])).not.toThrow();
    expect(() => checkCondition("--baseline", "c", ["a", "b"])).toThrow('--baseline "c" is not a condition of these records; they have "a", "b"');
  });
});

describe("regroupRecords", () => {
  const records: RunRecord[] = [
    { item: "1", condition: "run1", score: 1, model: "m1", meta: { prompt: { style: "cot" } } },
    { item: "1", condition: "run2", score: 0, model: "m2", meta: { prompt: { style: "direct" } } },
  ];

  it("the doc example, and a dotted meta field (with or without the meta. prefix)", () => {
    expect(regroupRecords([{ item: "1", condition: "a.csv", score: 1, model: "m" }], "model")[0].condition).toBe("m");
    expect(regroupRecords(records, "prompt.style").map((r) => r.condition)).toEqual(["cot", "direct"]);
    expect(regroupRecords(records, "meta.prompt.style").map((r) => r.condition)).toEqual(["cot", "direct"]);
    expect(regroupRecords(records, "condition")).toEqual(records);
  });

  it("a field some records lack is an error that counts them and lists the fields there are", () => {
    expect(() => regroupRecords(records, "cluster")).toThrow('--by cluster: 2 of 2 records have no "cluster" (the first: item "1" of "run1"); fields present: model, prompt; a table column is kept for --by with --meta COLUMN');
  });
});

describe("compare --by with --meta on a table", () => {
  it("a column kept with --meta becomes the condition", async () => {
    const dir = mkdtempSync(join(tmpdir(), "evalgap-cli-"));
    const file = join(dir, "runs.csv");
    writeFileSync(file, "item,condition,score,prompt\n1,r1,1,cot\n2,r1,1,cot\n3,r1,0,cot\n1,r2,0,direct\n2,r2,1,direct\n3,r2,0,direct\n");
    const r = await inProcess(["compare", file, "--meta", "prompt", "--by", "prompt", "--baseline", "direct", "--treatment", "cot", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ baseline: "direct", treatment: "cot", baselineAccuracy: 1 / 3, treatmentAccuracy: 2 / 3, paired: true, items: 3 });
  });
});
