import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plattFromScores, probabilitiesFromLogits } from '../../../src/models/propensity/platt.ts';

test('Platt calibration is monotone, within [0,1], and matches observed rates', () => {
  // Scores s = −2..2; true P(y=1 | s) = σ(2s − 1): generate the exact expected label counts per score.
  const s: number[] = [],
    y: number[] = [];
  for (let k = -2; k <= 2; k += 0.5) {
    const p = 1 / (1 + Math.exp(-(2 * k - 1)));
    for (let i = 0; i < 200; i++) {
      s.push(k);
      y.push(i < Math.round(200 * p) ? 1 : 0);
    }
  }
  const platt = plattFromScores(s, y);
  assert.ok(Math.abs(platt.a - 2) < 0.1 && Math.abs(platt.b + 1) < 0.1, JSON.stringify(platt));
  const grid = Float64Array.from({ length: 41 }, (_, i) => -20 + i);
  const p = probabilitiesFromLogits(platt, grid);
  for (let i = 0; i < p.length; i++) {
    assert.ok(p[i] >= 0 && p[i] <= 1);
    if (i > 0) assert.ok(p[i] >= p[i - 1]);
  }
});
