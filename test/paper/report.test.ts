import { describe, expect, it } from "vitest";
import { compareAll } from "../../src/analysis/compareAll.js";
import { summarize } from "../../src/analysis/summarize.js";
import { beatsChance } from "../../src/analysis/beatsChance.js";
import { chanceFamily, escapeHtml, reportHtml, type ReportInput } from "../../src/paper/report.js";

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
    expect(page).toContain("Only one condition: there is nothing to compare.");
    expect(page).not.toContain('<section id="figures">');
    expect(page).toContain("1 of 1 condition beats chance");
  });

  it("refuses an SVG that is not one <svg> element or that holds a script, naming the figure", () => {
    expect(() => reportHtml(input({ figures: [{ title: "x", svg: "<div></div>" }] }))).toThrow(/figures\[0\]\.svg must be one <svg> element/);
    expect(() => reportHtml(input({ figures: [{ title: "x", svg: "<svg><script>1</script></svg>" }] }))).toThrow(/figures\[0\]\.svg holds a <script>/);
    expect(() => reportHtml(input({ title: " " }))).toThrow(/title must be non-empty text/);
  });
});
