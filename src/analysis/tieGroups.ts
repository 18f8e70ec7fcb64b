/**
 * Tie groups as a compact letter display: after all pairs of conditions have been tested, each
 * condition gets one or more letters, and two conditions share a letter exactly when their
 * difference was not significant. It is how statisticians print the outcome of a multiple
 * comparison, and it answers "which of these can I not tell apart?" at a glance.
 */
import { show } from "../stats/validate.js";

export interface TieGroups {
  /** The conditions, in the order given (compareAll gives them by accuracy, highest first). */
  names: string[];
  /** letters[i]: the letters of names[i], e.g. "ab". */
  letters: string[];
  /** One entry per letter ("a", "b", …): the conditions that carry it, in the order of `names`. */
  groups: string[][];
}

/**
 * The name of letter `index` (from 0): a–z, A–Z, then ".a", ".b", … (R multcomp's `get_letters`).
 *
 * @example
 * letterName(53).length // 2 (".b")
 */
export function letterName(index: number): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  return ".".repeat(Math.floor(index / alphabet.length)) + alphabet[index % alphabet.length];
}

/** a ⊆ b for columns as boolean arrays. */
function isSubset(a: readonly boolean[], b: readonly boolean[]): boolean {
  return a.every((x, i) => !x || b[i]);
}

/**
 * Piepho's absorb step: drop every column whose conditions are all in another column (of two equal
 * columns the later goes), so that no letter says less than another letter already says.
 */
function absorb(columns: boolean[][]): boolean[][] {
  return columns.filter((col, j) => !columns.some((other, k) => k !== j && isSubset(col, other) && (!isSubset(other, col) || k < j)));
}

/**
 * The compact letter display of a set of pairwise verdicts by Piepho's insert-and-absorb algorithm
 * (Piepho 2004, "An algorithm for a letter-based representation of all-pair comparisons", J. Comp.
 * Graph. Stat. 13(2):456–466, section 2; R multcompView::multcompLetters). Start with one letter
 * shared by all; for each significant pair (i, j), every letter that both carry is split in two, one
 * without i and one without j (insert), and letters contained in another are dropped (absorb).
 * The letters that remain are exactly the maximal sets of conditions no two of which differ
 * significantly, so each letter is a tie group that cannot be enlarged. (Piepho's optional sweep,
 * which drops single redundant letter marks, is not applied: it would leave a letter that no longer
 * names a whole tie group.) Letters are named in the order of `names`: "a" is the group of the first
 * condition, and a group whose first member comes earlier gets the earlier letter.
 *
 * @param names the conditions, in display order (at least one, distinct, non-empty).
 * @param significantPairs the pairs that differ significantly, by name.
 * @example
 * // Piepho's (2004) Example 3: eight treatments, five significant pairs.
 * tieGroups(["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8"], [["T1", "T7"], ["T1", "T8"], ["T2", "T4"], ["T2", "T5"], ["T3", "T5"]]).groups.map((g) => g.length) // [4, 4, 4, 5, 5, 5]
 */
export function tieGroups(names: readonly string[], significantPairs: readonly (readonly [string, string])[]): TieGroups {
  if (!Array.isArray(names) || names.length === 0) throw new RangeError(`names must list at least one condition, got ${show(names)}`);
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (typeof name !== "string" || name === "") throw new TypeError(`names[${i}] must be a non-empty string, got ${show(name)}`);
    if (index.has(name)) throw new RangeError(`names[${i}] repeats ${show(name)}; each condition must appear once`);
    index.set(name, i);
  });
  if (!Array.isArray(significantPairs)) throw new TypeError(`significantPairs must be an array of [name, name] pairs, got ${show(significantPairs)}`);
  const n = names.length;
  let columns: boolean[][] = [new Array<boolean>(n).fill(true)];
  significantPairs.forEach((pair, p) => {
    if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError(`significantPairs[${p}] must be a [name, name] pair, got ${show(pair)}`);
    const [i, j] = pair.map((name, side) => {
      const at = index.get(name);
      if (at === undefined) throw new RangeError(`significantPairs[${p}][${side}] ${show(name)} is not one of the names; they are ${names.map((x) => show(x)).join(", ")}`);
      return at;
    });
    if (i === j) throw new RangeError(`significantPairs[${p}] pairs ${show(names[i])} with itself`);
    const inserted: boolean[][] = [];
    for (const col of columns) {
      if (!(col[i] && col[j])) {
        inserted.push(col);
        continue;
      }
      const withoutI = col.slice();
      withoutI[i] = false;
      const withoutJ = col.slice();
      withoutJ[j] = false;
      inserted.push(withoutJ, withoutI);
    }
    columns = absorb(inserted);
  });
  // Name the letters in display order: compare columns row by row, a member before a non-member.
  columns.sort((a, b) => {
    for (let r = 0; r < n; r++) if (a[r] !== b[r]) return a[r] ? -1 : 1;
    return 0;
  });
  const letters = names.map((_, r) => columns.map((col, k) => (col[r] ? letterName(k) : "")).join(""));
  const groups = columns.map((col) => names.filter((_, r) => col[r]));
  return { names: [...names], letters, groups };
}

/**
 * Whether two conditions of a letter display share a letter (cannot be told apart).
 *
 * @example
 * sharesLetter(tieGroups(["A", "B", "C"], [["B", "C"]]), "A", "C") ? 1 : 0 // 1
 */
export function sharesLetter(display: TieGroups, a: string, b: string): boolean {
  return display.groups.some((g) => g.includes(a) && g.includes(b));
}
