/**
 * `npm run paper`: regenerate every figure the notebooks show, from data/, into figures/ (SVG,
 * PNG and interactive HTML), with figures/index.html (the gallery) and figures/report.md (the
 * verdict table).
 *
 *   npm run paper                     into figures/
 *   npm run paper -- --out /tmp/fig   somewhere else
 */
import { fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";
import { runPaper } from "./paper/pipeline.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
let outDir = join(root, "figures");
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--out" && args[i + 1] !== undefined) outDir = resolve(args[++i]);
  else if (args[i] === "-h" || args[i] === "--help") {
    console.log("usage: npm run paper -- [--out DIR]");
    process.exit(0);
  } else {
    console.error(`paper: unknown argument ${args[i]} (usage: npm run paper -- [--out DIR])`);
    process.exit(2);
  }
}

try {
  await runPaper({ dataDir: join(root, "data"), outDir });
} catch (error) {
  console.error(`paper: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
