/**
 * An editable price table for the cost estimate printed at the end of a run. Prices are US
 * dollars per million tokens, as listed on anthropic.com/pricing (standard tier, no caching)
 * when this file was written; they change, so check them, and override or extend them with
 * `--prices prices.json` ({ "model-prefix": { "input": 3, "output": 15 } }). Message Batches
 * are billed at half price. A model with no entry gets no estimate rather than a wrong one.
 */
import { readFileSync } from "node:fs";
import { show } from "../stats/validate.js";

export interface Price {
  /** Dollars per million input tokens. */
  input: number;
  /** Dollars per million output tokens. */
  output: number;
}

/** Keys are model-id prefixes: "claude-sonnet-4-5" also prices "claude-sonnet-4-5-20250929". */
export const DEFAULT_PRICES: Readonly<Record<string, Price>> = {
  "claude-opus-4-5": { input: 5, output: 25 },
  "claude-opus-4-1": { input: 15, output: 75 },
  "claude-opus-4": { input: 15, output: 75 },
  "claude-sonnet-4-5": { input: 3, output: 15 },
  "claude-sonnet-4": { input: 3, output: 15 },
  "claude-haiku-4-5": { input: 1, output: 5 },
  "claude-3-7-sonnet": { input: 3, output: 15 },
  "claude-3-5-haiku": { input: 0.8, output: 4 },
  "claude-3-haiku": { input: 0.25, output: 1.25 },
};

/** Discount factor for Message Batches (half the standard price). */
export const BATCH_DISCOUNT = 0.5;

/**
 * The price of `model`: the entry whose key is the longest prefix of the model id, or null.
 *
 * @example priceFor("claude-sonnet-4-5-20250929")?.output // 15
 */
export function priceFor(model: string, table: Readonly<Record<string, Price>> = DEFAULT_PRICES): Price | null {
  let best: string | null = null;
  for (const key of Object.keys(table)) {
    if (model.startsWith(key) && (best === null || key.length > best.length)) best = key;
  }
  return best === null ? null : table[best];
}

/**
 * Estimated dollars for the tokens: (input × price.input + output × price.output) / 1e6,
 * halved for batches.
 *
 * @example estimateCost(2_000_000, 100_000, { input: 3, output: 15 }) // 7.5
 */
export function estimateCost(inputTokens: number, outputTokens: number, price: Price, batch = false): number {
  const dollars = (inputTokens * price.input + outputTokens * price.output) / 1e6;
  return batch ? dollars * BATCH_DISCOUNT : dollars;
}

/**
 * Check a price table parsed from JSON and lay it over the defaults.
 *
 * @example checkPriceTable({ "my-model": { input: 1, output: 2 } })["my-model"].output // 2
 */
export function checkPriceTable(value: unknown, source = "prices"): Record<string, Price> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${source} must be a JSON object of { input, output } prices, got ${show(value)}`);
  }
  const table: Record<string, Price> = { ...DEFAULT_PRICES };
  for (const [model, p] of Object.entries(value as Record<string, unknown>)) {
    const price = p as Partial<Price> | null;
    for (const field of ["input", "output"] as const) {
      const v = price?.[field];
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
        throw new RangeError(`${source}: ${model}.${field} must be a non-negative number, got ${show(v)}`);
      }
    }
    table[model] = { input: price!.input!, output: price!.output! };
  }
  return table;
}

/**
 * Read a price table file (see `checkPriceTable`).
 *
 * @example loadPriceTable("prices.json")["my-model"] // { input: 1, output: 2 } as written in the file
 */
export function loadPriceTable(path: string): Record<string, Price> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new TypeError(`${path} is not a readable JSON price table: ${(e as Error).message}`);
  }
  return checkPriceTable(parsed, path);
}
