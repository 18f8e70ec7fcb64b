/**
 * From DuckDB's answer groups to the item table. The groups (one per condition, item, answer and
 * status; `itemTableSql().orderedGroups`) arrive a chunk at a time, an item's groups together in
 * order of first appearance, its strings on its first group only, and are read in place into the
 * table's typed arrays: nothing holds an object per answer or per item, so JavaScript's memory is
 * the table's, and DuckDB's is bounded by its memory limit (it spills the aggregation and the sort).
 */
import { forEachChunk, type ChunkColumns, type SqlConnection } from "./duckdb.js";
import { ItemTableBuilder, type ItemTable, type ItemRowValues } from "./itemTable.js";

/** What the groups hold: the table, or the news that some answer is unusable (found by another query). */
export type GroupsResult = { table: ItemTable; hasBadAnswers: false; samplesUndecided: boolean; conflict?: RangeError } | { hasBadAnswers: true };

/**
 * Stream `orderedGroupsSql` into the item table, checking that no item has two clusters, targets
 * or option counts within a condition (`place` names the file and line of a row number; the first
 * such is returned as `conflict`, for the caller to throw once no repeat is found). Returns
 * `hasBadAnswers` instead when some answer fails the loaders' checks or some item's samples repeat;
 * `samplesUndecided` when some item's samples have gaps, which the one-scan check cannot settle
 * (`itemTableSql().anyDuplicate` does).
 */
export async function tableFromGroups(connection: SqlConnection, orderedGroupsSql: string, place: (rn: number) => string): Promise<GroupsResult> {
  const builder = new ItemTableBuilder();
  let row: ItemRowValues | undefined;
  // The current item's answer entries, added once its totals are known (an item has a few).
  const labels: string[] = [];
  const statuses: number[] = [];
  const counts: number[] = [];
  const flush = () => {
    if (row === undefined) return;
    builder.addRow(row);
    // Groups whose text differed only by what the loaders trim (" B" and "B") are one answer: a
    // pairwise look among an item's few answers, a map among many (free text).
    if (labels.length > 16) {
      const first = new Map<string, number>();
      for (let e = 0; e < labels.length; e++) {
        const key = `${statuses[e]}\u0000${labels[e]}`;
        const at = first.get(key);
        if (at === undefined) first.set(key, e);
        else {
          counts[at] += counts[e];
          counts[e] = 0;
        }
      }
    } else {
      for (let e = 0; e < labels.length; e++) {
        for (let later = e + 1; later < labels.length && counts[e] > 0; later++) {
          if (counts[later] > 0 && labels[later] === labels[e] && statuses[later] === statuses[e]) {
            counts[e] += counts[later];
            counts[later] = 0;
          }
        }
      }
    }
    for (let e = 0; e < labels.length; e++) if (counts[e] > 0) builder.addAnswer(labels[e], statuses[e], counts[e]);
    labels.length = statuses.length = counts.length = 0;
  };
  let bad = false;
  let samplesUndecided = false;
  let conflict: RangeError | undefined;
  await forEachChunk(connection, orderedGroupsSql, (c, rows) => {
    // A bad answer or a repeat anywhere: the loaders report it first, whatever else is wrong.
    if (rows > 0 && ((c.bad_total.getItem(0) as number) > 0 || (c.repeated_items.getItem(0) as number) > 0)) {
      bad = true;
      return false;
    }
    for (let k = 0; k < rows; k++) {
      const first = c.first_row.getItem(k) as number;
      if (first === c.item_first.getItem(k)) {
        if (c.samples_distinct.getItem(k) === null) samplesUndecided = true;
        flush();
        try {
          row = itemHead(c, k, place);
        } catch (error) {
          // Kept for the end: a repeat the exact check still has to find comes first.
          if (!(error instanceof RangeError)) throw error;
          conflict ??= error;
          row = { condition: String(c.condition.getItem(k)), item: String(c.item.getItem(k)), answered: 0, sum: 0, sumSquares: 0, refused: 0, errors: 0 };
        }
      }
      const status = c.status.getItem(k) as number;
      const n = c.n.getItem(k) as number;
      if (status === 0) {
        row!.answered += n;
        row!.sum += c.score_sum.getItem(k) as number;
        row!.sumSquares += c.score_squares.getItem(k) as number;
      } else if (status === 1) row!.refused += n;
      else row!.errors += n;
      labels.push(String(c.answer.getItem(k)));
      statuses.push(status);
      counts.push(n);
    }
  });
  if (bad) return { hasBadAnswers: true };
  flush();
  return { table: builder.build(), hasBadAnswers: false, samplesUndecided, ...(conflict && { conflict }) };
}

/** An item's first group: its values, once its least and greatest cluster, target and option count agree. */
function itemHead(c: ChunkColumns, k: number, place: (rn: number) => string): ItemRowValues {
  const condition = String(c.condition.getItem(k));
  const item = String(c.item.getItem(k));
  const where = () => `item ${JSON.stringify(item)} in condition ${JSON.stringify(condition)} (${place(c.item_first.getItem(k) as number)})`;
  const [cluster, clusterOther] = [c.cluster.getItem(k) as string | null, c.cluster_other.getItem(k) as string | null];
  const [target, targetOther] = [c.target.getItem(k) as string | null, c.target_other.getItem(k) as string | null];
  const [choices, choicesOther] = [c.choices.getItem(k) as number | null, c.choices_other.getItem(k) as number | null];
  if (cluster !== clusterOther) throw new RangeError(`${where()} has two clusters: ${JSON.stringify(cluster)} and ${JSON.stringify(clusterOther)}`);
  if (target !== targetOther) throw new RangeError(`${where()} has two targets: ${JSON.stringify(target)} and ${JSON.stringify(targetOther)}`);
  if (choices !== choicesOther) throw new RangeError(`${where()} has two option counts: ${choices} and ${choicesOther}`);
  if (choices !== null && !(Number.isInteger(choices) && choices >= 2)) throw new RangeError(`${where()}: choices must be an integer of at least 2 (value: ${choices})`);
  return {
    condition, item, answered: 0, sum: 0, sumSquares: 0, refused: 0, errors: 0,
    ...(cluster !== null && { cluster }), ...(target !== null && { target }), ...(choices !== null && { choices }),
  };
}
