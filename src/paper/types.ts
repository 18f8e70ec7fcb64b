/**
 * The shape shared by the notebooks and `npm run paper`: each notebook's story module builds its
 * figures and verdicts from data/, so the notebook shows exactly what the paper exports.
 */
import type { Figure } from "../figures/theme.js";

/** One figure of a notebook, as `npm run paper` writes it (figures/<name>.svg|png|html). */
export interface PaperFigure {
  /** File stem, unique across notebooks, e.g. "01-pvalue-against-n". */
  name: string;
  /** One-line caption for the gallery. */
  caption: string;
  figure: Figure;
  /** True when the figure is drawn from data/simulated (the word "simulated" must be on it). */
  simulated: boolean;
}

/** One row of figures/report.md: the question a notebook asks and the sentence it answers with. */
export interface PaperVerdict {
  question: string;
  answer: string;
}

/** Everything one notebook shows. */
export interface NotebookStory {
  /** Notebook file stem, e.g. "01-does-51-beat-chance". */
  notebook: string;
  title: string;
  figures: PaperFigure[];
  verdicts: PaperVerdict[];
}

/** Where a story reads its inputs: the project's data/ directory (absolute path). */
export interface StoryContext {
  dataDir: string;
}

/** A notebook's story module exports one of these as `story`. */
export interface StoryBuilder {
  notebook: string;
  build(context: StoryContext): Promise<NotebookStory>;
}
