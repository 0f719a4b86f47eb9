import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cumulativeFromWeights, hashInts, Rng } from '../../src/generate/prng.ts';

test('Rng.from gives the same stream for the same keys and different streams otherwise', () => {
  const a = Rng.from(42, 3, 17);
  const b = Rng.from(42, 3, 17);
  const c = Rng.from(42, 3, 18);
  const xa = Array.from({ length: 20 }, () => a.u32());
  assert.deepEqual(
    xa,
    Array.from({ length: 20 }, () => b.u32()),
  );
  assert.notDeepEqual(
    xa,
    Array.from({ length: 20 }, () => c.u32()),
  );
  assert.notEqual(hashInts(1, 2), hashInts(2, 1));
  assert.notEqual(hashInts(2 ** 40), hashInts(0), 'high bits of big seeds count');
});

test('distributions have the right moments', () => {
  const r = Rng.from(7);
  const n = 40000;
  let u = 0,
    g = 0,
    p = 0,
    z = 0,
    z2 = 0,
    e = 0;
  for (let i = 0; i < n; i++) {
    const x = r.next();
    assert.ok(x >= 0 && x < 1);
    u += x;
    g += r.gamma(2.5);
    p += r.poisson(3);
    const v = r.normal();
    z += v;
    z2 += v * v;
    e += r.exponential(4);
  }
  assert.ok(Math.abs(u / n - 0.5) < 0.01);
  assert.ok(Math.abs(g / n - 2.5) < 0.05, `gamma mean ${g / n}`);
  assert.ok(Math.abs(p / n - 3) < 0.05, `poisson mean ${p / n}`);
  assert.ok(Math.abs(z / n) < 0.02 && Math.abs(z2 / n - 1) < 0.03);
  assert.ok(Math.abs(e / n - 0.25) < 0.01);
  let small = 0;
  for (let i = 0; i < n; i++) small += r.gamma(0.5);
  assert.ok(Math.abs(small / n - 0.5) < 0.02, `gamma(0.5) mean ${small / n}`);
});

test('pickCumulative draws proportionally, also inside a slice', () => {
  const r = Rng.from(1);
  const cum = cumulativeFromWeights([1, 0, 3, 6]);
  const hits = [0, 0, 0, 0];
  for (let i = 0; i < 20000; i++) hits[r.pickCumulative(cum)]++;
  assert.equal(hits[1], 0);
  assert.ok(Math.abs(hits[0] / 20000 - 0.1) < 0.01 && Math.abs(hits[3] / 20000 - 0.6) < 0.015);
  const slice = [0, 0, 0, 0];
  for (let i = 0; i < 20000; i++) slice[r.pickCumulative(cum, 2, 4)]++;
  assert.equal(slice[0] + slice[1], 0);
  assert.ok(Math.abs(slice[2] / 20000 - 1 / 3) < 0.015);
  const w = [0, 2, 0, 2];
  for (let i = 0; i < 1000; i++) assert.ok([1, 3].includes(r.pickWeighted(w)));
});
