// What the stories read (src/paper/storyData.ts): the simulated files by name, the reported rates,
// and a clear error naming the field when data/reported is malformed.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { csvRows, loadRetellings, loadSimulated, productionSonnet, researchSonnet, simulatedFiles } from "../../src/paper/storyData.js";

const dataDir = resolve(import.meta.dirname, "..", "..", "data");

describe("storyData", () => {
  it("names every simulated file that exists, and loads it", async () => {
    for (const file of Object.values(simulatedFiles)) expect(existsSync(join(dataDir, "simulated", file)), file).toBe(true);
    const records = await loadSimulated(dataDir, "researchVsProduction");
    // data/README.md: four conditions × 300 items, one answer each.
    expect(records).toHaveLength(1200);
    const conditions = new Set(records.map((r) => r.condition));
    expect(conditions.has(productionSonnet) && conditions.has(researchSonnet)).toBe(true);
  });

  it("reads the reported rates, and rejects a malformed file naming the field", async () => {
    const rates = await loadRetellings(dataDir);
    expect(rates.get("sonnet35-production")).toMatchObject({ accuracy: 0.51, confirmed: expect.any(Boolean) });
    expect(rates.get("sonnet35-production")?.n).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), "evalgap-retell-"));
    mkdirSync(join(dir, "reported"));
    writeFileSync(join(dir, "reported", "retellings.csv"), "id,accuracy\nx,51%\n");
    await expect(loadRetellings(dir)).rejects.toThrow(/accuracy of x must be a fraction, got "51%"/);
  });

  it("splits quoted CSV fields and leaves blank lines out", () => {
    expect(csvRows('id,claim\nx,"a, ""b"""\n\n')).toEqual([["id", "claim"], ["x", 'a, "b"']]);
  });
});
