/**
 * `planSampleSize`: how many items an eval needs before it is run, for the four designs analysts
 * meet: one rate against chance, two conditions on different items, two conditions on the same
 * items, and items asked K times.
 */
import { qnorm } from "../stats/distributions.js";
import { powerTwoProportions } from "../stats/powerTwoProportions.js";
import { sampleSizeOneProportion } from "../stats/sampleSizeOneProportion.js";
import type { Alternative } from "../stats/types.js";
import { checkAlternative, checkChoice, checkFinite, checkOpenUnit, checkOptions, checkPositiveInteger, show } from "../stats/validate.js";
import { formatCount, formatPercent, formatPoints, formatRate } from "./format.js";

export type PlanDesign = "one-rate" | "independent" | "paired" | "repeated";

export interface PlanOptions {
  /** Default: `one-rate` when `p0` is given, `repeated` with `omega2`, `paired` with `discordance` or `correlation`, else `independent`. */
  design?: PlanDesign;
  /** one-rate: the chance (null) rate. */
  p0?: number;
  /** one-rate: the true rate to detect; independent/paired: the baseline rate. */
  p1?: number;
  /** independent/paired: the treatment rate. */
  p2?: number;
  /** paired/repeated: the gap to detect (paired: defaults to p2 − p1). */
  delta?: number;
  /** paired: share of items right under exactly one condition, (b + c)/n. */
  discordance?: number;
  /** paired: correlation (phi) of the two conditions' item outcomes, used with p1 and p2 to get the discordance. */
  correlation?: number;
  /** repeated: variance across items of the item-level true score (or gap), ω². */
  omega2?: number;
  /** repeated: mean within-item variance of one answer (for a paired gap, σ²_A + σ²_B). */
  sigma2?: number;
  /** repeated: samples per item, K (default 1). */
  samples?: number;
  alpha?: number;
  power?: number;
  /** Default `greater` for one-rate (does it beat chance?), `two-sided` otherwise. */
  alternative?: Alternative;
}

export interface SampleSizePlan {
  design: PlanDesign;
  /** Items needed, rounded up (per condition when independent). */
  items: number;
  /** The formula's real-valued n. */
  n: number;
  /** Whether `items` counts each of two groups. */
  perGroup: boolean;
  alpha: number;
  power: number;
  alternative: Alternative;
  /** The gap the plan is for. */
  effect: number;
  method: string;
  /** Paired: the discordance used. */
  discordance?: number;
  sentence: string;
}

const DESIGNS: readonly PlanDesign[] = ["one-rate", "independent", "paired", "repeated"];

function need(name: string, value: unknown, design: string): number {
  if (value === undefined) throw new TypeError(`${name} is required for the ${design} design, got undefined`);
  return checkFinite(name, value);
}

function inferDesign(o: Partial<PlanOptions>): PlanDesign {
  if (o.design !== undefined) return checkChoice("design", o.design, DESIGNS);
  if (o.p0 !== undefined) return "one-rate";
  if (o.omega2 !== undefined) return "repeated";
  if (o.discordance !== undefined || o.correlation !== undefined) return "paired";
  return "independent";
}

/**
 * Connor (1987, Biometrics 43:207) for McNemar's test: n = [z_α √ψ + z_β √(ψ − δ²)]² / δ², with ψ
 * the discordance. From a correlation ρ of binary outcomes with rates p1, p2:
 * P(both right) = p1 p2 + ρ √(p1 q1 p2 q2), so ψ = p1 + p2 − 2 P(both right).
 */
function pairedN(delta: number, psi: number, za: number, zb: number): number {
  if (!(psi > delta * delta)) throw new RangeError(`discordance (${psi}) must exceed delta² (${delta * delta}): a gap of ${delta} needs more items that differ`);
  return (za * Math.sqrt(psi) + zb * Math.sqrt(psi - delta * delta)) ** 2 / (delta * delta);
}

/**
 * Items needed for each design, at `alpha` (default 0.05) and `power` (default 0.8):
 * - `one-rate` (p0, p1): `sampleSizeOneProportion`, Fleiss' normal formula;
 * - `independent` (p1, p2): `powerTwoProportions` (R `power.prop.test`), items per condition;
 * - `paired` (delta and discordance, or p1, p2 and correlation): Connor's McNemar formula;
 * - `repeated` (delta, omega2, sigma2, samples K): Miller (2024) §5,
 *   n = (z_α + z_β)² (ω² + σ²/K) / δ², the variance of an item mean being ω² + σ²/K.
 *
 * @example
 * planSampleSize({ p1: 0.5, p2: 0.6 }).items // 388 (R power.prop.test: n = 387.3385 per group)
 */
export function planSampleSize(options: PlanOptions): SampleSizePlan {
  const o = checkOptions("options", options);
  const design = inferDesign(o);
  const alpha = o.alpha === undefined ? 0.05 : checkOpenUnit("alpha", o.alpha);
  const power = o.power === undefined ? 0.8 : checkOpenUnit("power", o.power);
  const alternative = checkAlternative(o.alternative, design === "one-rate" ? "greater" : "two-sided");
  const za = qnorm(alternative === "two-sided" ? 1 - alpha / 2 : 1 - alpha);
  const zb = qnorm(power);
  const base = { design, alpha, power, alternative };
  let plan: Omit<SampleSizePlan, "sentence" | "items">;
  if (design === "one-rate") {
    const p0 = checkOpenUnit("p0", need("p0", o.p0, design));
    const p1 = checkOpenUnit("p1", need("p1", o.p1, design));
    const r = sampleSizeOneProportion({ p0, p1, alpha, power, alternative });
    plan = { ...base, n: r.n, perGroup: false, effect: p1 - p0, method: "fleiss-normal" };
  } else if (design === "independent") {
    const p1 = checkOpenUnit("p1", need("p1", o.p1, design));
    const p2 = checkOpenUnit("p2", need("p2", o.p2, design));
    const r = powerTwoProportions({ p1, p2, power, alpha, alternative: alternative === "two-sided" ? "two-sided" : "one-sided" });
    plan = { ...base, n: r.n, perGroup: true, effect: p2 - p1, method: "power.prop.test" };
  } else if (design === "paired") {
    let psi: number;
    let delta: number;
    if (o.discordance !== undefined) {
      psi = checkOpenUnit("discordance", o.discordance);
      delta = o.delta !== undefined ? checkFinite("delta", o.delta) : checkOpenUnit("p2", need("p2", o.p2, design)) - checkOpenUnit("p1", need("p1", o.p1, design));
    } else {
      const p1 = checkOpenUnit("p1", need("p1", o.p1, design));
      const p2 = checkOpenUnit("p2", need("p2", o.p2, design));
      const rho = need("correlation", o.correlation, design);
      if (!(rho > -1 && rho < 1)) throw new RangeError(`correlation must be strictly between -1 and 1, got ${rho}`);
      const both = p1 * p2 + rho * Math.sqrt(p1 * (1 - p1) * p2 * (1 - p2));
      if (!(both >= Math.max(0, p1 + p2 - 1) && both <= Math.min(p1, p2))) {
        throw new RangeError(`correlation ${rho} is impossible for rates ${p1} and ${p2}`);
      }
      psi = p1 + p2 - 2 * both;
      delta = o.delta !== undefined ? checkFinite("delta", o.delta) : p2 - p1;
    }
    if (delta === 0) throw new RangeError("delta must not be 0: there is no gap to detect");
    plan = { ...base, n: pairedN(Math.abs(delta), psi, za, zb), perGroup: false, effect: delta, method: "connor-mcnemar", discordance: psi };
  } else {
    const delta = need("delta", o.delta, design);
    if (delta === 0) throw new RangeError("delta must not be 0: there is no gap to detect");
    const omega2 = need("omega2", o.omega2, design);
    const sigma2 = need("sigma2", o.sigma2, design);
    if (omega2 < 0) throw new RangeError(`omega2 must be a variance (at least 0), got ${omega2}`);
    if (sigma2 < 0) throw new RangeError(`sigma2 must be a variance (at least 0), got ${sigma2}`);
    if (omega2 + sigma2 === 0) throw new RangeError("omega2 and sigma2 are both 0: scores that never vary need no sample");
    const k = o.samples === undefined ? 1 : checkPositiveInteger("samples", o.samples);
    plan = { ...base, n: ((za + zb) ** 2 * (omega2 + sigma2 / k)) / (delta * delta), perGroup: false, effect: delta, method: "miller-clt" };
  }
  const items = Math.ceil(plan.n - 1e-9);
  return { ...plan, items, sentence: planSentence({ ...plan, items }, o) };
}

function planSentence(p: Omit<SampleSizePlan, "sentence">, o: Partial<PlanOptions>): string {
  const test = `${p.alternative === "two-sided" ? "two-sided" : "one-sided"}, α = ${p.alpha}`;
  const what =
    p.design === "one-rate"
      ? `To tell a true rate of ${formatPercent(o.p1!)} from chance at ${formatRate(o.p0!)}`
      : p.design === "independent"
        ? `To tell ${formatPercent(o.p2!)} from ${formatPercent(o.p1!)} on different items`
        : p.design === "paired"
          ? `To detect a gap of ${formatPoints(p.effect)} on the same items (discordance ${formatPercent(p.discordance!)})`
          : `To detect a gap of ${formatPoints(p.effect)} with ${show(o.samples ?? 1)} sample${(o.samples ?? 1) === 1 ? "" : "s"} per item`;
  return `${what} (${test}) with ${formatRate(p.power)} power takes ${formatCount(p.items)} items${p.perGroup ? " per condition" : ""}.`;
}
