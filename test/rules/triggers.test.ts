// Every trigger kind on the hand-made store (test/rules/rulesFixture.ts), as of 2021-03-10.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Store } from '../../src/store/store.ts';
import { fire, rule, rulesStore } from './rulesFixture.ts';

let s: Store;
before(async () => {
  s = await rulesStore();
});
after(() => s.close());

const AS_OF = '2021-03-10';
const dry = (when: string, extra = '') => fire(s, `rules:\n${rule('r', 'OC', when, extra)}`, AS_OF, false);

test('bought: distinct orders in the scope within the window', async () => {
  assert.deepEqual(await dry('{bought: {scope: family=candles, min_orders: 2, within_days: 90}}'), ['c1:r']);
  // o2 (02-01) is 37 days before: a 30-day window holds no candle order.
  assert.deepEqual(await dry('{bought: {scope: family=candles, min_orders: 1, within_days: 30}}'), []);
  assert.deepEqual(await dry('{bought: {scope: family=candles, min_orders: 3}}'), []);
  // Default scope = the offer's own (OC = candles); a product list works too.
  assert.deepEqual(await dry('{bought: {min_orders: 2}}'), ['c1:r']);
  assert.deepEqual(await dry('{bought: {scope: [p3], within_days: 60}}'), ['c3:r', 'c4:r']);
});

test('cart_abandoned: latest cart event old enough and no purchase since', async () => {
  // c2 carted 03-05 and never bought; c3 carted 03-09 12:00 (under 2 days); c4 bought after carting.
  assert.deepEqual(await dry('{cart_abandoned: {no_purchase_within_days: 2}}'), ['c2:r']);
  assert.deepEqual(await dry('{cart_abandoned: {no_purchase_within_days: 0.25}}'), ['c2:r', 'c3:r']);
  assert.deepEqual(await dry('{cart_abandoned: {no_purchase_within_days: 2, event_types: [cart_add]}}'), []);
  // Once per cart event: two days later c2's cart (already fired) stays quiet; c3's is now old enough.
  const cart = `rules:\n${rule('cart', 'OC', '{cart_abandoned: {no_purchase_within_days: 2}}')}`;
  assert.deepEqual(await fire(s, cart, AS_OF), ['c2:cart']);
  assert.deepEqual(await fire(s, cart, '2021-03-12'), ['c3:cart']);
});

test('lapsed: no purchase for k × the median gap between orders', async () => {
  // c1: gaps 31 and 4 days → median 17.5; 33 days since 02-05 ≥ 1.5 × 17.5 = 26.25, but < 2 × 17.5 = 35.
  assert.deepEqual(await dry('{lapsed: {cycle_multiple: 1.5}}'), ['c1:r']);
  assert.deepEqual(await dry('{lapsed: {cycle_multiple: 2}}'), []);
  assert.deepEqual(await dry('{lapsed: {cycle_multiple: 1.5, min_orders: 4}}'), []);
});

test('no_purchase_days and first_purchase', async () => {
  assert.deepEqual(await dry('{no_purchase_days: {days: 30}}'), ['c1:r', 'c2:r', 'c3:r']);
  assert.deepEqual(await dry('{no_purchase_days: {days: 30, min_orders: 2}}'), ['c1:r']);
  assert.deepEqual(await dry('{first_purchase: {within_days: 14}}'), ['c4:r']);
  assert.deepEqual(await dry('{first_purchase: {within_days: 40}}'), ['c2:r', 'c3:r', 'c4:r']);
});

test('event: count of typed events within the window, optionally about products in scope', async () => {
  assert.deepEqual(await dry('{event: {type: view, min_count: 2, within_days: 30}}'), ['c1:r']);
  assert.deepEqual(await dry('{event: {type: view}}'), ['c1:r', 'c3:r']);
  assert.deepEqual(await dry('{event: {type: [view, add_to_cart], scope: family=candles}}'), ['c1:r', 'c2:r', 'c3:r']);
  assert.deepEqual(await dry('{event: {type: view, within_days: 5}}'), ['c3:r']);
});

test('audience narrows the trigger (features as of the date)', async () => {
  assert.deepEqual(await dry('{no_purchase_days: {days: 30}}', 'audience: "frequency >= 3"'), ['c1:r']);
});
