/** Self-contained HTML: script-safe JSON, plain titles, plotly's display options, the page's size. */
import { describe, expect, it } from "vitest";
import { figureHtml, plainText, plotConfig, scriptJson } from "../../src/figures/html.js";

describe("HTML helpers", () => {
  it("keeps labels from closing the script element, and reads titles back as plain text", () => {
    const json = scriptJson({ label: "</script><script>alert(1)</script>" });
    expect(json).not.toContain("</script");
    expect(JSON.parse(json)).toEqual({ label: "</script><script>alert(1)</script>" });
    expect(plainText("P(p &gt; 50%)<br>n = 10")).toBe("P(p > 50%) n = 10");
    expect(scriptJson("</script>")).toBe('"\\u003c/script>"');
  });
  it("match their documented examples", () => {
    expect(plotConfig(900, 560, 2).toImageButtonOptions).toEqual({ format: "png", width: 900, height: 560, scale: 2 });
    expect(figureHtml({ data: [], layout: { title: { text: "x" } } }, "x", 900, 560, 2).startsWith("<!doctype html>")).toBe(true);
  });
  it("sizes the page at the figure's own height when it has one, else at the height given", () => {
    expect(figureHtml({ data: [], layout: {} }, "x", 900, 560, 2)).toContain('<div id="figure" style="width:900px;height:560px">');
    expect(figureHtml({ data: [], layout: { height: 330 } }, "x", 900, 560, 2)).toContain('<div id="figure" style="width:900px;height:330px">');
  });
});
