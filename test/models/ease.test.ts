import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeItemsFromLog, EaseRecommender, easeWeightsFromGram } from '../../src/models/ease.ts';
import { interactionLogFromLines } from '../../src/models/interactionLogFromLines.ts';

/** Gauss–Jordan inverse: an independent direct formula for the test. */
function inverseDirect(a: number[][]): number[][] {
  const n = a.length;
  const m = a.map((r, i) => [...r, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const d = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= d;
    for (let r = 0; r < n; r++)
      if (r !== c) {
        const f = m[r][c];
        for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
      }
  }
  return m.map((r) => r.slice(n));
}

const X = [
  [1, 1, 0, 0, 1],
  [0, 1, 1, 0, 0],
  [1, 0, 1, 1, 0],
  [1, 1, 0, 1, 1],
  [0, 0, 1, 1, 0],
  [1, 1, 1, 0, 0],
];

function expectedB(lambda: number): number[][] {
  const n = X[0].length;
  const g = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => X.reduce((s, r) => s + r[i] * r[j], 0) + (i === j ? lambda : 0)),
  );
  const p = inverseDirect(g);
  return p.map((r, i) => r.map((v, j) => (i === j ? 0 : -v / p[j][j])));
}

test('EASE weights equal B = I − P·diagMat(1/diag(P)) on a tiny matrix, in JS and on onnxruntime', async () => {
  const n = 5,
    lambda = 2;
  const want = expectedB(lambda);
  const gram = () => Float64Array.from({ length: n * n }, (_, k) => X.reduce((s, r) => s + r[Math.floor(k / n)] * r[k % n], 0));
  for (const onnxFrom of [1_000, 1]) {
    const b = await easeWeightsFromGram(gram(), n, lambda, onnxFrom);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) assert.ok(Math.abs(b[i * n + j] - want[i][j]) < 1e-5, `B[${i}][${j}] ${b[i * n + j]} vs ${want[i][j]}`);
  }
});

test('EASE model scores x_u·B and round-trips through save/load', async () => {
  const user: number[] = [],
    item: number[] = [];
  X.forEach((r, u) =>
    r.forEach((v, i) => {
      if (v) {
        user.push(u);
        item.push(i);
      }
    }),
  );
  const n = user.length;
  const log = interactionLogFromLines(
    {
      nUsers: X.length,
      nItems: 5,
      user: Int32Array.from(user),
      item: Int32Array.from(item),
      order: Int32Array.from(user.map((_, i) => i)),
      quantity: new Float64Array(n).fill(1),
      amount: new Float64Array(n).fill(1),
      ts: Float64Array.from(user.map((_, i) => i)),
    },
    1e12,
  );
  const m = new EaseRecommender({ lambda: 2 });
  await m.fit(log);
  const want = expectedB(2);
  const s = await m.scoreItems(Int32Array.of(1));
  for (let j = 0; j < 5; j++) assert.ok(Math.abs(s[j] - (want[1][j] + want[2][j])) < 1e-5);
  const copy = new EaseRecommender();
  copy.load(m.save());
  assert.deepEqual(await copy.scoreItems(Int32Array.of(0, 3)), await m.scoreItems(Int32Array.of(0, 3)));
});

test('EASE inverts only items with buyers: unbought items score 0, the others match the full-catalogue B', async () => {
  // X's 5 items placed at columns 0, 2, 3, 5, 6 of a 8-item catalogue; columns 1, 4, 7 never bought
  const at = [0, 2, 3, 5, 6];
  const user: number[] = [],
    item: number[] = [];
  X.forEach((r, u) =>
    r.forEach((v, i) => {
      if (v) {
        user.push(u);
        item.push(at[i]);
      }
    }),
  );
  const n = user.length;
  const log = interactionLogFromLines(
    {
      nUsers: X.length,
      nItems: 8,
      user: Int32Array.from(user),
      item: Int32Array.from(item),
      order: Int32Array.from(user.map((_, i) => i)),
      quantity: new Float64Array(n).fill(1),
      amount: new Float64Array(n).fill(1),
      ts: Float64Array.from(user.map((_, i) => i)),
    },
    1e12,
  );
  assert.deepEqual([...activeItemsFromLog(log)], at);
  const m = new EaseRecommender({ lambda: 2 });
  await m.fit(log);
  const want = expectedB(2);
  const s = await m.scoreItems(Int32Array.of(0));
  for (const j of [1, 4, 7]) assert.equal(s[j], 0);
  // user 0 bought X items 0, 1, 4
  at.forEach((j, a) => assert.ok(Math.abs(s[j] - (want[0][a] + want[1][a] + want[4][a])) < 1e-5, `item ${j}`));
  assert.match(m.explain(0, at[2]), /item #|no strong link/);
  assert.equal(m.explain(0, 7), 'no strong link to past purchases');
});
