/**
 * The two index files `npm run paper` writes beside the figures: figures/index.html (every figure,
 * grouped by notebook, as an image linking to its interactive HTML) and figures/report.md (the
 * verdict table). Pure functions of the built stories, so the same stories give the same bytes.
 */
import type { NotebookStory } from "../../src/paper/types.js";

/** Text placed into HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Text placed into a Markdown table cell: pipes escaped, lines joined. */
export function escapeCell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

/** The notebook file a story belongs to, relative to figures/. */
function notebookLink(story: NotebookStory): string {
  return `../notebooks/${story.notebook}.ipynb`;
}

/**
 * figures/index.html: one section per notebook with its verdicts, then each figure as its SVG
 * (linking to the interactive HTML) with the caption and links to PNG and HTML. Every link is
 * relative to figures/, so the folder can be opened or moved as it is.
 */
export function galleryHtml(stories: readonly NotebookStory[]): string {
  const sections = stories.map((story) => {
    const verdicts = story.verdicts
      .map((v) => `<dt>${escapeHtml(v.question)}</dt><dd>${escapeHtml(v.answer)}</dd>`)
      .join("\n");
    const figures = story.figures
      .map((f) => {
        const name = escapeHtml(f.name);
        return [
          `<figure id="${name}">`,
          `<a href="${name}.html"><img src="${name}.svg" alt="${escapeHtml(f.caption)}" width="900" height="560" loading="lazy"></a>`,
          `<figcaption>${escapeHtml(f.caption)}${f.simulated ? " <em>(simulated data)</em>" : ""}`,
          ` · <a href="${name}.html">interactive</a> · <a href="${name}.png">PNG</a> · <a href="${name}.svg">SVG</a></figcaption>`,
          "</figure>",
        ].join("\n");
      })
      .join("\n");
    return [
      `<section id="${escapeHtml(story.notebook)}">`,
      `<h2>${escapeHtml(story.title)} <small><a href="${escapeHtml(notebookLink(story))}">${escapeHtml(story.notebook)}.ipynb</a></small></h2>`,
      `<dl>\n${verdicts}\n</dl>`,
      figures,
      "</section>",
    ].join("\n");
  });
  const toc = stories.map((s) => `<li><a href="#${escapeHtml(s.notebook)}">${escapeHtml(s.title)}</a> (${s.figures.length} figures)</li>`).join("\n");
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    "<title>evalgap: every figure the notebooks show</title>",
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<style>",
    "body{font-family:DejaVu Sans,Arial,Helvetica,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}",
    "img{max-width:100%;height:auto;border:1px solid #ddd}figure{margin:2em 0}figcaption{color:#444;margin-top:.4em}",
    "dt{font-weight:bold;margin-top:.6em}dd{margin-left:1.2em}h2 small{font-weight:normal;font-size:60%}",
    "</style>",
    "</head><body>",
    "<h1>evalgap: every figure the notebooks show</h1>",
    "<p>Written by <code>npm run paper</code> from <code>data/</code>. Figures marked <em>simulated data</em> come from " +
      "<code>data/simulated/</code> (seeded, with the assumptions in <code>data/README.md</code>), not from a real eval log. " +
      'The verdict table is in <a href="report.md">report.md</a>.</p>',
    `<ul>\n${toc}\n</ul>`,
    ...sections,
    "</body></html>",
    "",
  ].join("\n");
}

/** figures/report.md: one table row per verdict (notebook, question, answer). */
export function reportMarkdown(stories: readonly NotebookStory[]): string {
  const rows = stories.flatMap((s) =>
    s.verdicts.map((v) => `| [${escapeCell(s.title)}](${notebookLink(s)}) | ${escapeCell(v.question)} | ${escapeCell(v.answer)} |`),
  );
  return [
    "# evalgap: what the notebooks conclude",
    "",
    "Written by `npm run paper` from `data/`. Answers that rest on `data/simulated/` say so; the retold",
    "rates in `data/reported/retellings.csv` come with no number of items, so any n below is an assumption.",
    "",
    "| notebook | question | answer |",
    "|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}
