/**
 * Message Batches `custom_id`s. The API accepts 1 to 64 characters from [A-Za-z0-9_-], while
 * item ids and condition names may hold anything ("q/17", "step by step"). So the custom_id
 * is a digest of (item, condition, sample), and the mapping back is kept in the batch state
 * file beside --out (and can always be rebuilt from the tasks and conditions).
 */
import { createHash } from "node:crypto";

/** The pattern the Message Batches API requires of a custom_id. */
export const CUSTOM_ID_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * A custom_id for (item, condition, sample): "r" + the first 40 characters of the
 * base64url SHA-256 of the JSON triple (240 bits: collisions are not a practical concern).
 *
 * @example customIdFor("q/1", "step by step", 0).length // 41
 */
export function customIdFor(item: string, condition: string, sample: number): string {
  const digest = createHash("sha256").update(JSON.stringify([item, condition, sample])).digest("base64url");
  return "r" + digest.slice(0, 40);
}
