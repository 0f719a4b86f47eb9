// Starts bench/lib/serverChild.ts in a child process and waits for its URL and token.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Figures {
  p50: number;
  p99: number;
  max: number;
}
/** Since the last ask, in ms: the server's event-loop delay and each request's time inside the server. */
export interface ServerStats {
  loop: Figures;
  inServer: Figures;
}

export interface ServerProcess {
  url: string;
  token: string;
  child: ChildProcess;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

export function startServerProcess(db: string): Promise<ServerProcess> {
  const child = fork(
    fileURLToPath(new URL('./serverChild.ts', import.meta.url)),
    [db],
    // BENCH_SERVER_FLAGS: extra node flags for the server only (e.g. --cpu-prof to see what holds its event loop).
    {
      execArgv: ['--import', 'tsx', ...(process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited before it was ready (code ${code})`)));
    child.once('message', (m: { url: string; token: string }) => {
      child.removeAllListeners('exit');
      resolve({
        ...m,
        child,
        stats: () =>
          new Promise((done) => {
            child.once('message', (r: { stats: ServerStats }) => done(r.stats));
            child.send('stats');
          }),
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.send('close');
          }),
      });
    });
  });
}
