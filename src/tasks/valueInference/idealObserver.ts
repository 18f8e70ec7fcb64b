/**
 * The ideal observer: the exact Bayesian posterior over the hypotheses a question allows, given the
 * walks, and the accuracy of answering with its most probable option.
 *
 * For a hypothesis h (a value profile) the likelihood of the walks is the product, over every
 * observed move, of the policy's probability of that move under h (trajectoryLogLikelihood);
 * with a uniform prior over the hypotheses, P(h | walks) = L(h) / Σ_h' L(h'), computed in log space.
 *
 * Its accuracy: the observer answers the option with the highest posterior probability (the MAP
 * option). Given the walks, the truth is distributed as the posterior (when the tasks are drawn
 * from that same prior, as the generator draws them), so the MAP answer is right with probability
 * max_option P(option | walks). That is the ideal observer's expected accuracy on the task; its mean
 * over a task set is the ceiling no respondent can beat on average. The posterior probability of
 * the CORRECT option is a different number (its mean is the accuracy of a respondent who answers by
 * sampling from the posterior, Σ p² in expectation, which is lower); tasks carry both.
 */

/**
 * The posterior over hypotheses from their log-likelihoods, under a uniform prior (log-sum-exp).
 *
 * @example posteriorFromLogLikelihoods([Math.log(0.2), Math.log(0.6)]) // [0.25, 0.75]
 */
export function posteriorFromLogLikelihoods(logLikelihoods: readonly number[]): number[] {
  const top = Math.max(...logLikelihoods);
  if (!(top > -Infinity)) throw new RangeError("logLikelihoods: every hypothesis has probability 0 for these walks");
  const weights = logLikelihoods.map((l) => Math.exp(l - top));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

/**
 * The index of the most probable option (the first of any tie: every tied option is right with the
 * same probability, so the expected accuracy does not depend on the choice).
 *
 * @example mapOption([0.2, 0.5, 0.3]) // 1
 */
export function mapOption(posterior: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < posterior.length; i++) if (posterior[i] > posterior[best]) best = i;
  return best;
}
