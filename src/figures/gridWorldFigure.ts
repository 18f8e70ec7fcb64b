/**
 * A grid world of the value-inference task as respondents see it in the prompt: the objects by kind
 * (each kind its colour and letter), and each observed walk as a path of arrows from its start.
 * Rows and columns are counted from 1, row 1 at the top, as the prompt writes positions (row,column).
 * The figure takes plain data, so it knows nothing of the task generator (figures and tasks are peers).
 */
import { formatCount } from "../analysis/format.js";
import { checkCount, checkPositiveInteger, show } from "../stats/validate.js";
import { checkOptionalText, checkRows, checkText } from "./check.js";
import { type Figure, baseLayout, defaultSize, escapeText, fontSizes, palette, withAlpha } from "./theme.js";

/** A kind of object: its name and the letter that marks it. */
export interface GridKind {
  name: string;
  symbol: string;
}

/** An object on the grid: its cell (from 1) and the index of its kind in `kinds`. */
export interface GridObject {
  row: number;
  column: number;
  kind: number;
}

/** One walk: the cells visited, start first, as [row, column] from 1; a repeated cell is a stay. */
export interface GridWalk {
  cells: [number, number][];
}

export interface GridWorldInput {
  size: number;
  kinds: GridKind[];
  objects: GridObject[];
  walks: GridWalk[];
}

export interface GridWorldOptions {
  /** The title; default "A size×size world: n objects of k kinds, w walks". */
  finding?: string;
  /** A line under the title (default: how to read the figure). */
  subtitle?: string;
}

const kindColors = [palette.blue, palette.green, palette.orange, palette.purple, palette.sky, palette.black];
const walkColors = [palette.vermillion, palette.black, palette.grey, palette.purple, palette.blue];

function cellIn(name: string, cell: unknown, size: number): [number, number] {
  if (!Array.isArray(cell) || cell.length !== 2) throw new TypeError(`${name} must be a [row, column] pair, got ${show(cell)}`);
  const [row, column] = cell.map((x, i) => checkPositiveInteger(`${name}[${i}]`, x));
  if (row > size || column > size) throw new RangeError(`${name} must lie on the ${size}×${size} grid (rows and columns 1–${size}), got [${row}, ${column}]`);
  return [row, column];
}

/**
 * The world with its objects and walks. Each walk is drawn a little off the cell centres (walks
 * apart from one another) so that two walks over one cell both show; its start is a ring, each move
 * an arrow, and stays are counted in its legend entry. Answers "what did the person do, and where
 * were the things they might want?".
 *
 * @example
 * gridWorldFigure({ size: 3, kinds: [{ name: "hat", symbol: "H" }], objects: [{ row: 1, column: 3, kind: 0 }], walks: [{ cells: [[2, 2], [1, 2], [1, 3]] }] }).layout.annotations.length // 2
 */
export function gridWorldFigure(world: GridWorldInput, options: GridWorldOptions = {}): Figure {
  if (typeof world !== "object" || world === null) throw new TypeError(`world must be an object, got ${show(world)}`);
  const size = checkPositiveInteger("world.size", world.size);
  const kinds = checkRows<GridKind>("world.kinds", world.kinds).map((k, i) => ({ name: checkText(`world.kinds[${i}].name`, k.name), symbol: checkText(`world.kinds[${i}].symbol`, k.symbol) }));
  const objects = (Array.isArray(world.objects) ? world.objects : checkRows<GridObject>("world.objects", world.objects)).map((o, i) => {
    const [row, column] = cellIn(`world.objects[${i}]`, [o?.row, o?.column], size);
    const kind = checkCount(`world.objects[${i}].kind`, o.kind);
    if (kind >= kinds.length) throw new RangeError(`world.objects[${i}].kind must index world.kinds (0–${kinds.length - 1}), got ${kind}`);
    return { row, column, kind };
  });
  const walks = (Array.isArray(world.walks) ? world.walks : checkRows<GridWalk>("world.walks", world.walks)).map((w, i) => {
    if (!Array.isArray(w?.cells) || w.cells.length === 0) throw new TypeError(`world.walks[${i}].cells must be a non-empty array of [row, column], got ${show(w?.cells)}`);
    const cells = w.cells.map((c, t) => cellIn(`world.walks[${i}].cells[${t}]`, c, size));
    cells.forEach(([r, c], t) => {
      if (t > 0 && Math.abs(r - cells[t - 1][0]) + Math.abs(c - cells[t - 1][1]) > 1) {
        throw new RangeError(`world.walks[${i}].cells[${t}] must be next to the cell before it or the same, got [${r}, ${c}] after [${cells[t - 1].join(", ")}]`);
      }
    });
    return cells;
  });
  const finding = checkOptionalText("finding", options.finding);
  const subtitle = checkOptionalText("subtitle", options.subtitle);

  const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;
  const title = finding ?? `A ${size}×${size} world: ${plural(objects.length, "object")} of ${plural(kinds.length, "kind")}, ${plural(walks.length, "walk")}`;
  const layout = baseLayout({
    title,
    subtitle: subtitle ?? "Letters: objects by kind · ring: where a walk starts · arrows: its moves · walking onto an object ends the walk",
    xTitle: "column",
    yTitle: "row",
    showLegend: true,
  });
  const ticks = Array.from({ length: size }, (_, i) => i + 1);
  const range = [0.5, size + 0.5];
  // The grid is square: the plot is as wide as it is tall, at the left, and the legend sits beside it.
  layout.height = 680;
  layout.margin = { ...(layout.margin as object), r: 30 };
  const margin = layout.margin as { l: number; r: number; t: number; b: number };
  const plotHeight = (layout.height as number) - margin.t - margin.b;
  const plotWidth = defaultSize.width - margin.l - margin.r;
  Object.assign(layout.xaxis as object, { range, tickvals: ticks, showgrid: false, constrain: "domain", constraintoward: "left" });
  Object.assign(layout.yaxis as object, { range: [size + 0.5, 0.5], tickvals: ticks, showgrid: false, scaleanchor: "x", scaleratio: 1, constrain: "domain" });
  // Plotly 4 rejects a grid colour on an axis without grid lines; the cell borders are shapes.
  delete (layout.xaxis as Record<string, unknown>).gridcolor;
  delete (layout.yaxis as Record<string, unknown>).gridcolor;
  layout.legend = { font: { size: fontSizes.legend }, bgcolor: "rgba(255,255,255,0.85)", x: Math.min(1, plotHeight / plotWidth + 0.04), xanchor: "left", y: 1, yanchor: "top" };
  const gridLine = (x0: number, y0: number, x1: number, y1: number) => ({ type: "line", xref: "x", yref: "y", x0, y0, x1, y1, line: { color: "#D0D0D0", width: 1 }, layer: "below" });
  layout.shapes = [
    ...Array.from({ length: size + 1 }, (_, i) => gridLine(i + 0.5, 0.5, i + 0.5, size + 0.5)),
    ...Array.from({ length: size + 1 }, (_, i) => gridLine(0.5, i + 0.5, size + 0.5, i + 0.5)),
  ];

  // Walk w sits this far from the cell centres, so walks crossing one cell stay apart.
  const offset = (w: number) => (walks.length === 1 ? 0 : -0.18 + (0.36 * w) / (walks.length - 1));
  const annotations: Record<string, unknown>[] = [];
  const walkTraces = walks.map((cells, w) => {
    const color = walkColors[w % walkColors.length];
    const d = offset(w);
    const xs = cells.map(([, c]) => c + d);
    const ys = cells.map(([r]) => r + d);
    for (let t = 1; t < cells.length; t++) {
      if (xs[t] === xs[t - 1] && ys[t] === ys[t - 1]) continue;
      annotations.push({ x: xs[t], y: ys[t], ax: xs[t - 1], ay: ys[t - 1], xref: "x", yref: "y", axref: "x", ayref: "y", text: "", showarrow: true, arrowhead: 2, arrowsize: 1.2, arrowwidth: 2.5, arrowcolor: color, standoff: 2 });
    }
    const moves = cells.length - 1;
    const stays = cells.filter(([r, c], t) => t > 0 && r === cells[t - 1][0] && c === cells[t - 1][1]).length;
    const end = objects.find((o) => o.row === cells[moves][0] && o.column === cells[moves][1]);
    const how = end ? `→ ${kinds[end.kind].name}` : "(cut off)";
    return {
      type: "scatter",
      mode: "markers",
      name: escapeText(`walk ${w + 1}: ${plural(moves, "move")}${stays ? `, ${stays} stay${stays === 1 ? "" : "s"}` : ""} ${how}`),
      x: [xs[0]],
      y: [ys[0]],
      marker: { symbol: "circle-open", size: 18, color, line: { width: 3, color } },
      hovertemplate: `walk ${w + 1} starts at (%{customdata})<extra></extra>`,
      customdata: [`${cells[0][0]},${cells[0][1]}`],
    };
  });
  const objectTraces = kinds.map((kind, k) => {
    const mine = objects.filter((o) => o.kind === k);
    const color = kindColors[k % kindColors.length];
    return {
      type: "scatter",
      mode: "markers+text",
      name: escapeText(`${kind.name} (${kind.symbol})`),
      x: mine.map((o) => o.column),
      y: mine.map((o) => o.row),
      text: mine.map(() => escapeText(kind.symbol)),
      textposition: "middle center",
      textfont: { size: 18, color: "#FFFFFF" },
      marker: { symbol: "square", size: 34, color: withAlpha(color, 0.9), line: { width: 1, color } },
      hovertemplate: `${escapeText(kind.name)} at (%{y},%{x})<extra></extra>`,
    };
  });
  layout.annotations = annotations;
  return { data: [...objectTraces, ...walkTraces], layout };
}
