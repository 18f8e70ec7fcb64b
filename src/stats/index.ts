/**
 * The statistics API: pure functions of numbers and arrays. Re-exports only.
 * Each section is owned by one family of methods; add a line per file.
 */
export type { Alternative, Interval, TestResult } from "./types.js";

// --- one rate: intervals, exact test, posterior, planning, equivalence ---

// --- two independent rates: intervals, tests, Fisher, power ---

// --- paired items and means: McNemar, paired intervals, clustered means, kappa ---

// --- resampling and multiplicity: seeded generator, bootstrap, permutation, p.adjust ---
