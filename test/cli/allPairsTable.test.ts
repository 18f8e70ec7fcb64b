import { describe, expect, it } from "vitest";
import { compareAll } from "../../src/analysis/compareAll.js";
import { formatP } from "../../src/analysis/format.js";
import { pBestWarning, rankConditions } from "../../src/analysis/rankings.js";
import { formatAllPairs } from "../../src/cli/allPairsTable.js";

// Three conditions on 40 shared items in 8 clusters (5 items each): strong 34 right, mid 24, weak 14.
const rightOf: Record<string, number> = { strong: 34, mid: 24, weak: 14 };
const records = Object.entries(rightOf).flatMap(([condition, right]) =>
  Array.from({ length: 40 }, (_, i) => ({ item: `q${i}`, condition, cluster: `c${i % 8}`, score: (i * 13) % 40 < right ? 1 : 0 })),
);
const unclustered = records.map(({ cluster: _cluster, ...r }) => r);

describe("formatAllPairs", () => {
  it("prints the standings, every pair with the family's adjusted p, and the family sentence", () => {
    const family = compareAll(unclustered, { pairs: "all" });
    const text = formatAllPairs(family);
    expect(text.split("\n")[0]).toMatch(/^condition\s+items\s+accuracy\s+letters$/);
    for (const c of family.comparisons) expect(text).toMatch(new RegExp(`${c.treatment} − ${c.baseline} .* ${formatP(c.adjustedPValue).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s+${c.method}`));
    expect(text).toContain(family.sentence);
  });

  it("with fewer than 20 clusters, marks P(best) with † and prints the warning under the standings", () => {
    const ranking = rankConditions(records, { resamples: 500 });
    expect([ranking.unit, ranking.clusters]).toEqual(["cluster", 8]);
    const text = formatAllPairs(compareAll(records, { pairs: "all" }), ranking);
    expect(text.split("\n")[0]).toMatch(/P\(best\) †$/);
    expect(text).toContain(`\n† ${pBestWarning(ranking)}\n`);
    expect(pBestWarning(ranking)).toBe("P(best) rests on 8 clusters (fewer than 20): each resample draws from only 8 cluster means, so read P(best) and the rank intervals as rough.");
    // Items as the unit: no mark, no warning.
    const plain = formatAllPairs(compareAll(unclustered, { pairs: "all" }), rankConditions(unclustered, { resamples: 500 }));
    expect(plain.split("\n")[0]).toMatch(/P\(best\)$/);
    expect(plain).not.toContain("†");
  });
});
