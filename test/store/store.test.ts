import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/store.ts';
import { interactionsFromStore, defaultAsOf, parseDateArg } from '../../src/snapshot/interactions.ts';

test('interactionsFromStore reads purchases as typed arrays with shared dictionaries', async () => {
  const s = await Store.open(':memory:');
  await s.run(`INSERT INTO order_lines VALUES
    ('o1','p2',0,'c1',2,1.5,3,'2020-01-01 10:00','purchase',NULL),
    ('o2','p1',0,'c2',1,2,2,'2020-01-03 10:00','purchase',NULL),
    ('o3','p1',0,'c2',-1,2,-2,'2020-01-03 11:00','return','o2')`);
  const all = await interactionsFromStore(s);
  assert.deepEqual(all.customerIds, ['c1', 'c2']);
  assert.deepEqual(all.productIds, ['p1', 'p2']);
  assert.deepEqual([...all.cust], [0, 1]);
  assert.deepEqual([...all.prod], [1, 0]);
  const hist = await interactionsFromStore(s, { to: parseDateArg('2020-01-02') });
  assert.equal(hist.cust.length, 1);
  assert.deepEqual(hist.productIds, ['p1', 'p2'], 'dictionaries are global');
  assert.equal((await defaultAsOf(s))?.toISOString(), '2020-01-04T00:00:00.000Z');
  s.close();
});

test('parseDateArg rejects impossible dates', () => {
  assert.throws(() => parseDateArg('2021-02-30'), /not a valid date/);
  assert.equal(parseDateArg('2011-09-01').toISOString(), '2011-09-01T00:00:00.000Z');
});
