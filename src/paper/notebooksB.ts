/**
 * Story builders of notebooks 4–6, re-exported under names unique across all notebooks so the
 * notebooks can `import { … } from "evalgap"` and call the very functions `npm run paper` calls.
 */
export {
  story as notebook04Story,
  NOTEBOOK_04,
  RESEARCH_SONNET as notebook04Research,
  PRODUCTION_SONNET as notebook04Production,
  chancePowerCurve,
  chancePowerFigure,
  loadNotebook04Data,
  simulatedCorrelation,
  gapPowerFigure,
  K_VALUES,
  itemsForK,
  kSamplesFigure,
  itemVerdicts,
} from "./notebook04.js";
export {
  story as notebook05Story,
  NOTEBOOK_05,
  pgrToAccuracy,
  accuracyToPgr,
  pgrGapToAccuracyGap,
  accuracyGapToPgrGap,
  readAarStudy,
  studyMdes,
  ASSUMED_DISCORDANCES,
  pgrAccuracyFigure,
  productionPowerFigure,
  studyVerdicts,
  type PgrScale,
  type AarStudy,
  type StudyMde,
} from "./notebook05.js";
export {
  story as notebook06Story,
  NOTEBOOK_06,
  EXAMPLE_FILES,
  WIDE_CSV_OPTIONS,
  EXAMPLE_CONDITIONS,
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
