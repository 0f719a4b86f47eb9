// Keeps a TOR compute running on the server while `fn` runs (started before it, restarted
// whenever it succeeds; a failed compute is not retried), so a load measures the API with a compute
// job busy beside it. Coverage is the share of `fn`'s time during which a compute was running.
import { apiFetch, type ApiTarget } from '../../src/client/apiClient.ts';

export async function busyCompute<T>(
  t: ApiTarget,
  torId: string,
  fn: () => Promise<T>,
  log: (s: string) => void,
): Promise<{ result: T; computes: number; failed: number; coverage: number; computeSeconds: number[] }> {
  const spans: [number, number][] = [];
  let running = true,
    failed = 0;
  const start = async () => {
    const res = await apiFetch(t, 'POST', `/v1/tors/${encodeURIComponent(torId)}/compute`);
    if (res.status !== 202) throw new Error(`compute ${torId}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { job: { jobId: string } }).job.jobId;
  };
  const until = async (jobId: string) => {
    for (;;) {
      const job = ((await (await apiFetch(t, 'GET', `/v1/jobs/${jobId}`)).json()) as { job: { status: string; error: string | null } }).job;
      if (job.status !== 'queued' && job.status !== 'running') return job;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const keeper = (async () => {
    while (running) {
      const s = performance.now();
      const jobId = await start();
      const job = await until(jobId);
      spans.push([s, performance.now()]);
      if (job.status !== 'succeeded') {
        log(`compute ${jobId} ended ${job.status}: ${job.error}`);
        failed++;
        break;
      }
    }
  })();
  await new Promise((r) => setTimeout(r, 200)); // the job is under way when the load starts
  const t0 = performance.now();
  const result = await fn();
  const t1 = performance.now();
  running = false;
  await keeper;
  const overlap = spans.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, t1) - Math.max(a, t0)), 0);
  return {
    result,
    computes: spans.length,
    failed,
    coverage: overlap / (t1 - t0),
    computeSeconds: spans.map(([a, b]) => Math.round(b - a) / 1000),
  };
}
