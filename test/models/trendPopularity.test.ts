import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interactionLogFromLines } from '../../src/models/interactionLogFromLines.ts';
import { DEFAULT_TREND, TrendPopularity, trendScores } from '../../src/models/trendPopularity.ts';
import { trendScoresReference } from '../../src/models/trendPopularity.reference.ts';
import { DAY, T0, tinyLog } from './tinyLog.ts';

test('trend: hand-computed growth ratios', () => {
  // asOf = day 84; recent window [56, 84), previous [0, 56) (r = 28, p = 56)
  // item 0: 2 recent buyers, 0 before → 2·3/1 = 6; item 1: 1 recent, 2 before → 1·2/(2·0.5+1) = 1; item 2: only old → 0
  const rows = [
    [0, 1, 10],
    [1, 1, 20],
    [2, 2, 30],
    [0, 0, 60],
    [1, 0, 70],
    [2, 1, 80],
  ];
  const log = interactionLogFromLines(
    {
      nUsers: 3,
      nItems: 3,
      user: Int32Array.from(rows, (r) => r[0]),
      item: Int32Array.from(rows, (r) => r[1]),
      order: Int32Array.from(rows, (_, k) => k),
      quantity: new Float64Array(6).fill(1),
      amount: new Float64Array(6).fill(1),
      ts: Float64Array.from(rows, (r) => T0 + r[2] * DAY),
    },
    T0 + 84 * DAY,
  );
  assert.deepEqual([...trendScores(log, DEFAULT_TREND)], [6, 1, 0]);
  assert.deepEqual([...trendScores(log, { ...DEFAULT_TREND, exponent: 0 })], [2, 1, 0]);
});

test('trend matches the reference', () => {
  const log = tinyLog();
  for (const cfg of [
    DEFAULT_TREND,
    { recentDays: 14, previousDays: 56, exponent: 0.5 },
    { recentDays: 60, previousDays: 30, exponent: 2 },
  ]) {
    const fast = trendScores(log, cfg),
      ref = trendScoresReference(log, cfg);
    ref.forEach((v, i) => assert.ok(Math.abs(fast[i] - v) <= 1e-9 * Math.max(1, v), `item ${i}: ${fast[i]} vs ${v}`));
  }
});

test('trend model: same row for everybody, state round-trips', async () => {
  const log = tinyLog();
  const m = new TrendPopularity({ recentDays: 40 });
  await m.fit(log);
  const s = await m.scoreItems(Int32Array.from([0, 5]));
  assert.deepEqual([...s.subarray(0, log.nItems)], [...s.subarray(log.nItems)]);
  const copy = new TrendPopularity();
  copy.load(m.save());
  assert.deepEqual([...(await copy.scoreItems(Int32Array.from([1])))], [...s.subarray(0, log.nItems)]);
  assert.match(copy.explain(0, 0), /last 40 days/);
});
