// The API server for `bench:api`, in its own process so the load generator does not share its
// event loop. Tells the parent its URL and local token over IPC; on 'stats' answers, since the last
// ask, the event-loop delay (how long work waited behind other work on the server's thread) and the
// time each request spent inside the server (request parsed → response finished); closes on 'close'.
import { existsSync } from 'node:fs';
import { createHistogram, monitorEventLoopDelay, type RecordableHistogram } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

// Measure what users run: the compiled server (its job workers start without a TypeScript loader)
// when `npm run build` has made it, else the sources.
const built = new URL('../../dist/server/startServer.js', import.meta.url);
const { startServer } = (
  existsSync(fileURLToPath(built)) ? await import(built.href) : await import('../../src/server/startServer.ts')
) as typeof import('../../src/server/startServer.ts');
process.stderr.write(`[server] running ${existsSync(fileURLToPath(built)) ? 'dist/ (compiled)' : 'src/ (tsx)'}\n`);

const server = await startServer({ db: process.argv[2], port: 0, host: '127.0.0.1', log: (l) => process.stderr.write(`[server] ${l}\n`) });
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
const inServer: RecordableHistogram = createHistogram();
server.app.server.on('request', (_req, res) => {
  const t0 = process.hrtime.bigint();
  res.once('finish', () => inServer.record(Number(process.hrtime.bigint() - t0) || 1));
});
process.send!({ url: server.url, token: server.token });
process.on('message', (m) => {
  if (m === 'stats') {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const figures = (h: { percentile(p: number): number; max: number }) => ({
      p50: ms(h.percentile(50)),
      p99: ms(h.percentile(99)),
      max: ms(h.max),
    });
    process.send!({ stats: { loop: figures(loop), inServer: figures(inServer) } });
    loop.reset();
    inServer.reset();
  }
  if (m === 'close') void server.close().then(() => process.exit(0));
});
