/**
 * A worker thread of `npm run validate`: measures the cells the main thread sends, one at a time,
 * and posts each result back. Cells carry their own seeds, so which worker runs a cell never
 * changes its numbers.
 */
import { parentPort } from "node:worker_threads";
import type { Cell } from "./designs.js";
import { measureCell, type MeasureOptions } from "./measure.js";

export interface WorkRequest {
  cell: Cell;
  options: MeasureOptions;
}

if (!parentPort) throw new Error("validate/worker.ts runs only as a worker thread (started by validate/run.ts)");
const port = parentPort;
port.on("message", (request: WorkRequest | null) => {
  if (request === null) {
    port.close();
    return;
  }
  port.postMessage(measureCell(request.cell, request.options));
});
port.postMessage("ready");
