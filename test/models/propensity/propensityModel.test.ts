import { test } from 'node:test';
import assert from 'node:assert/strict';
import { propensityFromLines, propensityScores, defaultPropensityConfig } from '../../../src/models/propensity/propensityModel.ts';
import type { PropensityLines } from '../../../src/snapshot/offerFeatures.ts';
import { UserError } from '../../../src/domain/errors.ts';

const DAY = 86_400_000;
/**
 * A small synthetic world: 120 customers, 3 offers, 400 days. Customer c prefers offer c % 3 and
 * buys every (5 + c % 20) days; a third of customers stop buying halfway. Known truth: the
 * preferred offer should rank first and the stopped customers should score lower.
 */
function world(): PropensityLines {
  const cust: number[] = [],
    offer: number[] = [],
    ts: number[] = [],
    amount: number[] = [];
  let s = 11;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const events: [number, number, number][] = [];
  for (let c = 0; c < 120; c++) {
    const gap = 5 + (c % 20),
      stop = c % 3 === 2 ? 200 : 400;
    for (let d = c % 7; d < stop; d += gap) events.push([d * DAY + c, c, rnd() < 0.8 ? c % 3 : Math.floor(rnd() * 3)]);
  }
  events.sort((a, b) => a[0] - b[0]);
  for (const [t, c, o] of events) {
    cust.push(c);
    offer.push(o);
    ts.push(t);
    amount.push(10);
  }
  return {
    nCustomers: 120,
    nOffers: 3,
    nAncestors: 0,
    asOf: 400 * DAY,
    lineCust: Int32Array.from(cust),
    lineOffer: Int32Array.from(offer),
    lineTs: Float64Array.from(ts),
    lineAmount: Float64Array.from(amount),
    lineAncestor: new Int32Array(cust.length).fill(-1),
    offerAncestor: Int32Array.from([-1, -1, -1]),
  };
}

test('propensity model trains on cuts before asOf, reports both candidates, and ranks the known truth', () => {
  const lines = world();
  const cfg = {
    ...defaultPropensityConfig,
    kind: 'auto' as const,
    horizonDays: 30,
    trainCuts: 3,
    cutStepDays: 20,
    gbdt: { ...defaultPropensityConfig.gbdt, trees: 30, minChildHessian: 1 },
  };
  const model = propensityFromLines(lines, 340 * DAY, cfg);
  assert.ok(model.validation.gbdt && model.validation.logistic);
  assert.ok(model.validation[model.kind]!.meanAuc >= Math.max(model.validation.gbdt.meanAuc, model.validation.logistic.meanAuc));
  const p = propensityScores(model, lines, 340 * DAY);
  assert.ok(p.every((v) => v >= 0 && v <= 1));
  let preferredFirst = 0,
    activeHigher = 0,
    pairs = 0;
  for (let c = 0; c < 120; c++) {
    const row = [p[c * 3], p[c * 3 + 1], p[c * 3 + 2]];
    if (row.indexOf(Math.max(...row)) === c % 3) preferredFirst++;
    if (c % 3 !== 2)
      for (let d = 2; d < 120; d += 3) {
        pairs++;
        if (p[c * 3 + (c % 3)] > p[d * 3 + (c % 3)]) activeHigher++;
      }
  }
  assert.ok(preferredFirst >= 110, `preferred offer first for ${preferredFirst}/120`);
  assert.ok(activeHigher / pairs > 0.95, `active above stopped in ${activeHigher}/${pairs} pairs`);
});

test('too little history before the cuts is a clear UserError', () => {
  const lines = world();
  assert.throws(
    () => propensityFromLines(lines, 31 * DAY, { ...defaultPropensityConfig, horizonDays: 30, trainCuts: 3, cutStepDays: 20 }),
    UserError,
  );
});

test('no leakage: lines at or after asOf never change the trained model or its scores', () => {
  const full = world(),
    asOf = 340 * DAY;
  const keep = Array.from(full.lineTs, (t, i) => (t < asOf ? i : -1)).filter((i) => i >= 0);
  const pick = <T extends Int32Array | Float64Array>(a: T) => a.filter((_, i) => full.lineTs[i] < asOf) as T;
  const past: PropensityLines = {
    ...full,
    lineCust: pick(full.lineCust),
    lineOffer: pick(full.lineOffer),
    lineTs: pick(full.lineTs),
    lineAmount: pick(full.lineAmount),
    lineAncestor: pick(full.lineAncestor),
  };
  assert.ok(keep.length < full.lineTs.length);
  const cfg = {
    ...defaultPropensityConfig,
    horizonDays: 30,
    choiceHorizonDays: 10,
    trainCuts: 3,
    cutStepDays: 20,
    gbdt: { ...defaultPropensityConfig.gbdt, trees: 20, minChildHessian: 1 },
  };
  const a = propensityFromLines(full, asOf, cfg),
    b = propensityFromLines(past, asOf, cfg);
  assert.deepEqual(propensityScores(a, full, asOf), propensityScores(b, past, asOf));
  assert.equal(a.validation.gbdt?.meanAuc, b.validation.gbdt?.meanAuc);
  assert.equal(a.validation.logistic?.meanAuc, b.validation.logistic?.meanAuc);
  assert.deepEqual([a.kind, a.activityKind, a.platt], [b.kind, b.activityKind, b.platt]);
});

test('choice part: the softmax objective and excluded feature prefixes train and score', () => {
  const lines = world();
  const cfg = {
    ...defaultPropensityConfig,
    kind: 'gbdt' as const,
    horizonDays: 30,
    choiceHorizonDays: 15,
    trainCuts: 3,
    cutStepDays: 20,
    choiceExclude: ['offer_'],
    gbdt: { ...defaultPropensityConfig.gbdt, trees: 30, minChildHessian: 0.1, objective: 'softmax' as const },
  };
  const model = propensityFromLines(lines, 340 * DAY, cfg);
  assert.ok(model.choiceFeatures.every((i) => !model.featureNames[i].startsWith('offer_')));
  assert.ok(model.choiceFeatures.length < model.featureNames.length);
  assert.equal(model.activityKind === 'gbdt' || model.activityKind === 'logistic', true);
  const p = propensityScores(model, lines, 340 * DAY);
  let preferredFirst = 0;
  for (let c = 0; c < 120; c++) {
    const row = [p[c * 3], p[c * 3 + 1], p[c * 3 + 2]];
    if (row.indexOf(Math.max(...row)) === c % 3) preferredFirst++;
  }
  assert.ok(preferredFirst >= 100, `preferred offer first for ${preferredFirst}/120`);
});

test('a training cap trains on a fixed sample, scores every customer, and still reads nothing after asOf', () => {
  const full = world(),
    asOf = 340 * DAY;
  const pick = <T extends Int32Array | Float64Array>(a: T) => a.filter((_, i) => full.lineTs[i] < asOf) as T;
  const past: PropensityLines = {
    ...full,
    lineCust: pick(full.lineCust),
    lineOffer: pick(full.lineOffer),
    lineTs: pick(full.lineTs),
    lineAmount: pick(full.lineAmount),
    lineAncestor: pick(full.lineAncestor),
  };
  const cfg = {
    ...defaultPropensityConfig,
    horizonDays: 30,
    choiceHorizonDays: 10,
    trainCuts: 3,
    cutStepDays: 20,
    maxTrainCustomers: 60,
    gbdt: { ...defaultPropensityConfig.gbdt, trees: 20, minChildHessian: 1 },
  };
  const logs: string[] = [];
  const a = propensityFromLines(full, asOf, cfg, {}, (s) => logs.push(s));
  assert.ok(
    logs.some((l) => l.includes('60 of 120 customers')),
    logs.join('\n'),
  );
  const b = propensityFromLines(past, asOf, cfg),
    again = propensityFromLines(full, asOf, cfg);
  const p = propensityScores(a, full, asOf);
  assert.equal(p.length, 360);
  assert.ok(p.every((v) => v > 0 && v < 1));
  assert.deepEqual(propensityScores(b, past, asOf), p); // no leakage
  assert.deepEqual(propensityScores(again, full, asOf), p); // deterministic sample
  // The sample differs from all customers, so the model does too, yet it still ranks the known truth.
  const whole = propensityFromLines(full, asOf, { ...cfg, maxTrainCustomers: 1000 });
  assert.notDeepEqual(propensityScores(whole, full, asOf), p);
  let preferredFirst = 0;
  for (let c = 0; c < 120; c++) {
    const row = [p[c * 3], p[c * 3 + 1], p[c * 3 + 2]];
    if (row.indexOf(Math.max(...row)) === c % 3) preferredFirst++;
  }
  assert.ok(preferredFirst >= 100, `preferred offer first for ${preferredFirst}/120`);
});
