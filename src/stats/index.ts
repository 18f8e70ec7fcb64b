/**
 * The statistics API: pure functions of numbers and arrays. Re-exports only.
 * Each section is owned by one family of methods; add a line per file.
 */
export type { Alternative, Interval, TestResult } from "./types.js";

// --- one rate: intervals, exact test, posterior, planning, equivalence ---
export { proportionCI, PROPORTION_CI_METHODS } from "./proportionCI.js";
export type { ProportionCIMethod, ProportionCIOptions, ProportionCIResult } from "./proportionCI.js";
export { binomialTest } from "./binomialTest.js";
export type { BinomialTestOptions, BinomialTestResult } from "./binomialTest.js";
export { betaPosterior } from "./betaPosterior.js";
export type { BetaPrior, BetaPosteriorOptions, BetaPosteriorResult } from "./betaPosterior.js";
export { sampleSizeOneProportion } from "./sampleSizeOneProportion.js";
export type { PlanningMethod, SampleSizeOneProportionOptions, SampleSizeOneProportionResult } from "./sampleSizeOneProportion.js";
export { minimumDetectableEffect } from "./minimumDetectableEffect.js";
export type { MinimumDetectableEffectOptions, MinimumDetectableEffectResult } from "./minimumDetectableEffect.js";
export { equivalenceTest } from "./equivalenceTest.js";
export type {
  EquivalenceMethod, EquivalenceTestOptions, EquivalenceTestResult, OneRateEquivalenceInput, TwoRateEquivalenceInput,
} from "./equivalenceTest.js";
export { clusteredProportionCI, CLUSTERED_PROPORTION_CI_METHODS, kornGraubardSize, effectiveBinomialLimits } from "./clusteredProportionCI.js";
export { effectiveBinomialTest } from "./effectiveBinomialTest.js";
export type { ClusteredProportionCIMethod, ClusteredProportionCIOptions, ClusteredProportionCIResult } from "./clusteredProportionCI.js";

// --- two independent rates: intervals, tests, Fisher, power ---
export { twoProportionCI, TWO_PROPORTION_CI_METHODS } from "./twoProportionCI.js";
export type { TwoProportionCIMethod, TwoProportionCIOptions } from "./twoProportionCI.js";
export { twoProportionTest, TWO_PROPORTION_TEST_METHODS } from "./twoProportionTest.js";
export type { TwoProportionTestMethod, TwoProportionTestOptions, TwoProportionTestResult } from "./twoProportionTest.js";
export { fisherExactTest } from "./fisherExactTest.js";
export type { FisherExactOptions, FisherExactResult } from "./fisherExactTest.js";
export { powerTwoProportions } from "./powerTwoProportions.js";
export type { PowerTwoProportionsOptions, PowerTwoProportionsResult } from "./powerTwoProportions.js";

// --- paired items and means: McNemar, paired intervals, clustered means, kappa ---
export { mcnemarTest } from "./mcnemarTest.js";
export type { McNemarMethod, McNemarOptions, McNemarResult } from "./mcnemarTest.js";
export { pairedProportionCI } from "./pairedProportionCI.js";
export type { PairedProportionInterval, PairedProportionMethod, PairedProportionOptions, PairedTable } from "./pairedProportionCI.js";
export { meanCI, standardErrorOfMean, MEAN_DF_RULES } from "./meanCI.js";
export type { ClusterLabel, MeanCIOptions, MeanCIResult, MeanDfRule, SmallSampleOptions } from "./meanCI.js";
export { pairedDifference } from "./pairedDifference.js";
export type { PairedDifferenceOptions, PairedDifferenceResult } from "./pairedDifference.js";
export { clusterRobustSE, CLUSTER_VCOV_TYPES } from "./clusterRobustSE.js";
export type { ClusterRobustSEOptions, ClusterRobustSEResult, ClusterVcov } from "./clusterRobustSE.js";
export { welchTest } from "./welchTest.js";
export type { WelchTestOptions, WelchTestResult } from "./welchTest.js";
export { cohenKappa } from "./cohenKappa.js";
export type { CohenKappaOptions, CohenKappaResult } from "./cohenKappa.js";
export { passAtKEstimate, passHatKEstimate } from "./passAtK.js";

// --- anytime-valid: confidence sequences and e-process p-values for a mean or a paired gap ---
export {
  confidenceSequence, pairedGapConfidenceSequence, createConfidenceSequence, createPairedGapSequence, CONFIDENCE_SEQUENCE_METHODS,
} from "./confidenceSequence.js";
export type {
  ConfidenceSequence, ConfidenceSequenceMethod, ConfidenceSequenceOptions, ConfidenceSequencePath, ConfidenceSequenceState,
} from "./confidenceSequence.js";

// --- normal-theory helpers shared by the eval-aware layer ---
export { zPValue } from "./zPValue.js";
export { tPValue } from "./tPValue.js";
export { compareMde } from "./compareMde.js";

// --- resampling and multiplicity: seeded generator, bootstrap, permutation, p.adjust ---
export { createRandom } from "./random.js";
export type { Random } from "./random.js";
export { bootstrapCI } from "./bootstrapCI.js";
export type { BootstrapMethod, BootstrapOptions, BootstrapResult } from "./bootstrapCI.js";
export { permutationTest } from "./permutationTest.js";
export type { PermutationOptions, PermutationResult } from "./permutationTest.js";
export { adjustPValues } from "./adjustPValues.js";
export type { AdjustMethod } from "./adjustPValues.js";
