import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chosenCandidate,
  defaultUpliftConfig,
  upliftFromData,
  upliftScores,
  type UpliftCandidate,
  type UpliftModel,
} from '../../src/models/uplift/upliftModel.ts';
import { normalisedQini } from '../../src/evaluate/upliftMetrics.ts';
import { typedJsonFromValue, valueFromTypedJson } from '../../src/domain/typedJson.ts';
import { Rng } from '../../src/generate/prng.ts';

// A planted heterogeneous effect: baseline response 0.10 + 0.15·x1 in both arms; treatment adds
// +0.25 when x0 > 0.5 and nothing otherwise; x2 is noise. Treatment share `share` (unequal arms).
function planted(n: number, share: number, seed: number) {
  const nF = 3,
    X = new Float32Array(n * nF),
    y = new Uint8Array(n),
    treated = new Uint8Array(n);
  const rng = Rng.from(seed, 11);
  for (let r = 0; r < n; r++) {
    for (let f = 0; f < nF; f++) X[f * n + r] = rng.next();
    treated[r] = rng.next() < share ? 1 : 0;
    const p = 0.1 + 0.15 * X[n + r] + (treated[r] && X[r] > 0.5 ? 0.25 : 0);
    y[r] = rng.next() < p ? 1 : 0;
  }
  return { X, y, treated, nF, effect: (r: number) => X[r] > 0.5 };
}

const n = 8000;
const d = planted(n, 0.3, 1);
const train = Int32Array.from({ length: n / 2 }, (_v, i) => i),
  test_ = Int32Array.from({ length: n / 2 }, (_v, i) => n / 2 + i);
const at = (a: Uint8Array, rows: Int32Array) => Uint8Array.from(rows, (r) => a[r]);

const oracleQini = normalisedQini(
  Float64Array.from(test_, (r) => (d.effect(r) ? 1 : 0)),
  at(d.y, test_),
  at(d.treated, test_),
);

/** Share of the top half of test rows (by uplift) that carry the planted effect (half of all do). */
function topHalfPlanted(s: Float64Array): number {
  const order = Array.from(test_.keys()).sort((a, b) => s[b] - s[a]);
  return order.slice(0, order.length / 2).filter((k) => d.effect(test_[k])).length / (order.length / 2);
}

for (const method of ['t-learner', 'class-transformation'] as const)
  for (const learner of ['gbdt', 'logistic'] as const)
    test(`${method} with ${learner} ranks the planted effect first (arms 30/70)`, () => {
      const m = upliftFromData(d.X, n, d.nF, d.y, d.treated, train, { ...defaultUpliftConfig, method, learner });
      assert.equal(m.fitted.method, method);
      assert.equal(m.fitted.learner, learner);
      const s = upliftScores(m, d.X, n, test_);
      const q = normalisedQini(s, at(d.y, test_), at(d.treated, test_));
      // A random ordering scores ≈ 0; the planted split itself (the oracle) is the ceiling.
      assert.ok(q > 0.8 * oracleQini, `normalised Qini ${q}, oracle ${oracleQini}`);
      assert.ok(topHalfPlanted(s) > 0.85, `top half planted share ${topHalfPlanted(s)}`);
    });

test('class transformation is re-weighted: its uplift estimates are on the true scale with arms 20/80', () => {
  const u = planted(12000, 0.2, 3);
  const rows = Int32Array.from({ length: 12000 }, (_v, i) => i);
  const m = upliftFromData(u.X, 12000, u.nF, u.y, u.treated, rows, {
    ...defaultUpliftConfig,
    method: 'class-transformation',
    learner: 'gbdt',
  });
  const s = upliftScores(m, u.X, 12000);
  let on = 0,
    nOn = 0,
    off = 0;
  for (let r = 0; r < 12000; r++)
    if (u.effect(r)) {
      on += s[r];
      nOn++;
    } else off += s[r];
  // True mean uplift: 0.25 where planted, 0 elsewhere. Without re-weighting, 2·P(z=1|x) − 1 would
  // centre near 2·(0.2·p_T + 0.8·(1 − p_C)) − 1 ≈ 0.4 everywhere.
  assert.ok(Math.abs(on / nOn - 0.25) < 0.07, `planted mean ${on / nOn}`);
  assert.ok(Math.abs(off / (12000 - nOn)) < 0.07, `unplanted mean ${off / (12000 - nOn)}`);
});

test('chosenCandidate: the first unless another gains more than selectionSe standard errors', () => {
  const c = (foldQini: number[]): UpliftCandidate => ({ method: 't-learner', learner: 'gbdt', qini: 0, foldQini });
  // Gains of the second over the first: 0.02, 0.04, 0.06 → mean 0.04, sd 0.02, se 0.02/√3 ≈ 0.0115.
  const steady = [c([0.1, 0.1, 0.1]), c([0.12, 0.14, 0.16])];
  assert.equal(chosenCandidate(steady, 1), 1);
  assert.equal(chosenCandidate(steady, 3), 1); // 0.04 > 3·0.0115
  assert.equal(chosenCandidate(steady, 4), 0); // 0.04 < 4·0.0115
  // Gains −0.1, 0.2, 0.05: mean 0.05, sd ≈ 0.15, se ≈ 0.087 → noise, keep the first (but 0 SE takes it).
  const noisy = [c([0.1, 0.1, 0.1]), c([0.0, 0.3, 0.15])];
  assert.equal(chosenCandidate(noisy, 1), 0);
  assert.equal(chosenCandidate(noisy, 0), 1);
  // Of two clear winners the larger mean gain wins; NaN folds are skipped.
  assert.equal(chosenCandidate([c([0, 0, 0]), c([0.05, 0.06, NaN]), c([0.1, 0.11, 0.12])], 1), 2);
});

test('auto reports every candidate on internal folds, chooses by its rule; fits are deterministic', () => {
  const a = upliftFromData(d.X, n, d.nF, d.y, d.treated, train, defaultUpliftConfig);
  assert.deepEqual(
    a.validation.candidates.map((c) => `${c.method}/${c.learner}/${c.foldQini.length}`),
    ['t-learner/gbdt/3', 't-learner/logistic/3', 'class-transformation/gbdt/3', 'class-transformation/logistic/3'],
  );
  const chosen = a.validation.candidates[chosenCandidate(a.validation.candidates, defaultUpliftConfig.selectionSe)];
  assert.equal(a.validation.qini, chosen.qini);
  const best = chosen.qini;
  assert.equal(a.fitted.method, a.validation.method);
  assert.equal(a.fitted.learner, a.validation.learner);
  assert.ok(best > 0.7 * oracleQini, `best internal Qini ${best}, oracle ${oracleQini}`);
  const b = upliftFromData(d.X, n, d.nF, d.y, d.treated, train, defaultUpliftConfig);
  assert.deepEqual(upliftScores(b, d.X, n, test_), upliftScores(a, d.X, n, test_));
  assert.deepEqual(b.validation, a.validation);
  // The model survives typed JSON (how a caller stores it) and scores the same.
  const back = valueFromTypedJson<UpliftModel>(typedJsonFromValue(a));
  assert.deepEqual(upliftScores(back, d.X, n, test_), upliftScores(a, d.X, n, test_));
  // Another seed moves the folds and the trees' row samples.
  const c = upliftFromData(d.X, n, d.nF, d.y, d.treated, train, { ...defaultUpliftConfig, learner: 'gbdt', seed: 2 });
  const a2 = upliftFromData(d.X, n, d.nF, d.y, d.treated, train, { ...defaultUpliftConfig, learner: 'gbdt' });
  assert.notDeepEqual(c.validation.candidates, a2.validation.candidates);
});

test('bad input: one arm only, wrong sizes, bad folds', () => {
  const onlyTreated = train.filter((r) => d.treated[r] > 0);
  assert.throws(() => upliftFromData(d.X, n, d.nF, d.y, d.treated, onlyTreated, defaultUpliftConfig), /0 control/);
  assert.throws(() => upliftFromData(d.X, n, d.nF, d.y.subarray(1), d.treated, train, defaultUpliftConfig), /outcomes/);
  assert.throws(() => upliftFromData(d.X, n, d.nF, d.y, d.treated, train, { ...defaultUpliftConfig, folds: 1 }), /folds/);
  const m = upliftFromData(d.X, n, d.nF, d.y, d.treated, train, { ...defaultUpliftConfig, method: 't-learner', learner: 'logistic' });
  assert.throws(() => upliftScores(m, d.X.subarray(n), n), /expected/);
});
