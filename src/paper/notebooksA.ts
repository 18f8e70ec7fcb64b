/**
 * Story builders of notebooks 1–3, re-exported under names unique across all notebooks so the
 * notebooks can `import { … } from "evalgap"` and call the very functions `npm run paper` calls.
 */
export {
  story as notebook01Story,
  loadRetellings,
  markSimulated,
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
  type ReportedRate,
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
