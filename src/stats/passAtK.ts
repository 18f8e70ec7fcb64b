/**
 * Unbiased per-item estimates of pass@k (at least one of k attempts right) and pass^k (all k
 * attempts right) from n ≥ k scored samples of which c are right.
 *
 * pass@k: Chen et al. (2021), "Evaluating Large Language Models Trained on Code", arXiv:2107.03374,
 * eq. 1 and the numerically stable numpy form in their Figure 3.
 * pass^k: Yao et al. (2024), "τ-bench: A Benchmark for Tool-Agent-User Interaction in Real-World
 * Domains", arXiv:2406.12045, which defines pass^k as the mean over tasks of C(c, k)/C(n, k).
 */
import { checkCount, checkPositiveInteger } from "./validate.js";

function checkSamples(n: unknown, c: unknown, k: unknown): [number, number, number] {
  const samples = checkPositiveInteger("n", n);
  const correct = checkCount("c", c);
  const size = checkPositiveInteger("k", k);
  if (correct > samples) throw new RangeError(`c (${correct}) must not exceed n (${samples})`);
  if (size > samples) throw new RangeError(`k (${size}) must not exceed n (${samples}): pass@k needs at least k samples`);
  return [samples, correct, size];
}

/**
 * Unbiased estimate of pass@k for one item: 1 − C(n − c, k)/C(n, k), the chance that a k-subset
 * drawn without replacement from the n samples holds at least one right answer.
 *
 * Chen et al. (2021) eq. 1, computed as their numpy reference does (Figure 3):
 * 1 when n − c < k, else 1 − Π_{i = n−c+1}^{n} (1 − k/i). The product has factors in [0, 1), so it
 * neither overflows nor loses the digits that a ratio of binomial coefficients would (n = 200,
 * k = 100 is fine). Averaged over the items, it is unbiased for the mean of 1 − (1 − p_i)^k.
 *
 * @example
 * passAtKEstimate(10, 3, 1) // 0.3 (= c/n)
 * passAtKEstimate(10, 3, 5) // 0.9166666666666666 (1 − C(7,5)/C(10,5) = 1 − 21/252)
 * passAtKEstimate(200, 1, 100) // 0.5
 */
export function passAtKEstimate(n: number, c: number, k: number): number {
  const [samples, correct, size] = checkSamples(n, c, k);
  if (samples - correct < size) return 1;
  let allWrong = 1;
  for (let i = samples - correct + 1; i <= samples; i++) allWrong *= 1 - size / i;
  return 1 - allWrong;
}

/**
 * Unbiased estimate of pass^k for one item: C(c, k)/C(n, k), the chance that a k-subset drawn
 * without replacement from the n samples is right throughout; unbiased for p^k (Yao et al. 2024,
 * τ-bench, arXiv:2406.12045, who define pass^k this way).
 *
 * Computed as the product Π_{j=0}^{k−1} (c − j)/(n − j) (0 when c < k): every factor is in [0, 1],
 * so nothing overflows.
 *
 * @example
 * passHatKEstimate(10, 7, 1) // 0.7 (= c/n)
 * passHatKEstimate(10, 7, 5) // 0.08333333333333333 (C(7,5)/C(10,5) = 21/252)
 */
export function passHatKEstimate(n: number, c: number, k: number): number {
  const [samples, correct, size] = checkSamples(n, c, k);
  if (correct < size) return 0;
  let allRight = 1;
  for (let j = 0; j < size; j++) allRight *= (correct - j) / (samples - j);
  return allRight;
}
