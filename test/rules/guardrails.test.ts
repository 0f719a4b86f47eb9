// Cool-down, max firings, suppression, frequency caps, validity, enabled and dry runs, on the
// hand-made store (test/rules/rulesFixture.ts). Each test uses a fresh store.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fire, rule, rulesStore } from './rulesFixture.ts';

const CANDLES = '{bought: {scope: family=candles, min_orders: 2}}';

test('cool-down and max firings read the recorded firings; re-running a date adds nothing', async () => {
  const s = await rulesStore();
  try {
    const yaml = `rules:\n${rule('fan', 'OC', CANDLES, 'cooldown_days: 7\nmax_firings: 2')}`;
    assert.deepEqual(await fire(s, yaml, '2021-03-10'), ['c1:fan']);
    assert.deepEqual(await fire(s, yaml, '2021-03-10'), [], 'same instant again');
    assert.deepEqual(await fire(s, yaml, '2021-03-16'), [], 'within the 7-day cool-down');
    assert.deepEqual(await fire(s, yaml, '2021-03-18'), ['c1:fan'], '8 days later');
    assert.deepEqual(await fire(s, yaml, '2021-04-30'), [], 'max_firings 2 reached');
    const n = await s.one<{ n: bigint }>(`SELECT count(*) AS n FROM rule_firings WHERE rule_id = 'fan' AND source = 'batch'`);
    assert.equal(Number(n!.n), 2);
  } finally {
    s.close();
  }
});

test('suppress_days: a contact or a firing of the same offer holds the rule back', async () => {
  const s = await rulesStore();
  try {
    await s.run(`INSERT INTO contacts (customer_id, offer_id, sent_at) VALUES ('c1', 'OC', '2021-03-01')`);
    const yaml = `rules:\n${rule('fan', 'OC', CANDLES, 'suppress_days: 14')}`;
    assert.deepEqual(await fire(s, yaml, '2021-03-10'), [], 'contacted 9 days before');
    assert.deepEqual(await fire(s, yaml, '2021-03-20'), ['c1:fan'], '19 days after the contact');
    // Another rule for the same offer is suppressed by that firing.
    const other = `rules:\n${rule('other', 'OC', '{no_purchase_days: {days: 30}}', 'suppress_days: 14')}`;
    assert.deepEqual(await fire(s, other, '2021-03-25'), ['c2:other', 'c3:other']);
    // Without suppress_days the contact does not matter.
    assert.deepEqual(await fire(s, `rules:\n${rule('free', 'OC', CANDLES)}`, '2021-03-10'), ['c1:free']);
  } finally {
    s.close();
  }
});

test('frequency_cap counts contacts and firings across offers, including earlier rules of the same run', async () => {
  const s = await rulesStore();
  try {
    const cap = 'frequency_cap: {max: 1, days: 7}';
    const yaml = `rules:\n${rule('fan', 'OC', CANDLES, cap)}${rule('lapse', 'OM', '{lapsed: {cycle_multiple: 1.5}}', cap)}`;
    assert.deepEqual(await fire(s, yaml, '2021-03-10'), ['c1:fan'], 'the second rule is capped by the first');
    await s.run(`INSERT INTO contacts (customer_id, offer_id, sent_at) VALUES ('c2', 'OM', '2021-03-14')`);
    const quiet = `rules:\n${rule('quiet', 'OM', '{no_purchase_days: {days: 30}}', 'frequency_cap: {max: 1, days: 3}')}`;
    // The 3-day window before 03-15 no longer holds c1's firing of 03-10, but holds c2's contact of 03-14.
    assert.deepEqual(await fire(s, quiet, '2021-03-15'), ['c1:quiet', 'c3:quiet']);
  } finally {
    s.close();
  }
});

test('enabled, valid_from/valid_to and the offer validity decide whether a rule runs', async () => {
  const s = await rulesStore();
  try {
    const off =
      `rules:\n${rule('a', 'OC', CANDLES, 'enabled: false')}${rule('b', 'OC', CANDLES, 'valid_to: 2021-03-09')}` +
      rule('c', 'OC', CANDLES, 'valid_from: 2021-03-11') +
      rule('d', 'OC', CANDLES, 'valid_to: 2021-03-10');
    assert.deepEqual(await fire(s, off, '2021-03-10'), ['c1:d'], 'valid_to is inclusive of its day');
    await s.run(`UPDATE offers SET valid_to = '2021-03-01' WHERE offer_id = 'OC'`);
    assert.deepEqual(await fire(s, `rules:\n${rule('e', 'OC', CANDLES)}`, '2021-03-10'), [], 'the offer has expired');
  } finally {
    s.close();
  }
});

test('a dry run records nothing', async () => {
  const s = await rulesStore();
  try {
    assert.deepEqual(await fire(s, `rules:\n${rule('fan', 'OC', CANDLES)}`, '2021-03-10', false), ['c1:fan']);
    assert.equal(Number((await s.one<{ n: bigint }>(`SELECT count(*) AS n FROM rule_firings`))!.n), 0);
  } finally {
    s.close();
  }
});

test('offer levels: members only, listed customers only', async () => {
  const s = await rulesStore();
  try {
    const lapse = `rules:\n${rule('back', 'OM', '{no_purchase_days: {days: 30}}')}`;
    await s.run(`UPDATE offers SET level = 'members' WHERE offer_id = 'OM'`);
    assert.deepEqual(await fire(s, lapse, '2021-03-10', false), [], 'no is_member column: nobody is a member');
    await s.run(`ALTER TABLE customers ADD COLUMN is_member BOOLEAN`);
    await s.run(`UPDATE customers SET is_member = (customer_id = 'c2')`);
    assert.deepEqual(await fire(s, lapse, '2021-03-10', false), ['c2:back']);
    await s.run(`UPDATE offers SET level = 'individual', customer_ids = ['c3', 'c4'] WHERE offer_id = 'OM'`);
    assert.deepEqual(await fire(s, lapse, '2021-03-10', false), ['c3:back']);
  } finally {
    s.close();
  }
});
