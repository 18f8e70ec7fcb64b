/** The @example values in src/analysis doc comments that no other test pins. */
import { describe, expect, it } from "vitest";
import { majorityChance, marginalChance } from "../../src/analysis/chance.js";
import { estimateRate } from "../../src/analysis/estimateRate.js";
import { alignItems, describeItems, itemScores } from "../../src/analysis/itemScores.js";
import { summarize } from "../../src/analysis/summarize.js";
import { parseCommand, numberFlag } from "../../src/cli/args.js";
import { expectClose } from "../helpers/close.js";

const item = (over: Record<string, unknown>) => ({ item: "x", mean: 0, samples: 1, binary: true, answers: [] as string[], ...over });

describe("doc examples", () => {
  it("summarize: 3 of 4 with Clopper–Pearson 95% 0.1941204–0.9936905 (R binom.test(3, 4)$conf.int)", () => {
    const [r] = summarize(["a", "b", "c", "d"].map((id, i) => ({ item: id, condition: "A", score: i === 1 ? 0 : 1 })));
    expect(r.accuracy).toBe(0.75);
    expectClose(r.lower, 0.194120449683243, "lower", 1e-9);
    expectClose(r.upper, 0.99369053679029, "upper", 1e-9);
  });

  it("majority and marginal chance by hand", () => {
    expect(majorityChance(["A", "A", "B", "C", "B", "A"].map((t, i) => item({ item: String(i), target: t })))).toBe(0.5);
    // answers A, A, B; keys A, B, B: P(answer A) 2/3, B 1/3; keys A 1/3, B 2/3 → 2/9 + 2/9
    expectClose(marginalChance([["A", "A"], ["A", "B"], ["B", "B"]].map(([a, t], i) => item({ item: String(i), answers: [a], target: t })))!, 4 / 9, "marginal");
  });

  it("items, design and alignment", () => {
    expect(itemScores([
      { item: "q1", condition: "A", score: 1, sample: 0 },
      { item: "q1", condition: "A", score: 0, sample: 1 },
      { item: "q2", condition: "A", score: 1 },
    ]).map((s) => s.mean)).toEqual([0.5, 1]);
    expect(describeItems([item({ item: "a", mean: 1 })]).singleBinary).toBe(true);
    expect(alignItems([item({ item: "1" })], []).onlyBaseline).toEqual(["1"]);
    expect(estimateRate([1, 1, 0, 1].map((mean, i) => item({ item: String(i), mean }))).method).toBe("clopper-pearson");
  });

  it("argument helpers", () => {
    expect(parseCommand(["a.jsonl", "--by", "model"], { by: { type: "string" } }).values.by).toBe("model");
    expect(numberFlag({ p0: "0.5" }, "p0")).toBe(0.5);
  });
});
