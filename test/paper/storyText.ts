/** Reading a story's words back: what plotly shows as a figure's title, and all verdict answers. */
import type { NotebookStory } from "../../src/paper/index.js";

/** Every text plotly shows as a figure's title or subtitle. */
export function titleText(story: NotebookStory, name: string): string {
  const f = story.figures.find((x) => x.name === name);
  if (!f) throw new Error(`no figure ${name} in ${story.notebook}`);
  const t = f.figure.layout.title as { text: string; subtitle?: { text: string } };
  return `${t.text} ${t.subtitle?.text ?? ""}`.replace(/<br>/g, " ");
}

/** All of a story's verdict answers, one per line. */
export const answers = (story: NotebookStory): string => story.verdicts.map((v) => v.answer).join("\n");
