/**
 * Task generation: `evalgap task value-inference --items 300` without the process start, default
 * knobs (worlds 5×5 to 9×9, half the questions yes/no over the whole 64-profile space). The goal
 * is the (300 tasks in under 5 s); there is no outside reference to compare with.
 */
import type { Benchmark } from "./harness.js";
import { generateValueInferenceTasks, tasksToJsonl } from "../src/tasks/valueInference/generateTasks.js";

export const benchmarks: Benchmark[] = [
  {
    name: "value-inference tasks, 300 items (default knobs), to JSONL",
    goalMs: 5000,
    reference: "goal from issue 15; no reference implementation",
    run: () => tasksToJsonl(generateValueInferenceTasks({ items: 300, seed: 1 })),
    repeats: 5,
  },
];
