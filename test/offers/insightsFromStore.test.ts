import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/store/store.ts';
import { setMeta } from '../../src/store/meta.ts';
import { offerInsightsFromStore } from '../../src/offers/insightsFromStore.ts';
import { main } from '../../src/cli/main.ts';

/** 40 customers over 240 days; family f0 bought by everyone, f1 by even customers, f2 never recently. */
async function fill(store: Store): Promise<void> {
  await store.run(`ALTER TABLE products ADD COLUMN department VARCHAR`);
  await store.run(`ALTER TABLE products ADD COLUMN family VARCHAR`);
  await store.run(`INSERT INTO products VALUES ('p0', 'P0', 1, 'd0', 'f0'), ('p1', 'P1', 2, 'd0', 'f1'), ('p2', 'P2', 3, 'd1', 'f2')`);
  const rows: string[] = [];
  for (let c = 0; c < 40; c++) {
    for (let d = c % 5; d < (c % 3 === 2 ? 120 : 240); d += 10 + (c % 4)) {
      // every third customer churns
      const day = new Date(Date.UTC(2021, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      const prods = ['p0', ...(c % 2 === 0 ? ['p1'] : []), ...(d < 60 && c % 5 === 0 ? ['p2'] : [])];
      for (const p of prods) rows.push(`('o${c}-${d}', '${p}', 1, 'c${c}', 1, 10, 10, '${day} 10:00', 'purchase', NULL)`);
    }
  }
  await store.run(`INSERT INTO order_lines VALUES ${rows.join(',')}`);
  await setMeta(store, 'hierarchy', ['department', 'family']);
}

test('insights service: ids, windows and an efficiency backtest on a small store; CLI prints JSON', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-insights-'));
  try {
    const path = join(dir, 's.duckdb');
    const store = await Store.open(path);
    await fill(store);
    const rep = await offerInsightsFromStore(store, { asOf: new Date(Date.UTC(2021, 7, 1)) });
    store.close();
    assert.equal(rep.level, 'family');
    const byId = new Map(rep.insights.map((r) => [r.offerId, r]));
    assert.deepEqual([...byId.keys()].sort(), ['family=f0', 'family=f1', 'family=f2']);
    assert.equal(byId.get('family=f0')!.audience, 40);
    assert.ok(byId.get('family=f0')!.buyers > byId.get('family=f1')!.buyers);
    assert.equal(byId.get('family=f0')!.scopeCustomers, 40);
    assert.equal(byId.get('family=f2')!.revenue, 0);
    assert.equal(byId.get('family=f2')!.efficiency, null); // no buyer in the window
    assert.ok(rep.efficiencyModel.startsWith('gbdt') || rep.efficiencyModel.startsWith('logistic'), rep.efficiencyModel);
    // f1's buyers (even customers) are identifiable from history: lift at 10 % well above chance.
    assert.ok(byId.get('family=f1')!.efficiency! > 1.5, String(byId.get('family=f1')!.efficiency));

    const out: string[] = [],
      err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env: {} };
    assert.equal(await main(['offers', 'insights', '--db', path, '--as-of', '2021-08-01', '--json'], io), 0);
    const json = JSON.parse(out.join(''));
    assert.equal(json.insights.length, 3);
    assert.equal(await main(['offers', 'insights', '--db', path, '--type', 'colour'], io), 2);
    assert.match(err.join(''), /no attribute 'colour'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
