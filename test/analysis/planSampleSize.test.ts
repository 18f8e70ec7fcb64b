import { describe, expect, it } from "vitest";
import { planSampleSize } from "../../src/analysis/planSampleSize.js";
import { expectClose } from "../helpers/close.js";
import { fx } from "./fixture.js";

describe("planSampleSize (against R: Fleiss, power.prop.test, Connor 1987, Miller 2024)", () => {
  const f = fx.plan;

  it("one rate against chance: Fleiss' normal formula, one-sided by default", () => {
    const p = planSampleSize({ p0: 0.5, p1: 0.51 });
    expect(p).toMatchObject({ design: "one-rate", alternative: "greater", items: Math.ceil(f.oneRate.n), perGroup: false });
    expectClose(p.n, f.oneRate.n, "n");
    expectClose(planSampleSize({ p0: 0.5, p1: 0.51, alternative: "two-sided" }).n, f.oneRate.nTwoSided, "two-sided n");
    expect(p.sentence).toBe("To tell a true rate of 51.0% from chance at 50% (one-sided, α = 0.05) with 80% power takes 15,455 items.");
  });

  it("two independent conditions: power.prop.test, items per condition", () => {
    const p = planSampleSize({ p1: 0.5, p2: 0.6 });
    expect(p).toMatchObject({ design: "independent", items: 388, perGroup: true });
    expectClose(p.n, f.independent.n, "n", 1e-6); // R's uniroot stops at ~1e-4 relative; the closed form is exact
    expect(p.sentence).toMatch(/takes 388 items per condition\.$/);
  });

  it("paired, from the discordance or from a correlation", () => {
    const d = planSampleSize({ design: "paired", delta: 0.05, discordance: 0.2 });
    expectClose(d.n, f.pairedDiscordance.n, "n from discordance");
    const c = planSampleSize({ p1: 0.5, p2: 0.55, correlation: 0.6 });
    expect(c.design).toBe("paired");
    expectClose(c.discordance!, f.pairedCorrelation.discordance, "discordance");
    expectClose(c.n, f.pairedCorrelation.n, "n from correlation");
  });

  it("K samples per item: Miller's ω² + σ²/K", () => {
    const r = f.repeated;
    expectClose(planSampleSize({ delta: r.delta, omega2: r.omega2, sigma2: r.sigma2, samples: r.K }).n, r.n, "n at K = 5");
    expectClose(planSampleSize({ delta: r.delta, omega2: r.omega2, sigma2: r.sigma2 }).n, r.n1, "n at K = 1");
  });

  it("rejects missing and impossible inputs, naming them", () => {
    expect(() => planSampleSize({ p0: 0.5 })).toThrow(/p1 is required for the one-rate design, got undefined/);
    expect(() => planSampleSize({ design: "triple" as "paired" })).toThrow(/design must be one of/);
    expect(() => planSampleSize({ p0: 0.5, p1: 1.2 })).toThrow(/p1 must be strictly between 0 and 1, got 1.2/);
    expect(() => planSampleSize({ design: "paired", delta: 0.5, discordance: 0.2 })).toThrow(/discordance \(0.2\) must exceed delta²/);
    expect(() => planSampleSize({ p1: 0.1, p2: 0.9, correlation: 0.9 })).toThrow(/correlation 0.9 is impossible/);
    expect(() => planSampleSize({ delta: 0.03, omega2: -1, sigma2: 0.1 })).toThrow(/omega2 must be a variance/);
    expect(() => planSampleSize({ delta: 0.03, omega2: 0.02, sigma2: 0.1, samples: 0 })).toThrow(/samples must be at least 1, got 0/);
    expect(() => planSampleSize({ p0: 0.5, p1: 0.6, power: 1 })).toThrow(/power must be strictly between 0 and 1, got 1/);
  });
});
