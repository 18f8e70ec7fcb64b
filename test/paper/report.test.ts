import { describe, expect, it } from "vitest";
import { compareAll } from "../../src/analysis/compareAll.js";
import { summarize } from "../../src/analysis/summarize.js";
import { beatsChance } from "../../src/analysis/beatsChance.js";
import { passAtK } from "../../src/analysis/passAtK.js";
import { pBestWarning, rankConditions } from "../../src/analysis/rankings.js";
import { chanceFamily, escapeHtml, reportHtml, type ReportInput } from "../../src/paper/report.js";
import { baselineSentence, fellBackNote } from "../../src/paper/reportSections.js";

// Three conditions on 20 shared two-option items; one name carries markup that must be escaped.
const nasty = `<script>alert("x")</script> & co`;
const rightOf: Record<string, number> = { strong: 19, [nasty]: 11, weak: 9 };
const records = Object.entries(rightOf).flatMap(([condition, right]) =>
  Array.from({ length: 20 }, (_, i) => ({ item: `q${i}`, condition, score: i < right ? 1 : 0, choices: 2 })),
);
const conditions = Object.keys(rightOf);

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  const chance = chanceFamily(records, conditions);
  return {
    title: "Ablations <draft>",
    loaded: { files: ["runs/a.jsonl"], records: records.length, conditions, notes: ["2 rows had no score"] },
    summary: summarize(records),
    chance: chance.rows,
    allPairs: compareAll(records, { pairs: "all" }),
    figures: [{ title: "Ranked forest", svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>' }],
    madeBy: "evalgap 0.1.0 (commit abc1234)",
    ...overrides,
  };
}

describe("chanceFamily", () => {
  it("adjusts the conditions' p-values by Holm: sorted p times (m − rank + 1), made monotone, capped at 1", () => {
    const { rows, skipped } = chanceFamily(records, conditions);
    expect(skipped).toEqual([]);
    const raw = conditions.map((condition) => beatsChance(records, { condition }).pValue);
    expect(rows.map((r) => r.pValue)).toEqual(raw);
    // Holm (1979) by hand, on the order of the raw p-values.
    const order = raw.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
    const holm: number[] = [];
    let running = 0;
    order.forEach(([p, i], rank) => {
      running = Math.max(running, Math.min(1, (raw.length - rank) * p));
      holm[i] = running;
    });
    rows.forEach((r, i) => expect(r.holmPValue).toBeCloseTo(holm[i], 12));
    expect(rows.map((r) => r.significantAfterHolm)).toEqual(holm.map((p) => p < 0.05));
    expect(rows[0].significantAfterHolm).toBe(true); // 19 of 20 against 50%
  });
});

describe("reportHtml", () => {
  const html = reportHtml(input());

  it("has every section: loaded, summary, chance, all pairs with the family sentence, figures, footer", () => {
    for (const id of ["loaded", "summary", "chance", "pairs", "figures"]) expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain("1 file, 60 records, 3 conditions");
    expect(html).toContain("2 rows had no score");
    expect(html).toContain(escapeHtml(compareAll(records, { pairs: "all" }).sentence));
    expect(html).toMatch(/<td class="num">95\.0%<\/td>/); // strong: 19 of 20
    expect(html).toContain("after Holm's adjustment for 3 tests");
    expect(html).toContain("<figure><svg");
    expect(html).toContain("<footer>Made by evalgap 0.1.0 (commit abc1234)");
  });

  it("escapes condition names and the title, so data cannot inject markup", () => {
    expect(html).not.toContain(nasty);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
    expect(html).toContain("<h1>Ablations &lt;draft&gt;</h1>");
    expect(html).not.toMatch(/<script/i);
  });

  it("loads nothing from outside: no src, href or url() pointing anywhere", () => {
    expect(html).not.toMatch(/\b(?:src|href)\s*=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/<link\b/i);
  });

  it("with one condition says there is nothing to compare, and draws no figures section", () => {
    const one = records.filter((r) => r.condition === "strong");
    const page = reportHtml(input({ loaded: { files: ["a"], records: 20, conditions: ["strong"], notes: [] }, summary: summarize(one), chance: chanceFamily(one, ["strong"]).rows, allPairs: undefined, figures: [] }));
    expect(page).toContain("Only one condition: there is nothing to compare (this page shows its accuracy and its test against chance;");
    expect(page).not.toContain('<section id="figures">');
    expect(page).toContain("1 of 1 condition beats chance");
  });

  it("refuses an SVG that is not one <svg> element or that holds a script, naming the figure", () => {
    expect(() => reportHtml(input({ figures: [{ title: "x", svg: "<div></div>" }] }))).toThrow(/figures\[0\]\.svg must be one <svg> element/);
    expect(() => reportHtml(input({ figures: [{ title: "x", svg: "<svg><script>1</script></svg>" }] }))).toThrow(/figures\[0\]\.svg holds a <script>/);
    expect(() => reportHtml(input({ title: " " }))).toThrow(/title must be non-empty text/);
  });

  it("against one baseline: a row per comparison with compareAll's numbers and its sentence; not together with all pairs", () => {
    const comparisons = compareAll(records, { baseline: "weak" });
    const page = reportHtml(input({ allPairs: undefined, againstBaseline: { baseline: "weak", comparisons }, figures: [] }));
    expect(page).toContain('<section id="baseline"><h2>Against weak</h2>');
    expect(page).toContain(escapeHtml(baselineSentence("weak", comparisons)));
    for (const c of comparisons) expect(page).toContain(escapeHtml(c.sentence));
    expect(() => reportHtml(input({ againstBaseline: { baseline: "weak", comparisons } }))).toThrow(/give allPairs or againstBaseline, not both/);
  });

  it("a pass@k section: both measures at each k per condition, and items left out for too few answers named", () => {
    const rows = ["A", "B"].flatMap((condition) => Array.from({ length: 6 }, (_, i) => Array.from({ length: i === 0 && condition === "B" ? 2 : 4 }, (_, s) => ({ item: `q${i}`, condition, sample: s, score: (i + s) % 3 === 0 ? 1 : 0 }))).flat());
    const results = ["A", "B"].flatMap((condition) => (["pass@k", "pass^k"] as const).flatMap((measure) => [1, 3].map((k) => passAtK(rows, { k, measure, condition, shortItems: "drop" }))));
    const page = reportHtml(input({ passAtK: { ks: [1, 3], results } }));
    expect(page).toContain('<section id="pass-at-k">');
    expect(page).toContain("<th class=\"num\">pass@3 (95% CI)</th>");
    expect(page).toContain("<th class=\"num\">pass^3 (95% CI)</th>");
    expect(page).toContain(escapeHtml('B, k = 3: 1 item with fewer than 3 answers left out: "q0" (2).'));
    expect(page).not.toContain("A, k = 3:");
  });

  it("notes pairs that fell back to independent comparisons, and warns beside P(best) with fewer than 20 clusters", () => {
    expect(fellBackNote([{ paired: true, treatment: "A", baseline: "B" }])).toBe("");
    expect(fellBackNote(["B", "C", "D", "E"].map((b) => ({ paired: false, treatment: "A", baseline: b })))).toMatch(/^4 pairs share no items .*: A − B, A − C, A − D, and 1 more\.$/);
    expect(pBestWarning({ unit: "item" })).toBe("");
    expect(pBestWarning({ unit: "cluster", clusters: 20 })).toBe("");
    const clustered = records.map((r) => ({ ...r, cluster: `c${Number(r.item.slice(1)) % 5}` }));
    const ranking = rankConditions(clustered, { resamples: 200 });
    const page = reportHtml(input({ ranking }));
    expect(page).toContain("P(best) †");
    expect(page).toContain(escapeHtml(`† ${pBestWarning(ranking)}`));
    expect(pBestWarning(ranking)).toMatch(/^P\(best\) rests on 5 clusters \(fewer than 20\)/);
  });
});
