/** Problems as a loader reports them (src/runs/problems.ts): files that cannot be opened, in words. */
import { describe, expect, it } from "vitest";
import { describeProblem, openProblem } from "../../src/runs/problems.js";
import { loadRuns, loadRunsReport } from "../../src/runs/index.js";

const failure = (code: string) => Object.assign(new Error(`${code}: something, open 'x'`), { code });

describe("a file that cannot be opened", () => {
  it.each([
    ["ENOENT", "no such file: runs/a.csv"],
    ["EACCES", "no permission to read: runs/a.csv"],
    ["EPERM", "no permission to read: runs/a.csv"],
    ["EISDIR", "a folder, not a file: runs/a.csv"],
    ["ENOTDIR", "a part of the path is a file, not a folder: runs/a.csv"],
    ["EMFILE", "runs/a.csv: cannot be opened (EMFILE)"],
  ])("%s reads %j, not Node's code", (code, text) => {
    expect(describeProblem(openProblem("runs/a.csv", failure(code)))).toBe(text);
  });

  it("through loadRuns: strict mode throws it, collect mode returns it as data", async () => {
    await expect(loadRuns("/nonexistent/run.csv")).rejects.toThrow(/^no such file: \/nonexistent\/run\.csv$/);
    const report = await loadRunsReport(["/nonexistent/run.csv"]);
    expect(report.problems).toEqual([{ file: "/nonexistent/run.csv", message: "no such file" }]);
  });

  it("other problems keep the file first, then the place", () => {
    expect(describeProblem({ file: "a.csv", line: 3, message: "empty item id", value: "" })).toBe('a.csv, line 3: empty item id (value: "")');
    expect(describeProblem({ file: "a.csv", message: "file is empty" })).toBe("a.csv: file is empty");
  });
});
