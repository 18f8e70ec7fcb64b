import { describe, expect, it } from "vitest";
import { cohenKappa } from "../../src/stats/cohenKappa.js";
import { expectClose, loadFixture, missesOf } from "../helpers/close.js";

/** A case of test/fixtures/r/paired.R: `call` is the R expression (kappaAndFleissSE there) that gave its values. */
interface Case {
  call: string;
  table: number[][];
  level: number;
  source: string;
  estimate: number;
  se: number;
  lower: number;
  upper: number;
  observedAgreement: number;
  expectedAgreement: number;
  ratings?: { a: (string | number)[]; b: (string | number)[] };
}
const { kappa: cases } = loadFixture<{ kappa: Case[] }>("paired.json");
const KEYS = ["estimate", "se", "lower", "upper", "observedAgreement", "expectedAgreement"] as const;

describe("cohenKappa against R (Fleiss, Cohen & Everitt 1969 SE, DescTools' formula, written out cell by cell)", () => {
  it(`equals R on ${cases.length} count tables (2x2 to 5x5)`, () => {
    const misses: string[] = [];
    for (const c of cases) {
      const r = cohenKappa(c.table, { level: c.level });
      misses.push(...missesOf(`${c.call} (${c.source})`, KEYS.map((key) => [key, r[key], c[key]] as const)));
    }
    expect(misses).toEqual([]);
  });

  const rated = cases.filter((c) => c.ratings);
  it(`equals R from two label arrays on ${rated.length} rating pairs (R tabulates them with table())`, () => {
    expect(rated.length).toBeGreaterThan(10);
    const misses: string[] = [];
    for (const c of rated) {
      const r = cohenKappa(c.ratings!.a, c.ratings!.b, { level: c.level });
      expect(r.n).toBe(c.ratings!.a.length);
      misses.push(...missesOf(`ratings ${JSON.stringify(c.ratings)}: ${c.call}`, KEYS.map((key) => [key, r[key], c[key]] as const)));
    }
    expect(misses).toEqual([]);
  });
});

describe("cohenKappa published values", () => {
  it("matches Fleiss, Cohen & Everitt (1969)'s table (n = 200): kappa .429, and statsmodels cohens_kappa's SE", () => {
    const r = cohenKappa([[106, 10, 4], [22, 28, 10], [2, 12, 6]]);
    expect(r.estimate.toFixed(3)).toBe("0.429");
    expectClose(r.estimate, 3 / 7, "kappa = (0.70 − 0.475)/(1 − 0.475)");
    // statsmodels.stats.inter_rater.cohens_kappa gives std_kappa 0.05371100486916735 for this table
    expectClose(r.se, 0.05371100486916735, "se vs statsmodels");
  });

  it("perfect agreement: kappa 1 with SE 0; complete disagreement on two balanced labels: kappa −1", () => {
    expect(cohenKappa([[5, 0], [0, 3]])).toMatchObject({ estimate: 1, se: 0 });
    expect(cohenKappa([[0, 5], [5, 0]]).estimate).toBe(-1);
  });

  it("labels may be strings or numbers; the table is built over the union of both raters' labels", () => {
    const r = cohenKappa(["a", "b", "a"], ["a", "b", "b"]);
    expectClose(r.estimate, 0.4, "kappa");
    // a label used only by rater B still counts: [[1,1,0],[0,0,1],[0,0,0]] → po = 1/3
    expectClose(cohenKappa([1, 2, 2], [1, 3, 2]).observedAgreement, 2 / 3, "po");
  });
});

describe("cohenKappa bad input", () => {
  it("rejects non-square, negative and fractional tables", () => {
    expect(() => cohenKappa([[1, 2, 3], [4, 5, 6]])).toThrow(/table must be square, got 2 rows but row 0 has 3 columns/);
    expect(() => cohenKappa([[1, -2], [3, 4]])).toThrow(/table\[0\]\[1\] must be a non-negative count, got -2/);
    expect(() => cohenKappa([[1, 2.5], [3, 4]])).toThrow(RangeError);
    expect(() => cohenKappa([[0, 0], [0, 0]])).toThrow(/at least one item/);
  });

  it("rejects unequal or empty label arrays and NaN labels", () => {
    expect(() => cohenKappa(["a", "b"], ["a"])).toThrow(/ratingsA and ratingsB must have the same length, got 2 and 1/);
    expect(() => cohenKappa([], [])).toThrow(/ratingsA must hold at least 1 label, got 0/);
    expect(() => cohenKappa(["a", "b"] as unknown as number[][])).toThrow(/ratingsB must be an array, got undefined/);
    expect(() => cohenKappa([1, Number.NaN], [1, 2])).toThrow(/ratingsA\[1\] must be a string or number label, got NaN/);
  });

  it("throws instead of returning NaN when both raters used a single, identical label", () => {
    expect(() => cohenKappa(["yes", "yes"], ["yes", "yes"])).toThrow(/expected agreement is 1/);
    expect(() => cohenKappa([[4]])).toThrow(RangeError);
  });

  it("rejects a bad level", () => {
    expect(() => cohenKappa([[3, 1], [1, 3]], { level: 1.5 })).toThrow(/level must be strictly between 0 and 1, got 1.5/);
  });
});
