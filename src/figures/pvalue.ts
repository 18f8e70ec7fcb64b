/**
 * "When would 51% beat chance?": the p-value an observed rate would get at each n, with the α line
 * and the n where it first drops below α.
 */
import { checkClosedUnit, checkNumberArray, checkOpenUnit, checkSameLength } from "../stats/validate.js";
import { checkOptionalText } from "./check.js";
import { ceilItems, crossingPoint } from "./crossing.js";
import { formatCount, formatPercent } from "../analysis/format.js";
import { type Figure, baseLayout, fontSizes, palette, referenceColors, referenceLine } from "./theme.js";

/** p-values computed by the caller at each n (n increasing). */
export interface PValueCurve {
  n: number[];
  pValue: number[];
}

export interface PValueOptions {
  /** The significance level drawn as a line (default 0.05). */
  alpha?: number;
  /** The observed rate held fixed as n grows, for the title. */
  observed?: number;
  /** The chance rate it is tested against, for the title. */
  chance?: number;
  finding?: string;
  xTitle?: string;
}

/** Smallest p drawn: plotly's log axis cannot show 0, and nothing below 1e-300 changes a verdict. */
const floorP = 1e-300;

/**
 * p-value on a log axis against n, a dashed line at α and a marker where the curve first crosses
 * it (interpolated on log10 p between computed points). Answers "how many items until this rate
 * is distinguishable from chance?".
 *
 * @example
 * const fig = pValueFigure({ n: [100, 1000], pValue: [0.5, 0.005] }, { alpha: 0.05 });
 * fig.data[1].x; // [550]: log10 p falls from −0.301 to −2.301, crossing −1.301 half way
 */
export function pValueFigure(curve: PValueCurve, options: PValueOptions = {}): Figure {
  if (typeof curve !== "object" || curve === null) throw new TypeError(`curve must be an object with n and pValue, got ${String(curve)}`);
  const n = Array.from(checkNumberArray("curve.n", curve.n, 2));
  const p = Array.from(checkNumberArray("curve.pValue", curve.pValue, 2));
  checkSameLength("curve.n", n, "curve.pValue", p);
  p.forEach((v, i) => checkClosedUnit(`curve.pValue[${i}]`, v));
  const alpha = options.alpha === undefined ? 0.05 : checkOpenUnit("alpha", options.alpha);
  const observed = options.observed === undefined ? undefined : checkClosedUnit("observed", options.observed);
  const chance = options.chance === undefined ? undefined : checkClosedUnit("chance", options.chance);
  const finding = checkOptionalText("finding", options.finding);
  const xTitle = checkOptionalText("xTitle", options.xTitle) ?? "Items (n)";

  const drawn = p.map((v) => Math.max(v, floorP));
  const logP = drawn.map(Math.log10);
  const reach = crossingPoint(n, logP, Math.log10(alpha));
  const rateText =
    observed !== undefined && chance !== undefined
      ? `An observed ${formatPercent(observed)} beats ${formatPercent(chance)} chance`
      : observed !== undefined
        ? `An observed ${formatPercent(observed)} is significant`
        : "p falls below α";
  const title =
    finding ??
    (reach === null
      ? `${rateText.replace("beats", "does not beat").replace("is significant", "is not significant")} at α = ${alpha} by n = ${formatCount(n[n.length - 1])}`
      : `${rateText} at α = ${alpha} from n ≈ ${formatCount(ceilItems(reach))}`);
  const subtitle = `p-value if the observed rate held at each n · dashed: α = ${alpha}`;

  const layout = baseLayout({ title, subtitle, xTitle, yTitle: "p-value (log scale)" });
  const minLog = Math.min(...logP, Math.log10(alpha)) - 0.3;
  // Decimals (1, 0.1, 0.01) read best down to 1e-5; below that, powers of ten.
  Object.assign(layout.yaxis as object, { type: "log", range: [minLog, 0.05], dtick: 1, exponentformat: minLog < -5 ? "power" : "none" });
  Object.assign(layout.xaxis as object, { rangemode: "tozero", tickformat: "," });
  layout.shapes = [referenceLine("y", alpha, referenceColors.chance)];
  layout.annotations = [
    {
      x: 1,
      xref: "paper",
      xanchor: "right",
      y: Math.log10(alpha),
      yref: "y",
      yanchor: "bottom",
      showarrow: false,
      text: `α = ${alpha}`,
      font: { size: fontSizes.annotation, color: referenceColors.chance },
    },
  ];
  const data: Record<string, unknown>[] = [
    {
      type: "scatter",
      mode: "lines",
      name: "p-value",
      x: n,
      y: drawn,
      line: { color: palette.blue, width: 3 },
      hovertemplate: "n = %{x}<br>p = %{y:.3g}<extra></extra>",
    },
  ];
  if (reach !== null) {
    data.push({
      type: "scatter",
      mode: "markers",
      name: "crosses α",
      x: [reach],
      y: [alpha],
      marker: { color: palette.vermillion, size: 14, symbol: "diamond", line: { color: "#FFFFFF", width: 1.5 } },
      hovertemplate: "p < α from n ≈ %{x:.0f}<extra></extra>",
    });
    (layout.annotations as Record<string, unknown>[]).push({
      x: reach,
      xref: "x",
      y: Math.log10(alpha),
      yref: "y",
      ax: 40,
      ay: -50,
      xanchor: "left",
      showarrow: true,
      arrowcolor: palette.vermillion,
      text: `n ≈ ${formatCount(ceilItems(reach))}`,
      font: { size: fontSizes.annotation, color: palette.vermillion },
      bgcolor: "rgba(255,255,255,0.85)",
    });
  }
  return { data, layout };
}
