// The audience filter's live count (web/src/lib/audience.ts): one request after typing pauses, the
// latest expression's answer only, errors pointed at their column.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AudienceCounter, audienceMessage, errorColumn, markAtColumn, type CountState, type Timers } from '../../web/src/lib/audience.ts';

/** Timers run by hand: advance(ms) fires what is due. */
function fakeTimers(): Timers & { advance(ms: number): void; pending(): number } {
  let now = 0,
    next = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  return {
    setTimeout(fn, ms) {
      const id = next++;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(h) {
      due.delete(h as number);
    },
    advance(ms) {
      now += ms;
      for (const [id, t] of [...due].sort((a, b) => a[1].at - b[1].at))
        if (t.at <= now) {
          due.delete(id);
          t.fn();
        }
    },
    pending: () => due.size,
  };
}

const flush = () => new Promise((r) => setImmediate(r));

test('typing sends one count after the pause, for the last expression', async () => {
  const timers = fakeTimers();
  const asked: string[] = [];
  const states: CountState[] = [];
  const c = new AudienceCounter(
    async (e) => {
      asked.push(e);
      return { included: e.length, addressable: 100 };
    },
    (s) => states.push(s),
    300,
    timers,
  );
  for (const prefix of ['f', 'fr', 'freq', 'frequency >= 2']) {
    c.update(prefix);
    timers.advance(100);
  }
  assert.deepEqual(asked, [], 'nothing asked while typing');
  assert.equal(states.at(-1)!.kind, 'counting');
  timers.advance(300);
  await flush();
  assert.deepEqual(asked, ['frequency >= 2']);
  assert.deepEqual(states.at(-1), { kind: 'counted', expression: 'frequency >= 2', count: { included: 14, addressable: 100 } });
  assert.equal(timers.pending(), 0);
});

test('a slow answer to an older expression never overwrites the newer one', async () => {
  const timers = fakeTimers();
  const resolvers = new Map<string, (v: { included: number; addressable: number }) => void>();
  const states: CountState[] = [];
  const c = new AudienceCounter(
    (e) => new Promise((res) => resolvers.set(e, res)),
    (s) => states.push(s),
    200,
    timers,
  );
  c.update('frequency >= 2');
  timers.advance(200);
  c.update('frequency >= 3');
  timers.advance(200);
  resolvers.get('frequency >= 3')!({ included: 10, addressable: 100 });
  await flush();
  resolvers.get('frequency >= 2')!({ included: 50, addressable: 100 });
  await flush();
  const last = states.at(-1)!;
  assert.equal(last.kind, 'counted');
  assert.equal(last.kind === 'counted' && last.count.included, 10);
  assert.equal(last.kind === 'counted' && last.expression, 'frequency >= 3');
});

test('an invalid expression reports the message and its column; dispose drops a pending count', async () => {
  const timers = fakeTimers();
  const states: CountState[] = [];
  let calls = 0;
  const c = new AudienceCounter(
    async () => {
      calls++;
      throw { message: "audience: unexpected token 'adn' at column 16; expected and, or, end of expression", badExpression: true };
    },
    (s) => states.push(s),
    100,
    timers,
  );
  c.update('frequency >= 2 adn recency_days < 30');
  timers.advance(100);
  await flush();
  assert.deepEqual(states.at(-1), {
    kind: 'invalid',
    expression: 'frequency >= 2 adn recency_days < 30',
    message: "audience: unexpected token 'adn' at column 16; expected and, or, end of expression",
    column: 16,
  });
  c.update('x');
  c.dispose();
  timers.advance(1000);
  await flush();
  assert.equal(calls, 1);
});

test('error columns and the marked token', () => {
  assert.equal(errorColumn("audience: unknown field 'contry' at column 1; did you mean country?"), 1);
  assert.equal(errorColumn('audience: unterminated string starting at column 11'), 11);
  assert.equal(errorColumn('no column here'), null);
  assert.equal(audienceMessage("audience: unknown field 'contry'"), "unknown field 'contry'");
  assert.deepEqual(markAtColumn('frequency >= 2 adn x', 16), { before: 'frequency >= 2 ', bad: 'adn', after: ' x' });
  assert.deepEqual(markAtColumn('frequency >=', 13), { before: 'frequency >=', bad: ' ', after: '' }, 'past the end: a marked blank');
  assert.equal(markAtColumn('abc', null), null);
  assert.equal(markAtColumn('abc', 9), null);
});
