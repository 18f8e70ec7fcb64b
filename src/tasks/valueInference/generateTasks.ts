/**
 * The value-inference benchmark: tasks in the shape `evalgap run` reads (id, prompt, target,
 * choices, cluster, meta), each with its exact ideal-observer posterior.
 *
 * How a task is drawn (all from the project's seeded generator, so the same seed and knobs give
 * byte-identical tasks on every machine: the generator is integer arithmetic, and the only
 * floating-point functions on the path, Math.exp and Math.log, are V8's platform-independent
 * fdlibm ports):
 * 1. World w (tasks w·perWorld … w·perWorld + perWorld − 1 share it; cluster = "world-w") from its
 *    own stream, seed "S/world/w": a size, the kinds, the objects' cells.
 * 2. Task i from its own stream, seed "S/item/i" (so task i does not change when --items grows):
 *    - "profile" (multiple choice): k candidate profiles (drawCandidates), then the person's
 *      profile uniformly among them; chance 1/k. Hypotheses: the k candidates, uniform prior.
 *    - "compare" (yes/no): two kinds X ≠ Y, then the person's profile uniformly among ALL profiles
 *      of the space with w_X ≠ w_Y (ties excluded, so the answer is defined and the prior is
 *      symmetric: chance 1/2 exactly). Hypotheses: those profiles, uniform prior; P(yes) is the
 *      posterior mass of the profiles with w_X > w_Y.
 *    - distinct start cells on empty ground, one per walk, and the walks sampled from the person's
 *      policy (softValueIteration).
 * 3. The ideal observer's posterior over the options (idealObserver.ts); the task carries it, the
 *    posterior of the correct option, the MAP option and its probability (the observer's expected
 *    accuracy on this task).
 */
import { createRandom } from "../../stats/random.js";
import { choiceLabels } from "../../runs/extractChoice.js";
import { drawDistinct, emptyCells, generateWorld, type GridWorld } from "./gridWorld.js";
import { mapOption, posteriorFromLogLikelihoods } from "./idealObserver.js";
import { resolveKnobs, type KnobNamer, type ValueInferenceKnobs } from "./knobs.js";
import { renderPrompt, type Question } from "./renderPrompt.js";
import { softValueIteration, type AgentParameters, type SoftPolicy } from "./softValueIteration.js";
import { sampleTrajectory, trajectoryLogLikelihood, type Trajectory } from "./trajectory.js";
import { describeProfile, drawCandidates, profileKey, profileSpace, type ValueProfile } from "./valueProfile.js";

/**
 * What a value-inference task records beside its prompt: the knobs, the truth and the ideal observer.
 * A type alias, not an interface, so that it is assignable to a task's `Record<string, unknown>` meta.
 */
export type ValueInferenceMeta = {
  family: "value-inference";
  question: "profile" | "compare";
  seed: number | string;
  world: number;
  size: number;
  kinds: string[];
  objectsPerKind: number;
  levels: number[];
  beta: number;
  discount: number;
  stepCost: number;
  maxSteps: number;
  trajectories: number;
  /** Candidates k (profile questions); radius null means anywhere in the space. */
  candidates?: number;
  radius?: number | null;
  /** The two kinds compared (compare questions): does the person value the first more? */
  compared?: [string, string];
  /** 1/k or 1/2, by construction. */
  chance: number;
  /** The person's values, by kind name. */
  truth: Record<string, number>;
  /** Moves in each walk shown. */
  walkLengths: number[];
  /** The ideal observer's posterior over the choices, in choice order. */
  posterior: number[];
  /** The posterior probability of the correct choice. */
  posteriorOfTarget: number;
  /** The ideal observer's answer (the MAP choice, written as the target is). */
  idealAnswer: string;
  /** The MAP choice's posterior probability: the ideal observer's expected accuracy on this task. */
  idealAccuracy: number;
};

/** One task, structurally a `Task` of src/collect/types.ts (tasks do not import collect, a peer layer). */
export interface ValueInferenceTask {
  id: string;
  prompt: string;
  target: string;
  choices: string[];
  cluster: string;
  meta: ValueInferenceMeta;
}

/** Policies of one world, one per profile, solved on first use. */
class PolicyCache {
  private readonly solved = new Map<string, SoftPolicy>();
  constructor(
    private readonly world: GridWorld,
    private readonly agent: AgentParameters,
  ) {}

  get(profile: ValueProfile): SoftPolicy {
    const key = profileKey(profile);
    let policy = this.solved.get(key);
    if (!policy) {
      policy = softValueIteration(this.world, profile, this.agent);
      this.solved.set(key, policy);
    }
    return policy;
  }

  logLikelihood(profile: ValueProfile, walks: readonly Trajectory[]): number {
    const policy = this.get(profile);
    return walks.reduce((sum, walk) => sum + trajectoryLogLikelihood(policy, this.world, walk), 0);
  }
}

function sizeOfWorld(knobs: ValueInferenceKnobs, rng: ReturnType<typeof createRandom>): number {
  if (typeof knobs.size === "number") return knobs.size;
  const [lo, hi] = knobs.size;
  return lo + rng.int(hi - lo + 1);
}

/**
 * Generate value-inference tasks. Knobs (ValueInferenceKnobs) default to DEFAULT_KNOBS; an
 * impossible knob throws an error naming it (as `name` calls it) and its value.
 *
 * @example generateValueInferenceTasks({ items: 4, seed: 7 })[1].meta.chance // 0.5
 */
export function generateValueInferenceTasks(given: Partial<ValueInferenceKnobs> = {}, name?: KnobNamer): ValueInferenceTask[] {
  const knobs = resolveKnobs(given, name);
  const agent: AgentParameters = { beta: knobs.beta, discount: knobs.discount, stepCost: knobs.stepCost };
  const space = profileSpace(knobs.kinds, knobs.levels);
  const idWidth = String(knobs.items).length;
  const tasks: ValueInferenceTask[] = [];
  let world: GridWorld | null = null;
  let cache: PolicyCache | null = null;
  for (let i = 0; i < knobs.items; i++) {
    const worldIndex = Math.floor(i / knobs.perWorld);
    if (i % knobs.perWorld === 0 || !world || !cache) {
      const worldRng = createRandom(`${knobs.seed}/world/${worldIndex}`);
      const size = sizeOfWorld(knobs, worldRng);
      world = generateWorld(worldRng, `world-${worldIndex}`, { size, kinds: knobs.kinds, objectsPerKind: knobs.objectsPerKind });
      cache = new PolicyCache(world, agent);
    }
    const rng = createRandom(`${knobs.seed}/item/${i}`);
    const kind = knobs.question === "both" ? (i % 2 === 0 ? "profile" : "compare") : knobs.question;
    let question: Question;
    let hypotheses: ValueProfile[];
    let truth: ValueProfile;
    if (kind === "profile") {
      hypotheses = drawCandidates(rng, space, knobs.candidates, knobs.radius, knobs.levels);
      truth = hypotheses[rng.int(hypotheses.length)];
      question = { kind, options: hypotheses };
    } else {
      const [more, less] = drawDistinct(rng, knobs.kinds, 2);
      hypotheses = space.filter((p) => p[more] !== p[less]);
      truth = hypotheses[rng.int(hypotheses.length)];
      question = { kind, more, less };
    }
    const ground = emptyCells(world);
    const starts = drawDistinct(rng, ground.length, knobs.trajectories).map((j) => ground[j]);
    const truePolicy = cache.get(truth);
    const walks = starts.map((start) => sampleTrajectory(rng, world!, truePolicy, start, knobs.maxSteps));
    const posterior = posteriorFromLogLikelihoods(hypotheses.map((h) => cache!.logLikelihood(h, walks)));

    let choices: string[];
    let optionPosterior: number[];
    let targetIndex: number;
    if (question.kind === "profile") {
      choices = hypotheses.map((h) => describeProfile(world!.kinds, h));
      optionPosterior = posterior;
      targetIndex = hypotheses.indexOf(truth);
    } else {
      const { more, less } = question;
      const yes = hypotheses.reduce((sum, h, j) => sum + (h[more] > h[less] ? posterior[j] : 0), 0);
      const no = hypotheses.reduce((sum, h, j) => sum + (h[more] < h[less] ? posterior[j] : 0), 0);
      choices = ["Yes", "No"];
      optionPosterior = [yes, no];
      targetIndex = truth[more] > truth[less] ? 0 : 1;
    }
    // Multiple choice is answered by letter, yes/no by the word; records keep the target's form.
    const answerOf = (j: number) => (question.kind === "profile" ? choiceLabels(choices.length)[j] : choices[j]);
    const best = mapOption(optionPosterior);
    const meta: ValueInferenceMeta = {
      family: "value-inference",
      question: question.kind,
      seed: knobs.seed,
      world: worldIndex,
      size: world.size,
      kinds: world.kinds.map((k) => k.name),
      objectsPerKind: knobs.objectsPerKind,
      levels: [...knobs.levels],
      beta: knobs.beta,
      discount: knobs.discount,
      stepCost: knobs.stepCost,
      maxSteps: knobs.maxSteps,
      trajectories: knobs.trajectories,
      ...(question.kind === "profile"
        ? { candidates: knobs.candidates, radius: knobs.radius }
        : { compared: [world.kinds[question.more].name, world.kinds[question.less].name] as [string, string] }),
      chance: 1 / choices.length,
      truth: Object.fromEntries(world.kinds.map((k, j) => [k.name, truth[j]])),
      walkLengths: walks.map((w) => w.moves.length),
      posterior: optionPosterior,
      posteriorOfTarget: optionPosterior[targetIndex],
      idealAnswer: answerOf(best),
      idealAccuracy: optionPosterior[best],
    };
    tasks.push({
      id: `vi-${String(i + 1).padStart(idWidth, "0")}`,
      prompt: renderPrompt(world, walks, question, { ...agent, levels: knobs.levels, maxSteps: knobs.maxSteps }),
      target: answerOf(targetIndex),
      choices,
      cluster: world.id,
      meta,
    });
  }
  return tasks;
}

/**
 * Tasks as JSON lines, one task per line, each ending with a newline.
 *
 * @example tasksToJsonl(generateValueInferenceTasks({ items: 3 })).split("\n").length // 4
 */
export function tasksToJsonl(tasks: readonly ValueInferenceTask[]): string {
  return tasks.map((t) => `${JSON.stringify(t)}\n`).join("");
}
