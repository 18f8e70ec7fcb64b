/** src/runs: run results → RunRecord. Re-exports only; danfojs is imported lazily inside dataframe.ts. */
export type { RunRecord } from "./record.js";
export { loadRuns, loadRunsReport, type LoadReport, type LoadSummary } from "./loadRuns.js";
export { loadItemTable, loadItemTableReport, type LoadItemTableOptions } from "./loadItemTable.js";
export { itemTableSql, SQL_DIALECTS, type ItemTableSql, type SqlDialect } from "./itemTableSql.js";
export { buildItemTable, isItemTable, type ItemTable, type ItemRow } from "./itemTable.js";
export type { AnswerScoring, LoadOptions, RunFormat, SourceInfo, WideRepeats } from "./options.js";
export { EXTRACT_RULES, extractAnswer, foldAnswer, scoreAnswer, yesNoAnywhere, type ExtractRule } from "./answerScoring.js";
export type { ColumnMap } from "./columnMap.js";
export { RunLoadError, describeProblem, type LoadProblem } from "./problems.js";
export { scoreValue } from "./scoreValue.js";
export { toDataFrame, fromDataFrame, type DataFrame } from "./dataframe.js";
