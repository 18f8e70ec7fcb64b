import { describe, expect, it } from "vitest";
import { choiceLabels, extractChoice } from "../../src/runs/extractChoice.js";
import { exactMatch, finalAnswerText, normalizeAnswer } from "../../src/runs/normalizeAnswer.js";
import { looksLikeRefusal } from "../../src/collect/refusal.js";
import { scoreResponse, scoreWith, targetIndex } from "../../src/collect/score.js";
import type { Task } from "../../src/collect/types.js";

describe("extractChoice", () => {
  it("doc examples", () => {
    expect(extractChoice("Let me think... B looks wrong.\nAnswer: C", 4)).toBe(2);
    expect(extractChoice("I'd say [Yes]", ["Yes", "No"])).toBe(0);
    expect(extractChoice("D", 4)).toBe(3);
    expect(extractChoice("It depends.", 4)).toBeNull();
  });

  // Each case: response, options, expected index (null = no explicit answer).
  const cases: [string, string[] | number, number | null][] = [
    ["Answer: C", 4, 2],
    ["answer: c", 4, 2],
    ["The answer is (B).", 4, 1],
    ["The correct answer is **D**", 4, 3],
    ["Final answer: A", 4, 0],
    ["**Answer:** B", 4, 1],
    ["Answer: [C]", 4, 2],
    ["Answer: C because the others fail", 4, 2],
    ["A is tempting, but B is wrong too. Answer: D", 4, 3],
    ["Answer: A\nOn reflection, Answer: B", 4, 1],
    ["I think the answer is a tricky one.", 4, null],
    ["The answer is a", 4, 0],
    ["(C)", 4, 2],
    ["C.", 4, 2],
    ["  b  ", 4, 1],
    ["E", 4, null],
    ["Answer: E", 4, null],
    ["a cat sat", 4, null],
    ["My choice: [B]", 4, 1],
    ["[A] seems off; [C] fits", 4, 2],
    ["[Yes]", ["Yes", "No"], 0],
    ["Answer: no", ["Yes", "No"], 1],
    ["Answer: No, it is not.", ["Yes", "No"], 1],
    ["No", ["Yes", "No"], 1],
    ["Answer: B", ["Yes", "No"], 1],
    ["C) Paris", ["London", "Berlin", "Paris"], 2],
    ["The answer is Paris.", ["London", "Berlin", "Paris"], 2],
    ["Maybe.", ["Yes", "No"], null],
    ["", 4, null],
  ];
  it.each(cases)("%j with %j → %j", (response, choices, want) => {
    expect(extractChoice(response, choices)).toBe(want);
  });

  it("labels", () => {
    expect(choiceLabels(4)).toEqual(["A", "B", "C", "D"]);
  });
});

describe("normalised exact match (SQuAD normalize_answer)", () => {
  it("doc examples", () => {
    expect(normalizeAnswer("The  Eiffel Tower!")).toBe("eiffel tower");
    expect(finalAnswerText("Paris is big.\nFinal answer: Paris.")).toBe("Paris.");
    expect(exactMatch("Answer: the Eiffel tower", "Eiffel Tower")).toBe(1);
  });
  // Reference outputs of the SQuAD v1.1 evaluate script's normalize_answer on these inputs.
  const squad: [string, string][] = [
    ["The Cat", "cat"],
    ["  an   apple, a day ", "apple day"],
    ["U.S.A.", "usa"],
    ["Theatre", "theatre"],
    ["42", "42"],
    ["'Hello', world!", "hello world"],
  ];
  it.each(squad)("%j → %j", (input, want) => {
    expect(normalizeAnswer(input)).toBe(want);
  });
  it("compares only the final stated answer", () => {
    expect(exactMatch("I first thought 41.\nAnswer: 42", "42")).toBe(1);
    expect(exactMatch("Answer: 41", "42")).toBe(0);
    expect(exactMatch("42", "42")).toBe(1);
  });
});

describe("looksLikeRefusal", () => {
  it.each([
    ["I'm sorry, but I can't help with that.", true],
    ["I cannot assist with this request.", true],
    ["I won't provide that.", true],
    ["I must decline.", true],
    ["Answer: B", false],
    ["", false],
    ["The cannon fired.", false],
  ])("%j → %j", (text, want) => {
    expect(looksLikeRefusal(text)).toBe(want);
  });
});

describe("scoreResponse", () => {
  const mc: Task = { id: "q", prompt: "…", target: "C", choices: 4 };
  const yn: Task = { id: "y", prompt: "…", target: "Yes", choices: ["Yes", "No"] };
  const free: Task = { id: "f", prompt: "…", target: "Eiffel Tower" };

  it("multiple choice: right, wrong, none, refusal", () => {
    expect(scoreResponse("Answer: C", "end_turn", mc)).toEqual({ score: 1, answer: "C", refused: false });
    expect(scoreResponse("Answer: B", "end_turn", mc)).toEqual({ score: 0, answer: "B", refused: false });
    expect(scoreResponse("Hmm.", "end_turn", mc)).toEqual({ score: 0, refused: false });
    expect(scoreResponse("I'm sorry, but I can't help with that.", "end_turn", mc)).toEqual({ score: 0, refused: true });
    expect(scoreResponse("", "refusal", mc)).toEqual({ score: 0, refused: true });
    expect(scoreResponse("Answer: C", "refusal", mc).score).toBe(0);
  });

  it("answers are written in the target's form", () => {
    expect(scoreResponse("Answer: A", "end_turn", yn)).toEqual({ score: 1, answer: "Yes", refused: false });
    expect(scoreResponse("[No]", "end_turn", yn)).toEqual({ score: 0, answer: "No", refused: false });
  });

  it("free text", () => {
    expect(scoreResponse("Answer: the Eiffel tower.", "end_turn", free)).toEqual({ score: 1, answer: "the Eiffel tower.", refused: false });
    expect(scoreResponse("I cannot help with that.", "end_turn", free).refused).toBe(true);
    expect(scoreResponse("", "refusal", free)).toEqual({ score: 0, refused: true });
  });

  it("targetIndex reads labels and texts, and rejects a target that is no option", () => {
    expect(targetIndex({ id: "q", prompt: "…", target: "b", choices: 4 })).toBe(1);
    expect(targetIndex({ id: "q", prompt: "…", target: "(D)", choices: 4 })).toBe(3);
    expect(targetIndex(yn)).toBe(0);
    expect(() => targetIndex({ id: "q", prompt: "…", target: "E", choices: 4 })).toThrow(/target "E" is not one of its choices/);
  });

  it("custom scorers are checked", async () => {
    expect(await scoreWith((r) => (r.includes("42") ? 1 : 0), "It is 42", "end_turn", free)).toEqual({ score: 1, refused: false });
    expect(await scoreWith(async () => 0.5, "x", "end_turn", free)).toEqual({ score: 0.5, refused: false });
    await expect(scoreWith(() => 2, "x", null, free)).rejects.toThrow(/scorer must return a number in \[0, 1\], got 2/);
    await expect(scoreWith(() => NaN, "x", null, free)).rejects.toThrow(RangeError);
  });
});
