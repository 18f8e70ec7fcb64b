/**
 * Normalised exact match for free-text answers, as in the SQuAD evaluation script
 * (Rajpurkar et al. 2016, `normalize_answer`): lower case, drop punctuation, drop the articles
 * a/an/the, collapse whitespace. When the response states "Answer: …", only what follows the
 * last such statement is compared, so reasoning before it does not spoil a right answer.
 */

/**
 * SQuAD's `normalize_answer`: lower-case, remove punctuation, remove articles, squeeze spaces.
 * Punctuation is Unicode punctuation and symbols (SQuAD used ASCII `string.punctuation`;
 * the two agree on ASCII text).
 *
 * @example normalizeAnswer("The  Eiffel Tower!") // "eiffel tower"
 */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, "")
    .replace(/\b(a|an|the)\b/g, " ")
    .split(/\s+/)
    .filter((w) => w !== "")
    .join(" ");
}

/**
 * The part of a free-text response to compare: what follows the last "Answer:" (or
 * "answer is"), up to the end of that line, else the whole response.
 *
 * @example finalAnswerText("Paris is big.\nFinal answer: Paris.") // "Paris."
 */
export function finalAnswerText(response: string): string {
  const re = /answer\s*(?:is|:)\s*:?\s*([^\n]*)/giu;
  let last: string | null = null;
  for (const m of response.matchAll(re)) if (m[1].trim() !== "") last = m[1];
  return (last ?? response).trim();
}

/**
 * 1 when the response's final answer equals the target after normalisation, else 0.
 *
 * @example exactMatch("Answer: the Eiffel tower", "Eiffel Tower") // 1
 */
export function exactMatch(response: string, target: string): number {
  const want = normalizeAnswer(target);
  return normalizeAnswer(finalAnswerText(response)) === want ? 1 : 0;
}
