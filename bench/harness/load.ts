/**
 * The load loop: `concurrency` workers, each sending its next request as soon as the previous one is
 * answered (closed loop, as 16 busy users or 16 keep-alive connections would), for a fixed time or
 * count. Latency is measured per request from send to the last byte read; errors are counted, never
 * dropped from the figures silently.
 */

export type LoadResult = {
  count: number;
  errors: number;
  firstError?: string;
  seconds: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  rps: number;
};

export type LoadOptions = { concurrency: number; durationMs: number; maxCount?: number };

/** `task(worker, i)` is one request; it throws on a wrong answer. */
export async function runLoad(task: (worker: number, i: number) => Promise<void>, options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const start = performance.now();
  const end = start + options.durationMs;
  const max = options.maxCount ?? Number.POSITIVE_INFINITY;
  const worker = async (w: number) => {
    while (performance.now() < end && next < max) {
      const i = next++;
      const t0 = performance.now();
      try {
        await task(w, i);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors += 1;
        firstError ??= (error as Error).message.slice(0, 300);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, w) => worker(w)));
  const seconds = (performance.now() - start) / 1000;
  return { ...summarize(latencies, seconds), errors, ...(firstError ? { firstError } : {}) };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(latencies: number[], seconds: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    count: sorted.length,
    seconds: round(seconds),
    p50Ms: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
    rps: Math.round(sorted.length / seconds),
  };
}
