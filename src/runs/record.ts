/**
 * A `RunRecord` is one scored answer: the unit every loader produces and every analysis reads.
 * See docs/architecture.md, "A `RunRecord`".
 */
export interface RunRecord {
  /** The question's id; the same id under two conditions means the same question (paired). */
  item: string;
  /** The setting the answer was produced under: model, prompt, temperature, harness… */
  condition: string;
  /** 1 right, 0 wrong, or a graded score in [0, 1]. */
  score: number;
  /** Repeat index when the item was asked K times under the condition. */
  sample?: number;
  /** The group the item belongs to (passage, source, template); clustered items widen the error bar. */
  cluster?: string;
  model?: string;
  /** The answer the model gave (e.g. "C"), used for majority and marginal chance baselines. */
  answer?: string;
  /** The correct answer (e.g. "B"). */
  target?: string;
  /** Number of options when the item is multiple choice (uniform chance = 1/choices). */
  choices?: number;
  /** The model declined to answer. Counted as wrong by default; the refusal rate is reported. */
  refused?: boolean;
  /** The answer could not be obtained (API error, crash). Left out of scores by default, and counted. */
  error?: string;
  /** Anything else the source carried (tokens, latency, ids). */
  meta?: Record<string, unknown>;
}
