/**
 * Collecting production runs through the Anthropic API. Nothing here loads the SDK at import
 * time: `collectRuns` imports it when called.
 */
export { collectRuns, type CollectOptions, type CollectSummary } from "./collect.js";
export { drawOrder, DEFAULT_ORDER_SEED, type UntilDecidedOptions, type UntilDecidedOutcome } from "./untilDecided.js";
export { acquireOutputLock, OutputLockedError, type OutputLock, type LockOwner } from "./outputLock.js";
export type { ConditionTotals } from "./session.js";
export type { Task as CollectTask, Condition as CollectCondition, CollectedRecord, Scorer } from "./types.js";
export { parseTasks, parseConditions, loadTasks, loadConditions } from "./taskFile.js";
export { extractChoice } from "../runs/extractChoice.js";
export { normalizeAnswer, exactMatch } from "../runs/normalizeAnswer.js";
export { looksLikeRefusal } from "./refusal.js";
export { scoreResponse } from "./score.js";
export { DEFAULT_PRICES, priceFor, estimateCost, type Price } from "./prices.js";
export {
  startMockServer as startMockApi,
  defaultAnswer as mockDefaultAnswer,
  type MockServer as MockApi,
  type MockOptions as MockApiOptions,
  type MockRequest as MockApiRequest,
  type MockAnswer as MockApiAnswer,
} from "./mockApi.js";
