/** pValueFigure: the α crossing interpolated on log10 p, titles, the p = 0 floor, and errors. */
import { describe, expect, it } from "vitest";
import { pValueFigure } from "../../src/figures/pvalue.js";
import { expectClose } from "../helpers/close.js";
import { type Obj, titleOf } from "./helpers.js";

describe("pValueFigure", () => {
  it("interpolates the α crossing on log10 p (doc example: 550)", () => {
    // log10 p goes −0.30103 → −2.30103; log10 0.05 = −1.30103 is exactly half way: 100 + 900 / 2.
    const fig = pValueFigure({ n: [100, 1000], pValue: [0.5, 0.005] }, { alpha: 0.05, observed: 0.51, chance: 0.5 });
    expectClose((fig.data[1].x as number[])[0], 550, "crossing");
    expect(titleOf(fig)).toBe("An observed 51.0% beats 50.0% chance at α = 0.05 from n ≈ 550");
    expect((fig.layout.yaxis as Obj).type).toBe("log");
  });
  it("says when α is never reached, and draws p = 0 at a floor instead of failing", () => {
    const fig = pValueFigure({ n: [100, 200], pValue: [0.5, 0.3] }, { observed: 0.51, chance: 0.5 });
    expect(fig.data).toHaveLength(1);
    expect(titleOf(fig)).toBe("An observed 51.0% does not beat 50.0% chance at α = 0.05 by n = 200");
    const zero = pValueFigure({ n: [100, 200], pValue: [0.5, 0] });
    expect((zero.data[0].y as number[])[1]).toBe(1e-300);
  });
  it("rejects bad input", () => {
    expect(() => pValueFigure({ n: [1], pValue: [0.5] })).toThrow(/curve\.n/);
    expect(() => pValueFigure({ n: [1, 2], pValue: [0.5, -0.1] })).toThrow(/curve\.pValue\[1\]/);
    expect(() => pValueFigure({ n: [1, 2], pValue: [0.5, 0.1] }, { alpha: 0 })).toThrow(/alpha/);
  });
});
