import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messageFromTemplate, templateProblems } from '../../src/rank/messageFromTemplate.ts';
import { lastProductInScope } from '../../src/rank/lastProductInScope.ts';

test('placeholders fill from the facts; a missing one gives way to the fallback, then to no message', () => {
  const t = 'Since you bought {{product}}, enjoy {{value}}% off {{ scope }}';
  assert.equal(messageFromTemplate(t, { product: 'Mug', value: '10', scope: 'kitchen' }), 'Since you bought Mug, enjoy 10% off kitchen');
  assert.equal(messageFromTemplate(t, { value: '10', scope: 'kitchen' }, '{{value}}% off {{scope}}'), '10% off kitchen');
  assert.equal(messageFromTemplate(t, { value: '10' }, '{{value}}% off {{scope}}'), null);
  assert.equal(messageFromTemplate('Hello {{segment|friend}}', {}), 'Hello friend');
});

test('templateProblems: unknown placeholders and stray braces, with their position', () => {
  assert.deepEqual(templateProblems('Hi {{product}}'), []);
  assert.equal(templateProblems('Hi {{name}}')[0].at, 4);
  assert.match(templateProblems('Hi {{name}}')[0].reason, /unknown placeholder \{\{name\}\}/);
  assert.match(templateProblems('Hi {{product')[0].reason, /unbalanced/);
});

test("lastProductInScope: the latest product in the assigned offer's scope, −1 when never bought there", () => {
  // customers 0, 1; offers 0, 1; lines (cust, offer, ts, product)
  const lines = {
    nCustomers: 2,
    nOffers: 2,
    asOf: 100,
    lineCust: Int32Array.from([0, 0, 0, 1]),
    lineOffer: Int32Array.from([0, 0, 1, 0]),
    lineTs: Float64Array.from([10, 20, 30, 150]),
    lineAmount: new Float64Array(4),
    lineProd: Int32Array.from([7, 8, 9, 5]),
  };
  // rows: customer 1 then 0; K = 2
  const got = lastProductInScope(lines, Int32Array.from([1, 0]), Int32Array.from([0, -1, 0, 1]), 2);
  assert.deepEqual([...got], [-1, -1, 8, 9]); // customer 1's line is after the as-of date
});
