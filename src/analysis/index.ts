/** src/analysis: the eval-aware layer. Re-exports only. */
export { checkRecords, scoreRecords, groupRecords, hasError, type RecordOptions, type ConditionCounts, type ScoredRecords } from "./records.js";
export { itemTableFromRecords, itemScoresFromTable, scoredGroups, type AnalysisInput } from "./itemTable.js";
export { itemScores, describeItems, clusterLabels, alignItems, discordanceTable, type ItemScore, type ItemDesign, type AlignedItems, type DiscordanceTable } from "./itemScores.js";
export { chanceBaseline, uniformChance, majorityChance, marginalChance, type ChanceBaseline, type ChanceKind, type ChanceOption } from "./chance.js";
export { marginalChanceTest, type MarginalTestResult } from "./marginalChanceTest.js";
export { estimateRate, type RateEstimate, type RateMethod } from "./estimateRate.js";
export { summarize, type SummarizeOptions, type SummaryRow, type GroupBy } from "./summarize.js";
export { beatsChance, type BeatsChanceOptions, type ChanceVerdict } from "./beatsChance.js";
export { compareConditions } from "./compareConditions.js";
export type { CompareOptions, Comparison, Pairing, CompareMethod, ChanceMethod, VerdictMethod } from "./types.js";
export { compareAll, type CompareAllOptions, type AdjustedComparison, type AllPairsComparison, type PairComparison, type ConditionStanding } from "./compareAll.js";
export { tieGroups, sharesLetter, letterName, type TieGroups } from "./tieGroups.js";
export { rankConditions, pBestWarning, type RankingOptions, type Rankings, type ConditionRank } from "./rankings.js";
export { familySentence, correctionName, type FamilySentenceInput, type FamilyPairInput } from "./sentences.js";
export {
  passAtK, passAtKCurve, passAtKTable, comparePassAtK, passAtKSentence, comparePassAtKSentence, passAtKName, shortItemsPhrase, PASS_AT_K_MEASURES,
  type PassAtKMeasure, type PassAtKOptions, type PassAtKCurveOptions, type PassAtKTableOptions, type PassAtKResult, type ItemPassAtK, type ComparePassAtKOptions, type PassAtKComparison,
  type ShortItem, type ShortItems,
} from "./passAtK.js";
export type { Correction, SimultaneousIntervalMethod } from "./types.js";
export { planSampleSize, type PlanOptions, type PlanDesign, type SampleSizePlan } from "./planSampleSize.js";
export { planFromPilot, type PlanFromPilotOptions, type PilotPlan, type PilotEstimates } from "./planFromPilot.js";
export { chanceEquivalence, type EquivalenceVerdict } from "./chanceEquivalence.js";
export { formatPercent, formatRate, formatPoints, formatCount, formatP, formatInterval, pText } from "./format.js";
export { varianceComponents, type VarianceComponents, type VarianceComponentsOptions } from "./varianceComponents.js";
export {
  sequentialAgainstChance, sequentialGap, sequentialDecision,
  type SequentialAnalysis, type SequentialStep, type SequentialDecisionKind, type SequentialDecisionRule, type SequentialOptions, type AgainstChanceOptions, type PairedGapOptions,
} from "./sequentialAnalysis.js";
