/**
 * Reading rendered figures back: PNG size from its header, ink and colours through a canvas, and
 * SVG marks and title through the browser's DOMParser. Shared by the rendering tests.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian), after checking the signature. */
export function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Share of pixels that are not white, and how many distinct colours, read back through a canvas. */
export async function inkOf(page: Page, png: Buffer): Promise<{ ink: number; colors: number }> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    const colors = new Set<number>();
    for (let i = 0; i < px.length; i += 4) {
      if (px[i] < 245 || px[i + 1] < 245 || px[i + 2] < 245) ink++;
      if (colors.size < 1000) colors.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
    }
    return { ink: ink / (px.length / 4), colors: colors.size };
  }, png.toString("base64"));
}

/** How many elements of an SVG document match a CSS selector. */
export async function countMarks(page: Page, svg: string, selector: string): Promise<number> {
  return page.evaluate(
    ({ svg, selector }) => new DOMParser().parseFromString(svg, "image/svg+xml").querySelectorAll(selector).length,
    { svg, selector },
  );
}

/** The title's text as drawn (all lines of it, entities decoded). */
export async function titleText(page: Page, svg: string): Promise<string> {
  return page.evaluate(
    (svg) => Array.from(new DOMParser().parseFromString(svg, "image/svg+xml").querySelectorAll(".gtitle")).map((t) => t.textContent).join(" "),
    svg,
  );
}
