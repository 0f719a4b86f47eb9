// `npm run bench:soak`: the server under steady load for a long time (default 10 minutes at 500
// requests/s over 20 connections, alternating the two real-time reads every window) on the demo data,
// in a child process. Per window: requests, non-2xx, errors, p99, and the server's resident memory
// (/proc/<pid>/status VmRSS). Growth = least-squares slope of RSS over the windows after the first
// third (warm-up excluded), in MB per minute. Prints a table; writes bench/results/soak.json.
// Flags: --minutes M  --rate R  --connections C  --window S (seconds per window)  --db PATH.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { apiFetch } from '../src/client/apiClient.ts';
import { table } from '../src/cli/format.ts';
import { apiBenchStore } from './lib/apiBenchStore.ts';
import { loadRun } from './lib/loadRun.ts';
import { startServerProcess } from './lib/serverProcess.ts';
import { writeJsonAtomic } from './lib/writeJsonAtomic.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '500' },
    connections: { type: 'string', default: '20' },
    window: { type: 'string', default: '30' },
    db: { type: 'string', default: fileURLToPath(new URL('../.nextbest-demo/bench-api.duckdb', import.meta.url)) },
  },
});
const minutes = Number(values.minutes),
  rate = Number(values.rate),
  connections = Number(values.connections),
  windowS = Number(values.window);
const log = (s: string) => process.stderr.write(s + '\n');

/** Resident memory of a process in MB (Linux). */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Least-squares slope of y over x. */
function slope(x: number[], y: number[]): number {
  const n = x.length,
    mx = x.reduce((a, b) => a + b, 0) / n,
    my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0,
    sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : 0;
}

const bench = await apiBenchStore(values.db!, log);
const server = await startServerProcess(values.db!);
try {
  const admin = { url: server.url, token: server.token };
  const created = await apiFetch(admin, 'POST', '/v1/keys', { role: 'service', name: 'bench:soak' });
  const { key, keyId } = (await created.json()) as { key: string; keyId: string };
  const endpoints = [
    { label: 'offers', path: (id: string) => `/v1/customers/${id}/offers?tor=${bench.torId}` },
    { label: 'recommendations', path: (id: string) => `/v1/customers/${id}/recommendations` },
  ];
  const windows = Math.max(3, Math.round((minutes * 60) / windowS));
  const rows: {
    window: number;
    minute: number;
    endpoint: string;
    requests: number;
    non2xx: number;
    errors: number;
    p99: number;
    rssMb: number;
  }[] = [];
  const pid = server.child.pid!;
  log(`soak: ${minutes} min at ${rate}/s over ${connections} connections, ${windows} windows of ${windowS} s; server pid ${pid}`);
  const t0 = Date.now();
  for (let w = 0; w < windows; w++) {
    const e = endpoints[w % endpoints.length];
    const f = await loadRun({
      url: server.url,
      key,
      ...e,
      label: e.label,
      customerIds: bench.customerIds,
      rate,
      connections,
      seconds: windowS,
    });
    rows.push({
      window: w + 1,
      minute: (Date.now() - t0) / 60_000,
      endpoint: e.label,
      requests: f.requests,
      non2xx: f.non2xx,
      errors: f.errors,
      p99: f.p99,
      rssMb: rssMb(pid),
    });
    log(
      `  window ${w + 1}/${windows}: ${f.requests} requests, ${f.non2xx} non-2xx, ${f.errors} errors, p99 ${f.p99} ms, RSS ${rows.at(-1)!.rssMb.toFixed(0)} MB`,
    );
  }
  const steady = rows.slice(Math.floor(rows.length / 3));
  const growth = slope(
    steady.map((r) => r.minute),
    steady.map((r) => r.rssMb),
  );
  const total = rows.reduce((a, r) => a + r.requests, 0),
    bad = rows.reduce((a, r) => a + r.non2xx + r.errors, 0);
  process.stdout.write(
    table(
      ['window', 'minute', 'endpoint', 'requests', 'non-2xx', 'errors', 'p99 ms', 'server RSS MB'],
      rows.map((r) => [r.window, r.minute.toFixed(1), r.endpoint, r.requests, r.non2xx, r.errors, r.p99, r.rssMb.toFixed(0)]),
    ),
  );
  // No growth: under 1 MB/min after warm-up (10 MB over a 10-minute soak) — allocator noise, not a leak.
  const met = bad === 0 && growth < 1;
  process.stdout.write(
    `${total.toLocaleString('en-US')} requests, ${bad} non-2xx or errors; server RSS ${rows[0].rssMb.toFixed(0)} → ${rows.at(-1)!.rssMb.toFixed(0)} MB, ` +
      `growth after warm-up ${growth.toFixed(2)} MB/min; goal (no errors, growth < 1 MB/min): ${met ? 'met' : 'NOT met'}\n`,
  );
  await apiFetch(admin, 'DELETE', `/v1/keys/${keyId}`);
  writeJsonAtomic(fileURLToPath(new URL('./results/soak.json', import.meta.url)), {
    when: new Date().toISOString(),
    load: { minutes, rate, connections, windowSeconds: windowS },
    total,
    bad,
    growthMbPerMin: growth,
    met,
    windows: rows,
  });
} finally {
  await server.stop();
}
