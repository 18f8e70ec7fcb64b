import { describe, expect, it } from "vitest";
import * as dist from "../../src/stats/distributions.js";
import { loadFixture, missesOf } from "../helpers/close.js";

/**
 * A case of test/fixtures/r/distributions.R: `call` is the R call that gave `expected`; `fn` takes the
 * same arguments, a trailing boolean being R's lower.tail. (jsonlite writes `args` to 15 significant
 * digits, `call` exactly.)
 */
interface Case { call: string; fn: keyof typeof dist; args: (number | boolean)[]; expected: number }
const { cases } = loadFixture<{ cases: Case[] }>("distributions.json");

describe("distribution functions against R", () => {
  it(`equal R's dbinom, pbinom, pbeta, qbeta, pchisq, pt, qt, qnorm and pnorm on ${cases.length} reference values`, () => {
    const misses: string[] = [];
    for (const c of cases) {
      const f = dist[c.fn] as (...a: (number | boolean)[]) => number;
      misses.push(...missesOf(c.call, [[c.fn, f(...c.args), c.expected]]));
    }
    expect(misses).toEqual([]);
  });
});

describe("betaQuantile on NaN", () => {
  it("returns NaN at once instead of searching (a NaN shape from a 0/0 upstream)", () => {
    expect(dist.betaQuantile(0.4999, NaN, 3)).toBeNaN(); // was 3.1e-61 after a 30-second search
    expect(dist.betaQuantile(NaN, 2, 3)).toBeNaN();
  });
});
