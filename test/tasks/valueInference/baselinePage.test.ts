import { describe, expect, it } from "vitest";
import { baselineItem, baselinePage, readBaselineData, scriptSafeJson } from "../../../src/tasks/valueInference/baselinePage.js";
import { generateValueInferenceTasks } from "../../../src/tasks/valueInference/generateTasks.js";

const tasks = generateValueInferenceTasks({ items: 6, seed: 11, question: "both", trajectories: 2 });

describe("baselinePage", () => {
  const html = baselinePage(tasks, { name: "Ada" });

  it("is self-contained: no external URL, no src or href to fetch (the SVG namespace is a name, not a fetch)", () => {
    const urls = [...html.matchAll(/(?:https?:)?\/\/[A-Za-z0-9.-]+\.[a-z]{2,}[^\s"'<>)]*/g)].map((m) => m[0]);
    expect(urls).toEqual(["http://www.w3.org/2000/svg"]);
    expect(html).not.toMatch(/\s(?:src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(\s*["']?(?!#)/);
  });

  it("embeds the items as JSON that reads back equal, one per task, in order", () => {
    const data = readBaselineData(html);
    expect(data.name).toBe("Ada");
    expect(data.items).toEqual(tasks.map(baselineItem));
    expect(data.items.map((i) => i.id)).toEqual(tasks.map((t) => t.id));
  });

  it("reads the world back from the prompt exactly: size, objects and walk ends as the generator drew them", () => {
    const item = baselineItem(tasks[0]);
    const task = tasks[0];
    expect(item.size).toBe(task.meta.size);
    expect(item.kinds.map((k) => k.name)).toEqual(task.meta.kinds);
    expect(item.objects.length).toBe(task.meta.kinds.length * task.meta.objectsPerKind);
    expect(item.walks.map((w) => w.cells.length - 1)).toEqual(task.meta.walkLengths);
    for (const walk of item.walks) {
      const [r, c] = walk.cells[walk.cells.length - 1];
      const here = item.objects.find((o) => o[0] === r && o[1] === c);
      // A walk that collected something ends on an object of that kind; one that did not ends on empty ground.
      expect(here === undefined ? null : here[2]).toBe(walk.collected);
    }
  });

  it("answers as the target is written: letters for profile questions, Yes/No for compare", () => {
    const profile = baselineItem(tasks[0]);
    const compare = baselineItem(tasks[1]);
    expect(profile.answers).toEqual(["A", "B", "C", "D"].slice(0, profile.choices.length));
    expect(compare.answers).toEqual(["Yes", "No"]);
    expect(profile.answers).toContain(tasks[0].target);
    expect(compare.answers).toContain(tasks[1].target);
  });

  it('escapes "</script>" and "<!--" in the data, and the text still reads back', () => {
    const hostile = { ...tasks[0], id: "x</script><script>alert(1)</script><!--", cluster: "a&b>c\u2028" };
    const page = baselinePage([hostile], { name: '"><img src=x>' });
    expect(page.match(/<\/script>/g)?.length).toBe(2); // the data block's and the program's own
    expect(page).not.toContain("<img");
    const data = readBaselineData(page);
    expect(data.items[0].id).toBe(hostile.id);
    expect(data.items[0].cluster).toBe(hostile.cluster);
    expect(data.name).toBe('"><img src=x>');
    expect(scriptSafeJson({ a: "</script>" })).toBe('{"a":"\\u003c/script\\u003e"}');
  });

  it("names the task and what is wrong when a prompt is not a value-inference prompt", () => {
    expect(() => baselineItem({ id: "q1", prompt: "What is 2+2?", target: "4" })).toThrow(/task "q1": no legend line/);
    expect(() => baselineItem({ ...tasks[1], target: "Maybe" })).toThrow(/task "vi-2": target "Maybe"/);
  });
});
