import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EaseRecommender, easeWeightsFromGram } from '../../src/models/ease.ts';
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
    for (let r = 0; r < n; r++) if (r !== c) { const f = m[r][c]; for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j]; }
  }
  return m.map((r) => r.slice(n));
}

const X = [[1, 1, 0, 0, 1], [0, 1, 1, 0, 0], [1, 0, 1, 1, 0], [1, 1, 0, 1, 1], [0, 0, 1, 1, 0], [1, 1, 1, 0, 0]];

function expectedB(lambda: number): number[][] {
  const n = X[0].length;
  const g = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => X.reduce((s, r) => s + r[i] * r[j], 0) + (i === j ? lambda : 0)));
  const p = inverseDirect(g);
  return p.map((r, i) => r.map((v, j) => (i === j ? 0 : -v / p[j][j])));
}

test('EASE weights equal B = I − P·diagMat(1/diag(P)) on a tiny matrix, in JS and on onnxruntime', async () => {
  const n = 5, lambda = 2;
  const want = expectedB(lambda);
  const gram = () => Float64Array.from({ length: n * n }, (_, k) => X.reduce((s, r) => s + r[Math.floor(k / n)] * r[k % n], 0));
  for (const onnxFrom of [1_000, 1]) {
    const b = await easeWeightsFromGram(gram(), n, lambda, onnxFrom);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) assert.ok(Math.abs(b[i * n + j] - want[i][j]) < 1e-5, `B[${i}][${j}] ${b[i * n + j]} vs ${want[i][j]}`);
  }
});

test('EASE model scores x_u·B and round-trips through save/load', async () => {
  const user: number[] = [], item: number[] = [];
  X.forEach((r, u) => r.forEach((v, i) => { if (v) { user.push(u); item.push(i); } }));
  const n = user.length;
  const log = interactionLogFromLines({ nUsers: X.length, nItems: 5, user: Int32Array.from(user), item: Int32Array.from(item), order: Int32Array.from(user.map((_, i) => i)), quantity: new Float64Array(n).fill(1), amount: new Float64Array(n).fill(1), ts: Float64Array.from(user.map((_, i) => i)) }, 1e12);
  const m = new EaseRecommender({ lambda: 2 });
  await m.fit(log);
  const want = expectedB(2);
  const s = await m.scoreItems(Int32Array.of(1));
  for (let j = 0; j < 5; j++) assert.ok(Math.abs(s[j] - (want[1][j] + want[2][j])) < 1e-5);
  const copy = new EaseRecommender();
  copy.load(m.save());
  assert.deepEqual(await copy.scoreItems(Int32Array.of(0, 3)), await m.scoreItems(Int32Array.of(0, 3)));
});
