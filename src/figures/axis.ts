/**
 * The numeric x-axis of the curve figures (power, sweep): linear or logarithmic, with chosen tick
 * values and range. The range is always set explicitly, so the figure knows where every point is
 * drawn when it places reference-line labels and the legend.
 */
import { checkChoice, checkNumberArray, show } from "../stats/validate.js";
import type { AxisSpan } from "./reference.js";

/** Options shared by figures whose x-axis is a number (items, temperature, …). */
export interface XAxisOptions {
  /** "log" for values spanning orders of magnitude, such as items from 50 to 20,000 (default "linear"). */
  xScale?: "linear" | "log";
  /** Tick values in data units (default: plotly's); on a log axis 1-2-5 steps read best. */
  xTicks?: number[];
  /** The x range in data units (default: the data's, from 0 for counts on a linear axis). */
  xRange?: [number, number];
}

/**
 * Check the x-axis options against the data's extent and return the span drawn and the plotly
 * axis attributes. `fromZero` starts a linear axis at 0 (counts of items); `pad` widens a range
 * taken from the data by that share on each side (room for markers at the ends).
 *
 * @example
 * resolveXAxis({ xScale: "log" }, 50, 20000).span; // { min: 50, max: 20000, log: true }
 */
export function resolveXAxis(
  options: XAxisOptions,
  dataMin: number,
  dataMax: number,
  fromZero = false,
  pad = 0,
): { span: AxisSpan; axis: Record<string, unknown> } {
  const log = (options.xScale === undefined ? "linear" : checkChoice("xScale", options.xScale, ["linear", "log"] as const)) === "log";
  let min: number;
  let max: number;
  if (options.xRange !== undefined) {
    const r = checkNumberArray("xRange", options.xRange, 2);
    if (r.length !== 2 || !(r[0] < r[1])) throw new RangeError(`xRange must be [min, max] with min < max, got ${show(options.xRange)}`);
    if (log && !(r[0] > 0)) throw new RangeError(`xRange must be positive on a log axis, got ${show(options.xRange)}`);
    [min, max] = [r[0], r[1]];
  } else if (log) {
    if (!(dataMin > 0)) throw new RangeError(`xScale "log" needs positive x values, got a smallest x of ${dataMin}`);
    const widen = (Math.log10(dataMax) - Math.log10(dataMin)) * pad;
    [min, max] = pad === 0 ? [dataMin, dataMax] : [10 ** (Math.log10(dataMin) - widen), 10 ** (Math.log10(dataMax) + widen)];
  } else {
    const lo = fromZero ? Math.min(0, dataMin) : dataMin;
    const widen = (dataMax - lo || 1) * pad;
    [min, max] = [fromZero && lo === 0 ? 0 : lo - widen, dataMax + widen];
  }
  const axis: Record<string, unknown> = log
    ? { type: "log", range: [Math.log10(min), Math.log10(max)], tickformat: "," }
    : { range: [min, max] };
  if (options.xTicks !== undefined) {
    const ticks = Array.from(checkNumberArray("xTicks", options.xTicks));
    if (log) ticks.forEach((t, i) => {
      if (!(t > 0)) throw new RangeError(`xTicks[${i}] must be positive on a log axis, got ${t}`);
    });
    axis.tickvals = ticks.filter((t) => t >= min && t <= max);
  }
  return { span: { min, max, log }, axis };
}
