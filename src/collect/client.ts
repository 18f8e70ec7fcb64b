/**
 * The Anthropic client for `evalgap run`, built on the official @anthropic-ai/sdk (imported
 * lazily, so loading evalgap does not load the SDK). The key comes from ANTHROPIC_API_KEY and
 * nowhere else; ANTHROPIC_BASE_URL, when set, redirects the client (the tests' mock server).
 *
 * Retries are the SDK's: exponential backoff, honouring `retry-after` / `retry-after-ms`.
 * A thin fetch wrapper only watches: it counts retries (the SDK numbers every attempt in the
 * X-Stainless-Retry-Count header) and, when `retryBaseMs` is given (tests), tells the SDK to
 * back off `retryBaseMs × 2^attempt` ms on a retryable response that carried no retry-after.
 */
import type Anthropic from "@anthropic-ai/sdk";
import { importOptional } from "../optional.js";
import { makeScrubber } from "./redact.js";

export interface ClientOptions {
  /** Retries per request after the first attempt (the SDK's maxRetries). */
  maxRetries: number;
  /** Per-attempt timeout in ms (the SDK's timeout); a timed-out attempt is retried. */
  timeoutMs: number;
  /** Backoff base in ms for retryable responses without retry-after (tests); default: the SDK's. */
  retryBaseMs?: number;
  /** Where the SDK's own warnings go (scrubbed). */
  logStream?: NodeJS.WritableStream;
}

export interface CollectClient {
  client: Anthropic;
  /** Retries made so far (all requests). */
  retries(): number;
  /** Remove the key from a string. */
  scrub: (text: string) => string;
}

/**
 * The API key from ANTHROPIC_API_KEY, or a clear error that says where to put it (and never
 * what it was).
 *
 * @example apiKeyFromEnv({ ANTHROPIC_API_KEY: "sk-ant-x" }) // "sk-ant-x"
 */
export function apiKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const key = env.ANTHROPIC_API_KEY;
  if (!key || key.trim() === "") {
    throw new Error("ANTHROPIC_API_KEY is not set: evalgap run reads the API key from that environment variable only");
  }
  return key.trim();
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Build the client. Loads the SDK on first use.
 *
 * @example (await createCollectClient({ maxRetries: 2, timeoutMs: 60_000 })).retries() // 0
 */
export async function createCollectClient(options: ClientOptions): Promise<CollectClient> {
  const apiKey = apiKeyFromEnv();
  const scrub = makeScrubber(apiKey);
  const { default: AnthropicSDK } = await importOptional<typeof import("@anthropic-ai/sdk")>("@anthropic-ai/sdk", "evalgap/collect: calling the Anthropic API");
  let retries = 0;
  const base = globalThis.fetch;
  const fetchWatching = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = init?.headers;
    const attempt = Number(headers instanceof Headers ? headers.get("x-stainless-retry-count") : (headers as Record<string, string> | undefined)?.["x-stainless-retry-count"] ?? 0) || 0;
    if (attempt > 0) retries++;
    const res = await base(input, init);
    if (options.retryBaseMs === undefined || res.ok || !isRetryableStatus(res.status)) return res;
    if (res.headers.has("retry-after") || res.headers.has("retry-after-ms")) return res;
    const h = new Headers(res.headers);
    h.set("retry-after-ms", String(options.retryBaseMs * 2 ** attempt));
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers: h });
  };
  const out = options.logStream ?? process.stderr;
  const log = (level: string) => (message: string, ...rest: unknown[]) => {
    const extra = rest.map((r) => (r instanceof Error ? r.message : typeof r === "string" ? r : "")).filter(Boolean).join(" ");
    out.write(scrub(`anthropic sdk ${level}: ${message}${extra ? " " + extra : ""}`) + "\n");
  };
  const client = new AnthropicSDK({
    apiKey,
    maxRetries: options.maxRetries,
    timeout: options.timeoutMs,
    fetch: fetchWatching,
    logLevel: "warn",
    logger: { error: log("error"), warn: log("warn"), info: () => {}, debug: () => {} },
  });
  return { client, retries: () => retries, scrub };
}
