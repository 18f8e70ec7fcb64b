/**
 * Figures: pure functions from results to plotly `{ data, layout }`, one exporter (`saveFigures`)
 * and one notebook display (`show`). Re-exports only. Nothing here loads playwright-core or the
 * plotly bundle at import; both are loaded when a figure is first drawn.
 */
export type { Figure, Trace } from "./theme.js";
export { palette, seriesColors, referenceColors, type ReferenceTone } from "./theme.js";
export type { ReferenceLine } from "./reference.js";
export type { LegendPlacement } from "./legend.js";
export type { XAxisOptions } from "./axis.js";
export { forestFigure, type ForestRow, type ChanceLine, type ForestOptions } from "./forest.js";
export { gapFigure, gapAxisTitle, type GapRow, type GapOptions } from "./gap.js";
export { sweepFigure, type SweepPoint, type SweepOptions } from "./sweep.js";
export { confidenceSequenceFigure, type ConfidenceSequenceStep, type ConfidenceSequenceFigureOptions } from "./confidenceSequence.js";
export { powerFigure, type PowerCurve, type PowerOptions } from "./power.js";
export { pValueFigure, type PValueCurve, type PValueOptions } from "./pvalue.js";
export { posteriorFigure, betaDensityCurve, type PosteriorInput, type PosteriorOptions } from "./posterior.js";
export { discordanceFigure, type DiscordanceInput, type DiscordanceOptions } from "./discordance.js";
export { itemScatterFigure, type ItemPoint, type ItemScatterOptions } from "./itemScatter.js";
export { crossingPoint } from "./crossing.js";
export { rankedForestFigure, type ConditionInterval, type RankedForestOptions } from "./rankedForestFigure.js";
export { pairwiseMatrixFigure, significanceMark } from "./pairwiseMatrixFigure.js";
export { passAtKFigure, type PassAtKFigureOptions } from "./passAtKFigure.js";
export { saveFigures, type SaveOptions, type FigureFormat } from "./save.js";
export { show, figureBundle, closeShowBrowser, type ShowOptions, type MimeBundle } from "./show.js";
export { findBrowser } from "./browser.js";
export { gridWorldFigure, type GridWorldInput, type GridWorldOptions, type GridKind, type GridObject, type GridWalk } from "./gridWorldFigure.js";
