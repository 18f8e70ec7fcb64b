/**
 * Which option did a multiple-choice response pick? Models end with "Answer: C", "[Yes]",
 * "The answer is (B)", or just "C"; reasoning before that mentions other options, so the
 * LAST explicit answer wins, and a response with no explicit answer yields null (never a guess).
 */

/** The option labels A, B, C… for `count` options. */
export function choiceLabels(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String.fromCharCode(65 + i));
}

/** Lower-case, trim, and drop wrapping brackets, quotes, bold markers and final punctuation. */
function clean(s: string): string {
  let t = s.trim();
  for (let prev = ""; prev !== t; ) {
    prev = t;
    t = t
      .replace(/^[\s*_"'`([{<]+/, "")
      .replace(/[\s*_"'`)\]}>.,;:!?]+$/, "")
      .trim();
  }
  return t.toLowerCase();
}

/**
 * Map a candidate string to an option index: a label ("c", "(C)") or an option's text ("yes").
 * Returns -1 when it is neither.
 */
function matchOption(candidate: string, labels: string[], texts: string[] | null): number {
  const c = clean(candidate);
  if (c === "") return -1;
  const byLabel = labels.findIndex((l) => l.toLowerCase() === c);
  if (byLabel >= 0) return byLabel;
  if (texts) {
    const byText = texts.findIndex((t) => clean(t) === c);
    if (byText >= 0) return byText;
    // "C) Paris" or "C. Paris": a label followed by its own option text.
    const m = /^([a-z])\s*[).:\-]\s*(.+)$/.exec(c);
    if (m) {
      const i = labels.findIndex((l) => l.toLowerCase() === m[1]);
      if (i >= 0 && clean(texts[i]) === clean(m[2])) return i;
    }
  }
  return -1;
}

/**
 * The option a statement's tail begins with: an option text (any case), an upper-case label
 * not followed by a letter ("C because…"), or a lower-case label standing alone ("c." but not
 * "a good one"). Returns -1 when it begins with none.
 */
function optionAtStart(tail: string, labels: string[], texts: string[] | null): number {
  const t = tail.replace(/^[\s*_"'`(\[{]+/, "");
  if (texts) {
    const lower = t.toLowerCase();
    let best = -1;
    texts.forEach((text, i) => {
      const x = text.trim().toLowerCase();
      const next = lower.charAt(x.length);
      if (lower.startsWith(x) && !/[\p{L}\p{N}]/u.test(next) && (best < 0 || x.length > texts[best].trim().length)) best = i;
    });
    if (best >= 0) return best;
  }
  const m = /^([A-Za-z])(?![\p{L}\p{N}])(.*)$/su.exec(t);
  if (!m) return -1;
  const i = labels.indexOf(m[1].toUpperCase());
  if (i < 0) return -1;
  if (m[1] === labels[i]) return i;
  return /^\s*(?:[).,;:!?\]*_"'`]|$)/.test(m[2]) ? i : -1;
}

/**
 * The option a response chose, as an index into the options, or null when none is explicit.
 *
 * Looks, in order, for: the last "Answer: X" / "answer is X" / "final answer: X"; the last
 * bracketed "[X]"; a response that is nothing but X. X is a label (A, B, …) or, when the
 * option texts are given, an option's text. Case, brackets, quotes, bold and final punctuation
 * are ignored. A lone letter inside prose ("a cat") is never taken as an answer.
 *
 * @param response the model's text
 * @param choices the option texts in label order, or their number
 * @example extractChoice("Let me think... B looks wrong.\nAnswer: C", 4) // 2
 * @example extractChoice("I'd say [Yes]", ["Yes", "No"]) // 0
 * @example extractChoice("D", 4) // 3
 * @example extractChoice("It depends.", 4) // null
 */
export function extractChoice(response: string, choices: string[] | number): number | null {
  const count = typeof choices === "number" ? choices : choices.length;
  const labels = choiceLabels(count);
  const texts = typeof choices === "number" ? null : choices;
  // 1. An explicit answer statement; the last one wins.
  const stated = /(?:final\s+answer|answer\s*(?:is|:)|answer\s+would\s+be|correct\s+(?:answer|option)\s+is)\s*:?([^\n]*)/giu;
  let last: number | null = null;
  for (const m of response.matchAll(stated)) {
    const i = optionAtStart(m[1], labels, texts);
    if (i >= 0) last = i;
  }
  if (last !== null) return last;

  // 2. A bracketed choice, "[C]" or "[Yes]"; the last one wins.
  for (const m of response.matchAll(/\[([^\]\n]{1,200})\]/g)) {
    const i = matchOption(m[1], labels, texts);
    if (i >= 0) last = i;
  }
  if (last !== null) return last;

  // 3. The whole response is the choice: "C", "(C)", "C.", "**Yes**", "C) Paris".
  const whole = matchOption(response, labels, texts);
  return whole >= 0 ? whole : null;
}
