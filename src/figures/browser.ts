/**
 * Finding and starting the headless Chromium that draws figures. playwright-core is imported only
 * here and only when a browser is needed, so loading evalgap never pays for it.
 */
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { importOptional } from "../optional.js";

/** Flags for a quiet, offline, sandbox-free headless start (containers and CI run as root). */
export const browserArgs: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const usualPaths = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/opt/google/chrome/chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
  "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
];

/** Browsers that `npx playwright install chromium` leaves in its cache. */
function playwrightCachePaths(): string[] {
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), ".cache", "ms-playwright");
  if (!existsSync(cache)) return [];
  return readdirSync(cache)
    .filter((d) => d.startsWith("chromium"))
    .flatMap((d) => [join(cache, d, "chrome-linux", "chrome"), join(cache, d, "chrome-linux64", "chrome")]);
}

/** How to get a browser, for the error raised when none is found. */
export const installHint =
  "evalgap draws SVG/PNG figures with a headless Chromium and found none. Install one " +
  "(Debian/Ubuntu: `sudo apt-get install -y chromium`; macOS: install Google Chrome; or " +
  "`npx playwright install chromium`), or set CHROME_PATH to a Chrome/Chromium executable. " +
  'HTML export (formats: ["html"]) needs no browser.';

/**
 * The Chromium executable to use: CHROME_PATH when set (it must exist), else the first of the usual
 * install paths and the playwright cache. Throws an Error with install instructions when none exists.
 *
 * @example
 * findBrowser({ CHROME_PATH: "/usr/bin/chromium" }); // "/usr/bin/chromium" (when it exists)
 */
export function findBrowser(env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv !== undefined && fromEnv !== "") {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH is ${JSON.stringify(fromEnv)}, which does not exist. ${installHint}`);
    return fromEnv;
  }
  const found = [...usualPaths, ...playwrightCachePaths()].find((p) => existsSync(p));
  if (found === undefined) throw new Error(installHint);
  return found;
}

/**
 * Start one headless Chromium (the caller closes it).
 *
 * @example
 * const browser = await launchBrowser(); // …; await browser.close();
 */
export async function launchBrowser(executablePath = findBrowser()): Promise<Browser> {
  const { chromium } = await importOptional<typeof import("playwright-core")>("playwright-core", "evalgap/figures: drawing SVG and PNG figures");
  return chromium.launch({ executablePath, headless: true, args: [...browserArgs] });
}
