/**
 * Turning what a log calls a score into a number in [0, 1].
 * Labels follow Inspect AI's `value_to_float`: "C" correct → 1, "I" incorrect → 0, "P" partial → 0.5,
 * "N" no answer → 0. Booleans are 1/0; numbers and numeric strings are kept as they are.
 */

const LABELS: Readonly<Record<string, number>> = { C: 1, I: 0, P: 0.5, N: 0 };
const WORDS: Readonly<Record<string, number>> = { true: 1, false: 0, yes: 1, no: 0, correct: 1, incorrect: 0 };

/**
 * The score as a number in [0, 1], or `undefined` when the value is not one (the caller reports it).
 *
 * @example
 * scoreValue("C"); // 1
 * scoreValue("P"); // 0.5
 * scoreValue(" 0.25 "); // 0.25
 * scoreValue(2); // undefined (outside [0, 1])
 */
export function scoreValue(value: unknown): number | undefined {
  if (typeof value === "number") return value >= 0 && value <= 1 ? value : undefined;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value !== "string") return undefined;
  if (value === "1") return 1; // the common cells first: this runs once per row on big files
  if (value === "0") return 0;
  const text = value.trim();
  if (text === "") return undefined;
  const label = LABELS[text.toUpperCase()];
  if (label !== undefined && text.length === 1) return label;
  const word = WORDS[text.toLowerCase()];
  if (word !== undefined) return word;
  // Number("0x1") and Number("1e0") parse; a score column holds plain decimals, so require one.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 0 && n <= 1 ? n : undefined;
}

/** The message for a value `scoreValue` refused. */
export const SCORE_MESSAGE = 'score is not a number in [0, 1] or a known label (C, I, P, N, true, false)';
