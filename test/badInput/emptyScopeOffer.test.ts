// An offer whose scope matches no product is accepted (the catalogue may change) but never silently:
// the import summary warns with its line, and `tor compute` reports it instead of scoring it 0 quietly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { importFile } from '../../src/ingest/importFile.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { computeTor } from '../../src/tor/computeTor.ts';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';

const file = join(import.meta.dirname, '..', 'fixtures', 'bad', 'offer-scope-matches-no-product.csv');

test('an offer matching no product: a warning at import and in tor compute', async () => {
  const s = await tinyRetailStore();
  try {
    await offersFromAttribute(s, 'family');
    const summary = await importFile(s, { table: 'offers', file });
    assert.deepEqual(summary.warnings, [
      "line 2: offer f1 (scope family = 'nonexistent') matches no product: a TOR scores it 0 for everyone until products match",
    ]);
    const tor = await createTor(s, { name: 'with an empty offer', offers: ['family=candles', 'f1'], perCustomer: 1, model: 'frequency' });
    const stages: string[] = [];
    await computeTor(s, tor.torId, (_f, stage) => stages.push(stage));
    const warnings = stages.filter((l) => l.startsWith('warning:'));
    assert.deepEqual(warnings, ["warning: offer f1 (scope family = 'nonexistent') matches no product: it scores 0 for every customer"]);
  } finally {
    await s.close();
  }
});
