/**
 * tieGroups (src/analysis/tieGroups.ts): Piepho's insert-and-absorb letter display, against R
 * multcompView::multcompLetters (test/fixtures/r/all-pairs.R) and against exact enumeration of
 * every significance pattern on up to five conditions.
 */
import { describe, expect, it } from "vitest";
import { letterName, sharesLetter, tieGroups, type TieGroups } from "../../src/analysis/tieGroups.js";
import { createRandom } from "../../src/stats/random.js";
import { loadFixture } from "../helpers/close.js";

interface LetterCase { call: string; label: string; names: string[]; pairs: string[]; sig: boolean[]; letters: Record<string, string>; groups: string[][] }
const { letters: cases } = loadFixture<{ letters: LetterCase[] }>("all-pairs.json");

const significantOf = (c: LetterCase): [string, string][] => c.pairs.filter((_, k) => c.sig[k]).map((p) => p.split("-") as [string, string]);
/** A display's groups as a canonical set: each group's members joined, sorted. */
const groupSet = (groups: readonly (readonly string[])[]): string[] => groups.map((g) => [...g].sort().join(" ")).sort();

/** Every pair of conditions as [i, j], i < j. */
function allPairs(n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out.push([i, j]);
  return out;
}

/**
 * The maximal sets of conditions with no significant pair inside, by brute force over all 2^n
 * subsets: the letters insert-and-absorb must produce (each letter a tie group that cannot grow).
 */
function maximalTieSets(n: number, significant: (i: number, j: number) => boolean): number[][] {
  const clique = (mask: number) => allPairs(n).every(([i, j]) => !((mask >> i) & 1 && (mask >> j) & 1 && significant(i, j)));
  const cliques: number[] = [];
  for (let mask = 1; mask < 1 << n; mask++) if (clique(mask)) cliques.push(mask);
  const maximal = cliques.filter((a) => !cliques.some((b) => b !== a && (a & b) === a));
  return maximal.map((mask) => Array.from({ length: n }, (_, i) => i).filter((i) => (mask >> i) & 1));
}

/** The display's claims, checked one by one against the significance pattern. */
function checkDisplay(display: TieGroups, names: string[], significant: (i: number, j: number) => boolean): string[] {
  const problems: string[] = [];
  for (const [i, j] of allPairs(names.length)) {
    if (sharesLetter(display, names[i], names[j]) === significant(i, j)) problems.push(`${names[i]}-${names[j]}: shares a letter ⇔ not significant fails`);
  }
  display.groups.forEach((g, k) => {
    if (display.groups.some((h, l) => l !== k && g.every((x) => h.includes(x)))) problems.push(`letter ${letterName(k)} is absorbed by another`);
  });
  names.forEach((name, r) => {
    if (display.letters[r] === "") problems.push(`${name} has no letter`);
    const fromGroups = display.groups.map((g, k) => (g.includes(name) ? letterName(k) : "")).join("");
    if (display.letters[r] !== fromGroups) problems.push(`${name}: letters ${display.letters[r]} disagree with groups ${fromGroups}`);
  });
  return problems;
}

describe("tieGroups: Piepho (2004) insert-and-absorb", () => {
  it("Piepho's Example 3 (eight treatments, five significant pairs) gives multcompLetters' six letters", () => {
    const c = cases.find((x) => x.label === "Piepho (2004) Example 3")!;
    expect(c.names).toHaveLength(8);
    expect(significantOf(c)).toEqual([["T1", "T7"], ["T1", "T8"], ["T2", "T4"], ["T2", "T5"], ["T3", "T5"]]);
    const display = tieGroups(c.names, significantOf(c));
    expect(display.letters).toEqual(["abc", "ad", "abde", "bcef", "cf", "abcdef", "def", "def"]);
    expect(display.letters).toEqual(c.names.map((n) => c.letters[n]));
    expect(display.groups).toEqual(c.groups);
  });

  it(`equals R multcompLetters on all ${cases.length} cases: the same letters on the same conditions`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    const misses: string[] = [];
    for (const c of cases) {
      const display = tieGroups(c.names, significantOf(c));
      const want = c.names.map((n) => c.letters[n]);
      if (JSON.stringify(display.letters) !== JSON.stringify(want)) misses.push(`${c.label}: ${display.letters.join(" ")} vs R ${want.join(" ")}`);
      if (JSON.stringify(groupSet(display.groups)) !== JSON.stringify(groupSet(c.groups))) misses.push(`${c.label}: groups ${JSON.stringify(display.groups)} vs R ${JSON.stringify(c.groups)}`);
    }
    expect(misses).toEqual([]);
  });

  it("exact enumeration: every significance pattern on 1 to 5 conditions gives the maximal tie sets as letters", () => {
    let patterns = 0;
    for (let n = 1; n <= 5; n++) {
      const names = Array.from({ length: n }, (_, i) => `c${i}`);
      const pairs = allPairs(n);
      for (let bits = 0; bits < 1 << pairs.length; bits++) {
        const sig = (i: number, j: number) => ((bits >> pairs.findIndex(([a, b]) => (a === Math.min(i, j) && b === Math.max(i, j)))) & 1) === 1;
        const display = tieGroups(names, pairs.filter((_, k) => (bits >> k) & 1).map(([i, j]) => [names[i], names[j]]));
        expect(checkDisplay(display, names, sig)).toEqual([]);
        expect(groupSet(display.groups)).toEqual(groupSet(maximalTieSets(n, sig).map((g) => g.map((i) => names[i]))));
        patterns++;
      }
    }
    expect(patterns).toBe(1 + 2 + 8 + 64 + 1024);
  });

  it("seeded patterns on 6 to 9 conditions: the same properties, in any order of the pairs", () => {
    const rng = createRandom("tieGroups enumeration");
    for (let rep = 0; rep < 120; rep++) {
      const n = 6 + (rep % 4);
      const names = Array.from({ length: n }, (_, i) => `c${i}`);
      const density = [0.15, 0.4, 0.7][rep % 3];
      const sigPairs = allPairs(n).filter(() => rng.next() < density);
      const sig = (i: number, j: number) => sigPairs.some(([a, b]) => (a === i && b === j) || (a === j && b === i));
      const display = tieGroups(names, sigPairs.map(([i, j]) => [names[i], names[j]]));
      expect(checkDisplay(display, names, sig)).toEqual([]);
      expect(groupSet(display.groups)).toEqual(groupSet(maximalTieSets(n, sig).map((g) => g.map((i) => names[i]))));
      // The letters do not depend on the order the pairs are given in, nor on each pair's order.
      const shuffled = [...sigPairs].reverse().map(([i, j]) => [names[j], names[i]] as [string, string]);
      expect(tieGroups(names, shuffled)).toEqual(display);
    }
  });

  it("letters follow the display order: a is the first condition's group", () => {
    expect(tieGroups(["A", "B", "C"], [["B", "C"]]).letters).toEqual(["ab", "a", "b"]);
    expect(tieGroups(["A", "B", "C", "D"], []).letters).toEqual(["a", "a", "a", "a"]);
    expect(tieGroups(["A", "B", "C", "D"], [["A", "B"], ["A", "C"], ["A", "D"], ["B", "C"], ["B", "D"], ["C", "D"]]).letters).toEqual(["a", "b", "c", "d"]);
    expect(tieGroups(["A", "B", "C", "D"], [["A", "C"], ["A", "D"], ["B", "C"], ["B", "D"]]).groups).toEqual([["A", "B"], ["C", "D"]]);
    expect(tieGroups(["solo"], []).letters).toEqual(["a"]);
  });

  it("names letters past z: A–Z, then .a, .b (multcomp's convention)", () => {
    expect([0, 25, 26, 51, 52, 53].map(letterName)).toEqual(["a", "z", "A", "Z", ".a", ".b"]);
    // 60 conditions all different from each other need 60 letters.
    const names = Array.from({ length: 60 }, (_, i) => `m${i}`);
    const every = allPairs(60).map(([i, j]) => [names[i], names[j]] as [string, string]);
    expect(tieGroups(names, every).letters.slice(50, 54)).toEqual(["Y", "Z", ".a", ".b"]);
  });

  it("rejects bad input, naming the argument and value", () => {
    expect(() => tieGroups([], [])).toThrow(/names must list at least one condition/);
    expect(() => tieGroups(["A", "A"], [])).toThrow(/names\[1\] repeats "A"/);
    expect(() => tieGroups(["A", ""], [])).toThrow(/names\[1\] must be a non-empty string/);
    expect(() => tieGroups(["A", "B"], [["A", "C"]])).toThrow(/significantPairs\[0\]\[1\] "C" is not one of the names; they are "A", "B"/);
    expect(() => tieGroups(["A", "B"], [["A", "A"]])).toThrow(/significantPairs\[0\] pairs "A" with itself/);
    expect(() => tieGroups(["A", "B"], [["A"]] as unknown as [string, string][])).toThrow(/significantPairs\[0\] must be a \[name, name\] pair/);
    expect(() => tieGroups(["A", "B"], "A-B" as unknown as [string, string][])).toThrow(TypeError);
  });
});
