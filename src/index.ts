/** evalgap's public API: re-exports only. */
export * from "./stats/index.js";
export type { RunRecord } from "./runs/record.js";
export * from "./runs/index.js";
export * from "./collect/index.js";
export * from "./figures/index.js";
export * from "./analysis/index.js";
export * from "./paper/index.js";
