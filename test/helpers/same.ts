import { expect } from "vitest";

/** Numbers equal to 1e-12 (a table's mean is sum / n, the records' a compensated mean), all else exactly. */
export function expectSame(got: unknown, want: unknown, path = "result"): void {
  if (typeof want === "number" && typeof got === "number") {
    if (Number.isNaN(want)) expect(got, path).toBeNaN();
    else expect(Math.abs(got - want), `${path}: ${got} vs ${want}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
    return;
  }
  if (Array.isArray(want)) {
    expect(Array.isArray(got), path).toBe(true);
    expect((got as unknown[]).length, `${path}.length`).toBe(want.length);
    want.forEach((w, i) => expectSame((got as unknown[])[i], w, `${path}[${i}]`));
    return;
  }
  if (want !== null && typeof want === "object") {
    expect(Object.keys(got as object).sort(), `${path} keys`).toEqual(Object.keys(want).sort());
    for (const [k, w] of Object.entries(want)) expectSame((got as Record<string, unknown>)[k], w, `${path}.${k}`);
    return;
  }
  expect(got, path).toEqual(want);
}

