// The default as-of comes from bulk-imported history: imports advance it, real-time lines never move it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { importFile } from '../../src/ingest/importFile.ts';
import { storePurchases } from '../../src/recs/ingestPurchase.ts';
import { defaultAsOf, parseDateArg } from '../../src/snapshot/interactions.ts';
import { Store } from '../../src/store/store.ts';

const header = 'order_id,product_id,customer_id,quantity,unit_price,ts\n';

test("imports record the default as-of; a real-time purchase with today's date does not move it; a later import does", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-asof-'));
  const s = await Store.open(':memory:');
  try {
    const first = join(dir, 'a.csv');
    writeFileSync(first, header + 'o1,p1,c1,1,2,2021-01-05 10:00\no2,p2,c2,1,3,2021-02-03 12:00\n');
    await importFile(s, { table: 'order_lines', file: first });
    assert.equal((await defaultAsOf(s))?.toISOString(), '2021-02-04T00:00:00.000Z');
    await storePurchases(s, null, [{ customerId: 'c1', productId: 'p2', at: parseDateArg('2026-12-01 09:00') }]);
    assert.equal(
      (await defaultAsOf(s))?.toISOString(),
      '2021-02-04T00:00:00.000Z',
      'the real-time line is stored but does not move the as-of',
    );
    assert.equal(Number((await s.one<{ n: bigint }>(`SELECT count(*) AS n FROM order_lines`))!.n), 3);
    const older = join(dir, 'b.csv');
    writeFileSync(older, header + 'o0,p1,c3,1,2,2020-06-01 10:00\n');
    await importFile(s, { table: 'order_lines', file: older });
    assert.equal((await defaultAsOf(s))?.toISOString(), '2021-02-04T00:00:00.000Z', 'older history keeps it');
    const later = join(dir, 'c.csv');
    writeFileSync(later, header + 'o3,p1,c3,1,2,2021-03-10 10:00\n');
    await importFile(s, { table: 'order_lines', file: later });
    assert.equal((await defaultAsOf(s))?.toISOString(), '2021-03-11T00:00:00.000Z', 'newer bulk history advances it');
  } finally {
    s.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a store without a recorded as-of (written directly) is pinned by its first real-time line', async () => {
  const s = await Store.open(':memory:');
  try {
    await s.run(`INSERT INTO products VALUES ('p1', 'x', 1)`);
    await s.run(`INSERT INTO order_lines VALUES ('o1','p1',0,'c1',1,1,1,'2021-01-05 10:00','purchase',NULL)`);
    assert.equal((await defaultAsOf(s))?.toISOString(), '2021-01-06T00:00:00.000Z');
    await storePurchases(s, null, [{ customerId: 'c2', productId: 'p1', at: parseDateArg('2026-12-01 09:00') }]);
    assert.equal((await defaultAsOf(s))?.toISOString(), '2021-01-06T00:00:00.000Z');
  } finally {
    s.close();
  }
});
