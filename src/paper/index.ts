/**
 * `evalgap/paper`: the notebooks' story builders. The same code draws each figure in a notebook and
 * in `npm run paper`, so a notebook imports from here and calls the very functions the paper calls.
 * Each notebook module exports `story`; it is re-exported as notebookNNStory so names stay unique.
 */
export type { NotebookStory, PaperFigure, PaperVerdict, StoryBuilder, StoryContext } from "./types.js";
export {
  simulatedFiles,
  loadSimulated,
  productionSonnet,
  researchSonnet,
  loadRetellings,
  type SimulatedFile,
  type ReportedRate,
} from "./storyData.js";
export { markSimulated } from "./storyFigures.js";
export {
  story as notebook01Story,
  itemGrid,
  pValuesAgainstN,
  pValueAgainstNFigure,
  intervalAgainstNFigure,
  chanceVerdicts,
  chanceBaselinesFigure,
  detectablePowerFigure,
  posteriorAt,
  equivalenceSizes,
  equivalenceAgainstN,
  equivalenceFigure,
  assumedItems,
  pasteSentence,
} from "./notebook01.js";
export {
  story as notebook02Story,
  settingPairs,
  conditionsForest,
  pairedAndIndependent,
  pairingGapFigure,
  assumedTable,
  assumedDesign,
  assumedDesigns,
  assumedSizes,
  assumedCorrelations,
  assumedGapFinding,
  assumedGapFigure,
  discordanceOf,
  type SettingPair,
  type AssumedDesign,
} from "./notebook02.js";
export {
  story as notebook03Story,
  ablationBaseline,
  loadAblations,
  shortLabel,
  ablationForest,
  ablationGaps,
  ablationAnalysis,
  defaultOwnFile,
  itemsToDetect,
} from "./notebook03.js";
export {
  story as notebook04Story,
  chancePowerCurve,
  chancePowerFigure,
  loadNotebook04Data,
  simulatedCorrelation,
  gapPowerFigure,
  kValues,
  itemsForK,
  kSamplesFigure,
  itemVerdicts,
} from "./notebook04.js";
export {
  story as notebook05Story,
  pgrToAccuracy,
  accuracyToPgr,
  pgrGapToAccuracyGap,
  accuracyGapToPgrGap,
  readAarStudy,
  studyMdes,
  assumedDiscordances,
  pgrAccuracyFigure,
  productionPowerFigure,
  nullResultBounds,
  studyVerdicts,
  type PgrScale,
  type AarStudy,
  type StudyMde,
  type NullResultBounds,
} from "./notebook05.js";
export {
  story as notebook06Story,
  exampleFiles,
  wideCsvOptions,
  exampleConditions,
  examplesDir,
  loadExampleRuns,
  loadBrokenReport,
  examplesForestFigure,
  exampleComparisons,
  examplesGapFigure,
  examplesItemFigure,
  exampleVerdicts,
  type ExampleRuns,
} from "./notebook06.js";
