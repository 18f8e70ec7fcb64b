/**
 * Posterior plot: the Beta posterior of a rate, the chance line, and the mass above chance shaded
 * and stated.
 */
import betaPdf from "@stdlib/stats-base-dists-beta-pdf";
import { qbeta } from "../stats/distributions.js";
import { checkClosedUnit, checkFinite, checkPositiveInteger } from "../stats/validate.js";
import { formatCount, formatPercent } from "../analysis/format.js";
import { checkOptionalCount, checkOptionalText } from "./check.js";
import { plotArea } from "./reference.js";
import { type Figure, baseLayout, fontSizes, palette, referenceColors, referenceLine, textWidth, withAlpha } from "./theme.js";

/** A Beta(alpha, beta) posterior, the chance rate, and P(p > chance) computed by the caller. */
export interface PosteriorInput {
  alpha: number;
  beta: number;
  chance: number;
  probabilityAbove: number;
}

export interface PosteriorOptions {
  finding?: string;
  /** Items behind the posterior, for the subtitle. */
  trials?: number;
  /** Grid points for the density curve (default 400). */
  points?: number;
}

/**
 * Where to draw a Beta density: a grid over the central 99.98% of its mass, widened to include
 * `chance`, kept strictly inside (0, 1) where a density with a or b below 1 is infinite. Returns
 * the grid and the density on it (stdlib's beta pdf, a port of R's `dbeta`).
 *
 * @example
 * betaDensityCurve(2, 2, 0.5, 3).density[1]; // 1.5 = R dbeta(0.5, 2, 2), at the grid's middle
 */
export function betaDensityCurve(a: number, b: number, chance: number, points = 400): { x: number[]; density: number[] } {
  checkFinite("alpha", a);
  checkFinite("beta", b);
  if (!(a > 0)) throw new RangeError(`alpha must be positive, got ${a}`);
  if (!(b > 0)) throw new RangeError(`beta must be positive, got ${b}`);
  checkClosedUnit("chance", chance);
  checkPositiveInteger("points", points);
  if (points < 2) throw new RangeError(`points must be at least 2, got ${points}`);
  const edge = 1e-6;
  const lo = Math.max(edge, Math.min(qbeta(1e-4, a, b), chance - 0.01));
  const hi = Math.min(1 - edge, Math.max(qbeta(1 - 1e-4, a, b), chance + 0.01));
  const x: number[] = [];
  const density: number[] = [];
  for (let i = 0; i < points; i++) {
    const xi = lo + ((hi - lo) * i) / (points - 1);
    x.push(xi);
    density.push(betaPdf(xi, a, b));
  }
  return { x, density };
}

/** Room between the chance line and the P(p > chance) statement, in CSS pixels. */
const statementGap = 10;

/**
 * The Beta density (x in %), a dashed chance line, the area above chance shaded, and
 * P(p > chance) written beside the line, wholly on one side of it: by the shaded area when it
 * fits there (inside it when most of the mass is above chance), else left of the line. Answers
 * "how sure can we be the rate is above chance?".
 *
 * @example
 * const fig = posteriorFigure({ alpha: 61, beta: 41, chance: 0.5, probabilityAbove: 0.97749 });
 * fig.layout.title.text; // "P(rate &gt; chance 50.0%) = 97.7%" (plotly shows ">")
 */
export function posteriorFigure(input: PosteriorInput, options: PosteriorOptions = {}): Figure {
  if (typeof input !== "object" || input === null) throw new TypeError(`input must be an object, got ${String(input)}`);
  const chance = checkClosedUnit("chance", input.chance);
  const probabilityAbove = checkClosedUnit("probabilityAbove", input.probabilityAbove);
  const finding = checkOptionalText("finding", options.finding);
  const trials = checkOptionalCount("trials", options.trials);
  const { x, density } = betaDensityCurve(input.alpha, input.beta, chance, options.points ?? 400);
  const a = input.alpha;
  const b = input.beta;

  // The shaded part: the grid above chance, starting exactly at chance so the edge sits on the line.
  const above = x.map((xi, i) => ({ xi, d: density[i] })).filter((p) => p.xi > chance);
  const shadeX = [chance, ...above.map((p) => p.xi)];
  const shadeY = [betaPdf(chance, a, b), ...above.map((p) => p.d)];
  const peak = Math.max(...density.filter(Number.isFinite));

  const title = finding ?? `P(rate > chance ${formatPercent(chance)}) = ${formatPercent(probabilityAbove)}`;
  const mean = a / (a + b);
  const subtitle = `Beta(${+a.toPrecision(6)}, ${+b.toPrecision(6)}) posterior · mean ${formatPercent(mean)}${trials === undefined ? "" : ` · n = ${formatCount(trials)} items`}`;
  const layout = baseLayout({ title, subtitle, xTitle: "Rate (%)", yTitle: "Posterior density" });
  const [xMin, xMax] = [x[0], x[x.length - 1]];
  Object.assign(layout.xaxis as object, { tickformat: ".0%", range: [xMin, xMax] });
  Object.assign(layout.yaxis as object, { range: [0, peak * 1.12] });
  layout.shapes = [referenceLine("x", chance, referenceColors.chance)];
  // The statement goes right of the chance line, by the shaded area it measures (in it when that
  // holds most of the mass, above it otherwise), or left when it would not fit; never across the line.
  const statement = `P(p > ${formatPercent(chance)}) = ${formatPercent(probabilityAbove)}`;
  const size = fontSizes.annotation + 1;
  const room = plotArea(layout).width;
  const at = ((chance - xMin) / (xMax - xMin)) * room;
  const need = textWidth(statement, size) + statementGap + 8;
  const right = at + need <= room || at - need < 0;
  layout.annotations = [
    {
      x: chance,
      xref: "x",
      y: 1,
      yref: "paper",
      yanchor: "bottom",
      // Centred over the line unless that would run past the plot's edge.
      xanchor: at < 0.2 * room ? "left" : at > 0.8 * room ? "right" : "center",
      showarrow: false,
      text: `chance ${formatPercent(chance)}`,
      font: { size: fontSizes.annotation, color: referenceColors.chance },
    },
    {
      x: chance,
      xref: "x",
      y: peak * (right && mean > chance ? 0.3 : 0.8),
      yref: "y",
      xanchor: right ? "left" : "right",
      xshift: right ? statementGap : -statementGap,
      showarrow: false,
      text: statement,
      font: { size, color: "#0B3C5D" },
      bgcolor: "rgba(255,255,255,0.8)",
    },
  ];
  (layout.margin as Record<string, number>).t += 24;
  const data: Record<string, unknown>[] = [];
  if (above.length > 0) {
    data.push({
      type: "scatter",
      mode: "lines",
      name: "above chance",
      x: shadeX,
      y: shadeY,
      fill: "tozeroy",
      fillcolor: withAlpha(palette.blue, 0.3),
      line: { width: 0, color: palette.blue },
      hoverinfo: "skip",
    });
  }
  data.push({
    type: "scatter",
    mode: "lines",
    name: "posterior density",
    x,
    y: density,
    line: { color: palette.blue, width: 3 },
    hovertemplate: "%{x:.1%}: %{y:.3g}<extra></extra>",
  });
  return { data, layout };
}
