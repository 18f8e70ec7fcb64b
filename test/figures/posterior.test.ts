/**
 * posteriorFigure as data (the statement, the shading above chance, errors) and as drawn: the
 * P(p > chance) statement sits wholly on one side of the chance line, inside the plot. The density
 * grid itself is tested against R in crossing.test.ts.
 */
import { describe, expect, it } from "vitest";
import { posteriorFigure } from "../../src/figures/posterior.js";
import { type Obj, subtitleOf, titleOf } from "./helpers.js";
import { chromiumForTests, drawnGeometry } from "./inspect.js";

describe("posteriorFigure", () => {
  it("states P(p > chance) and shades only the mass above chance", () => {
    // R: 1 - pbeta(0.5, 61, 41) = 0.97749 (60/100 right with a uniform prior).
    const fig = posteriorFigure({ alpha: 61, beta: 41, chance: 0.5, probabilityAbove: 0.97749 }, { trials: 100 });
    expect((fig.layout as Obj).title.text).toBe("P(rate &gt; chance 50.0%) = 97.7%");
    expect(titleOf(fig)).toBe("P(rate > chance 50.0%) = 97.7%");
    expect(subtitleOf(fig)).toBe("Beta(61, 41) posterior · mean 59.8% · n = 100 items");
    const shade = fig.data[0];
    expect(shade.fill).toBe("tozeroy");
    expect((shade.x as number[])[0]).toBe(0.5);
    expect((shade.x as number[]).every((x) => x >= 0.5)).toBe(true);
    expect((fig.layout.annotations as Obj[])[1].text).toBe("P(p > 50.0%) = 97.7%");
  });
  it("puts the statement beside the chance line, never centred on it", () => {
    // Notebook 1: 153 of 300 with a uniform prior, Beta(154, 148); R 1 - pbeta(0.5, 154, 148) = 0.635.
    const near = (posteriorFigure({ alpha: 154, beta: 148, chance: 0.5, probabilityAbove: 0.635 }).layout.annotations as Obj[])[1];
    expect(near).toMatchObject({ x: 0.5, xanchor: "left" });
    expect(near.xshift).toBeGreaterThan(0);
    // Chance at the right edge of the mass: no room on the right, so the statement goes left of the line.
    const edge = (posteriorFigure({ alpha: 30, beta: 70, chance: 0.45, probabilityAbove: 0.02 }).layout.annotations as Obj[])[1];
    expect(edge).toMatchObject({ x: 0.45, xanchor: "right" });
  });
  it("rejects bad input", () => {
    expect(() => posteriorFigure({ alpha: 0, beta: 1, chance: 0.5, probabilityAbove: 0.5 })).toThrow(/alpha/);
    expect(() => posteriorFigure({ alpha: 1, beta: 1, chance: 0.5, probabilityAbove: 2 })).toThrow(/probabilityAbove/);
    expect(() => posteriorFigure({ alpha: 1, beta: 1, chance: NaN, probabilityAbove: 0.5 })).toThrow(TypeError);
  });
});

describe("posteriorFigure drawn", () => {
  const chromium = chromiumForTests();
  it.each([
    ["mass just above chance (n = 300)", { alpha: 154, beta: 148, chance: 0.5, probabilityAbove: 0.635 }],
    ["mass well above chance", { alpha: 62, beta: 40, chance: 0.5, probabilityAbove: 0.98596 }],
    ["chance at the mass's right edge", { alpha: 30, beta: 70, chance: 0.45, probabilityAbove: 0.02 }],
  ])("%s: the statement does not cross the chance line and stays in the plot", async (_, input) => {
    const g = await drawnGeometry(chromium, posteriorFigure(input));
    const line = g.shapes[0].rect;
    const statement = g.annotations.find((a) => a.text.startsWith("P(p >"))!;
    expect(statement.rect.left > line.right || statement.rect.right < line.left).toBe(true);
    expect(statement.rect.left).toBeGreaterThanOrEqual(g.plot.left);
    expect(statement.rect.right).toBeLessThanOrEqual(g.plot.right);
  }, 30_000);
});
