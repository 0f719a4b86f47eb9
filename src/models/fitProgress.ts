// Progress lines from a model fit (issue 9: "progress on stderr during every fit longer than 2 s").
// Quiet for the first `quietMs`, so the many short fits of a backtest print nothing; after that each
// stage the fit enters is said at once, and a heartbeat repeats the current stage (every 10 s by default)
// while the fit awaits worker threads (kNN and ALS workers: the event loop is free then). A step
// that blocks the thread for long (onnxruntime's inverse) is announced when it starts instead.

export interface FitProgress {
  /** The fit enters a stage, e.g. "inverting 3,000 × 3,000"; `announce`: say it even in the quiet period (a long blocking step). */
  stage(what: string, announce?: boolean): void;
  /** The fit is over: stops the heartbeat. */
  done(): void;
}

export function fitProgress(
  say: ((line: string) => void) | undefined,
  name: string,
  opts: { quietMs?: number; everyMs?: number } = {},
): FitProgress {
  const quietMs = opts.quietMs ?? 2000,
    t0 = performance.now();
  if (!say) return { stage: () => {}, done: () => {} };
  let current = 'starting';
  const line = (announce = false) => {
    const ms = performance.now() - t0;
    if (ms >= quietMs || announce) say(`${name}: ${current} (${(ms / 1000).toFixed(1)} s)`);
  };
  // first beat when the quiet period ends, then every `everyMs`: a 20-minute fit says ~120 lines, not 600
  let timer = setTimeout(function beat() {
    line(true); // the quiet period is over by construction (a timer may fire a fraction of a ms early)
    timer = setTimeout(beat, opts.everyMs ?? 10_000);
    timer.unref();
  }, quietMs);
  timer.unref();
  return {
    stage(what: string, announce = false) {
      current = what;
      line(announce);
    },
    done: () => clearTimeout(timer),
  };
}
