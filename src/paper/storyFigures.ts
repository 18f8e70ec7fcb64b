/**
 * Pieces several stories' figures share: the "simulated data" mark, the grid of powers along
 * which power curves are traced, one gap row per comparison, and a gap's size in percentage points
 * as titles say it. Drawing only; the statistics are evalgap's.
 */
import type { Comparison } from "../analysis/compareConditions.js";
import type { GapRow } from "../figures/gap.js";
import type { PowerCurve } from "../figures/power.js";
import type { Figure } from "../figures/theme.js";

/**
 * Put "simulated data" on a figure drawn from data/simulated (first line of the subtitle), so it
 * can never be shown as if it were a real log. Returns a new figure; the input is left alone.
 *
 * @example
 * markSimulated(forestFigure(rows)).layout.title.subtitle.text // "simulated data · n = 300 items …"
 */
export function markSimulated(figure: Figure): Figure {
  const title = { ...(figure.layout.title as Record<string, unknown>) };
  const sub = title.subtitle as { text: string } | undefined;
  title.subtitle = { ...(sub ?? {}), text: `simulated data${sub ? ` · ${sub.text}` : ""}` };
  return { data: figure.data, layout: { ...figure.layout, title } };
}

/**
 * Powers 10%, 11%, …, 99% at which power curves are drawn: each curve solves for n at every power,
 * so it is exact at each point rather than sampled in n. Written as (10 + i)/100 so that 0.8 is
 * exactly the double 0.8 and the 80% crossing can be looked up.
 */
export const powerGrid: readonly number[] = Array.from({ length: 90 }, (_, i) => (10 + i) / 100);

/**
 * A power curve traced along `powers`: at each power, the n that `itemsAtPower` (a sample-size
 * formula) needs; points whose n exceeds `maxN` are left out, as they would only stretch the x-axis.
 *
 * @example
 * powerCurveOnGrid("a", (power) => 100 * power, { maxN: 50 }).n.length // 41 (powers 0.10–0.50)
 */
export function powerCurveOnGrid(
  label: string,
  itemsAtPower: (power: number) => number,
  options: { maxN?: number; powers?: readonly number[] } = {},
): PowerCurve {
  const maxN = options.maxN ?? Number.POSITIVE_INFINITY;
  const n: number[] = [];
  const power: number[] = [];
  for (const p of options.powers ?? powerGrid) {
    const items = itemsAtPower(p);
    if (items <= maxN) {
      n.push(items);
      power.push(p);
    }
  }
  return { label, n, power };
}

/**
 * One row of a gap figure for a comparison: its gap, interval, significance and items.
 *
 * @example
 * gapRow(comparison, "paired").n // 300
 */
export function gapRow(comparison: Pick<Comparison, "estimate" | "lower" | "upper" | "significant" | "items">, label: string): GapRow {
  const { estimate, lower, upper, significant, items } = comparison;
  return { label, estimate, lower, upper, significant, n: items };
}

/**
 * The size of a gap or margin in percentage points, unsigned, to 0.1 point without a trailing ".0"
 * (callers add the unit they need: "5 pp", "5-point", "5.5 points").
 *
 * @example
 * percentagePoints(-0.085) // 8.5
 */
export function percentagePoints(fraction: number): number {
  return Number((100 * Math.abs(fraction)).toFixed(1));
}
