// The audience filter's live count: typing schedules one count after a quiet pause, and only the
// answer to the latest expression is shown (an older request that answers late is dropped). Pure
// logic over injected timers so node's test runner drives it with mocked time.

export interface AudienceCount {
  included: number;
  addressable: number;
}

export type CountState =
  | { kind: 'idle' }
  | { kind: 'counting'; expression: string }
  | { kind: 'counted'; expression: string; count: AudienceCount }
  | { kind: 'invalid'; expression: string; message: string; column: number | null };

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** An error of the count request: `message` from the API and whether the expression is at fault. */
export interface CountError {
  message: string;
  badExpression: boolean;
}

/**
 * Debounces counts. `request(expr)` resolves to the count, or rejects with a CountError;
 * `onState` receives every state change. An empty expression means "every customer": counted too
 * (the API's count of all addressable customers), unless `countEmpty` is false.
 */
export class AudienceCounter {
  private timer: unknown = null;
  private seq = 0;
  private readonly timers: Timers;

  constructor(
    private readonly request: (expression: string) => Promise<AudienceCount>,
    private readonly onState: (s: CountState) => void,
    private readonly delayMs = 350,
    timers?: Timers,
  ) {
    this.timers = timers ?? realTimers;
  }

  /** The expression changed: count it once typing pauses for `delayMs`. */
  update(expression: string): void {
    const expr = expression.trim();
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    const mine = ++this.seq;
    this.onState({ kind: 'counting', expression: expr });
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.run(expr, mine);
    }, this.delayMs);
  }

  private async run(expr: string, mine: number): Promise<void> {
    try {
      const count = await this.request(expr);
      if (mine === this.seq) this.onState({ kind: 'counted', expression: expr, count });
    } catch (e) {
      if (mine !== this.seq) return;
      const err = e as Partial<CountError> & { message?: string };
      this.onState({ kind: 'invalid', expression: expr, message: err.message ?? String(e), column: errorColumn(err.message ?? '') });
    }
  }

  /** Stops a pending count (the editor closed). */
  dispose(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.seq++;
  }
}

/** The 1-based column an audience error names ("… at column 19; …"), or null. */
export function errorColumn(message: string): number | null {
  const m = /\bat column (\d+)/.exec(message);
  return m ? Number(m[1]) : null;
}

/** The message without its "audience: " prefix, for showing under the input. */
export function audienceMessage(message: string): string {
  return message.replace(/^audience:\s*/, '');
}

/**
 * Where to underline: the expression split around the erroneous token that starts at the
 * 1-based `column` (the token runs to the next space or the end).
 */
export function markAtColumn(expression: string, column: number | null): { before: string; bad: string; after: string } | null {
  if (column === null || column < 1 || column > expression.length + 1) return null;
  const start = column - 1;
  let end = start;
  while (end < expression.length && !/\s/.test(expression[end])) end++;
  if (end === start) return { before: expression, bad: ' ', after: '' };
  return { before: expression.slice(0, start), bad: expression.slice(start, end), after: expression.slice(end) };
}
