/** The notebooks' story builders: the same code draws each figure in a notebook and in `npm run paper`. */
export type { NotebookStory, PaperFigure, PaperVerdict, StoryBuilder, StoryContext } from "./types.js";
export * from "./notebooksA.js";
export * from "./notebooksB.js";
