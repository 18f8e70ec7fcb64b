/**
 * Scoring a table's answers as its rows are read (the `scoring` option, and wide repeats): each
 * answer is extracted and compared with its target, or handed to a custom scorer, and every answer
 * that could not be scored as asked is counted for a note, never dropped in silence.
 */
import type { AnswerScoring } from "./options.js";
import type { RawFields, RowFault } from "./buildRecord.js";
import { describeExtract, RULE_WHAT, scoreAnswer } from "./answerScoring.js";

/** A row's meta plus, when the answer was rewritten, the answer as the file gave it. */
type Meta = Record<string, unknown> | undefined;

function cellText(v: unknown): string {
  return typeof v === "string" ? v.trim() : v === undefined || v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** The row's option count, when it gives a usable one (for the letter rule). */
function optionCount(v: unknown): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 2 && n <= 26 ? n : undefined;
}

/** Keep the file's own answer beside the normalised one (only when they differ). */
function withRawAnswer(meta: Meta, raw: string, kept: unknown): Meta {
  return kept === raw ? meta : { ...meta, rawAnswer: raw };
}

export class RowScoring {
  private emptyAnswers = 0;
  private erroredAnswers = 0;
  private unextracted = 0;
  private unreadTargets = 0;

  /**
   * @param scoring the load-time scoring asked for (undefined: wide repeats' own rule)
   * @param fallback wide repeats' score of an answer against its key when no `scoring` is given
   */
  constructor(
    private readonly scoring: AnswerScoring | undefined,
    private readonly fallback: (answer: string, key: string) => number = (a, k) => (a === k ? 1 : 0),
  ) {}

  /** True when scores come from a custom scorer, which may be async: rows are then scored at the end. */
  get needsAwait(): boolean {
    return this.scoring?.scorer !== undefined;
  }

  /**
   * The answers every score needs, or undefined when the row is settled without scoring: an empty
   * answer scores 0 (or stays the row's error), and is counted.
   */
  private prepare(raw: RawFields): { answer: string; target: string } | RowFault | undefined {
    const answer = cellText(raw.answer);
    if (answer === "") {
      raw.answer = undefined;
      raw.score = 0;
      if (cellText(raw.error) !== "") this.erroredAnswers++;
      else this.emptyAnswers++;
      return undefined;
    }
    const target = cellText(raw.target);
    if (target === "") return { message: "empty target: the answer cannot be scored", value: raw.target ?? "" };
    return { answer, target };
  }

  /** Score `raw.answer` against `raw.target` in place (built-in rules); returns the meta to keep, or a fault. */
  score(raw: RawFields, meta: Meta): { meta: Meta } | RowFault {
    const given = this.prepare(raw);
    if (given === undefined) return { meta };
    if ("message" in given) return given;
    if (this.scoring === undefined) {
      raw.answer = given.answer;
      raw.target = given.target;
      raw.score = this.fallback(given.answer, given.target);
      return { meta };
    }
    const scored = scoreAnswer(given.answer, given.target, this.scoring, optionCount(raw.choices));
    if (scored.answer === null) this.unextracted++;
    if (!scored.targetRead) this.unreadTargets++;
    raw.score = scored.score;
    raw.answer = scored.answer ?? undefined;
    raw.target = scored.target;
    return { meta: withRawAnswer(meta, given.answer, raw.answer) };
  }

  /** Score with the custom scorer (awaited); its score wins, its answer (if any) is kept. */
  async scoreWithScorer(raw: RawFields, meta: Meta, prompt: string | undefined): Promise<{ meta: Meta } | RowFault> {
    const given = this.prepare(raw);
    if (given === undefined) return { meta };
    if ("message" in given) return given;
    const { extract, fold = true } = this.scoring!;
    const choices = optionCount(raw.choices);
    const task = { id: cellText(raw.item), target: given.target, ...(choices !== undefined ? { choices } : {}), ...(prompt !== undefined ? { prompt } : {}) };
    let result: Awaited<ReturnType<NonNullable<AnswerScoring["scorer"]>>>;
    try {
      result = await this.scoring!.scorer!(given.answer, task);
    } catch (error) {
      return { message: `scorer failed: ${(error as Error)?.message ?? String(error)}`, value: given.answer };
    }
    const score = typeof result === "number" ? result : result?.score;
    if (typeof score !== "number" || !(score >= 0 && score <= 1)) {
      return { message: "scorer must return a number in [0, 1] (or { score, answer })", value: result };
    }
    raw.score = score;
    let answer: string | undefined = typeof result === "object" && typeof result.answer === "string" ? result.answer : undefined;
    if (answer === undefined && extract !== undefined) {
      const scored = scoreAnswer(given.answer, given.target, { extract, fold }, choices);
      answer = scored.answer ?? undefined;
      raw.target = scored.target;
    } else {
      // Without an extraction the scorer alone knows the answer; the response is kept as it is.
      raw.target = given.target;
      answer ??= given.answer;
    }
    raw.answer = answer;
    return { meta: withRawAnswer(meta, given.answer, answer) };
  }

  /** What scoring decided that the analyst must hear, for this file. */
  notes(file: string): string[] {
    const notes: string[] = [];
    const extract = this.scoring?.extract;
    if (this.unextracted && extract !== undefined) {
      notes.push(`${file}: ${this.unextracted} answers had ${describeExtract(extract)}; scored 0`);
    }
    if (this.unreadTargets && extract !== undefined && !(extract instanceof RegExp)) {
      notes.push(`${file}: ${this.unreadTargets} targets could not be read as ${RULE_WHAT[extract]} answers; compared as written`);
    }
    if (this.emptyAnswers) notes.push(`${file}: ${this.emptyAnswers} empty answers counted as wrong (score 0)`);
    if (this.erroredAnswers) notes.push(`${file}: ${this.erroredAnswers} empty answers in rows with an error kept as errors`);
    return notes;
  }
}
