/**
 * The smallest true gap a study of n items would detect: the inverse of the one-rate planning
 * formulas (normal or exact), or of McNemar's normal-approximation power for paired items.
 */
import type { Alternative } from "./types.js";
import { betaDensity, betaQuantile, qnorm } from "./distributions.js";
import { solveIncreasing } from "./solveIncreasing.js";
import { criticalZ, exactPower, exactRejectionRegion, readPlanningOptions, type PlanningMethod } from "./sampleSizeOneProportion.js";
import { checkFinite, checkOptions, checkPositiveInteger, show } from "./validate.js";

export interface MinimumDetectableEffectOptions {
  /** Items (trials) in the study. */
  n: number;
  /** Null rate (chance), or the baseline accuracy when paired; default 0.5. */
  p0?: number;
  /** Default 0.05. */
  alpha?: number;
  /** Default 0.8. */
  power?: number;
  /** Default `two-sided` (the upward gap is reported); `less` looks for a drop below p0. */
  alternative?: Alternative;
  /** Two conditions on the same items (McNemar); needs `discordance`. */
  paired?: boolean;
  /** Paired only: share of items answered right under one condition and wrong under the other ((b + c)/n). */
  discordance?: number;
  /** One rate only: `normal` (default) or `exact`. */
  method?: PlanningMethod;
}

export interface MinimumDetectableEffectResult {
  /** Smallest detectable gap |p1 − p0| (or paired gap pB − pA), positive. */
  mde: number;
  /** The rate that gap reaches: p0 + mde (p0 − mde for `less`). */
  p1: number;
  n: number;
  p0: number;
  alpha: number;
  power: number;
  alternative: Alternative;
  paired: boolean;
  discordance?: number;
  method: PlanningMethod;
}

/**
 * Normal planning inverted in closed form: p1 = p0 + A + B √(p1 q1) with A = z_a √(p0 q0 / n),
 * B = z_b / √n. Squaring gives (1 + B²) p1² − (2c + B²) p1 + c² = 0 with c = p0 + A, whose root on
 * the right side of c is p1 = [2c + B² + B √(4c(1 − c) + B²)] / (2(1 + B²)).
 */
function normalUpwardP1(n: number, p0: number, za: number, zb: number): number {
  const a = za * Math.sqrt((p0 * (1 - p0)) / n);
  const b = zb / Math.sqrt(n);
  const c = p0 + a;
  if (!(c < 1)) {
    throw new RangeError(`n (${n}) is too small: no rate below 1 reaches the power at this alpha (p0 = ${p0})`);
  }
  return (2 * c + b * b + b * Math.sqrt(4 * c * (1 - c) + b * b)) / (2 * (1 + b * b));
}

/**
 * Exact planning inverted: the smallest p1 above p0 at which the exact test's power reaches the
 * target. One-sided, power is P(X ≥ c | p1) = I_p1(c, n − c + 1), so p1 is a beta quantile; the
 * two-sided region adds a lower tail, solved by Newton from that quantile.
 */
function exactUpwardP1(n: number, p0: number, alpha: number, power: number, alternative: Alternative): number {
  const region = exactRejectionRegion(n, p0, alpha, alternative);
  if (region.upper > n) {
    throw new RangeError(`n (${n}) is too small: the exact test at alpha ${alpha} can never reject above p0 = ${p0}`);
  }
  const c = region.upper;
  const oneSided = betaQuantile(power, c, n - c + 1);
  if (region.lower < 0) return oneSided;
  const g = (p: number) => exactPower(region, n, p) - power;
  const slope = (p: number) => betaDensity(p, c, n - c + 1) - betaDensity(p, region.lower + 1, n - region.lower);
  return solveIncreasing(g, slope, p0, oneSided, oneSided);
}

/**
 * Smallest true gap detectable with n items at the given alpha and power.
 *
 * One rate: inverts `sampleSizeOneProportion` — the Fleiss normal formula (default; closed form, see
 * `normalUpwardP1`) or the exact binomial test (`method: "exact"`). Two-sided reports the upward gap.
 * Paired (`paired: true`): McNemar's test with discordance ψ = (b + c)/n, using Connor's (1987,
 * Biometrics 43:207) power √n δ = z_a √ψ + z_b √(ψ − δ²), solved for δ:
 * δ = √ψ [z_a √n + z_b √(n + z_b² − z_a²)] / (n + z_b²).
 *
 * @example
 * minimumDetectableEffect({ n: 1000, p0: 0.5, alternative: "greater" }).p1 // 0.53927… (53.9%)
 */
export function minimumDetectableEffect(options: MinimumDetectableEffectOptions): MinimumDetectableEffectResult {
  const opts = checkOptions("options", options);
  const n = checkPositiveInteger("n", opts.n);
  const { p0, alpha, power, alternative, method } = readPlanningOptions({
    p0: opts.p0 === undefined ? 0.5 : opts.p0,
    alpha: opts.alpha,
    power: opts.power,
    alternative: opts.alternative,
    method: opts.method,
  });
  if (opts.paired !== undefined && typeof opts.paired !== "boolean") {
    throw new TypeError(`paired must be true or false, got ${show(opts.paired)}`);
  }
  const paired = opts.paired === true;
  const za = criticalZ(alpha, alternative);
  const zb = qnorm(power);
  const base = { n, p0, alpha, power, alternative, paired, method };

  if (paired) {
    if (method === "exact") throw new RangeError(`method must be "normal" when paired, got "exact"`);
    if (opts.discordance === undefined) throw new TypeError(`discordance is required when paired, got undefined`);
    const psi = checkFinite("discordance", opts.discordance);
    if (!(psi > 0 && psi <= 1)) throw new RangeError(`discordance must be in (0, 1], got ${psi}`);
    const inner = n + zb * zb - za * za;
    if (!(inner > 0)) throw new RangeError(`n (${n}) is too small for McNemar's test at alpha ${alpha}`);
    const mde = (Math.sqrt(psi) * (za * Math.sqrt(n) + zb * Math.sqrt(inner))) / (n + zb * zb);
    if (!(mde > 0 && mde <= psi)) {
      throw new RangeError(`n (${n}) is too small: the detectable gap would exceed the discordance ${psi}`);
    }
    const p1 = alternative === "less" ? p0 - mde : p0 + mde;
    if (!(p1 >= 0 && p1 <= 1)) throw new RangeError(`p0 (${p0}) ± the detectable gap (${mde}) leaves [0, 1]`);
    return { mde, p1, discordance: opts.discordance, ...base };
  }
  if (opts.discordance !== undefined) throw new RangeError(`discordance applies only when paired, got ${show(opts.discordance)}`);

  // A drop below p0 mirrors a rise above 1 − p0.
  const down = alternative === "less";
  const q0 = down ? 1 - p0 : p0;
  const upward =
    method === "normal" ? normalUpwardP1(n, q0, za, zb) : exactUpwardP1(n, q0, alpha, power, down ? "greater" : alternative);
  if (!(upward > q0)) throw new RangeError(`power (${power}) must exceed alpha (${alpha}) for a positive gap`);
  const p1 = down ? 1 - upward : upward;
  return { mde: upward - q0, p1, ...base };
}
