// The API server for `bench:api`, in its own process so the load generator does not share its
// event loop. Tells the parent its URL and local token over IPC; on 'loop' answers the event-loop
// delay since the last ask (how long requests waited behind other work on the server's thread);
// closes cleanly on 'close'.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startServer } from '../../src/server/startServer.ts';

const server = await startServer({ db: process.argv[2], port: 0, host: '127.0.0.1', log: (l) => process.stderr.write(`[server] ${l}\n`) });
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
process.send!({ url: server.url, token: server.token });
process.on('message', (m) => {
  if (m === 'loop') {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    process.send!({ loop: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) } });
    delay.reset();
  }
  if (m === 'close') void server.close().then(() => process.exit(0));
});
