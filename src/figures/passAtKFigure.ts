/**
 * pass@k curve: the chance that at least one of k answers is right (and, dashed, that all k are)
 * against k, one line per condition with its interval as a band.
 */
import type { PassAtKResult } from "../analysis/passAtK.js";
import { formatPercent } from "../analysis/format.js";
import { checkCount, show } from "../stats/validate.js";
import { checkEstimate, checkOptionalText, checkRows, checkText } from "./check.js";
import { sampleSizePhrase } from "./forest.js";
import { placeLegend } from "./legend.js";
import { type Figure, type Trace, baseLayout, escapeText, seriesColor, withAlpha } from "./theme.js";

export interface PassAtKFigureOptions {
  /** The finding for the title; default names each condition's pass@1 and pass@K. */
  finding?: string;
}

/** Results grouped by condition (first-seen order), then by measure, each sorted by k. */
function groupCurves(curves: PassAtKResult[]): Map<string, Map<string, PassAtKResult[]>> {
  const groups = new Map<string, Map<string, PassAtKResult[]>>();
  for (const c of curves) {
    const byMeasure = groups.get(c.condition) ?? new Map<string, PassAtKResult[]>();
    groups.set(c.condition, byMeasure);
    const list = byMeasure.get(c.measure) ?? [];
    byMeasure.set(c.measure, list);
    list.push(c);
  }
  for (const byMeasure of groups.values()) {
    for (const [measure, list] of byMeasure) {
      list.sort((a, b) => a.k - b.k);
      list.forEach((r, i) => {
        if (i > 0 && r.k === list[i - 1].k) throw new RangeError(`curves holds ${measure} at k = ${r.k} twice for condition ${show(r.condition)}`);
      });
    }
  }
  return groups;
}

/**
 * pass@k (solid) and pass^k (dashed, when given) against k, one colour per condition, each with
 * its item-level interval as a shaded band; the input is the results of `passAtKCurve` (Chen et
 * al. 2021's unbiased estimator; pass^k as in tau-bench), any conditions and measures concatenated.
 * Answers "how much do more attempts buy, and does the model get it right every time?".
 *
 * @example
 * // passAtKCurve's example: two items, three answers each.
 * const rows = [1, 0, 0, 0, 0, 1].map((score, i) => ({ item: `q${i % 2}`, condition: "A", score }));
 * passAtKFigure(passAtKCurve(rows)).data[1].y[1]; // 0.6666666666666666 (pass@2)
 */
export function passAtKFigure(curves: PassAtKResult[], options: PassAtKFigureOptions = {}): Figure {
  const list = checkRows<PassAtKResult>("curves", curves);
  const finding = checkOptionalText("finding", options.finding);
  list.forEach((c, i) => {
    checkText(`curves[${i}].condition`, c.condition);
    if (c.measure !== "pass@k" && c.measure !== "pass^k") throw new RangeError(`curves[${i}].measure must be "pass@k" or "pass^k", got ${show(c.measure)}`);
    if (checkCount(`curves[${i}].k`, c.k) < 1) throw new RangeError(`curves[${i}].k must be at least 1, got ${c.k}`);
    checkEstimate(`curves[${i}]`, c, true);
  });
  const levels = new Set(list.map((c) => c.level));
  const groups = groupCurves(list);
  const data: Trace[] = [];
  const summaries: string[] = [];
  const entries: string[] = [];
  [...groups].forEach(([condition, byMeasure], s) => {
    const color = seriesColor(s);
    const name = escapeText(condition);
    for (const measure of ["pass@k", "pass^k"]) {
      const pts = byMeasure.get(measure);
      if (pts === undefined) continue;
      const label = byMeasure.size > 1 ? `${name} ${measure}` : name;
      const ks = pts.map((p) => p.k);
      data.push({
        type: "scatter",
        mode: "lines",
        name: `${label} band`,
        legendgroup: label,
        showlegend: false,
        x: [...ks, ...ks.slice().reverse()],
        y: [...pts.map((p) => p.upper), ...pts.map((p) => p.lower).reverse()],
        fill: "toself",
        fillcolor: withAlpha(color, measure === "pass@k" ? 0.18 : 0.1),
        line: { width: 0, color },
        hoverinfo: "skip",
      });
      data.push({
        type: "scatter",
        mode: "lines+markers",
        name: label,
        legendgroup: label,
        x: ks,
        y: pts.map((p) => p.estimate),
        line: { color, width: 3, dash: measure === "pass@k" ? "solid" : "dash" },
        marker: { color, size: 7 },
        customdata: pts.map((p) => [p.lower, p.upper]),
        hovertemplate: `${label}<br>k = %{x}: %{y:.1%} (%{customdata[0]:.1%}–%{customdata[1]:.1%})<extra></extra>`,
      });
      entries.push(label);
      if (measure === "pass@k") {
        const last = pts[pts.length - 1];
        summaries.push(`${condition} ${formatPercent(pts[0].estimate)} at k = ${pts[0].k}, ${formatPercent(last.estimate)} at k = ${last.k}`);
      }
    }
  });

  const title = finding ?? (summaries.length > 0 && summaries.length <= 2 ? `pass@k: ${summaries.join("; ")}` : `pass@k against k for ${groups.size} condition${groups.size === 1 ? "" : "s"}`);
  const levelText = levels.size === 1 ? `${formatPercent([...levels][0], 0)} CI` : "CI";
  const hasHat = list.some((c) => c.measure === "pass^k");
  const subtitle = `${sampleSizePhrase(list.map((c) => c.items))} · bands: ${levelText} over items${hasHat ? " · dashed: pass^k (all k right)" : ""}`;
  const layout = baseLayout({ title, subtitle, xTitle: "k (attempts per item)", yTitle: "Rate (%)", showLegend: entries.length > 1 });
  const ks = list.map((c) => c.k);
  const kMax = Math.max(...ks);
  const kMin = Math.min(...ks);
  const ys = list.flatMap((c) => [c.lower, c.upper]);
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const pad = 0.05 * (hi - lo || 0.1);
  Object.assign(layout.yaxis as object, { tickformat: ".0%", range: [Math.max(-0.01, lo - pad), Math.min(1.01, hi + pad)] });
  // Integers only: k is a count of attempts.
  Object.assign(layout.xaxis as object, { range: [kMin - 0.3, kMax + 0.3], tickmode: kMax - kMin <= 12 ? "linear" : "auto", dtick: 1, tick0: 1, tickformat: "d" });
  if (kMax - kMin > 12) delete (layout.xaxis as Record<string, unknown>).dtick;
  // Bands fill most of the plot, so the legend goes above it rather than into a corner.
  if (entries.length > 1) placeLegend(layout, entries, "above", []);
  return { data, layout };
}
