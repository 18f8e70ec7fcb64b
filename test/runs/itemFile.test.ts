/** Item files read back (src/runs/itemFile.ts): as a warehouse exports them (CSV, answers as JSON text), checked cell by cell. */
import { describe, expect, it } from "vitest";
import { itemTableFromRecords } from "../../src/analysis/itemTable.js";
import { isItemFile } from "../../src/runs/itemFile.js";
import { loadItemTable } from "../../src/runs/loadItemTable.js";
import { expectSame } from "../helpers/same.js";
import { writeTemp } from "./paths.js";

const HEADER = "condition,item,cluster,choices,target,answered,sum,sum_squares,refused,errors,answers,first_row,cluster_other,target_other,choices_other,bad_scores,bad_first_row";
/** A CSV cell holding JSON. */
const json = (value: unknown) => `"${JSON.stringify(value).replace(/"/g, '""')}"`;

describe("item files", () => {
  it("a CSV item file as Postgres writes it (answers as JSON text, rows in any order) is the table of its answers", async () => {
    // q2 first in the file, but first_row puts q1 first, as the answers had it.
    const file = writeTemp("items.csv", [
      HEADER,
      `A,q2,s1,4,B,2,1,1,0,1,${json([{ answer: "B", status: 0, n: 1 }, { answer: "C", status: 0, n: 1 }, { answer: "", status: 2, n: 1 }])},4,s1,B,4,0,`,
      `A,q1,s1,4,B,3,2.5,2.25,1,0,${json([{ answer: "B", status: 0, n: 2 }, { answer: "A", status: 0, n: 1 }, { answer: "A", status: 1, n: 1 }])},1,s1,B,4,0,`,
    ].join("\n") + "\n");
    const records = [
      { item: "q1", condition: "A", score: 1, answer: "B" },
      { item: "q1", condition: "A", score: 1, answer: "B" },
      { item: "q1", condition: "A", score: 0.5, answer: "A" },
      { item: "q1", condition: "A", score: 0, answer: "A", refused: true },
      { item: "q2", condition: "A", score: 1, answer: "B" },
      { item: "q2", condition: "A", score: 0, answer: "C" },
      { item: "q2", condition: "A", score: 0, error: "timeout" },
    ].map((r) => ({ ...r, cluster: "s1", choices: 4, target: "B" }));
    expectSame({ ...(await loadItemTable(file)) }, { ...itemTableFromRecords(records) }, "table");
  });

  it("answers the SQL found repeated (a log loaded twice), or failing a check, are errors naming the file, line and source row", async () => {
    const header = HEADER.replace("bad_scores", "bad_answers") + ",duplicate_answers,duplicate_first_row";
    const answers = json([{ answer: "", status: 0, n: 1 }]);
    const repeated = writeTemp("items.csv", `${header}\nA,q1,,,,1,1,1,0,0,${answers},1,,,,0,,3,9\n`);
    await expect(loadItemTable(repeated)).rejects.toThrow(`${repeated}, line 2 (item "q1" in condition "A"): 3 answers repeat a (condition, item, sample) given before, the first at source row 9: a log loaded twice, or repeats without a sample column`);
    const failing = writeTemp("items.csv", `${header}\nA,q1,,,,1,1,1,0,0,${answers},1,,,,1,4,0,\n`);
    await expect(loadItemTable(failing)).rejects.toThrow(`${failing}, line 2 (item "q1" in condition "A"): 1 answer fails the loaders' checks`);
  });

  it("tells an item file by its columns", () => {
    expect(isItemFile(HEADER.split(","))).toBe(true);
    expect(isItemFile(["item", "condition", "score", "answer"])).toBe(false);
  });

  it.each([
    ["scores the SQL found outside [0, 1]", `A,q1,,,,1,1,1,0,0,${json([{ answer: "", status: 0, n: 1 }])},1,,,,2,17`, `line 2 (item "q1" in condition "A"): 2 answers fail the loaders' checks (a score not a number in [0, 1], an empty item or condition, a sample, option count or refusal flag that cannot be read), the first at source row 17`],
    ["a second cluster", `A,q1,x,,,1,1,1,0,0,${json([{ answer: "", status: 0, n: 1 }])},1,y,,,0,`, 'line 2 (item "q1" in condition "A") has two values of cluster: "x" and "y"'],
    ["answer counts that do not add up", `A,q1,,,,2,1,1,0,0,${json([{ answer: "", status: 0, n: 1 }])},1,,,,0,`, 'line 2 (item "q1" in condition "A"): the answers count 1 answered, 0 refused and 0 errors, the row 2, 0 and 0'],
    ["a sum above the count", `A,q1,,,,1,2,1,0,0,${json([{ answer: "", status: 0, n: 1 }])},1,,,,0,`, 'line 2 (item "q1" in condition "A"): sum 2 and sum_squares 1 are not those of 1 scores between 0 and 1'],
    ["a negative count", `A,q1,,,,-1,0,0,0,0,${json([])},1,,,,0,`, 'line 2 (item "q1" in condition "A"): answered must be a whole number ≥ 0 (value: "-1")'],
    ["an empty item", `A,,,,,1,1,1,0,0,${json([{ answer: "", status: 0, n: 1 }])},1,,,,0,`, "line 2: empty item id"],
    ["answers that are not a list", `A,q1,,,,1,1,1,0,0,oops,1,,,,0,`, 'line 2 (item "q1" in condition "A"): answers must be a list of {answer, status, n} (or its JSON text) (value: "oops")'],
  ])("%s: an error naming the file and line", async (_label, row, message) => {
    const file = writeTemp("items.csv", `${HEADER}\n${row}\n`);
    await expect(loadItemTable(file)).rejects.toThrow(`${file}, ${message}`);
  });

  it("one row per (condition, item): a repeated row is an error naming both lines", async () => {
    const row = `A,q1,,,,1,1,1,0,0,${json([{ answer: "", status: 0, n: 1 }])},1,,,,0,`;
    const file = writeTemp("items.csv", `${HEADER}\n${row}\n${row.replace(",1,,,,0,", ",2,,,,0,")}\n`);
    await expect(loadItemTable(file)).rejects.toThrow(`${file}, line 3: item "q1" in condition "A" is also at ${file}, line 2; an item file has one row per (condition, item)`);
  });
});
