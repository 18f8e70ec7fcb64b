/**
 * The shared look: palette helpers, reference colours, text wrapping and widths, the base layout,
 * and the height a figure asks for.
 */
import { describe, expect, it } from "vitest";
import {
  baseLayout,
  escapeText,
  figureHeight,
  palette,
  referenceColors,
  referenceLine,
  rowsHeight,
  seriesColor,
  textWidth,
  withAlpha,
  wrapText,
} from "../../src/figures/theme.js";

describe("theme", () => {
  it("wraps long titles at spaces", () => {
    expect(wrapText("aaa bbb ccc", 7)).toEqual(["aaa bbb", "ccc"]);
    expect(wrapText("short", 66)).toEqual(["short"]);
  });
  it("matches its documented examples", () => {
    expect(seriesColor(7)).toBe("#0072B2");
    expect(withAlpha("#0072B2", 0.3)).toBe("rgba(0, 114, 178, 0.3)");
    expect(escapeText("x < y & z")).toBe("x &lt; y &amp; z");
    expect(baseLayout({ title: "T", xTitle: "x (%)", yTitle: "y" }).margin).toEqual({ l: 80, r: 50, t: 58, b: 80 });
    expect(referenceLine("x", 0.5, "#000000").x0).toBe(0.5);
  });
  it("gives reference lines colours by meaning, from the palette", () => {
    expect(referenceColors).toEqual({ chance: palette.vermillion, threshold: palette.grey, study: palette.black });
  });
  it("measures text generously: digits 0.64 em, capitals 0.72, narrow marks 0.32, symbols 0.84", () => {
    // "adj. p = 1": a d p (3 × 0.64) + j . space space space (5 × 0.32) + "=" 0.84 + "1" 0.64 = 5.0 em.
    expect(textWidth("adj. p = 1", 16)).toBe(80);
    expect(textWidth("A", 10)).toBe(8);
    // Markup and entities take no room of their own.
    expect(textWidth('<span style="color:#D55E00">1</span>', 10)).toBe(7);
    expect(textWidth("&lt;", 10)).toBe(7);
  });
  it("sizes figures with one row per condition by their rows", () => {
    expect(rowsHeight({ margin: { t: 100, b: 80 } }, 2).height).toBe(330);
    expect(rowsHeight({ margin: { t: 100, b: 80 } }, 9).height).toBe(100 + 80 + 9 * 58);
    expect(figureHeight({ data: [], layout: { height: 330 } })).toBe(330);
    expect(figureHeight({ data: [], layout: {} })).toBe(560);
    expect(figureHeight({ data: [], layout: { height: -1 } })).toBe(560);
  });
});
