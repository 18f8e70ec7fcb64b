/**
 * Did the model decline? The API says so with stop reason "refusal"; otherwise a response
 * with no extractable answer that opens or closes with a stock declining phrase counts.
 * Refusals are scored 0 but flagged, because "wrong" and "would not answer" are different
 * findings (a refusal rate that moves between conditions is a result of its own).
 */

const DECLINES = [
  /\bI\s*(?:can(?:no|')t|cannot|won'?t|will not|am not able to|'m not able to|am unable to|'m unable to|must decline|have to decline|do not feel comfortable|don'?t feel comfortable)\b/i,
  /\bI(?:'m| am) (?:sorry|afraid),? but\b/i,
  /\b(?:I|we) (?:can(?:no|')t|cannot) (?:help|assist|provide|answer|comply)\b/i,
  /\bnot (?:something|a request) I can (?:help|assist)\b/i,
];

/**
 * True when the text reads as a refusal: one of the stock declining phrases appears within
 * its first or last 300 characters (where models put them).
 *
 * @example looksLikeRefusal("I'm sorry, but I can't help with that.") // true
 * @example looksLikeRefusal("Answer: B") // false
 */
export function looksLikeRefusal(text: string): boolean {
  const t = text.trim();
  if (t === "") return false;
  const ends = t.length <= 600 ? [t] : [t.slice(0, 300), t.slice(-300)];
  return ends.some((part) => DECLINES.some((re) => re.test(part)));
}
