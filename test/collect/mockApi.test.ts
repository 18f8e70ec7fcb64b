/**
 * The mock Messages API's answer markers (src/collect/mockApi.ts), by exact enumeration of its seeded
 * coins over 4,000 items: "#right=NN" alone draws each (item, condition) apart, as before; with
 * "#agree=AA" / "#shared" the conditions share the item's coin on AA% of the items (common random
 * numbers) and each keeps its accuracy.
 */
import { describe, expect, it } from "vitest";
import { answerCoin, defaultAnswer, promptHashUnit } from "../../src/collect/mockApi.js";

const ITEMS = 4000;
const itemPrompt = (i: number) => `Question ${i}. Reply with ${"ABCD"[i % 4]}.`;
/** 1 when the mock answers item i right under this suffix (plan.ts joins prompt and suffix with a blank line). */
function right(i: number, suffix: string): number {
  const reply = defaultAnswer({ model: "m", max_tokens: 8, messages: [{ role: "user", content: `${itemPrompt(i)}\n\n${suffix}` }] });
  return reply.text.endsWith(`Answer: ${"ABCD"[i % 4]}`) ? 1 : 0;
}
function tally(a: string, b: string): { rateA: number; rateB: number; agree: number; aOnly: number } {
  let [ra, rb, agree, aOnly] = [0, 0, 0, 0];
  for (let i = 0; i < ITEMS; i++) {
    const [x, y] = [right(i, a), right(i, b)];
    ra += x;
    rb += y;
    agree += +(x === y);
    aOnly += +(x > y);
  }
  return { rateA: ra / ITEMS, rateB: rb / ITEMS, agree: agree / ITEMS, aOnly: aOnly / ITEMS };
}
/** Three binomial SEs of a rate p over ITEMS items. */
const slack = (p: number) => 3 * Math.sqrt((p * (1 - p)) / ITEMS);

describe("the mock's #right / #agree markers", () => {
  it('"#right=NN" alone keys the coin on the whole prompt, unchanged: conditions agree only by chance', () => {
    expect(answerCoin("Q. Reply with A.\n\nBrief. #right=65")).toBe(promptHashUnit("Q. Reply with A.\n\nBrief. #right=65"));
    const t = tally("Answer briefly. #right=65", "Think it through. #right=65");
    // Independent draws at 65%: agreement 0.65² + 0.35² = 0.545.
    expect(Math.abs(t.agree - 0.545)).toBeLessThan(slack(0.545));
    expect(Math.abs(t.rateA - 0.65)).toBeLessThan(slack(0.65));
  });

  it('"#shared" at 65% both: every answer agrees; at 60% vs 70%: the 60%-right items are a subset of the 70%-right', () => {
    expect(tally("Answer briefly. #shared #right=65", "Think it through. #shared #right=65").agree).toBe(1);
    const t = tally("Answer briefly. #shared #right=60", "Think it through. #shared #right=70");
    expect(t.aOnly).toBe(0);
    expect(Math.abs(t.rateB - t.rateA - 0.1)).toBeLessThan(slack(0.1));
  });

  it('"#agree=90": agreement 0.9 + 0.1 × 0.545 at 65% both, each condition still right 65% of the time', () => {
    const t = tally("Answer briefly. #agree=90 #right=65", "Think it through. #agree=90 #right=65");
    const expected = 0.9 + 0.1 * 0.545;
    expect(Math.abs(t.agree - expected)).toBeLessThan(slack(expected));
    expect(Math.abs(t.rateA - 0.65)).toBeLessThan(slack(0.65));
    expect(Math.abs(t.rateB - 0.65)).toBeLessThan(slack(0.65));
  });

  it('"#agree=0" is "#right=NN" alone', () => {
    for (let i = 0; i < 50; i++) expect(right(i, "Brief. #agree=0 #right=65")).toBe(+(promptHashUnit(`${itemPrompt(i)}\n\nBrief. #agree=0 #right=65`) < 0.65));
  });
});
