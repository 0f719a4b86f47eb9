// Runs an async function N times and keeps the last result and the median wall time.

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export async function medianTiming<T>(runs: number, fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const times: number[] = [];
  let result!: T;
  for (let r = 0; r < Math.max(1, runs); r++) {
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
  }
  return { result, ms: median(times) };
}
