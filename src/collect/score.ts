/**
 * Score one response to one task: the built-in rule (choice extraction for multiple choice,
 * normalised exact match otherwise), or a custom scorer, plus the refusal flag.
 */
import { choiceLabels, extractChoice } from "../runs/extractChoice.js";
import { exactMatch, finalAnswerText } from "../runs/normalizeAnswer.js";
import { looksLikeRefusal } from "./refusal.js";
import type { Scorer, Task } from "./types.js";

export interface Scored {
  score: number;
  /** The answer given: the chosen option (in the target's form) or the final answer text. */
  answer?: string;
  refused: boolean;
}

/** The target's option index, and whether the target is written as the option's text. */
function resolveTarget(task: Task): { index: number; asText: boolean } {
  const choices = task.choices!;
  const count = typeof choices === "number" ? choices : choices.length;
  const t = task.target.trim();
  const bare = t.replace(/^\((.)\)$/, "$1");
  const byLabel = bare.length === 1 ? choiceLabels(count).indexOf(bare.toUpperCase()) : -1;
  if (byLabel >= 0) return { index: byLabel, asText: false };
  if (typeof choices !== "number") {
    const byText = choices.findIndex((c) => c.trim().toLowerCase() === t.toLowerCase());
    if (byText >= 0) return { index: byText, asText: true };
  }
  throw new RangeError(`task ${JSON.stringify(task.id)}: target ${JSON.stringify(task.target)} is not one of its choices`);
}

/**
 * Which option index the target names: a label ("C", "(c)") or, when texts are given, an
 * option's text. Throws when the target names no option, since every answer would be wrong.
 *
 * @example targetIndex({ id: "q", prompt: "…", target: "b", choices: 4 }) // 1
 */
export function targetIndex(task: Task): number {
  return resolveTarget(task).index;
}

/** The option at `index` written the way the target is written (label or text). */
function optionAs(task: Task, index: number): string {
  const choices = task.choices!;
  if (resolveTarget(task).asText) return (choices as string[])[index];
  return choiceLabels(typeof choices === "number" ? choices : choices.length)[index];
}

/**
 * The built-in score of a response: for multiple choice, 1 when the extracted option is the
 * target's; otherwise 1 when the final answer matches the target after SQuAD normalisation.
 * `refused` is true when the stop reason is "refusal", or when no answer could be extracted
 * (or it was wrong) and the text reads as a refusal.
 *
 * @example scoreResponse("Answer: C", "end_turn", { id: "q", prompt: "…", target: "C", choices: 4 }).score // 1
 */
export function scoreResponse(response: string, stopReason: string | null, task: Task): Scored {
  if (task.choices !== undefined) {
    const want = targetIndex(task);
    const got = extractChoice(response, task.choices);
    const refused = stopReason === "refusal" || (got === null && looksLikeRefusal(response));
    if (got === null) return { score: 0, refused };
    return { score: got === want && stopReason !== "refusal" ? 1 : 0, answer: optionAs(task, got), refused };
  }
  const score = stopReason === "refusal" ? 0 : exactMatch(response, task.target);
  const answer = finalAnswerText(response);
  const refused = stopReason === "refusal" || (score === 0 && looksLikeRefusal(response));
  return answer === "" ? { score, refused } : { score, answer, refused };
}

/**
 * Score with a custom scorer, checking that it returned a number in [0, 1]; the refusal flag
 * still comes from the stop reason and the declining phrases (when the score is 0).
 *
 * @example await scoreWith((r) => (r.includes("42") ? 1 : 0), "It is 42", "end_turn", task) // { score: 1, refused: false }
 */
export async function scoreWith(scorer: Scorer, response: string, stopReason: string | null, task: Task): Promise<Scored> {
  const score = await scorer(response, task);
  if (typeof score !== "number" || !(score >= 0 && score <= 1)) {
    throw new RangeError(`scorer must return a number in [0, 1], got ${JSON.stringify(score)} for task ${JSON.stringify(task.id)}`);
  }
  const refused = stopReason === "refusal" || (score === 0 && looksLikeRefusal(response));
  return { score, refused };
}
