import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapRuleLabel, offerMapLayer, valuesThroughLayer, type CompiledMapRule } from '../../src/rank/offerMapLayer.ts';

// 3 offers: 0 = premium (value 30, cost 0.4), 1 = we-miss-you (value 10), 2 = entry (value unknown)
const rule = (segment: string, o: Partial<CompiledMapRule> = {}): CompiledMapRule => ({
  segment,
  allow: null,
  forbid: new Uint8Array(3),
  boost: new Float64Array(3).fill(1),
  maxValue: Infinity,
  maxCost: Infinity,
  ...o,
});
const base = { nOffers: 3, offerValue: Float64Array.from([30, 10, NaN]), offerCost: Float64Array.from([0.4, 0.1, NaN]) };

test('forbid, allow and boost act on the governed rows only', () => {
  const rules = [
    rule('dormant', { forbid: Uint8Array.from([1, 0, 0]), boost: Float64Array.from([1, 3, 1]) }),
    rule('browsers', { allow: Uint8Array.from([0, 0, 1]) }),
  ];
  const l = offerMapLayer({
    ...base,
    nRows: 3,
    ruleOfRow: Int32Array.from([0, 1, -1]),
    rules,
    tierOfRow: Int32Array.from([-1, -1, -1]),
    tierCaps: [],
  });
  assert.deepEqual([...l.mask], [0, 1, 1, /* browsers */ 0, 0, 1, /* free */ 1, 1, 1]);
  assert.deepEqual([...l.factor], [1, 3, 1, 1, 1, 1, 1, 1, 1]);
  assert.deepEqual(l.excluded, { offerMap: 3, intensity: 0 });
});

test('intensity: a value-tier cap applies whatever the segment; a rule cap adds to it; unknown values are never capped', () => {
  const rules = [rule('seasonal', { maxCost: 0.2 })];
  const l = offerMapLayer({
    ...base,
    nRows: 2,
    ruleOfRow: Int32Array.from([-1, 0]),
    rules,
    tierOfRow: Int32Array.from([0, -1]),
    tierCaps: [{ maxValue: 15, maxCost: Infinity }],
  });
  // row 0 (low tier): premium's 30 % > 15 removed; row 1 (seasonal): premium's cost 0.4 > 0.2 removed
  assert.deepEqual([...l.mask], [0, 1, 1, 0, 1, 1]);
  assert.deepEqual(l.excluded, { offerMap: 0, intensity: 2 });
});

test('valuesThroughLayer: removed pairs −∞, a boost raises gains and shrinks losses', () => {
  const v = valuesThroughLayer(Float64Array.from([2, -2, 5]), { mask: Uint8Array.from([1, 1, 0]), factor: Float64Array.from([3, 2, 1]) });
  assert.deepEqual([...v], [6, -1, -Infinity]);
});

test('mapRuleLabel names what shaped the pair', () => {
  const r = rule('dormant', { boost: Float64Array.from([1, 3, 0.5]), allow: Uint8Array.from([1, 1, 1]) });
  assert.equal(mapRuleLabel(r, 1), 'dormant: boost ×3');
  assert.equal(mapRuleLabel(r, 2), 'dormant: demote ×0.5');
  assert.equal(mapRuleLabel(r, 0), 'dormant: allowed');
  assert.equal(mapRuleLabel(rule('x'), 0), 'x');
});
