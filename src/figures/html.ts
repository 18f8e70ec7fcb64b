/**
 * Self-contained HTML for a figure: plotly inlined, the figure's JSON embedded, no network needed.
 */
import { readPlotly } from "./render.js";
import { type Figure, escapeText, figureHeight } from "./theme.js";

/**
 * JSON that is safe inside a <script> element: "<" is escaped so a label holding "</script>" cannot
 * end the element, and U+2028/2029 so old parsers do not see line breaks in strings.
 *
 * @example
 * scriptJson("</script>"); // "\"\\u003c/script>\""
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * Plotly's display options for interactive output: no logo, PNG download at the export size.
 *
 * @example
 * plotConfig(900, 560, 2).toImageButtonOptions; // { format: "png", width: 900, height: 560, scale: 2 }
 */
export function plotConfig(width: number, height: number, scale: number): Record<string, unknown> {
  return {
    responsive: true,
    displaylogo: false,
    toImageButtonOptions: { format: "png", width, height, scale },
  };
}

/**
 * Plain text of a plotly label: line breaks to spaces, tags dropped, entities decoded.
 *
 * @example
 * plainText("P(p &gt; 50%)<br>n = 10"); // "P(p > 50%) n = 10"
 */
export function plainText(s: string): string {
  return s
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/**
 * One HTML page holding one interactive figure, with plotly inlined once (works offline; about
 * 4.8 MB, almost all of it plotly). `height` is used when the figure does not set its own
 * `layout.height` (figures with a row per condition do, and plotly would draw them at it anyway).
 *
 * @example
 * figureHtml({ data: [], layout: { title: { text: "x" } } }, "x", 900, 560, 2).startsWith("<!doctype html>"); // true
 */
export function figureHtml(figure: Figure, title: string, width: number, defaultHeight: number, scale: number): string {
  const height = typeof figure.layout.height === "number" ? figureHeight(figure) : defaultHeight;
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeText(plainText(title))}</title>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<style>body{margin:0;background:#fff}#figure{max-width:100%}</style>",
    `<script>${readPlotly()}</script>`,
    "</head><body>",
    `<div id="figure" style="width:${width}px;height:${height}px"></div>`,
    "<script>",
    `Plotly.newPlot("figure", ${scriptJson(figure.data)}, ${scriptJson(figure.layout)}, ${scriptJson(plotConfig(width, height, scale))});`,
    "</script>",
    "</body></html>",
    "",
  ].join("\n");
}
