/**
 * A mock of the Anthropic Messages API for tests, benchmarks and notebooks: a Node http server on
 * 127.0.0.1 (random free port) serving POST /v1/messages and the Message Batches endpoints.
 * Point ANTHROPIC_BASE_URL at `url`. It checks the API key, can inject faults (429 with
 * retry-after, 500, 529 overloaded, slow and malformed responses), and counts what it saw.
 *
 * Default behaviour, driven by the prompt so tests read naturally:
 *  - "Reply with X" → the model answers "Answer: X";
 *  - "#refuse" → stop_reason "refusal";
 *  - "#429", "#500", "#529", "#slow" → that fault on the first attempt only (the SDK's retry succeeds);
 *  - "#fail" → 500 on every attempt (its error body echoes the API key it received, to test redaction);
 *  - "#malformed" → a 200 whose body is not JSON;
 *  - "#batch-error" → an "errored" result in a batch;
 *  - "#right=NN" (e.g. in a condition's prompt suffix) → the "Reply with X" answer only with
 *    probability NN%, otherwise the next letter (A→B…): a seeded, reproducible accuracy, so two
 *    conditions with different NN show a true gap. The draw is keyed on a hash of the whole prompt
 *    (item prompt + suffix), so each (item, condition) is fixed and different suffixes draw apart.
 *  - "#agree=AA" beside "#right=NN" (both in the suffix) → paired conditions that agree on most
 *    items, as real ones do: on a seeded AA% of the items (the same items for every condition) the
 *    coin is keyed on the item prompt alone, so all conditions share it (common random numbers): at
 *    #right=65 they answer identically there, and #right=60 vs #right=70 make the 60%-right items a
 *    subset of the 70%-right ones. On the other items each condition draws its own coin as above.
 *    Every condition keeps its accuracy NN%. "#shared" means "#agree=100". The item prompt is the
 *    text before the blank line that precedes the marker (plan.ts joins prompt and suffix with one),
 *    so put the marker in a one-paragraph suffix. Without these markers "#right=NN" is unchanged.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface MockRequest {
  model: string;
  max_tokens: number;
  messages: { role: string; content: string }[];
  system?: string;
  temperature?: number;
  top_p?: number;
}

export interface MockAnswer {
  text: string;
  stopReason?: string;
}

export type Fault =
  | { status: number; retryAfter?: string; body?: string }
  | { slowMs: number }
  | { malformed: true };

export interface MockOptions {
  /** The key the server accepts; anything else gets 401. */
  apiKey: string;
  /** Delay before every answer, ms (default 0). */
  latencyMs?: number;
  answer?: (req: MockRequest) => MockAnswer;
  /** A fault for this request and attempt (0 = first), or undefined to answer normally. */
  fault?: (req: MockRequest, attempt: number, key: string) => Fault | undefined;
  /** Polls of a batch before it reports "ended" (default 2). */
  batchPollsUntilEnded?: number;
}

export interface MockStats {
  /** POST /v1/messages requests received (every attempt). */
  messages: number;
  /** Those by HTTP status sent. */
  byStatus: Record<number, number>;
  /** Attempts that carried X-Stainless-Retry-Count > 0. */
  retries: number;
  authFailures: number;
  batchesCreated: number;
  batchPolls: number;
  /** Bodies of successful /v1/messages calls, in arrival order. */
  answered: MockRequest[];
  /** custom_ids of every batch request submitted. */
  customIds: string[];
}

export interface MockServer {
  url: string;
  stats: MockStats;
  /** Change how many polls a batch takes to end (0: the next poll reports "ended"). */
  setBatchPollsUntilEnded(n: number): void;
  close(): Promise<void>;
}

interface MockBatch {
  id: string;
  requests: { custom_id: string; params: MockRequest }[];
  polls: number;
  createdAt: string;
}

const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

function promptOf(req: MockRequest): string {
  const m = req.messages?.[0]?.content;
  return typeof m === "string" ? m : JSON.stringify(m ?? "");
}

/** The default model: "Reply with X" → "Answer: X"; "#refuse" → a refusal. */
export function defaultAnswer(req: MockRequest): MockAnswer {
  const prompt = promptOf(req);
  if (prompt.includes("#refuse")) return { text: "I'm sorry, but I can't help with that.", stopReason: "refusal" };
  const m = /Reply with ([^\n.]+)/.exec(prompt);
  if (!m) return { text: "I am not sure.", stopReason: "end_turn" };
  let reply = m[1].trim();
  const right = /#right=(\d+)/.exec(prompt);
  if (right && answerCoin(prompt) >= Number(right[1]) / 100) reply = /^[A-Y]$/.test(reply) ? String.fromCharCode(reply.charCodeAt(0) + 1) : `not ${reply}`;
  return { text: `Let me think.\nAnswer: ${reply}`, stopReason: "end_turn" };
}

/**
 * The seeded coin of "#right=NN": keyed on the whole prompt, or, with "#agree=AA" / "#shared", on
 * the item prompt alone for the AA% of items whose agreement coin (also keyed on the item) falls
 * below AA/100 — the same items and the same coin for every condition.
 *
 * @example answerCoin("Q1. Reply with A.\n\nBe brief. #shared #right=50") === answerCoin("Q1. Reply with A.\n\nThink. #shared #right=80") // true
 */
export function answerCoin(prompt: string): number {
  const agree = /#agree=(\d+)/.exec(prompt) ?? /#shared\b/.exec(prompt);
  if (agree) {
    const share = agree[1] === undefined ? 1 : Number(agree[1]) / 100;
    const blank = prompt.lastIndexOf("\n\n", agree.index);
    const item = blank < 0 ? prompt : prompt.slice(0, blank);
    if (promptHashUnit(`${item}\u0000agree`) < share) return promptHashUnit(item);
  }
  return promptHashUnit(prompt);
}

/** FNV-1a of the prompt, scrambled (murmur3 finaliser), as a number in [0, 1): the mock's seeded coin. */
export function promptHashUnit(prompt: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < prompt.length; i++) h = Math.imul(h ^ prompt.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/** The default faults, keyed by markers in the prompt. */
export function defaultFault(req: MockRequest, attempt: number, key: string): Fault | undefined {
  const prompt = promptOf(req);
  if (prompt.includes("#fail")) return { status: 500, body: JSON.stringify({ type: "error", error: { type: "api_error", message: `internal failure for key ${key}` } }) };
  if (prompt.includes("#malformed")) return { malformed: true };
  if (attempt > 0) return undefined;
  if (prompt.includes("#429")) return { status: 429, retryAfter: "0.01" };
  if (prompt.includes("#500")) return { status: 500 };
  if (prompt.includes("#529")) return { status: 529 };
  if (prompt.includes("#slow")) return { slowMs: 3000 };
  return undefined;
}

const ERROR_TYPES: Record<number, string> = { 400: "invalid_request_error", 401: "authentication_error", 404: "not_found_error", 429: "rate_limit_error", 500: "api_error", 529: "overloaded_error" };

function sendJSON(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  sendJSON(res, status, { type: "error", error: { type: ERROR_TYPES[status] ?? "api_error", message } }, headers);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start the mock on 127.0.0.1 at a free port. */
export async function startMockServer(options: MockOptions): Promise<MockServer> {
  const answer = options.answer ?? defaultAnswer;
  const fault = options.fault ?? defaultFault;
  const latency = options.latencyMs ?? 0;
  let pollsUntilEnded = options.batchPollsUntilEnded ?? 2;
  const stats: MockStats = { messages: 0, byStatus: {}, retries: 0, authFailures: 0, batchesCreated: 0, batchPolls: 0, answered: [], customIds: [] };
  const batches = new Map<string, MockBatch>();
  let msgCounter = 0;
  let url = "";

  const message = (req: MockRequest) => {
    const a = answer(req);
    return {
      id: `msg_mock_${++msgCounter}`,
      type: "message",
      role: "assistant",
      model: req.model,
      content: [{ type: "text", text: a.text }],
      stop_reason: a.stopReason ?? "end_turn",
      stop_sequence: null,
      usage: { input_tokens: Math.ceil(promptOf(req).length / 4) + 10, output_tokens: Math.ceil(a.text.length / 4) },
    };
  };

  const batchJSON = (b: MockBatch) => {
    const ended = b.polls >= pollsUntilEnded;
    const errored = b.requests.filter((r) => promptOf(r.params).includes("#batch-error")).length;
    return {
      id: b.id,
      type: "message_batch",
      processing_status: ended ? "ended" : "in_progress",
      request_counts: ended
        ? { processing: 0, succeeded: b.requests.length - errored, errored, canceled: 0, expired: 0 }
        : { processing: b.requests.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      created_at: b.createdAt,
      expires_at: b.createdAt,
      ended_at: ended ? new Date().toISOString() : null,
      archived_at: null,
      cancel_initiated_at: null,
      results_url: ended ? `${url}/v1/messages/batches/${b.id}/results` : null,
    };
  };

  const server = createServer(async (req, res) => {
    try {
      // The SDK sends the key as x-api-key or, in recent versions, as "Authorization: Bearer".
      const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ""));
      const key = String(req.headers["x-api-key"] ?? bearer?.[1] ?? "");
      if (key !== options.apiKey) {
        stats.authFailures++;
        sendError(res, 401, "invalid x-api-key");
        return;
      }
      const path = (req.url ?? "").split("?")[0];
      if (req.method === "POST" && path === "/v1/messages") {
        const n = ++stats.messages;
        const attempt = Number(req.headers["x-stainless-retry-count"] ?? 0) || 0;
        if (attempt > 0) stats.retries++;
        const raw = await readBody(req);
        let body: MockRequest;
        try {
          body = JSON.parse(raw) as MockRequest;
        } catch {
          sendError(res, 400, "body is not JSON");
          return;
        }
        if (latency > 0) await sleep(latency);
        const f = fault(body, attempt, key);
        if (f && "slowMs" in f) {
          await sleep(f.slowMs);
          if (res.destroyed || req.destroyed) return;
        } else if (f && "malformed" in f) {
          stats.byStatus[200] = (stats.byStatus[200] ?? 0) + 1;
          res.writeHead(200, { "content-type": "application/json", "request-id": "req_malformed" });
          res.end('{"id": "msg_broken", "content": [');
          return;
        } else if (f) {
          stats.byStatus[f.status] = (stats.byStatus[f.status] ?? 0) + 1;
          const headers: Record<string, string> = { "request-id": `req_fault_${n}` };
          if (f.retryAfter !== undefined) headers["retry-after"] = f.retryAfter;
          if (f.body !== undefined) {
            res.writeHead(f.status, { "content-type": "application/json", ...headers });
            res.end(f.body);
          } else sendError(res, f.status, f.status === 529 ? "Overloaded" : `injected ${f.status}`, headers);
          return;
        }
        stats.byStatus[200] = (stats.byStatus[200] ?? 0) + 1;
        stats.answered.push(body);
        sendJSON(res, 200, message(body), { "request-id": `req_mock_${n}` });
        return;
      }
      if (req.method === "POST" && path === "/v1/messages/batches") {
        const body = JSON.parse(await readBody(req)) as { requests?: MockBatch["requests"] };
        const requests = body.requests ?? [];
        const seen = new Set<string>();
        for (const r of requests) {
          if (typeof r.custom_id !== "string" || !CUSTOM_ID.test(r.custom_id)) {
            sendError(res, 400, `requests.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`);
            return;
          }
          if (seen.has(r.custom_id)) {
            sendError(res, 400, `duplicate custom_id ${r.custom_id}`);
            return;
          }
          seen.add(r.custom_id);
        }
        stats.batchesCreated++;
        stats.customIds.push(...seen);
        const b: MockBatch = { id: `msgbatch_mock_${stats.batchesCreated}`, requests, polls: 0, createdAt: new Date().toISOString() };
        batches.set(b.id, b);
        sendJSON(res, 200, batchJSON(b));
        return;
      }
      const m = /^\/v1\/messages\/batches\/([^/]+)(\/results)?$/.exec(path);
      if (req.method === "GET" && m) {
        const b = batches.get(m[1]);
        if (!b) {
          sendError(res, 404, `batch ${m[1]} not found`);
          return;
        }
        if (!m[2]) {
          b.polls++;
          stats.batchPolls++;
          sendJSON(res, 200, batchJSON(b));
          return;
        }
        res.writeHead(200, { "content-type": "application/binary" });
        // Results in reverse order: the client must match by custom_id, not position.
        for (const r of [...b.requests].reverse()) {
          const result = promptOf(r.params).includes("#batch-error")
            ? { type: "errored", error: { type: "error", error: { type: "invalid_request_error", message: "injected batch error" } } }
            : { type: "succeeded", message: message(r.params) };
          res.write(JSON.stringify({ custom_id: r.custom_id, result }) + "\n");
        }
        res.end();
        return;
      }
      sendError(res, 404, `no route ${req.method} ${path}`);
    } catch (e) {
      if (!res.headersSent) sendError(res, 500, `mock crashed: ${(e as Error).message}`);
      else res.end();
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    stats,
    setBatchPollsUntilEnded: (n) => {
      pollsUntilEnded = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
