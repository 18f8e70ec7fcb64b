/**
 * The SQL `evalgap sql --dialect postgres` prints, as PostgreSQL 15 ran it on real and edge-case
 * answers (test/fixtures/postgres/make-postgres-references.ts; its results are committed, so this
 * needs no PostgreSQL): the item file it returned reads back to the table both engines build from
 * the same answers, and a log loaded twice or a bad value is refused when it is read.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { itemTableFromRecords } from "../../src/analysis/itemTable.js";
import { summarize } from "../../src/analysis/summarize.js";
import { compareAll } from "../../src/analysis/compareAll.js";
import { loadItemTable } from "../../src/runs/loadItemTable.js";
import { loadRuns } from "../../src/runs/loadRuns.js";
import { POSTGRES_CASES } from "../fixtures/postgres/cases.js";
import { expectSame } from "../helpers/same.js";
import { projectRoot } from "./paths.js";

const fixtures = resolve(projectRoot, "test/fixtures/postgres");
const version = JSON.parse(readFileSync(resolve(fixtures, "postgres-version.json"), "utf8")) as { version: string };

describe(`the item-file SQL as ${version.version.split(" on ")[0]} ran it`, () => {
  for (const c of POSTGRES_CASES) {
    const itemFile = resolve(fixtures, `${c.name}.items.csv`);
    const files = c.files.map((f) => resolve(projectRoot, f));
    if (c.error !== undefined) {
      it(`${c.name}: reading it back is refused (${c.error})`, async () => {
        await expect(loadItemTable(itemFile)).rejects.toThrow(c.error);
        // As the answers themselves are, by either engine.
        await expect(loadRuns(files, { columns: c.columns, onNote: () => {} })).rejects.toThrow();
        await expect(loadItemTable(files, { columns: c.columns, onNote: () => {} })).rejects.toThrow();
      });
      continue;
    }
    it(`${c.name}: reads back to the table of its answers, on either engine`, async () => {
      const fromPostgres = await loadItemTable(itemFile);
      const records = await loadRuns(files, { columns: c.columns, onNote: () => {} });
      expectSame({ ...fromPostgres }, { ...itemTableFromRecords(records) }, "PostgreSQL's item file vs the records");
      expectSame({ ...fromPostgres }, { ...(await loadItemTable(files, { columns: c.columns, onNote: () => {} })) }, "PostgreSQL's item file vs DuckDB");
      expectSame(summarize(fromPostgres), summarize(records), "summarize");
      if (fromPostgres.conditions.length > 1) expectSame(compareAll(fromPostgres, { pairs: "all" }), compareAll(records, { pairs: "all" }), "compareAll");
    });
  }
});
