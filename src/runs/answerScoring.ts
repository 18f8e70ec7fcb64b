/**
 * Scoring free-text answers at load time: extract the answer (a pattern's capture group, or a
 * built-in rule), fold case and whitespace, compare with the target. Pure functions, shared by
 * the table loaders (`scoring` option) and the command line (`--extract`).
 */
import { choiceLabels, extractChoice } from "./extractChoice.js";

/** The built-in extraction rules, by the name `--extract` takes. */
export const EXTRACT_RULES = ["yes-no", "yes-no-anywhere", "letter", "number"] as const;
export type ExtractRule = (typeof EXTRACT_RULES)[number];

/** What a rule looks for, for notes ("no extractable yes/no answer"). */
export const RULE_WHAT: Readonly<Record<ExtractRule, string>> = {
  "yes-no": "yes/no",
  "yes-no-anywhere": "yes/no",
  letter: "option letter",
  number: "number",
};

/** How many option letters the letter rule accepts when the row gives no `choices` (A–Z). */
const ALL_LETTERS = 26;

/**
 * Case and whitespace folding: lower case, trimmed, inner runs of whitespace as one space.
 *
 * @example foldAnswer("  So  the answer is\nYes ") // "so the answer is yes"
 */
export function foldAnswer(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLowerCase();
}

// Python's str.split() separates on these (str.isspace), not only on JavaScript's \s.
const PYTHON_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/**
 * The yes/no rule of LLMDrift (Chen, Zaharia & Zou 2023, `format_answer_yesno` in
 * src/analysis/utils.py of lchen001/LLMDrift): commas and full stops become spaces, every word is
 * wrapped in brackets, and the lower-cased text is searched for "[yes]", then for "[no]". So the
 * word yes ANYWHERE wins ("No. … If yes, then …" reads as yes); this reproduces the published
 * prime-number accuracies, where the `yes-no` rule (the last explicit answer) is stricter.
 *
 * @example yesNoAnywhere("[No]\n\nStep 1: if yes, it is not prime.") // "yes"
 * @example yesNoAnywhere("No, 91 = 7 × 13.") // "no"
 * @example yesNoAnywhere("It depends") // null
 */
export function yesNoAnywhere(text: string): "yes" | "no" | null {
  const bracketed = text
    .replace(/[,.]/g, " ")
    .split(PYTHON_SPACE)
    .filter((w) => w !== "")
    .map((w) => `[${w}]`)
    .join(" ")
    .toLowerCase();
  if (bracketed.includes("[yes]")) return "yes";
  if (bracketed.includes("[no]")) return "no";
  return null;
}

/** The last number in a text ("$1,234.50" → "1234.5"), in JavaScript's shortest form, or null. */
function lastNumber(text: string): string | null {
  let last: string | null = null;
  for (const m of text.matchAll(/-?\$?\d(?:[\d,]*\d)?(?:\.\d+)?/g)) last = m[0];
  if (last === null) return null;
  const x = Number(last.replace(/[$,]/g, ""));
  return Number.isFinite(x) ? String(x) : null;
}

/** A copy of `pattern` without the g and y flags, whose `exec` would otherwise carry state between calls. */
export function statelessPattern(pattern: RegExp): RegExp {
  return pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, "")) : pattern;
}

/**
 * The answer a response gives, or null when it gives none the rule can read.
 * - a RegExp: capture group 1 of its first match (the whole match when it has no group), trimmed;
 * - "yes-no": "Yes" or "No", the last explicit answer (`extractChoice`, as `evalgap run` scores);
 * - "yes-no-anywhere": "Yes" or "No" by LLMDrift's rule (`yesNoAnywhere`);
 * - "letter": the option letter chosen ("B"), among the first `choices` letters (all 26 when not given);
 * - "number": the last number, commas and a dollar sign dropped ("1,234.0" → "1234").
 *
 * @example extractAnswer("Since (0, 0) is (0, 0). So the answer is Yes.", /So the answer is (.+?)\.?$/) // "Yes"
 * @example extractAnswer("Let me think. Answer: (C)", "letter", 4) // "C"
 * @example extractAnswer("She pays $1,250.00 in total.", "number") // "1250"
 */
export function extractAnswer(response: string, extract: RegExp | ExtractRule, choices?: number): string | null {
  if (extract instanceof RegExp) {
    const m = statelessPattern(extract).exec(response);
    if (!m) return null;
    const got = m.length > 1 ? m[1] : m[0];
    return got === undefined || got.trim() === "" ? null : got.trim();
  }
  switch (extract) {
    case "yes-no": {
      const i = extractChoice(response, ["Yes", "No"]);
      return i === null ? null : i === 0 ? "Yes" : "No";
    }
    case "yes-no-anywhere": {
      const yn = yesNoAnywhere(response);
      return yn === null ? null : yn === "yes" ? "Yes" : "No";
    }
    case "letter": {
      const i = extractChoice(response, choices ?? ALL_LETTERS);
      return i === null ? null : choiceLabels(i + 1)[i];
    }
    case "number":
      return lastNumber(response);
  }
}

/** How answers are scored: the extraction, and whether case and whitespace are folded (default true). */
export interface ExtractScoring {
  extract?: RegExp | ExtractRule;
  fold?: boolean;
}

/** An answer scored against its target, both in the normal form the record keeps. */
export interface ScoredAnswer {
  /** 1 when the answer equals the target, else 0 (also when nothing could be extracted). */
  score: number;
  /** The extracted, folded answer; null when the rule found none. */
  answer: string | null;
  /** The target in the same form (a built-in rule reads it as it reads answers: "(B)" → "B"). */
  target: string;
  /** False when a built-in rule could not read the target either, so it was compared as written. */
  targetRead: boolean;
}

/**
 * The target in the answers' normal form: a built-in rule reads it like an answer ("no" → "No",
 * "(b)" → "B", "1,000" → "1000"); a target the rule cannot read, or any target under a pattern,
 * is kept as written. Folded when `fold` is on.
 */
function normalTarget(target: string, extract: RegExp | ExtractRule | undefined, fold: boolean, choices?: number): { text: string; read: boolean } {
  const read = extract === undefined || extract instanceof RegExp ? null : extractAnswer(target, extract, choices);
  const text = read ?? target.trim();
  return { text: fold ? foldAnswer(text) : text, read: read !== null || extract === undefined || extract instanceof RegExp };
}

/**
 * Score a free-text response against a target: extract (when a rule or pattern is given), fold
 * case and whitespace (unless `fold: false`), and compare exactly.
 *
 * @example scoreAnswer("[No] 17077 is not prime.", "yes", { extract: "yes-no" }) // { score: 0, answer: "no", target: "yes", targetRead: true }
 * @example scoreAnswer("So the answer is Yes.", "Yes", { extract: /So the answer is (.+?)\.?$/ }).score // 1
 */
export function scoreAnswer(response: string, target: string, scoring: ExtractScoring, choices?: number): ScoredAnswer {
  const fold = scoring.fold ?? true;
  const extracted = scoring.extract === undefined ? response.trim() : extractAnswer(response, scoring.extract, choices);
  const want = normalTarget(target, scoring.extract, fold, choices);
  if (extracted === null || extracted === "") return { score: 0, answer: null, target: want.text, targetRead: want.read };
  const answer = fold ? foldAnswer(extracted) : extracted;
  return { score: answer === want.text ? 1 : 0, answer, target: want.text, targetRead: want.read };
}

/** Words for an answer an extraction found nothing in: "no extractable yes/no", "no match for /…/". */
export function describeExtract(extract: RegExp | ExtractRule): string {
  return extract instanceof RegExp ? `no match for ${String(extract)}` : `no extractable ${RULE_WHAT[extract]}`;
}

/**
 * Check the load options that name keys and scoring (`itemKey`, `clusterKey`, `scoring`), so a
 * misspelled rule fails before any file is opened, naming the option and the value.
 */
export function checkScoringOptions(options: { itemKey?: unknown; clusterKey?: unknown; scoring?: unknown }): void {
  for (const name of ["itemKey", "clusterKey"] as const) {
    const v = options[name];
    if (v !== undefined && (typeof v !== "string" || v.trim() === "")) throw new TypeError(`${name} must name a column or a dotted path (value: ${JSON.stringify(v)})`);
  }
  const s = options.scoring as { extract?: unknown; fold?: unknown; scorer?: unknown } | undefined;
  if (s === undefined) return;
  if (typeof s !== "object" || s === null) throw new TypeError(`scoring must be an object (value: ${String(s)})`);
  const e = s.extract;
  if (e !== undefined && !(e instanceof RegExp) && !(EXTRACT_RULES as readonly unknown[]).includes(e)) {
    throw new RangeError(`scoring.extract must be a RegExp or one of ${EXTRACT_RULES.map((r) => `"${r}"`).join(", ")} (value: ${JSON.stringify(e)})`);
  }
  if (s.fold !== undefined && typeof s.fold !== "boolean") throw new TypeError(`scoring.fold must be true or false (value: ${JSON.stringify(s.fold)})`);
  if (s.scorer !== undefined && typeof s.scorer !== "function") throw new TypeError(`scoring.scorer must be a function (value: ${String(s.scorer)})`);
}
