// A progress line on stderr for long jobs: redrawn in place on a TTY, throttled lines otherwise.
export interface Progress {
  update(done: number, total?: number, note?: string): void;
  done(note?: string): void;
}

export function progressOnStderr(label: string, write: (s: string) => void = (s) => process.stderr.write(s)): Progress {
  const tty = Boolean(process.stderr.isTTY);
  let last = 0;
  let lastPct = -1;
  const started = Date.now();
  return {
    update(done, total, note) {
      const now = Date.now();
      const pct = total ? Math.floor((100 * done) / total) : -1;
      if (tty ? now - last < 100 : now - last < 2000 && pct - lastPct < 25) return;
      last = now;
      lastPct = pct;
      const bar = total ? `[${'#'.repeat(Math.round(pct / 5)).padEnd(20, '.')}] ${pct}%` : `${done.toLocaleString('en-US')}`;
      const line = `${label} ${bar}${note ? ' ' + note : ''}`;
      write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    },
    done(note) {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      write(`${tty ? '\r' : ''}${label} done in ${secs}s${note ? ' — ' + note : ''}${tty ? '\x1b[K' : ''}\n`);
    },
  };
}
