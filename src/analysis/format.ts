/**
 * Numbers as evalgap prints them, in sentences, CLI tables and figure labels alike. Verdicts are read
 * by people who will quote them, and a figure sits next to the sentence that describes it, so the
 * rounding is fixed here once: rates to 0.1 percentage point, differences in signed percentage
 * points ("pp"), counts with thousands separators, p-values to two significant digits. src/figures
 * imports these; nothing here knows about figures.
 */

/**
 * A fraction as a percent with one decimal: 0.51 → "51.0%".
 *
 * @example
 * formatPercent(0.539) // "53.9%"
 */
export function formatPercent(x: number, digits = 1): string {
  return `${(100 * x).toFixed(digits)}%`;
}

/**
 * A rate named in passing (a chance rate), without a trailing ".0": 0.5 → "50%", 0.2133 → "21.3%".
 *
 * @example
 * formatRate(0.25) // "25%"
 */
export function formatRate(x: number): string {
  return `${Number((100 * x).toFixed(1))}%`;
}

/**
 * A signed gap in percentage points: 0.031 → "+3.1 pp"; a gap that rounds to zero has no sign.
 *
 * @example
 * formatPoints(-0.031) // "−3.1 pp"
 */
export function formatPoints(x: number, digits = 1): string {
  const v = (100 * x).toFixed(digits);
  if (Number(v) === 0) return `${(0).toFixed(digits)} pp`;
  return `${x > 0 ? "+" : "−"}${v.replace("-", "")} pp`;
}

/**
 * A count with thousands separators: 10000 → "10,000".
 *
 * @example
 * formatCount(1000) // "1,000"
 */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/**
 * A p-value to two significant digits, "< 0.0001" below that: 0.2739864 → "0.27".
 *
 * @example
 * formatP(0.02329276) // "0.023"
 */
export function formatP(p: number): string {
  if (p < 1e-4) return "< 0.0001";
  if (p >= 0.995) return "1";
  return String(Number(p.toPrecision(2)));
}

/**
 * A p-value as a sentence says it: "p = 0.27", or "p < 0.0001" below the printed precision.
 *
 * @example
 * pText(0.2739864) // "p = 0.27"
 */
export function pText(p: number): string {
  const f = formatP(p);
  return f.startsWith("<") ? `p ${f}` : `p = ${f}`;
}

/**
 * An interval of fractions as percents with a single "%": "47.9–54.1%".
 *
 * @example
 * formatInterval(0.479, 0.541) // "47.9–54.1%"
 */
export function formatInterval(lower: number, upper: number): string {
  return `${(100 * lower).toFixed(1)}–${formatPercent(upper)}`;
}

/**
 * The confidence level as a percent: 0.95 → "95%".
 *
 * @example
 * formatLevel(0.9) // "90%"
 */
export function formatLevel(level: number): string {
  return formatRate(level);
}
