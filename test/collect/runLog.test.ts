import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dropErrorRecords, repairRunLog, RunLogWriter } from "../../src/collect/runLog.js";
import { readBatchState, writeBatchState, batchStatePath } from "../../src/collect/batchState.js";
import { jobKey } from "../../src/collect/types.js";
import { tempDir } from "./helpers.js";

const line = (item: string, sample: number, extra: object = {}) => JSON.stringify({ item, condition: "c", sample, score: 1, ...extra }) + "\n";

describe("repairRunLog", () => {
  it("a missing file is empty", () => {
    const r = repairRunLog(join(tempDir(), "none.jsonl"));
    expect(r).toEqual({ records: [], keys: new Set(), tornBytes: 0 });
  });

  it("reads keys of a clean file and leaves it alone", () => {
    const path = join(tempDir(), "runs.jsonl");
    writeFileSync(path, line("a", 0) + line("a", 1) + line("b", 0));
    const r = repairRunLog(path);
    expect(r.tornBytes).toBe(0);
    expect(r.records).toHaveLength(3);
    expect(r.keys.has(jobKey("a", "c", 1))).toBe(true);
    expect(readFileSync(path, "utf8").split("\n")).toHaveLength(4);
  });

  it("cuts off a torn last line, byte for byte", () => {
    const path = join(tempDir(), "runs.jsonl");
    const clean = line("a", 0) + line("b", 0);
    const torn = '{"item":"c","condition":"c","sam';
    writeFileSync(path, clean + torn);
    const r = repairRunLog(path);
    expect(r.tornBytes).toBe(Buffer.byteLength(torn));
    expect(r.records).toHaveLength(2);
    expect(readFileSync(path, "utf8")).toBe(clean);
  });

  it("a torn line with multi-byte characters is cut at the last newline", () => {
    const path = join(tempDir(), "runs.jsonl");
    const clean = line("é", 0);
    writeFileSync(path, Buffer.concat([Buffer.from(clean), Buffer.from('{"item":"ü', "utf8").subarray(0, 11)]));
    expect(repairRunLog(path).tornBytes).toBe(11);
    expect(readFileSync(path, "utf8")).toBe(clean);
  });

  it("a broken line in the middle is not guessed about", () => {
    const path = join(tempDir(), "runs.jsonl");
    writeFileSync(path, line("a", 0) + "garbage\n" + line("b", 0));
    expect(() => repairRunLog(path)).toThrow(/line 2 is not valid JSON/);
    writeFileSync(path, line("a", 0) + '{"x":1}\n');
    expect(() => repairRunLog(path)).toThrow(/line 2 has no item, condition and sample/);
  });
});

describe("RunLogWriter", () => {
  it("appends whole scrubbed lines after what is there", () => {
    const path = join(tempDir(), "runs.jsonl");
    writeFileSync(path, line("a", 0));
    const w = new RunLogWriter(path, (t) => t.replace("SECRET", "[redacted]"));
    w.append({ item: "b", condition: "c", sample: 0, score: 0, response: "SECRET" });
    w.close();
    w.close();
    expect(() => w.append({})).toThrow(/closed/);
    const lines = readFileSync(path, "utf8").trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1]).response).toBe("[redacted]");
  });
});

describe("dropErrorRecords", () => {
  it("removes error records so they are asked again", () => {
    const path = join(tempDir(), "runs.jsonl");
    writeFileSync(path, line("a", 0) + line("b", 0, { error: "500" }) + line("c", 0) + line("d", 0, { error: "timeout" }));
    expect(dropErrorRecords(path)).toBe(2);
    expect(repairRunLog(path).records.map((r) => r.item)).toEqual(["a", "c"]);
    expect(dropErrorRecords(path)).toBe(0);
  });
  it("also drops a torn last line", () => {
    const path = join(tempDir(), "runs.jsonl");
    writeFileSync(path, line("a", 0, { error: "x" }) + line("b", 0));
    appendFileSync(path, '{"item":');
    expect(dropErrorRecords(path)).toBe(1);
    expect(readFileSync(path, "utf8")).toBe(line("b", 0));
  });
});

describe("batch state file", () => {
  it("round-trips, and an absent file is an empty state", () => {
    const out = join(tempDir(), "runs.jsonl");
    const path = batchStatePath(out);
    expect(path).toBe(`${out}.batch.json`);
    expect(readBatchState(path)).toEqual({ version: 1, batches: [] });
    const state = { version: 1 as const, batches: [{ id: "msgbatch_1", createdAt: "t", requests: { r1: ["a", "c", 0] as [string, string, number] }, collected: false }] };
    writeBatchState(path, state);
    expect(readBatchState(path)).toEqual(state);
  });
  it("refuses a file that is not a state file", () => {
    const path = join(tempDir(), "x.batch.json");
    writeFileSync(path, "{");
    expect(() => readBatchState(path)).toThrow(/not valid JSON/);
    writeFileSync(path, "{}");
    expect(() => readBatchState(path)).toThrow(/not an evalgap batch state file/);
  });
});
