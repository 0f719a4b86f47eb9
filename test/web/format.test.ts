// The dashboard's number, money, score and date formatting (web/src/lib/format.ts): one way everywhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatAgo,
  formatAuc,
  formatCompact,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatInt,
  formatLift,
  formatMoney,
  formatPercent,
  formatScore,
  formatSeconds,
  offerLabel,
  plural,
} from '../../web/src/lib/format.ts';

test('counts: thousands separators, rounded, a dash for missing values', () => {
  assert.equal(formatInt(12369), '12,369');
  assert.equal(formatInt(1234567.6), '1,234,568');
  assert.equal(formatInt(0), '0');
  assert.equal(formatInt(-4500), '-4,500');
  assert.equal(formatInt(null), '—');
  assert.equal(formatInt(undefined), '—');
  assert.equal(formatInt(Number.NaN), '—');
  assert.equal(plural(1, 'customer'), '1 customer');
  assert.equal(plural(4123, 'customer'), '4,123 customers');
});

test('compact counts for chart axes', () => {
  assert.equal(formatCompact(950), '950');
  assert.equal(formatCompact(9999), '9,999');
  assert.equal(formatCompact(12_400), '12.4k');
  assert.equal(formatCompact(20_000), '20k');
  assert.equal(formatCompact(250_000), '250k');
  assert.equal(formatCompact(3_400_000), '3.4M');
});

test('money: the store currency when it is an ISO code, else the plain amount with two decimals', () => {
  assert.equal(formatMoney(5938.329, 'GBP'), '£5,938.33');
  assert.equal(formatMoney(5938.329, 'EUR'), '€5,938.33');
  assert.equal(formatMoney(5938.329, null), '5,938.33');
  assert.equal(formatMoney(5938.329, 'pounds'), '5,938.33');
  assert.equal(formatMoney(123456.78, 'GBP'), '£123,457', 'large amounts drop the pence');
  assert.equal(formatMoney(null, 'GBP'), '—');
  assert.equal(formatDecimal(1.5, 1), '1.5');
});

test('scores: three significant digits, at most three decimals', () => {
  assert.equal(formatScore(4.095745807756969), '4.10');
  assert.equal(formatScore(0.6474393179538616), '0.647');
  assert.equal(formatScore(0.0004), '0.000');
  assert.equal(formatScore(12.345), '12.3');
  assert.equal(formatScore(39167.84), '39,168');
  assert.equal(formatScore(0), '0');
  assert.equal(formatScore(-0.25), '-0.250');
  assert.equal(formatAuc(0.71234), '0.712');
  assert.equal(formatLift(1.8412), '×1.84');
  assert.equal(formatAuc(null), '—');
});

test('percentages, with a sign for changes', () => {
  assert.equal(formatPercent(0.0632), '6.3 %');
  assert.equal(formatPercent(0.0632, { sign: true, decimals: 0 }), '+6 %');
  assert.equal(formatPercent(-0.442, { sign: true, decimals: 0 }), '-44 %');
  assert.equal(formatPercent(0.92, { decimals: 0 }), '92 %');
});

test('dates: wall-clock timestamps print their own fields, whatever the zone', () => {
  assert.equal(formatDate('2024-03-01T00:00:00.000Z'), '1 Mar 2024');
  assert.equal(formatDate('2024-03-01 00:00:00.000'), '1 Mar 2024');
  assert.equal(formatDate('2023-01-02T11:56:34'), '2 Jan 2023');
  assert.equal(formatDateTime('2026-12-01T20:11:23.989Z'), '1 Dec 2026, 20:11');
  assert.equal(formatDateTime('2023-11-20T09:05:12'), '20 Nov 2023, 09:05');
  assert.equal(formatDate(null), '—');
  assert.equal(formatDate('not a date'), '—');
  const now = new Date('2026-12-01T20:30:00Z');
  assert.equal(formatAgo('2026-12-01T20:29:50Z', now), 'just now');
  assert.equal(formatAgo('2026-12-01T20:15:00Z', now), '15 min ago');
  assert.equal(formatAgo('2026-12-01T17:30:00Z', now), '3 h ago');
  assert.equal(formatAgo('2026-11-28T20:30:00Z', now), '3 days ago');
  assert.equal(formatAgo('2026-10-01T20:30:00Z', now), '1 Oct 2026');
  assert.equal(formatSeconds(9.19904), '9.2 s');
  assert.equal(formatSeconds(42.4), '42 s');
  assert.equal(formatSeconds(185), '3 min 05 s');
});

test('offers show by the last part of their hierarchy name, with the path as context', () => {
  assert.deepEqual(offerLabel('electronics > small-appliances', 'category=small-appliances'), {
    label: 'small-appliances',
    context: 'electronics',
  });
  assert.deepEqual(offerLabel('home > decor > candles', 'family=candles'), { label: 'candles', context: 'home › decor' });
  assert.deepEqual(offerLabel('Spring promo', 'o1'), { label: 'Spring promo', context: null });
  assert.deepEqual(offerLabel(null, 'o1'), { label: 'o1', context: null });
});
