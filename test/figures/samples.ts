/**
 * One realistic figure of each kind (numbers from R, see the comments), shared by the rendering
 * tests and bench/figures.bench.ts. `marks` is how many data marks each figure's SVG must hold.
 */
import { discordanceFigure } from "../../src/figures/discordance.js";
import { forestFigure } from "../../src/figures/forest.js";
import { gapFigure } from "../../src/figures/gap.js";
import { itemScatterFigure } from "../../src/figures/itemScatter.js";
import { posteriorFigure } from "../../src/figures/posterior.js";
import { powerFigure } from "../../src/figures/power.js";
import { pValueFigure } from "../../src/figures/pvalue.js";
import { sweepFigure } from "../../src/figures/sweep.js";
import type { Figure } from "../../src/figures/theme.js";
import { pbinom, pnorm, qnorm } from "../../src/stats/distributions.js";
import { createRandom } from "../../src/stats/random.js";

export interface Sample {
  figure: Figure;
  /** Text the drawn title must contain. */
  titleText: string;
  /** CSS selector for the data marks and how many there must be. */
  marks: { selector: string; count: number };
}

// Wilson 95% intervals from R prop.test(k, n, correct = FALSE)$conf.int.
const forest = forestFigure(
  [
    { label: "zero-shot", estimate: 260 / 500, lower: 0.4762, upper: 0.5635, n: 500 },
    { label: "chain-of-thought", estimate: 305 / 500, lower: 0.5666, upper: 0.6518, n: 500 },
    { label: "few-shot (5)", estimate: 276 / 480, lower: 0.5304, upper: 0.6185, n: 480 },
  ],
  { chance: [{ value: 0.5, kind: "uniform" }, { value: 0.56, kind: "majority" }] },
);

const gap = gapFigure(
  [
    { label: "chain-of-thought", estimate: 0.09, lower: 0.046, upper: 0.133, pAdjusted: 0.0003, significant: true, n: 500 },
    { label: "few-shot (5)", estimate: 0.055, lower: 0.012, upper: 0.097, pAdjusted: 0.024, significant: true, n: 500 },
    { label: "persona", estimate: -0.012, lower: -0.055, upper: 0.031, pAdjusted: 0.58, significant: false, n: 500 },
  ],
  { correction: "Holm", baseline: "zero-shot" },
);

const temps = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5];
const sweep = sweepFigure(
  [
    ...temps.map((x, i) => ({ series: "model-a", x, estimate: 0.72 - 0.02 * i * i * 0.5, lower: 0.68 - 0.01 * i * i, upper: 0.76 - 0.005 * i * i, n: 400 })),
    ...temps.map((x, i) => ({ series: "model-b", x, estimate: 0.6 - 0.01 * i, lower: 0.55 - 0.01 * i, upper: 0.65 - 0.01 * i, n: 400 })),
  ].map((p) => ({ ...p, estimate: Math.min(Math.max(p.estimate, p.lower), p.upper) })),
);

// One-sample power against 50% (normal approximation, one-sided α = 0.025 per side) via pnorm.
const ns = [50, 100, 200, 300, 400, 600, 800, 1000, 1500, 2000];
const powerCurve = (p1: number) =>
  ns.map((n) => pnorm((Math.abs(p1 - 0.5) * Math.sqrt(n) - qnorm(0.975) * 0.5) / Math.sqrt(p1 * (1 - p1))));
const power = powerFigure(
  [
    { label: "true rate 55%", n: ns, power: powerCurve(0.55) },
    { label: "true rate 58%", n: ns, power: powerCurve(0.58) },
    { label: "true rate 62%", n: ns, power: powerCurve(0.62) },
  ],
  { alpha: 0.05 },
);

// One-sided exact p-values of 51% against 50%, as R binom.test(round(0.51 * n), n, 0.5, "greater").
const pNs = [100, 500, 1000, 2000, 4000, 6000, 8000, 10000, 15000, 20000];
const pVals = pNs.map((n) => pbinom(Math.round(0.51 * n) - 1, n, 0.5, false));
const pvalue = pValueFigure({ n: pNs, pValue: pVals }, { alpha: 0.05, observed: 0.51, chance: 0.5 });

// Beta(1 + 61, 1 + 39) from a uniform prior and 61/100 right; R 1 - pbeta(0.5, 62, 40) = 0.98596.
const posterior = posteriorFigure({ alpha: 62, beta: 40, chance: 0.5, probabilityAbove: 0.98596 }, { trials: 100 });

const discordance = discordanceFigure({ both: 300, onlyA: 40, onlyB: 25, neither: 135, labels: ["chain-of-thought", "zero-shot"] });

// Seeded binomial draws: item difficulty d, A right with chance d, B with chance d + 0.1.
const random = createRandom(20240601);
const items = Array.from({ length: 60 }, (_, i) => {
  const samples = 1 + (i % 8);
  const d = 0.1 + 0.8 * random.next();
  return { item: `q${i + 1}`, a: random.binomial(samples, d) / samples, b: random.binomial(samples, Math.min(1, d + 0.1)) / samples, samples };
});
const scatter = itemScatterFigure(items, { labels: ["zero-shot", "chain-of-thought"] });

export const samples: Record<string, Sample> = {
  forest: { figure: forest, titleText: "Highest: chain-of-thought", marks: { selector: ".scatterlayer .point", count: 3 } },
  gap: { figure: gap, titleText: "2 of 3 gaps significant", marks: { selector: ".scatterlayer .point", count: 3 } },
  sweep: { figure: sweep, titleText: "model-a peaks", marks: { selector: ".scatterlayer .point", count: 14 } },
  power: { figure: power, titleText: "80% power needs", marks: { selector: ".scatterlayer .js-line", count: 3 } },
  pvalue: { figure: pvalue, titleText: "beats 50.0% chance", marks: { selector: ".scatterlayer .point", count: 1 } },
  posterior: { figure: posterior, titleText: "P(rate > chance 50.0%) = 98.6%", marks: { selector: ".scatterlayer .js-fill", count: 1 } },
  discordance: { figure: discordance, titleText: "chain-of-thought alone right on 40", marks: { selector: ".shapelayer path", count: 4 } },
  scatter: { figure: scatter, titleText: "chain-of-thought higher on", marks: { selector: ".scatterlayer .point", count: 60 } },
};
