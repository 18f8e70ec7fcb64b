/** Small readers shared by the figure tests: titles and subtitles as a reader sees them. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>;

/** Title text as read: plotly line breaks back to spaces, entities decoded. */
export const plain = (s: string) => s.replace(/<br>/g, " ").replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/&amp;/g, "&");
export const titleOf = (f: { layout: Obj }) => plain(f.layout.title.text as string);
export const subtitleOf = (f: { layout: Obj }) => plain(f.layout.title.subtitle.text as string);
/** Label text without markup (coloured spans). */
export const untagged = (s: string) => plain(s.replace(/<[^>]*>/g, ""));

// Wilson 95% interval for 260/500 from R prop.test(260, 500, correct = FALSE): 0.4762, 0.5635.
export const zeroShot = { label: "zero-shot", estimate: 0.52, lower: 0.4762, upper: 0.5635, n: 500 };
