/**
 * `beatsChance`: does a result beat what a model would score without knowing anything? The
 * verdict carries the chance rate and which baseline it is, the test that fits the design, the
 * smallest true rate this n would detect, the posterior probability above chance, equivalence to
 * chance within a margin, and one sentence built from those numbers.
 */
import { betaPosterior } from "../stats/betaPosterior.js";
import { binomialTest } from "../stats/binomialTest.js";
import { compareMde } from "../stats/compareMde.js";
import { pbeta } from "../stats/distributions.js";
import { effectiveBinomialTest } from "../stats/effectiveBinomialTest.js";
import { mcnemarTest } from "../stats/mcnemarTest.js";
import { minimumDetectableEffect } from "../stats/minimumDetectableEffect.js";
import { pairedDifference } from "../stats/pairedDifference.js";
import { proportionCI } from "../stats/proportionCI.js";
import { tPValue } from "../stats/tPValue.js";
import type { Alternative } from "../stats/types.js";
import { checkAlternative, checkLevel, checkOpenUnit, checkOptions, checkSuccessesTrials, show } from "../stats/validate.js";
import { chanceBaseline, foldLabel, type ChanceBaseline, type ChanceKind, type ChanceOption, type ChanceReason } from "./chance.js";
import { chanceEquivalence } from "./chanceEquivalence.js";
import { estimateRate, kornGraubardRate, type RateEstimate } from "./estimateRate.js";
import { clusterLabels, describeItems, type ItemScore } from "./itemScores.js";
import { marginalChanceTest } from "./marginalChanceTest.js";
import type { ConditionCounts, RecordOptions } from "./records.js";
import { chanceSentence } from "./sentences.js";
import type { ChanceMethod } from "./types.js";
import { rateWarnings, warningSentence } from "./warnings.js";
import { scoredGroups, type AnalysisInput } from "./itemTable.js";

export interface BeatsChanceOptions extends RecordOptions {
  /** A chance rate, or a baseline: `auto` (default), `uniform`, `majority`, `marginal`. */
  chance?: ChanceOption;
  /** Significance level (default 0.05). */
  alpha?: number;
  /** Half-width of the equivalence region around chance, for `equivalent` (default 0.05). */
  margin?: number;
  /** Default `greater` (one-sided: does it BEAT chance?). */
  alternative?: Alternative;
  /** Confidence level of the reported interval (default 0.95). */
  level?: number;
  /** Power for the detectable rate (default 0.8). */
  power?: number;
  /** Which condition, when the records hold several. */
  condition?: string;
  /** Seed and resamples of the permutation test used against the marginal baseline (default 1, 9999). */
  seed?: number | string;
  resamples?: number;
}

export interface ChanceVerdict {
  /** Mean of item means (k/n for counts). */
  accuracy: number;
  /** Two-sided interval at `level`: Clopper–Pearson for one binary answer per item, else `estimateRate`'s. */
  lower: number;
  upper: number;
  level: number;
  se: number;
  items: number;
  samplesPerItem: number;
  /** Items right (single binary answers), else the sum of item means. */
  successes: number;
  chance: number;
  chanceKind: ChanceKind;
  /** The clause the sentence names the baseline with ("uniform over 4 options"). */
  chanceClause: string;
  /** Every baseline the records allow. */
  baselines: ChanceBaseline["baselines"];
  /** Every baseline considered, its value, and why it applied or not. */
  chanceReasons: ChanceReason[];
  /** The chance rate was estimated from the same items (majority, marginal), and tested as such. */
  chanceEstimated: boolean;
  pValue: number;
  alternative: Alternative;
  method: ChanceMethod;
  alpha: number;
  significant: boolean;
  /** Smallest true gap above chance (below, for `less`) detected with `power` at `alpha`. */
  mde: number;
  /** chance ± mde: the true rate that gap reaches. */
  detectableRate: number;
  power: number;
  /** P(true rate > chance | data): Beta posterior (uniform prior) for counts, normal on the SE otherwise. */
  probabilityAboveChance: number;
  /** TOST: the rate is within ± margin of chance at `alpha`. */
  equivalent: boolean;
  equivalencePValue: number;
  margin: number;
  condition?: string;
  counts?: ConditionCounts;
  /** Thin ground under the verdict (few clusters or items, a rate at the edge); the sentence repeats them. */
  warnings: string[];
  /** Permutations behind a permutation p-value (marginal baseline): p is never below 1/(1 + permutations). */
  permutations?: number;
  sentence: string;
}

interface Checked {
  alpha: number;
  margin: number;
  alternative: Alternative;
  level: number;
  power: number;
}

function checkChanceOptions(opts: Partial<BeatsChanceOptions>): Checked {
  return {
    alpha: opts.alpha === undefined ? 0.05 : checkOpenUnit("alpha", opts.alpha),
    margin: opts.margin === undefined ? 0.05 : checkOpenUnit("margin", opts.margin),
    alternative: checkAlternative(opts.alternative, "greater"),
    level: checkLevel(opts.level),
    power: opts.power === undefined ? 0.8 : checkOpenUnit("power", opts.power),
  };
}

function isCounts(input: unknown): input is { successes: number; trials: number } {
  return typeof input === "object" && input !== null && !Array.isArray(input) && ("successes" in input || "trials" in input);
}

/** The detectable rate; when n is too small for any rate to be detected, the far end (1, or 0 for `less`). */
function detectable(n: number, chance: number, c: Checked, alternative: Alternative): { mde: number; p1: number } {
  try {
    return minimumDetectableEffect({ n, p0: chance, alpha: c.alpha, power: c.power, alternative });
  } catch (error) {
    if (!(error instanceof RangeError) || !/too small/.test(error.message)) throw error;
    return alternative === "less" ? { mde: chance, p1: 0 } : { mde: 1 - chance, p1: 1 };
  }
}

/** Exact binomial verdict from k of n: the path for counts and for one binary answer per item. */
function exactVerdict(k: number, n: number, chance: number, c: Checked) {
  const test = binomialTest(k, n, { p: chance, alternative: c.alternative });
  const ci = proportionCI(k, n, { level: c.level, method: "clopper-pearson" });
  const p = k / n;
  const mdeAlternative = c.alternative === "less" ? "less" : c.alternative;
  const mde = detectable(n, chance, c, mdeAlternative);
  const eq = chanceEquivalence({ successes: k, trials: n, chance, margin: c.margin, alpha: c.alpha });
  return {
    accuracy: p,
    lower: ci.lower,
    upper: ci.upper,
    se: Math.sqrt((p * (1 - p)) / n),
    pValue: test.pValue,
    method: "exact-binomial" as const,
    mde: mde.mde,
    detectableRate: mde.p1,
    probabilityAboveChance: betaPosterior(k, n, { p0: chance }).probabilityAbove,
    equivalent: eq.equivalent,
    equivalencePValue: eq.pValue,
  };
}

/**
 * The majority baseline is estimated from the same items, so it is not a known p0: the model is
 * compared with a guesser that always gives the most common key, scored on the same items — a
 * paired comparison (McNemar exact for one binary answer per item, else the paired item-mean test).
 */
function againstMajorityGuesser(items: readonly ItemScore[], label: string, singleBinary: boolean, c: Checked): { pValue: number; method: ChanceMethod } {
  const guesser = items.map((s) => (foldLabel(s.target!) === label ? 1 : 0));
  if (singleBinary) {
    let onlyModel = 0;
    let onlyGuesser = 0;
    items.forEach((s, i) => {
      if (s.mean === 1 && guesser[i] === 0) onlyModel++;
      else if (s.mean === 0 && guesser[i] === 1) onlyGuesser++;
    });
    const test = mcnemarTest(onlyModel, onlyGuesser, { method: "exact", alternative: c.alternative });
    return { pValue: test.pValue, method: "mcnemar-exact vs majority guesser" };
  }
  const clusters = describeItems(items).clustered ? clusterLabels(items) : undefined;
  const small = clusters ? ({ clusters, vcov: "CR2", df: "satterthwaite" } as const) : ({ df: "n-1" } as const);
  const diff = pairedDifference(items.map((s) => s.mean), guesser, { alternative: c.alternative, level: c.level, ...small });
  if (diff.fallback === "sign-test") return { pValue: diff.pValue, method: "sign test vs majority guesser" };
  return { pValue: diff.pValue, method: clusters ? "paired-t-cr2 vs majority guesser" : "paired-t vs majority guesser" };
}

/**
 * The verdict on item means (repeats, clusters or graded scores), matching the interval of
 * `estimateRate`:
 * - Korn–Graubard (0/1 answers): the exact binomial tail on the effective number of answers
 *   (`effectiveBinomialTest`), its df factor taken at the test's own tail (α one-sided, α/2
 *   two-sided), so p < α exactly when the one-sided Korn–Graubard limit excludes chance; the
 *   detectable rate, posterior and TOST on the same effective binomial;
 * - t (graded scores): Student's t on the interval's df, and the TOST on the same t.
 */
function itemMeanVerdict(items: readonly ItemScore[], r: RateEstimate, chance: number, clustered: boolean, c: Checked) {
  const common = { accuracy: r.accuracy, lower: r.lower, upper: r.upper, se: r.se };
  if (r.method === "korn-graubard") {
    const testTail = c.alternative === "two-sided" ? c.alpha / 2 : c.alpha;
    const kg = kornGraubardRate(items, clustered, testTail);
    const n = kg.effectiveSize;
    const mde = detectable(Math.max(1, Math.floor(n)), chance, c, c.alternative);
    const low = chance - c.margin;
    const high = chance + c.margin;
    const equivalencePValue = Math.max(low <= 0 ? 0 : effectiveBinomialTest(kg.estimate, n, low, "greater"), high >= 1 ? 0 : effectiveBinomialTest(kg.estimate, n, high, "less"));
    return {
      ...common,
      pValue: effectiveBinomialTest(kg.estimate, n, chance, c.alternative),
      method: "korn-graubard" as const,
      mde: mde.mde,
      detectableRate: mde.p1,
      probabilityAboveChance: pbeta(chance, 1 + n * kg.estimate, 1 + n * (1 - kg.estimate), false),
      equivalent: equivalencePValue < c.alpha,
      equivalencePValue,
    };
  }
  const df = r.df ?? Infinity;
  const mde = compareMde({ se: r.se, alpha: c.alpha, power: c.power, alternative: c.alternative });
  const equivalencePValue = Math.max(tPValue(r.accuracy - (chance - c.margin), r.se, df, "greater"), tPValue(r.accuracy - (chance + c.margin), r.se, df, "less"));
  return {
    ...common,
    pValue: tPValue(r.accuracy - chance, r.se, df, c.alternative),
    method: r.method === "t-cr2" ? ("t-cr2" as const) : ("t" as const),
    mde,
    detectableRate: c.alternative === "less" ? chance - mde : chance + mde,
    probabilityAboveChance: r.se > 0 ? 1 - tPValue(r.accuracy - chance, r.se, df, "less") : r.accuracy > chance ? 1 : r.accuracy < chance ? 0 : 0.5,
    equivalent: equivalencePValue < c.alpha,
    equivalencePValue,
  };
}

/**
 * Does the accuracy beat chance? One-sided (`greater`) by default.
 * - Counts `{ successes, trials }`: exact binomial test (R `binom.test`) against `chance` (0.5
 *   unless a number is given), its Clopper–Pearson interval, detectable rate from `minimumDetectableEffect`
 *   (Fleiss normal formula), posterior from `betaPosterior` with a uniform prior.
 * - Records answered once per item with 0/1 scores and no clusters: the same, on items.
 * - Records with repeats or clusters (0/1 answers): Korn–Graubard's effective binomial; graded
 *   scores: Student's t (CR2 with Satterthwaite df for clusters); see `itemMeanVerdict`.
 * - Every verdict carries `warnings` when it rests on thin ground (few clusters or items, a rate
 *   at the edge), and its sentence repeats them.
 * - Against the `marginal` baseline (estimated from the same answers): a seeded permutation of
 *   answers across items (see `marginalChanceTest`).
 * - Against the `majority` baseline (estimated from the same items): a paired comparison with a
 *   guesser that always gives the most common key (see `againstMajorityGuesser`).
 * The chance rate is `auto` by default, picked on principle (see `chanceBaseline`): known option
 * counts first, majority only over a closed label set, marginal only by name.
 *
 * @example
 * beatsChance({ successes: 510, trials: 1000 }).pValue   // 0.273986372961738 (R binom.test, "greater")
 * beatsChance({ successes: 5100, trials: 10000 }).significant // true (p = 0.0232927638524737)
 */
export function beatsChance(input: AnalysisInput | { successes: number; trials: number }, options?: BeatsChanceOptions): ChanceVerdict {
  const opts = checkOptions("options", options);
  const c = checkChanceOptions(opts);
  const base = { level: c.level, alternative: c.alternative, alpha: c.alpha, margin: c.margin, power: c.power };
  if (isCounts(input)) {
    const [k, n] = checkSuccessesTrials(input.successes, input.trials);
    const ch = opts.chance ?? "auto";
    if (ch === "majority" || ch === "marginal") throw new RangeError(`chance "${ch}" needs records with targets and answers, not counts`);
    const b = chanceBaseline([], typeof ch === "number" ? ch : "auto");
    const chanceFields = { chance: b.chance, chanceKind: b.chanceKind, chanceClause: b.clause, baselines: {}, chanceReasons: b.chanceReasons, chanceEstimated: false };
    const warnings = rateWarnings({ items: n, answers: n, accuracy: k / n });
    const v = { ...base, ...exactVerdict(k, n, b.chance, c), items: n, samplesPerItem: 1, successes: k, ...chanceFields, warnings, significant: false };
    v.significant = v.pValue < c.alpha;
    return { ...v, sentence: chanceSentence({ ...v, singleBinary: true }) + warningSentence(warnings) };
  }
  const { groups, counts } = scoredGroups(input, opts);
  const conditions = [...counts.keys()];
  let condition = opts.condition;
  if (condition === undefined) {
    if (conditions.length > 1) throw new RangeError(`records hold ${conditions.length} conditions (${conditions.map((x) => show(x)).join(", ")}); choose one with the condition option`);
    condition = conditions[0];
  } else if (!counts.has(condition)) {
    throw new RangeError(`condition ${show(condition)} is not in these records; they have ${conditions.map((x) => show(x)).join(", ")}`);
  }
  const items = groups.get(condition);
  if (!items) throw new RangeError(`condition ${show(condition)} has no scored records (${counts.get(condition)!.errors} of ${counts.get(condition)!.records} are errors)`);
  const design = describeItems(items);
  const baseline = chanceBaseline(items, opts.chance ?? "auto");
  const { chance, chanceKind, baselines, chanceReasons } = baseline;
  const shared = {
    ...base, items: design.items, samplesPerItem: design.samplesPerItem, chance, chanceKind, chanceClause: baseline.clause, baselines, chanceReasons,
    chanceEstimated: baseline.estimated, condition, counts: counts.get(condition)!,
  };
  let fields;
  if (design.singleBinary && !design.clustered) {
    const k = items.filter((s) => s.mean === 1).length;
    fields = { ...exactVerdict(k, design.items, chance, c), successes: k, warnings: rateWarnings({ items: design.items, answers: design.items, accuracy: k / design.items }) };
  } else {
    const r = estimateRate(items, c.level);
    fields = { ...itemMeanVerdict(items, r, chance, design.clustered, c), successes: r.successes, warnings: r.warnings };
  }
  if (chanceKind === "marginal") {
    const perm = marginalChanceTest(items, { alternative: c.alternative, ...(opts.seed !== undefined ? { seed: opts.seed } : {}), ...(opts.resamples !== undefined ? { resamples: opts.resamples } : {}) });
    fields = { ...fields, pValue: perm.pValue, method: perm.method, permutations: perm.resamples };
  } else if (chanceKind === "majority") {
    fields = { ...fields, ...againstMajorityGuesser(items, baseline.majorityLabel!, design.singleBinary && !design.clustered, c) };
  }
  const v = { ...shared, ...fields, significant: fields.pValue < c.alpha };
  return { ...v, sentence: chanceSentence({ ...v, singleBinary: design.singleBinary && !design.clustered }) + warningSentence(v.warnings) };
}
