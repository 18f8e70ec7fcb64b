/**
 * evalgap's public API, chosen on purpose: the statistics (`src/stats`), the loaders (`src/runs`)
 * and the eval-aware layer (`src/analysis`). Importing it loads no figure, collector or notebook
 * code; those have subpaths of their own:
 *
 * - `evalgap/figures`: plotly figure specs, export through Chromium, notebook display;
 * - `evalgap/collect`: runs through the Anthropic API, scorers, task files;
 * - `evalgap/paper`: the notebooks' story code (not part of the library's API).
 */
export * from "./stats/index.js";
export * from "./runs/index.js";
export * from "./analysis/index.js";
