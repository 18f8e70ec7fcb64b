/**
 * `beatsChance`: does a result beat what a model would score without knowing anything? The
 * verdict carries the chance rate and which baseline it is, the test that fits the design, the
 * smallest true rate this n would detect, the posterior probability above chance, equivalence to
 * chance within a margin, and one sentence built from those numbers.
 */
import { compareMde } from "../stats/compareMde.js";
import { zPValue } from "../stats/zPValue.js";
import type { RunRecord } from "../runs/record.js";
import { betaPosterior } from "../stats/betaPosterior.js";
import { binomialTest } from "../stats/binomialTest.js";
import { pnorm } from "../stats/distributions.js";
import { minimumDetectableEffect } from "../stats/minimumDetectableEffect.js";
import { proportionCI } from "../stats/proportionCI.js";
import type { Alternative } from "../stats/types.js";
import { checkAlternative, checkLevel, checkOpenUnit, checkOptions, checkSuccessesTrials, show } from "../stats/validate.js";
import { chanceBaseline, type ChanceBaseline, type ChanceKind, type ChanceOption } from "./chance.js";
import { chanceEquivalence } from "./chanceEquivalence.js";
import { estimateRate } from "./estimateRate.js";
import { describeItems, itemScores } from "./itemScores.js";
import { marginalChanceTest } from "./marginalChanceTest.js";
import { scoreRecords, type ConditionCounts, type RecordOptions } from "./records.js";
import { chanceSentence } from "./sentences.js";

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
  /** Two-sided interval at `level`: Wilson for one binary answer per item, else from the (clustered) SE. */
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
  /** Every baseline the records allow. */
  baselines: ChanceBaseline["baselines"];
  pValue: number;
  alternative: Alternative;
  /** `exact-binomial`, `z-clt`, `z-clustered` or `permutation of answers across items`. */
  method: string;
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
  const ci = proportionCI(k, n, { level: c.level, method: "wilson" });
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
    method: "exact-binomial",
    mde: mde.mde,
    detectableRate: mde.p1,
    probabilityAboveChance: betaPosterior(k, n, { p0: chance }).probabilityAbove,
    equivalent: eq.equivalent,
    equivalencePValue: eq.pValue,
  };
}

/**
 * Does the accuracy beat chance? One-sided (`greater`) by default.
 * - Counts `{ successes, trials }`: exact binomial test (R `binom.test`) against `chance` (0.5
 *   unless a number is given), Wilson interval, detectable rate from `minimumDetectableEffect`
 *   (Fleiss normal formula), posterior from `betaPosterior` with a uniform prior.
 * - Records answered once per item with 0/1 scores and no clusters: the same, on items.
 * - Records with repeats, graded scores or clusters: a z test of the mean of item means against
 *   chance with the CLT or Miller's clustered SE; detectable gap (z_α + z_power)·SE.
 * - Against the `marginal` baseline (estimated from the same answers): a seeded permutation of
 *   answers across items (see `marginalChanceTest`).
 * The chance rate is `auto` by default: the highest of uniform, majority and marginal that applies.
 *
 * @example
 * beatsChance({ successes: 510, trials: 1000 }).pValue   // 0.273986372961738 (R binom.test, "greater")
 * beatsChance({ successes: 5100, trials: 10000 }).significant // true (p = 0.0232927638524737)
 */
export function beatsChance(input: readonly RunRecord[] | { successes: number; trials: number }, options?: BeatsChanceOptions): ChanceVerdict {
  const opts = checkOptions("options", options);
  const c = checkChanceOptions(opts);
  const base = { level: c.level, alternative: c.alternative, alpha: c.alpha, margin: c.margin, power: c.power };
  if (isCounts(input)) {
    const [k, n] = checkSuccessesTrials(input.successes, input.trials);
    const ch = opts.chance ?? "auto";
    if (ch === "majority" || ch === "marginal") throw new RangeError(`chance "${ch}" needs records with targets and answers, not counts`);
    const { chance, chanceKind } = chanceBaseline([], typeof ch === "number" ? ch : "auto");
    const v = { ...base, ...exactVerdict(k, n, chance, c), items: n, samplesPerItem: 1, successes: k, chance, chanceKind, baselines: {}, significant: false };
    v.significant = v.pValue < c.alpha;
    return { ...v, sentence: chanceSentence({ ...v, singleBinary: true }) };
  }
  const { records, counts } = scoreRecords(input, opts);
  const conditions = [...counts.keys()];
  let condition = opts.condition;
  if (condition === undefined) {
    if (conditions.length > 1) throw new RangeError(`records hold ${conditions.length} conditions (${conditions.map((x) => show(x)).join(", ")}); choose one with the condition option`);
    condition = conditions[0];
  } else if (!counts.has(condition)) {
    throw new RangeError(`condition ${show(condition)} is not in these records; they have ${conditions.map((x) => show(x)).join(", ")}`);
  }
  const items = itemScores(records.filter((r) => r.condition === condition));
  const design = describeItems(items);
  const { chance, chanceKind, baselines } = chanceBaseline(items, opts.chance ?? "auto");
  const shared = { ...base, items: design.items, samplesPerItem: design.samplesPerItem, chance, chanceKind, baselines, condition, counts: counts.get(condition)! };
  let fields;
  if (design.singleBinary && !design.clustered) {
    const k = items.filter((s) => s.mean === 1).length;
    fields = { ...exactVerdict(k, design.items, chance, c), successes: k };
  } else {
    const r = estimateRate(items, c.level);
    const mde = compareMde({ se: r.se, alpha: c.alpha, power: c.power, alternative: c.alternative });
    const eq = chanceEquivalence({ mean: r.accuracy, se: r.se, chance, margin: c.margin, alpha: c.alpha });
    fields = {
      accuracy: r.accuracy,
      lower: r.lower,
      upper: r.upper,
      se: r.se,
      successes: r.successes,
      pValue: zPValue(r.accuracy - chance, r.se, c.alternative),
      method: r.method === "clustered" ? "z-clustered" : "z-clt",
      mde,
      detectableRate: c.alternative === "less" ? chance - mde : chance + mde,
      probabilityAboveChance: r.se > 0 ? pnorm((r.accuracy - chance) / r.se) : r.accuracy > chance ? 1 : r.accuracy < chance ? 0 : 0.5,
      equivalent: eq.equivalent,
      equivalencePValue: eq.pValue,
    };
  }
  if (chanceKind === "marginal") {
    const perm = marginalChanceTest(items, { alternative: c.alternative, ...(opts.seed !== undefined ? { seed: opts.seed } : {}), ...(opts.resamples !== undefined ? { resamples: opts.resamples } : {}) });
    fields = { ...fields, pValue: perm.pValue, method: perm.method };
  }
  const v = { ...shared, ...fields, significant: fields.pValue < c.alpha };
  return { ...v, sentence: chanceSentence({ ...v, singleBinary: design.singleBinary && !design.clustered }) };
}
