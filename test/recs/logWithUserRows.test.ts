// Splicing re-read rows into a log gives the same log as rebuilding it from all the lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interactionLogFromLines, type PurchaseLines } from '../../src/models/interactionLogFromLines.ts';
import { logWithUserRows } from '../../src/recs/logWithUserRow.ts';

function lines(rows: [number, number, number][]): PurchaseLines {
  return {
    nUsers: Math.max(...rows.map((r) => r[0])) + 1,
    nItems: 6,
    user: Int32Array.from(rows, (r) => r[0]),
    item: Int32Array.from(rows, (r) => r[1]),
    order: Int32Array.from(rows, (_, i) => i),
    quantity: Float64Array.from(rows, () => 1),
    amount: Float64Array.from(rows, () => 2),
    ts: Float64Array.from(rows, (r) => r[2]),
  };
}

test('logWithUserRows: replaced, unchanged and new users match a full rebuild', () => {
  const before: [number, number, number][] = [
    [0, 1, 1],
    [1, 2, 2],
    [1, 3, 3],
    [2, 0, 4],
    [3, 4, 5],
    [4, 5, 6],
  ];
  const added: [number, number, number][] = [
    [3, 1, 7],
    [1, 2, 8],
    [6, 0, 9],
  ]; // users 3 and 1 buy again; user 6 is new
  const old = interactionLogFromLines(lines(before), 100);
  const full = interactionLogFromLines(lines([...before, ...added]), 100);
  const users = [3, 1, 6];
  const mine = [...before, ...added]
    .filter((r) => users.includes(r[0]))
    .map((r): [number, number, number] => [users.indexOf(r[0]), r[1], r[2]]);
  const rows = interactionLogFromLines({ ...lines(mine), nUsers: users.length }, Infinity);
  const spliced = logWithUserRows(old, rows, users, 6);
  assert.equal(spliced.nUsers, 7);
  assert.equal(spliced.asOf, 100);
  // the raw lines too (occasion counts and repurchase cycles read them), in time order
  for (const k of ['indptr', 'indices', 'orders', 'quantity', 'amount', 'firstTs', 'lastTs', 'lineUser', 'lineItem', 'lineTs'] as const) {
    assert.deepEqual(Array.from(spliced[k]), Array.from(full[k]), k);
  }
});
