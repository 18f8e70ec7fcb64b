/**
 * MOVER: a confidence interval for a difference of two estimates built from each one's own
 * interval (Zou & Donner 2008, "Construction of confidence limits about effect measures: a general
 * approach", Statistics in Medicine 27:1693–1702, eq. 7; Newcombe 1998's hybrid score interval is
 * the case of Wilson limits). Asymmetric limits carry over: near 0 or 1 each rate's interval is
 * skewed, and so is the interval of the gap, where estimate ± t·SE is not.
 */
import { show } from "./validate.js";

/** One estimate with its interval at the level the difference is wanted at. */
export interface LimitedEstimate {
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * Limits for θ̂₁ − θ̂₂ from (l₁, u₁) and (l₂, u₂) and the correlation r of the two estimates:
 *   L = θ̂₁ − θ̂₂ − √((θ̂₁ − l₁)² + (u₂ − θ̂₂)² − 2r(θ̂₁ − l₁)(u₂ − θ̂₂)),
 *   U = θ̂₁ − θ̂₂ + √((u₁ − θ̂₁)² + (θ̂₂ − l₂)² − 2r(u₁ − θ̂₁)(θ̂₂ − l₂))
 * (Zou & Donner 2008, eq. 7; r = 0 for independent estimates). Each limit of the difference uses the
 * side of each interval that the difference moves toward.
 *
 * @example
 * moverDifference({ estimate: 0.9, lower: 0.8, upper: 0.95 }, { estimate: 0.5, lower: 0.4, upper: 0.6 }, 0).lower // 0.258578… (0.4 − √(0.1² + 0.1²))
 */
export function moverDifference(first: LimitedEstimate, second: LimitedEstimate, correlation: number): LimitedEstimate {
  for (const [name, e] of [["first", first], ["second", second]] as const) {
    if (!(e.lower <= e.estimate && e.estimate <= e.upper)) {
      throw new RangeError(`${name} must satisfy lower ≤ estimate ≤ upper, got ${show(e.lower)} ≤ ${show(e.estimate)} ≤ ${show(e.upper)}`);
    }
  }
  if (!(Math.abs(correlation) <= 1)) throw new RangeError(`correlation must be in [-1, 1], got ${show(correlation)}`);
  const estimate = first.estimate - second.estimate;
  const down1 = first.estimate - first.lower;
  const up1 = first.upper - first.estimate;
  const down2 = second.estimate - second.lower;
  const up2 = second.upper - second.estimate;
  // Clamped at 0: with r near 1 and unequal sides rounding can make the sum a hair negative.
  const lowerSpan = Math.sqrt(Math.max(0, down1 * down1 + up2 * up2 - 2 * correlation * down1 * up2));
  const upperSpan = Math.sqrt(Math.max(0, up1 * up1 + down2 * down2 - 2 * correlation * up1 * down2));
  return { estimate, lower: estimate - lowerSpan, upper: estimate + upperSpan };
}
