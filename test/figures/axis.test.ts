/** The numeric x-axis of curve figures: log or linear, explicit range and ticks, checked options. */
import { describe, expect, it } from "vitest";
import { resolveXAxis } from "../../src/figures/axis.js";

describe("resolveXAxis", () => {
  it("spans the data, in log10 units for plotly on a log axis", () => {
    const log = resolveXAxis({ xScale: "log" }, 50, 20000);
    expect(log.span).toEqual({ min: 50, max: 20000, log: true });
    expect(log.axis).toEqual({ type: "log", range: [Math.log10(50), Math.log10(20000)], tickformat: "," });
    expect(resolveXAxis({}, 100, 300, true).axis).toEqual({ range: [0, 300] });
    // Room for end markers on a linear axis: 3% of the span each side.
    expect(resolveXAxis({}, 0, 1, false, 0.03).span).toEqual({ min: -0.03, max: 1.03, log: false });
  });
  it("takes a given range and keeps only ticks inside it", () => {
    const r = resolveXAxis({ xScale: "log", xRange: [50, 20000], xTicks: [10, 50, 100, 20000, 50000] }, 1, 1e6);
    expect(r.span).toEqual({ min: 50, max: 20000, log: true });
    expect(r.axis.tickvals).toEqual([50, 100, 20000]);
  });
  it("rejects ranges and ticks a log axis cannot draw, naming the option", () => {
    expect(() => resolveXAxis({ xScale: "log" }, 0, 10)).toThrow(/positive x values/);
    expect(() => resolveXAxis({ xScale: "log", xRange: [0, 10] }, 1, 10)).toThrow(/xRange/);
    expect(() => resolveXAxis({ xRange: [5, 1] }, 1, 10)).toThrow(/xRange must be \[min, max\]/);
    expect(() => resolveXAxis({ xScale: "log", xTicks: [-1, 10] }, 1, 10)).toThrow(/xTicks\[0\]/);
    expect(() => resolveXAxis({ xScale: "cubic" as never }, 1, 10)).toThrow(/xScale/);
  });
});
