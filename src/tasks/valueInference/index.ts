/** The value-inference benchmark (issue 15): worlds, the Boltzmann-rational person, the ideal observer, the tasks. */
export { KIND_POOL, MOVES, emptyCells, generateWorld, moveBetween, moveTable, nextCell, type GridWorld, type ObjectKind } from "./gridWorld.js";
export { softBellmanResidual, softValueIteration, type AgentParameters, type SoftPolicy } from "./softValueIteration.js";
export { sampleTrajectory, trajectoryLogLikelihood, type Trajectory } from "./trajectory.js";
export { mapOption, posteriorFromLogLikelihoods } from "./idealObserver.js";
export { describeProfile, drawCandidates, profileDistance, profileSpace, smallestCandidatePool, type ValueProfile } from "./valueProfile.js";
export { DEFAULT_KNOBS, resolveKnobs, type KnobNamer, type QuestionKind, type ValueInferenceKnobs } from "./knobs.js";
export { position, renderGrid, renderPrompt, renderTrajectory, type Question } from "./renderPrompt.js";
export { generateValueInferenceTasks, tasksToJsonl, type ValueInferenceMeta, type ValueInferenceTask } from "./generateTasks.js";
export { baselineItem, baselinePage, readBaselineData, scriptSafeJson, type BaselineItem, type BaselinePageOptions, type BaselineTaskInput } from "./baselinePage.js";
export { readPrompt, type ReadPrompt } from "./readPrompt.js";
export {
  SIMULATED_BETAS,
  sharpen,
  simulatedBeta,
  simulatedRespondent,
  type RespondentCondition,
  type RespondentRequest,
  type RespondentTally,
  type RespondentTask,
  type SimulatedAnswer,
  type SimulatedRespondent,
  type SimulatedRespondentOptions,
} from "./simulatedRespondent.js";
