/**
 * Deterministic all-pairs families for the figure tests: four conditions on 60 items, every item
 * scored the same way each run, so compareAll, summarize and rankConditions give fixed results.
 */
/** Items right per condition (of 60): "middle" cannot be told from "top" nor from "lower", which differ; "behind" is clear. */
const rightOf: Record<string, number> = { lower: 40, top: 50, behind: 20, middle: 45 };

/** Records where condition c gets items q0 … q(right−1) right, so the conditions are nested (paired). */
export const familyRecords = Object.entries(rightOf).flatMap(([condition, right]) =>
  Array.from({ length: 60 }, (_, i) => ({ item: `q${i}`, condition, score: i < right ? 1 : 0 })),
);

/** Ten answers per item for two conditions: item i is right on the first (i mod 6) + offset answers. */
export const repeatRecords = [
  ["A", 1],
  ["B", 3],
].flatMap(([condition, offset]) =>
  Array.from({ length: 30 }, (_, i) =>
    Array.from({ length: 10 }, (_, s) => ({ item: `q${i}`, condition: condition as string, score: s < Math.min(10, (i % 6) + (offset as number)) ? 1 : 0 })),
  ).flat(),
);
