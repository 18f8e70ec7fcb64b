// Notebook 7's story (src/paper/notebook07.ts): 300 value-inference tasks through the mock API to the
// simulated respondent, and the analysis. The records are the respondent's own answers; the shares
// of the ceiling are the accuracy's interval divided by exact numbers of the task set; the planned
// items are Connor's McNemar formula (recomputed here from its published form) times the design effect.
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { qnorm } from "../../src/stats/distributions.js";
import {
  accuracyForest,
  ceilingShares,
  experimentConditions,
  experimentTasks,
  itemsForRetoldGap,
  notebook07Story,
  researchVsProduction,
  runSimulatedExperiment,
  showcaseTask,
  taskReferences,
  worldOf,
  type NotebookStory,
  type SimulatedRun,
} from "../../src/paper/index.js";
import { answers, titleText } from "./storyText.js";

const dataDir = resolve(import.meta.dirname, "..", "..", "data");
const tasks = experimentTasks();
let run: SimulatedRun;
let story: NotebookStory;
const env = { url: process.env.ANTHROPIC_BASE_URL, key: process.env.ANTHROPIC_API_KEY };

beforeAll(async () => {
  run = await runSimulatedExperiment(tasks, experimentConditions(dataDir));
  story = await notebook07Story.build({ dataDir });
}, 120_000);

describe("notebook 7: the value-inference experiment, simulated", () => {
  it("runs 300 items × research and production through the mock API, each once, as the respondent answered", () => {
    expect(run.summary).toMatchObject({ total: 600, written: 600, errors: 0, done: 600 });
    expect(run.records).toHaveLength(600);
    expect(new Set(run.records.map((r) => `${r.item}|${r.condition}`)).size).toBe(600);
    for (const r of run.records) expect(r.answer).toBe(run.respondent.answerFor(r.item, r.condition).answer);
    const tally = Object.fromEntries(run.respondent.tally().map((t) => [t.condition, t.correct]));
    for (const condition of ["research t1", "production t1"]) {
      expect(run.records.filter((r) => r.condition === condition && r.score === 1)).toHaveLength(tally[condition]);
    }
    // The SDK's per-call warning about the model name is kept once, not printed 600 times.
    expect(run.sdkWarnings.length).toBeLessThanOrEqual(1);
  });

  it("leaves the API environment as it found it", () => {
    expect(process.env.ANTHROPIC_BASE_URL).toBe(env.url);
    expect(process.env.ANTHROPIC_API_KEY).toBe(env.key);
  });

  it("gives the same records and story on a second run (seeded tasks and answers)", async () => {
    const again = await runSimulatedExperiment(tasks, experimentConditions(dataDir));
    const key = (rs: typeof run.records) => rs.map((r) => `${r.item}|${r.condition}|${r.answer}|${r.score}`).sort();
    expect(key(again.records)).toEqual(key(run.records));
    expect(answers(await notebook07Story.build({ dataDir }))).toBe(answers(story));
  }, 60_000);

  it("takes chance and the ceiling from the tasks: mean 1/k or 1/2, mean MAP probability", () => {
    const refs = taskReferences(tasks);
    expect(refs.chance).toBe(0.375);
    expect(refs.ceiling).toBeCloseTo(tasks.reduce((s, t) => s + Math.max(...t.meta.posterior), 0) / 300, 14);
    expect(refs.posteriorSampling).toBeLessThan(refs.ceiling);
  });

  it("divides each accuracy and its interval by the ceiling, and measures the way from chance to it", () => {
    const refs = taskReferences(tasks);
    for (const s of ceilingShares(run.records, refs)) {
      expect(s.share * refs.ceiling).toBeCloseTo(s.row.accuracy, 14);
      expect([s.shareLower, s.shareUpper].map((x) => x * refs.ceiling)).toEqual([expect.closeTo(s.row.lower, 14), expect.closeTo(s.row.upper, 14)]);
      expect(refs.chance + s.aboveChance * (refs.ceiling - refs.chance)).toBeCloseTo(s.row.accuracy, 14);
    }
  });

  it("compares research with production paired by item and clustered by world", () => {
    const c = researchVsProduction(run.records);
    expect(c).toMatchObject({ paired: true, items: 300, clusters: 60, baseline: "production t1", treatment: "research t1" });
  });

  it("plans the retold 62% vs 51% with Connor's formula at the observed correlation, times the design effect, in whole worlds", () => {
    const c = researchVsProduction(run.records);
    const plan = itemsForRetoldGap(run.records, c);
    // Connor (1987): n = [z_α/2 √ψ + z_β √(ψ − δ²)]² / δ², ψ = p1 + p2 − 2 (p1 p2 + ρ √(p1 q1 p2 q2)).
    const [p1, p2, rho] = [0.51, 0.62, c.correlation!];
    const psi = p1 + p2 - 2 * (p1 * p2 + rho * Math.sqrt(p1 * (1 - p1) * p2 * (1 - p2)));
    const delta = p2 - p1;
    const n = (qnorm(0.975) * Math.sqrt(psi) + qnorm(0.8) * Math.sqrt(psi - delta * delta)) ** 2 / delta ** 2;
    expect(plan.plan.n).toBeCloseTo(n, 9);
    expect(plan.designEffect).toBe(Math.max(1, plan.observedEffect));
    expect(plan.items).toBe(5 * Math.ceil((n * plan.designEffect) / 5));
    expect(plan.worlds * 5).toBe(plan.items);
    expect(plan.sentence).toContain(`${plan.items} items in ${plan.worlds} worlds`);
  });

  it("draws a world whose prompt the figure shows: objects and walks from the task's text", () => {
    const task = showcaseTask(tasks);
    expect(task.meta.question).toBe("profile");
    expect(task.meta.posteriorOfTarget).toBeGreaterThanOrEqual(0.8);
    const world = worldOf(task);
    expect(world.objects).toHaveLength(task.meta.kinds.length * task.meta.objectsPerKind);
    expect(world.walks.map((w) => w.cells.length - 1)).toEqual(task.meta.walkLengths);
  });

  it("builds three figures, all marked simulated, the forest with chance and the ceiling", () => {
    expect(story.figures.map((f) => f.name)).toEqual(["07-one-world", "07-accuracy-chance-ceiling", "07-research-minus-production"]);
    for (const f of story.figures) {
      expect(f.simulated).toBe(true);
      expect(titleText(story, f.name)).toMatch(/simulated/i);
    }
    const forest = accuracyForest(run.records, taskReferences(tasks)).figure;
    const lines = (forest.layout.shapes as { x0: number }[]).map((s) => s.x0);
    expect(lines).toEqual([0.375, taskReferences(tasks).ceiling]);
    expect(story.verdicts).toHaveLength(4);
  });

  it("names a condition the conditions file does not have", () => {
    expect(() => experimentConditions(dataDir, ["research t2"])).toThrow(/names: "research t2" is not a condition of .*conditions\.json/);
  });
});
