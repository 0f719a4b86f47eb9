// The import limits are store settings: raising them accepts what the defaults refuse, and nothing else;
// terminal escaping (printable) shows control characters instead of obeying them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setStoreSetting } from '../../src/data/storeSettings.ts';
import { importFile } from '../../src/ingest/importFile.ts';
import { latestEventDate } from '../../src/ingest/importLimits.ts';
import { printable, table } from '../../src/cli/format.ts';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';

const bad = (f: string) => join(import.meta.dirname, '..', 'fixtures', 'bad', f);

test('import_future_days and import_max_number widen the ranges; bad values for them are refused', async () => {
  const s = await tinyRetailStore();
  try {
    await assert.rejects(importFile(s, { table: 'order_lines', file: bad('order-date-2099.csv') }), /is after/);
    await setStoreSetting(s, 'import_future_days', String(80 * 366));
    const ok = await importFile(s, { table: 'order_lines', file: bad('order-date-2099.csv') });
    assert.equal(ok.inserted, 1);
    await assert.rejects(importFile(s, { table: 'order_lines', file: bad('order-date-9999.csv') }), /today \+ 29280 days/);
    await assert.rejects(importFile(s, { table: 'order_lines', file: bad('order-unit-price-1e12.csv') }), /at most 1000000000 in/);
    await setStoreSetting(s, 'import_max_number', '1e13');
    const priced = await importFile(s, { table: 'order_lines', file: bad('order-unit-price-1e12.csv') });
    assert.equal(priced.updated, 1, 'the same order line as the 2099 file, now with its price');
    await assert.rejects(setStoreSetting(s, 'import_future_days', 'soon'), /whole number of days/);
    await assert.rejects(setStoreSetting(s, 'import_max_number', '-1'), /above 0/);
  } finally {
    await s.close();
  }
});

test('latestEventDate counts calendar days from today (UTC)', () => {
  assert.equal(latestEventDate(366, new Date('2026-12-02T23:59:00Z')), '2027-12-03');
  assert.equal(latestEventDate(0, new Date('2024-02-29T00:00:00Z')), '2024-02-29');
});

test('printable escapes newlines, ANSI escapes, NUL and bidi overrides; tables use it', () => {
  assert.equal(printable('a\nb\x1b[31mc\td\u202ee\u0000'), 'a\\nb\\x1b[31mc\\td\\u202ee\\x00');
  assert.equal(printable('Café 10 % off'), 'Café 10 % off');
  const t = table(['id', 'name'], [['c\x1b[2J', 'two\nlines']]);
  assert.equal(t.split('\n').length, 4);
  assert.ok(t.includes('c\\x1b[2J  two\\nlines'), t);
});
