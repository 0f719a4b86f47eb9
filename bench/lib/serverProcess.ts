// Starts bench/lib/serverChild.ts in a child process and waits for its URL and token.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoopDelay { p50: number; p99: number; max: number }

export interface ServerProcess {
  url: string;
  token: string;
  child: ChildProcess;
  /** The server's event-loop delay (ms) since the last call. */
  loopDelay(): Promise<LoopDelay>;
  stop(): Promise<void>;
}

export function startServerProcess(db: string): Promise<ServerProcess> {
  const child = fork(fileURLToPath(new URL('./serverChild.ts', import.meta.url)), [db],
    { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited before it was ready (code ${code})`)));
    child.once('message', (m: { url: string; token: string }) => {
      child.removeAllListeners('exit');
      resolve({
        ...m, child,
        loopDelay: () => new Promise((done) => {
          child.once('message', (r: { loop: LoopDelay }) => done(r.loop));
          child.send('loop');
        }),
        stop: () => new Promise<void>((done) => { child.once('exit', () => done()); child.send('close'); }),
      });
    });
  });
}
