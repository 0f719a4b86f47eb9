// Runs an async function N times and keeps the last result and the median wall time.

export async function medianTiming<T>(runs: number, fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const times: number[] = [];
  let result!: T;
  for (let r = 0; r < Math.max(1, runs); r++) {
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return { result, ms: times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2 };
}
