/**
 * A SIMULATED respondent for the value-inference tasks, standing in for a model behind the local
 * mock Messages API: an approximate Bayesian observer. It reads the task from the prompt it is sent
 * (readPrompt), computes the posterior over the hypotheses exactly as the ideal observer does but
 * with a misspecified rationality β (what it believes about how noisy the person is), and draws its
 * answer from that posterior, sharpened by the request's temperature T:
 *
 *   P(answer = option) ∝ posterior(option)^(1/T),  T = 1: the posterior itself (probability
 *   matching); T → 0: its most probable option; T absent: 1, the API's default.
 *
 * The draw is seeded by (seed, item, condition), so the same request always gets the same answer
 * and a run is reproducible. With β equal to the person's true β the posterior is the task's
 * `meta.posterior`: at T = 1 the respondent is right with probability `meta.posteriorOfTarget`, at
 * T = 0 it answers `meta.idealAnswer` (test/tasks/valueInference/simulatedRespondent.test.ts).
 *
 * Which condition a request belongs to is read off the request as src/collect/plan.ts builds it:
 * model, max_tokens, system prompt, the prompt suffix after a blank line, temperature and top_p. The
 * β it assumes is chosen per condition (by default from the name: "research…" or "production…").
 */
import { createRandom } from "../../stats/random.js";
import { choiceLabels } from "../../runs/extractChoice.js";
import type { GridWorld } from "./gridWorld.js";
import { mapOption, posteriorFromLogLikelihoods } from "./idealObserver.js";
import { readPrompt, type ReadPrompt } from "./readPrompt.js";
import { softValueIteration, type SoftPolicy } from "./softValueIteration.js";
import { trajectoryLogLikelihood } from "./trajectory.js";
import { profileKey } from "./valueProfile.js";

/**
 * The β the simulated respondent assumes in the story's two conditions (the tasks' person has
 * β = 3 by default). Both are misspecified, "research" half the true β and "production" a sixth of
 * it, so production's posterior is flatter and its sampled answers nearer chance. Chosen so that at
 * T = 1 on 300 default tasks (seed 1) the expected accuracies are 62.8% and 51.4%, near the retold
 * 62% and 51%. At T = 0 the misspecification hardly matters: the most probable option rarely
 * changes with β, and both conditions answer as the ideal observer nearly always does.
 */
export const SIMULATED_BETAS = { research: 1.5, production: 0.5 } as const;

/** The parts of a task the respondent uses (a ValueInferenceTask, or a line of a tasks file). */
export interface RespondentTask {
  id: string;
  prompt: string;
  target: string;
  choices: readonly string[];
  system?: string;
}

/** The parts of a condition that shape its request (a condition of conditions.json). */
export interface RespondentCondition {
  name: string;
  model: string;
  maxTokens: number;
  system?: string;
  promptSuffix?: string;
  temperature?: number;
  topP?: number;
}

/** A Messages API request body, as the mock API hands it to its `answer` option. */
export interface RespondentRequest {
  model: string;
  max_tokens: number;
  messages: { role: string; content: unknown }[];
  system?: string;
  temperature?: number;
  top_p?: number;
}

export interface SimulatedRespondentOptions {
  tasks: readonly RespondentTask[];
  conditions: readonly RespondentCondition[];
  /** The β it assumes under a condition (> 0); default `simulatedBeta` (by the condition's name). */
  beta?: (condition: RespondentCondition) => number;
  /** Seed of the answer draws (default 1). */
  seed?: number | string;
}

/** One simulated answer, with what it rests on. */
export interface SimulatedAnswer {
  item: string;
  condition: string;
  /** The β assumed and the temperature applied. */
  beta: number;
  temperature: number;
  /** The respondent's posterior over the choices (choice order). */
  posterior: number[];
  /** The probability of answering each choice, posterior^(1/T) normalized. */
  answerProbabilities: number[];
  /** The answer as the target is written ("B", "Yes"). */
  answer: string;
  correct: boolean;
  /** The probability that this respondent is right on this item: its expected score. */
  probabilityCorrect: number;
}

/** What the respondent has answered so far through `answer`, per condition. */
export interface RespondentTally {
  condition: string;
  answered: number;
  correct: number;
  accuracy: number;
}

export interface SimulatedRespondent {
  /** The mock API's `answer` option: reads the request, answers "Answer: X" with a simulated-respondent note. */
  answer(request: RespondentRequest): { text: string };
  /** The answer to an item under a condition, without a request (the same one `answer` gives). */
  answerFor(item: string, condition: string): SimulatedAnswer;
  /** Mean over the tasks of the probability of a right answer under the condition. */
  expectedAccuracy(condition: string): number;
  /** Items answered through `answer` and how many right, per condition (each (item, condition) once). */
  tally(): RespondentTally[];
}

/**
 * The default β of a condition: SIMULATED_BETAS.research for a name starting "research",
 * .production for "production"; any other name is an error (pass `beta`).
 *
 * @example simulatedBeta({ name: "production t1", model: "m", maxTokens: 1 }) // 0.5
 */
export function simulatedBeta(condition: Pick<RespondentCondition, "name">): number {
  if (/^research/i.test(condition.name)) return SIMULATED_BETAS.research;
  if (/^production/i.test(condition.name)) return SIMULATED_BETAS.production;
  throw new RangeError(`condition ${JSON.stringify(condition.name)}: the simulated respondent has a β for "research…" and "production…" conditions only; pass beta(condition) for others`);
}

/**
 * The answer distribution at temperature T: p^(1/T) normalized (computed in log space); T = 0 puts
 * all of it on the most probable option (the first of ties).
 *
 * @example sharpen([0.25, 0.75], 0.5) // [0.1, 0.9]
 */
export function sharpen(probabilities: readonly number[], temperature: number): number[] {
  if (!(temperature >= 0) || !Number.isFinite(temperature)) throw new RangeError(`temperature must be a finite number ≥ 0, got ${temperature}`);
  if (temperature === 0) {
    const best = mapOption(probabilities);
    return probabilities.map((_, i) => (i === best ? 1 : 0));
  }
  if (temperature === 1) return [...probabilities];
  return posteriorFromLogLikelihoods(probabilities.map((p) => Math.log(p) / temperature));
}

/** Policies solved under an assumed β, shared by the tasks of one world. */
class AssumedPolicies {
  private readonly solved = new Map<string, SoftPolicy>();

  logLikelihood(read: ReadPrompt, beta: number, profile: readonly number[]): number {
    const { world, walks, rules } = read;
    const key = `${worldKey(world)}|${beta}|${rules.discount}|${rules.stepCost}|${profileKey(profile)}`;
    let policy = this.solved.get(key);
    if (!policy) {
      policy = softValueIteration(world, profile, { beta, discount: rules.discount, stepCost: rules.stepCost });
      this.solved.set(key, policy);
    }
    return walks.reduce((sum, walk) => sum + trajectoryLogLikelihood(policy!, world, walk), 0);
  }
}

function worldKey(world: GridWorld): string {
  return `${world.size}:${world.kinds.map((k) => k.symbol).join("")}:${world.objectAt.join(",")}`;
}

/** The posterior over a task's choices (choice order) when the person is assumed to have rationality β. */
function choicePosterior(read: ReadPrompt, beta: number, policies: AssumedPolicies): number[] {
  const posterior = posteriorFromLogLikelihoods(read.hypotheses.map((h) => policies.logLikelihood(read, beta, h)));
  if (read.question.kind === "profile") return posterior;
  const { more, less } = read.question;
  const yes = read.hypotheses.reduce((sum, h, j) => sum + (h[more] > h[less] ? posterior[j] : 0), 0);
  return [yes, 1 - yes];
}

/** Everything a condition sends beside the prompt, as one comparable string. */
function settingsKey(model: string, maxTokens: number, temperature: number | undefined, topP: number | undefined): string {
  return JSON.stringify([model, maxTokens, temperature ?? null, topP ?? null]);
}

const percent = (p: number) => `${(100 * p).toFixed(1)}%`;

/**
 * A seeded simulated respondent for the mock Messages API (see the module comment). Throws a
 * RangeError for a condition whose β is not > 0, two conditions that send identical requests, or
 * two tasks with one prompt.
 *
 * @example simulatedRespondent({ tasks, conditions }).answerFor("vi-001", "research t1").answer // "C", the same on every run
 */
export function simulatedRespondent(options: SimulatedRespondentOptions): SimulatedRespondent {
  const seed = options.seed ?? 1;
  const betaOf = options.beta ?? simulatedBeta;
  const byPrompt = new Map<string, RespondentTask>();
  const byId = new Map<string, RespondentTask>();
  for (const task of options.tasks) {
    if (byPrompt.has(task.prompt)) throw new RangeError(`tasks: ${task.id} and ${byPrompt.get(task.prompt)!.id} have the same prompt; the respondent could not tell them apart`);
    byPrompt.set(task.prompt, task);
    byId.set(task.id, task);
  }
  const conditions = new Map<string, { condition: RespondentCondition; beta: number }>();
  const seen = new Map<string, string>();
  for (const condition of options.conditions) {
    const beta = betaOf(condition);
    if (typeof beta !== "number" || !(beta > 0) || !Number.isFinite(beta)) throw new RangeError(`beta for condition ${JSON.stringify(condition.name)} must be a finite number greater than 0, got ${beta}`);
    const signature = JSON.stringify([settingsKey(condition.model, condition.maxTokens, condition.temperature, condition.topP), condition.system ?? "", condition.promptSuffix ?? ""]);
    if (seen.has(signature)) throw new RangeError(`conditions ${JSON.stringify(seen.get(signature))} and ${JSON.stringify(condition.name)} send identical requests; the respondent could not tell them apart`);
    seen.set(signature, condition.name);
    conditions.set(condition.name, { condition, beta });
  }

  const policies = new AssumedPolicies();
  const readCache = new Map<string, ReadPrompt>();
  const answers = new Map<string, SimulatedAnswer>();
  const given = new Map<string, SimulatedAnswer>();

  function answerFor(item: string, conditionName: string): SimulatedAnswer {
    const key = `${item}\u0000${conditionName}`;
    const done = answers.get(key);
    if (done) return done;
    const task = byId.get(item);
    if (!task) throw new RangeError(`item ${JSON.stringify(item)} is not one of the respondent's tasks`);
    const entry = conditions.get(conditionName);
    if (!entry) throw new RangeError(`condition ${JSON.stringify(conditionName)} is not one of the respondent's conditions`);
    let read = readCache.get(item);
    if (!read) {
      read = readPrompt(task.prompt);
      readCache.set(item, read);
    }
    const temperature = entry.condition.temperature ?? 1;
    const posterior = choicePosterior(read, entry.beta, policies);
    const answerProbabilities = sharpen(posterior, temperature);
    const u = createRandom(`${seed}/simulated-respondent/${item}/${conditionName}`).next();
    let chosen = answerProbabilities.length - 1;
    for (let i = 0, cumulative = 0; i < answerProbabilities.length; i++) {
      cumulative += answerProbabilities[i];
      if (u < cumulative) {
        chosen = i;
        break;
      }
    }
    // A u above a cumulative sum that rounding left just short of 1 takes the last option that can be drawn.
    while (answerProbabilities[chosen] === 0) chosen--;
    const written = (i: number) => (read!.question.kind === "profile" ? choiceLabels(posterior.length)[i] : task.choices[i]);
    const targetIndex = posterior.findIndex((_, i) => written(i) === task.target);
    if (targetIndex < 0) throw new RangeError(`item ${item}: target ${JSON.stringify(task.target)} is not one of its choices`);
    const result: SimulatedAnswer = {
      item,
      condition: conditionName,
      beta: entry.beta,
      temperature,
      posterior,
      answerProbabilities,
      answer: written(chosen),
      correct: chosen === targetIndex,
      probabilityCorrect: answerProbabilities[targetIndex],
    };
    answers.set(key, result);
    return result;
  }

  function identify(request: RespondentRequest): { task: RespondentTask; condition: RespondentCondition } {
    const content = request.messages?.[0]?.content;
    if (typeof content !== "string") throw new RangeError("simulated respondent: the request's first message is not text");
    const settings = settingsKey(request.model, request.max_tokens, request.temperature, request.top_p);
    const matches: { task: RespondentTask; condition: RespondentCondition }[] = [];
    for (const { condition } of conditions.values()) {
      if (settingsKey(condition.model, condition.maxTokens, condition.temperature, condition.topP) !== settings) continue;
      const suffix = condition.promptSuffix ? `\n\n${condition.promptSuffix}` : "";
      if (!content.endsWith(suffix)) continue;
      const task = byPrompt.get(content.slice(0, content.length - suffix.length));
      if (!task) continue;
      const system = [condition.system, task.system].filter((s) => typeof s === "string" && s !== "").join("\n\n");
      if ((request.system ?? "") === system) matches.push({ task, condition });
    }
    if (matches.length !== 1) {
      const why = matches.length === 0 ? "matches no (task, condition) it was given" : `matches ${matches.map((m) => m.condition.name).join(" and ")}`;
      throw new RangeError(`simulated respondent: the request (prompt starting ${JSON.stringify(content.slice(0, 40))}) ${why}`);
    }
    return matches[0];
  }

  return {
    answerFor,
    answer(request) {
      const { task, condition } = identify(request);
      const a = answerFor(task.id, condition.name);
      given.set(`${a.item}\u0000${a.condition}`, a);
      const options = a.posterior.map((p, i) => `${read(task, i)} ${percent(p)}`).join(", ");
      return {
        text:
          `[Simulated respondent, not a model: an approximate Bayesian observer assuming β = ${a.beta}, temperature ${a.temperature}.]\n` +
          `Its posterior: ${options}.\n` +
          `Answer: ${a.answer}`,
      };
    },
    expectedAccuracy(conditionName) {
      if (!conditions.has(conditionName)) throw new RangeError(`condition ${JSON.stringify(conditionName)} is not one of the respondent's conditions`);
      const probabilities = options.tasks.map((t) => answerFor(t.id, conditionName).probabilityCorrect);
      return probabilities.reduce((a, b) => a + b, 0) / probabilities.length;
    },
    tally() {
      return [...conditions.keys()].flatMap((name) => {
        const mine = [...given.values()].filter((a) => a.condition === name);
        if (mine.length === 0) return [];
        const correct = mine.filter((a) => a.correct).length;
        return [{ condition: name, answered: mine.length, correct, accuracy: correct / mine.length }];
      });
    },
  };

  function read(task: RespondentTask, i: number): string {
    return readCache.get(task.id)!.question.kind === "profile" ? choiceLabels(task.choices.length)[i] : task.choices[i];
  }
}
