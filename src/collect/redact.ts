/**
 * Keeping the API key out of everything evalgap writes. The key is read from
 * ANTHROPIC_API_KEY only; every line bound for the output, the state file, the progress line
 * or an error message passes through a scrubber that replaces the key (and its JSON-escaped
 * form) with "[redacted]", in case a server or a library echoes it back.
 */

/**
 * A function that removes `secret` from text. With no secret (or a very short one, which
 * could collide with ordinary text) it returns text unchanged.
 *
 * @example makeScrubber("sk-ant-123456")("key sk-ant-123456!") // "key [redacted]!"
 */
export function makeScrubber(secret: string | undefined): (text: string) => string {
  if (!secret || secret.length < 8) return (text) => text;
  const forms = [...new Set([secret, JSON.stringify(secret).slice(1, -1)])];
  return (text) => {
    let out = text;
    for (const f of forms) if (out.includes(f)) out = out.split(f).join("[redacted]");
    return out;
  };
}

/**
 * The message of an error, scrubbed, on one line, at most 500 characters: what goes into a
 * record's `error` field.
 *
 * @example errorMessage(new Error("500 boom\nmore"), (t) => t) // "500 boom more"
 */
export function errorMessage(err: unknown, scrub: (text: string) => string): string {
  const raw = err instanceof Error ? `${err.name === "Error" ? "" : err.name + ": "}${err.message}` : String(err);
  const oneLine = scrub(raw).replace(/\s+/g, " ").trim();
  return oneLine.length > 500 ? oneLine.slice(0, 497) + "..." : oneLine || "unknown error";
}
