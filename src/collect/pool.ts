/**
 * A fixed number of workers draining a shared queue: at most `concurrency` calls in flight,
 * no per-job promise bookkeeping (so 2,000 jobs cost 16 promises' worth of scheduling).
 */

/**
 * Run `work` on every item with at most `concurrency` running at once. `shouldStop` is
 * checked before each item is taken: once it returns true no new work starts, and the call
 * resolves when the work in flight has finished. Resolves to the number of items started.
 *
 * @example await runPool([1, 2, 3], 2, async () => {}) // 3
 */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
  shouldStop: () => boolean = () => false,
): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !shouldStop()) {
      const item = items[next++];
      await work(item);
    }
  };
  const n = Math.max(1, Math.min(concurrency, items.length));
  await Promise.all(Array.from({ length: n }, worker));
  return next;
}
