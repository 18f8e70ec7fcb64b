/** evalgap's public API: re-exports only. */
export * from "./stats/index.js";
