import { describe, expect, it } from "vitest";
import { varianceComponents } from "../../src/analysis/varianceComponents.js";
import type { RunRecord } from "../../src/runs/record.js";

/** Items answered K times under A and B; `scores[i] = [A answers, B answers]`. */
function records(scores: [number[], number[]][]): RunRecord[] {
  return scores.flatMap(([a, b], i) => [
    ...a.map((score, sample) => ({ item: `q${i}`, condition: "A", score, sample })),
    ...b.map((score, sample) => ({ item: `q${i}`, condition: "B", score, sample })),
  ]);
}

describe("varianceComponents", () => {
  it("matches the method-of-moments values worked by hand", () => {
    // Item means A | B: 1|1, 0|0.5, 1|0.5, 0|1 → gaps 0, 0.5, −0.5, 1: mean 0.25, sample variance 1.25/3.
    // Within-item sample variances (K = 2): A all 0; B 0, 0.5, 0.5, 0 → σ² = (0 + 0.5 + 0.5 + 0)/4 = 0.25.
    // ω² = 1.25/3 − 0.25/2 = 0.291666…
    const v = varianceComponents(
      records([
        [[1, 1], [1, 1]],
        [[0, 0], [0, 1]],
        [[1, 1], [1, 0]],
        [[0, 0], [1, 1]],
      ]),
      { baseline: "A", treatment: "B" },
    );
    expect(v).toMatchObject({ items: 4, samples: 2 });
    expect(v.gap).toBeCloseTo(0.25, 15);
    expect(v.itemGapVariance).toBeCloseTo(1.25 / 3, 15);
    expect(v.sigma2).toBeCloseTo(0.25, 15);
    expect(v.omega2).toBeCloseTo(1.25 / 3 - 0.125, 15);
  });

  it("leaves out errored records and needs two repeated shared items", () => {
    const base = records([
      [[1, 0], [1, 1]],
      [[0, 0], [1, 0]],
    ]);
    const withError = [...base, { item: "q0", condition: "A", score: 0, sample: 2, error: "timeout" }];
    expect(varianceComponents(withError, { baseline: "A", treatment: "B" })).toEqual(varianceComponents(base, { baseline: "A", treatment: "B" }));
    expect(() => varianceComponents(base.slice(0, 4), { baseline: "A", treatment: "B" })).toThrow(/at least 2 items/);
    expect(() => varianceComponents(base, { baseline: "A", treatment: "C" })).toThrow(/"C"/);
    expect(() => varianceComponents(base, { baseline: 3 as never, treatment: "B" })).toThrow(TypeError);
  });
});
