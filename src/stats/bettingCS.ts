/**
 * The two engines behind src/stats/confidenceSequence.ts: anytime-valid confidence sequences for the
 * mean of observations in [0, 1], from Waudby-Smith & Ramdas (2024), "Estimating means of bounded
 * random variables by betting", JRSS-B 86(1):1–27 (arXiv:2010.09686).
 *
 * - `EmpiricalBernsteinEngine`: the predictable plug-in empirical-Bernstein CS (PrPl-EB, Theorem 2),
 *   closed form, O(1) per observation.
 * - `HedgedCapitalEngine`: the hedged-capital (betting) CS (Theorem 3), computed on a grid of
 *   candidate means, O(points still inside the CS) per observation.
 *
 * Both also carry the matching e-process at one null mean m0, whose running maximum gives the
 * anytime-valid p-value p_t = min(1, 1 / max_{s≤t} E_s(m0)) (Ville's inequality). The CS at level α
 * excludes m0 exactly when that p-value is ≤ α.
 */

/** Which bounds a sequence reports: both (two-sided), only a lower bound (`greater`), only an upper one (`less`). */
export type SequenceSide = "two-sided" | "greater" | "less";

/** What both engines report after each observation. */
export interface SequenceEngine {
  readonly count: number;
  /** Running intersection of the CS (0 and 1 when a side is not bounded). */
  readonly lower: number;
  readonly upper: number;
  /** The e-process at the null mean now, and the anytime p-value min(1, 1 / its running maximum). */
  readonly eValue: number;
  readonly pValue: number;
  push(x: number): void;
}

/**
 * The regularised running mean and variance of Theorem 2:
 * μ̂_t = (1/2 + Σ_{i≤t} X_i) / (t + 1),  σ̂²_t = (1/4 + Σ_{i≤t} (X_i − μ̂_i)²) / (t + 1),
 * with μ̂_0 = 1/2 and σ̂²_0 = 1/4 (one fake observation at the worst-case variance).
 */
class RegularisedMoments {
  count = 0;
  /** μ̂ after `count` observations (μ̂_{t−1} while observation t is being processed). */
  mean = 0.5;
  private sum = 0;
  private squares = 0;

  /**
   * The predictable plug-in bet for observation t = count + 1, before the truncation each method
   * applies: λ̇_t = √(2 log(k/α) / (σ̂²_{t−1} t log(1 + t))) (Theorem 2, and §4's λ^{PrPl±}).
   * `logTerm` is log(2/α) for a two-sided sequence, log(1/α) for a one-sided one.
   */
  bet(logTerm: number): number {
    const t = this.count + 1;
    const variance = (0.25 + this.squares) / t; // σ̂²_{t−1}: (1/4 + Σ_{i<t}) / ((t − 1) + 1)
    return Math.sqrt((2 * logTerm) / (variance * t * Math.log1p(t)));
  }

  update(x: number): void {
    this.count++;
    this.sum += x;
    this.mean = (0.5 + this.sum) / (this.count + 1);
    const d = x - this.mean;
    this.squares += d * d;
  }
}

/** log(2/α) for two-sided sequences (a union bound over the two sides), log(1/α) for one-sided ones. */
function logTermOf(alpha: number, side: SequenceSide): number {
  return side === "two-sided" ? Math.log(2 / alpha) : Math.log(1 / alpha);
}

/**
 * PrPl-EB (Theorem 2). With λ_t = min(λ̇_t, c), v_t = 4(X_t − μ̂_{t−1})² and
 * ψ_E(λ) = (−log(1 − λ) − λ)/4, the CS at time t is
 *   (Σ λ_i X_i ± (log(2/α) + Σ v_i ψ_E(λ_i))) / Σ λ_i,
 * intersected over time. It comes from the supermartingales
 *   M_t^±(m) = exp(±Σ λ_i (X_i − m) − Σ v_i ψ_E(λ_i)),
 * each thresholded at 2/α; the e-process at m0 is max(M⁺, M⁻)/2 (≤ their average), or the one side
 * for a one-sided sequence (threshold 1/α, log(1/α) in λ̇ and in the margin).
 */
export class EmpiricalBernsteinEngine implements SequenceEngine {
  lower = 0;
  upper = 1;
  eValue = 1;
  pValue = 1;
  private readonly moments = new RegularisedMoments();
  private readonly logTerm: number;
  private sumBets = 0;
  private sumBetX = 0;
  private sumPenalty = 0;
  private maxLogE = 0;

  constructor(
    alpha: number,
    private readonly side: SequenceSide,
    private readonly truncation: number,
    private readonly nullMean: number,
  ) {
    this.logTerm = logTermOf(alpha, side);
  }

  get count(): number {
    return this.moments.count;
  }

  push(x: number): void {
    const bet = Math.min(this.moments.bet(this.logTerm), this.truncation);
    const residual = x - this.moments.mean;
    const variance = 4 * residual * residual;
    const psi = (-Math.log1p(-bet) - bet) / 4;
    this.sumBets += bet;
    this.sumBetX += bet * x;
    this.sumPenalty += variance * psi;
    this.moments.update(x);

    const center = this.sumBetX / this.sumBets;
    const margin = (this.logTerm + this.sumPenalty) / this.sumBets;
    if (this.side !== "less") this.lower = Math.max(this.lower, center - margin);
    if (this.side !== "greater") this.upper = Math.min(this.upper, center + margin);

    const drift = this.sumBetX - this.nullMean * this.sumBets;
    const logPlus = drift - this.sumPenalty;
    const logMinus = -drift - this.sumPenalty;
    const logE = this.side === "greater" ? logPlus : this.side === "less" ? logMinus : Math.max(logPlus, logMinus) - Math.LN2;
    this.eValue = Math.exp(logE);
    this.maxLogE = Math.max(this.maxLogE, logE);
    this.pValue = Math.min(1, Math.exp(-this.maxLogE));
  }
}

/**
 * Capital below this is set to exactly 0 (it could only come back to 1/α after a gain of e^570):
 * keeps the products out of the subnormal range, and only ever makes the CS wider.
 */
const NEGLIGIBLE_CAPITAL = 1e-250;

/**
 * The hedged-capital CS (Theorem 3). For a candidate mean m, with the predictable λ̇_t of
 * `RegularisedMoments.bet` truncated to λ_t⁺(m) = min(λ̇_t, c/m) and λ_t⁻(m) = min(λ̇_t, c/(1 − m)),
 *   K_t⁺(m) = Π (1 + λ_i⁺(m)(X_i − m)),  K_t⁻(m) = Π (1 − λ_i⁻(m)(X_i − m)),
 *   K_t^±(m) = max(θ K_t⁺(m), (1 − θ) K_t⁻(m)),
 * and the CS is {m : K_t^±(m) < 1/α}, intersected over time. θ = 1/2 for two-sided sequences,
 * 1 (lower bound only) for `greater`, 0 for `less`; c ∈ (0, 1), 1/2 or 3/4 in the paper.
 *
 * Grid, not root-finding: the capital is kept at m = j/G, j = 0…G, and updated in place; a point
 * leaves for good once its capital reaches 1/α (that is the running intersection). K⁺ is
 * non-increasing and K⁻ non-decreasing in m (each factor is), so the excluded points are a prefix
 * (by K⁺) and a suffix (by K⁻) of the grid, and only the points between are updated. The reported
 * bounds are the innermost excluded grid points, so they contain the exact CS and are at most 1/G
 * wider on each side (the rule of the authors' confseq package, `cs_from_martingale`).
 */
export class HedgedCapitalEngine implements SequenceEngine {
  eValue = 1;
  pValue = 1;
  private readonly moments = new RegularisedMoments();
  private readonly logTerm: number;
  private readonly gridSize: number;
  private readonly grid: Float64Array;
  private readonly capPlus: Float64Array;
  private readonly capMinus: Float64Array;
  private readonly capitalPlus: Float64Array;
  private readonly capitalMinus: Float64Array;
  /** K⁺ ≥ plusLimit ⇔ θK⁺ ≥ 1/α (Infinity when θ = 0: that side never excludes). */
  private readonly plusLimit: number;
  private readonly minusLimit: number;
  /** Indices of the first and last grid points still inside the CS (first > last: empty). */
  private first = 0;
  private last: number;
  private nullPlus = 1;
  private nullMinus = 1;
  private maxE = 1;

  constructor(
    alpha: number,
    private readonly side: SequenceSide,
    private readonly truncation: number,
    private readonly nullMean: number,
    gridSize: number,
  ) {
    this.logTerm = logTermOf(alpha, side);
    const theta = side === "two-sided" ? 0.5 : side === "greater" ? 1 : 0;
    this.plusLimit = theta > 0 ? 1 / (alpha * theta) : Infinity;
    this.minusLimit = theta < 1 ? 1 / (alpha * (1 - theta)) : Infinity;
    this.gridSize = gridSize;
    this.last = gridSize;
    this.grid = new Float64Array(gridSize + 1);
    this.capPlus = new Float64Array(gridSize + 1);
    this.capMinus = new Float64Array(gridSize + 1);
    for (let j = 0; j <= gridSize; j++) {
      const m = j / gridSize;
      this.grid[j] = m;
      this.capPlus[j] = truncation / m; // Infinity at m = 0: K⁺ factors are ≥ 1 there anyway
      this.capMinus[j] = truncation / (1 - m);
    }
    this.capitalPlus = new Float64Array(gridSize + 1).fill(1);
    this.capitalMinus = new Float64Array(gridSize + 1).fill(1);
  }

  get count(): number {
    return this.moments.count;
  }

  get lower(): number {
    return this.first > 0 ? this.grid[this.first - 1] : 0;
  }

  get upper(): number {
    return this.last < this.gridSize ? this.grid[this.last + 1] : 1;
  }

  push(x: number): void {
    const bet = this.moments.bet(this.logTerm);
    this.moments.update(x);
    const { grid, capPlus, capMinus, capitalPlus, capitalMinus } = this;
    const trackPlus = this.plusLimit < Infinity;
    const trackMinus = this.minusLimit < Infinity;
    for (let j = this.first; j <= this.last; j++) {
      const d = x - grid[j];
      if (trackPlus) {
        const betPlus = bet < capPlus[j] ? bet : capPlus[j];
        const k = capitalPlus[j] * (1 + betPlus * d);
        capitalPlus[j] = k < NEGLIGIBLE_CAPITAL ? 0 : k;
      }
      if (trackMinus) {
        const betMinus = bet < capMinus[j] ? bet : capMinus[j];
        const k = capitalMinus[j] * (1 - betMinus * d);
        capitalMinus[j] = k < NEGLIGIBLE_CAPITAL ? 0 : k;
      }
    }
    while (this.first <= this.last && capitalPlus[this.first] >= this.plusLimit) this.first++;
    while (this.last >= this.first && capitalMinus[this.last] >= this.minusLimit) this.last--;

    const m0 = this.nullMean;
    const d0 = x - m0;
    this.nullPlus *= 1 + Math.min(bet, this.truncation / m0) * d0;
    this.nullMinus *= 1 - Math.min(bet, this.truncation / (1 - m0)) * d0;
    if (this.nullPlus < NEGLIGIBLE_CAPITAL) this.nullPlus = 0;
    if (this.nullMinus < NEGLIGIBLE_CAPITAL) this.nullMinus = 0;
    const e = this.side === "greater" ? this.nullPlus
      : this.side === "less" ? this.nullMinus
      : Math.max(this.nullPlus, this.nullMinus) / 2;
    this.eValue = e;
    if (e > this.maxE) this.maxE = e;
    this.pValue = Math.min(1, 1 / this.maxE);
  }
}
