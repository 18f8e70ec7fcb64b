import { describe, expect, it } from "vitest";
import * as dist from "../../src/stats/distributions.js";
import { closeness, loadFixture } from "../helpers/close.js";

interface Case { fn: keyof typeof dist; args: (number | boolean)[]; expected: number }
const { cases } = loadFixture<{ cases: Case[] }>("distributions.json");

describe("distribution functions against R", () => {
  it(`agree with R on ${cases.length} reference values`, () => {
    const misses: string[] = [];
    for (const c of cases) {
      const f = dist[c.fn] as (...a: (number | boolean)[]) => number;
      const miss = closeness(f(...c.args), c.expected);
      if (miss) misses.push(`${c.fn}(${c.args.join(", ")}): ${miss}`);
    }
    expect(misses).toEqual([]);
  });
});
