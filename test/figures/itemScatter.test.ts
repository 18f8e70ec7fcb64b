/** itemScatterFigure: items counted on each side of the diagonal, marker sizes, errors. */
import { describe, expect, it } from "vitest";
import { itemScatterFigure, markerSize } from "../../src/figures/itemScatter.js";
import { expectClose } from "../helpers/close.js";
import { type Obj, titleOf } from "./helpers.js";

describe("itemScatterFigure", () => {
  it("counts items on each side of the diagonal (doc example) and sizes markers by samples", () => {
    const fig = itemScatterFigure([{ item: "q1", a: 0.2, b: 0.8, samples: 5 }], { labels: ["plain", "CoT"] });
    expect(titleOf(fig)).toBe("CoT higher on 1 of 1 items, plain on 0");
    expect((fig.layout.shapes as Obj[])[0]).toMatchObject({ x0: 0, y0: 0, x1: 1, y1: 1 });
    expect(markerSize(1, 9)).toBe(8);
    expect(markerSize(9, 9)).toBe(22);
    expectClose(markerSize(3, 9), 8 + 14 * Math.sqrt(2 / 8), "area grows with samples");
  });
  it("rejects bad items", () => {
    expect(() => itemScatterFigure([{ item: "q", a: 1.5, b: 0, samples: 1 }])).toThrow(/items\[0\]\.a/);
    expect(() => itemScatterFigure([{ item: "q", a: 0.5, b: 0, samples: 0 }])).toThrow(/items\[0\]\.samples/);
    expect(() => itemScatterFigure([{ item: null as never, a: 0.5, b: 0, samples: 1 }])).toThrow(TypeError);
  });
});
