// Real-time rules: the ingested customer alone is evaluated as of the ingest instant; a rule's audience
// is resolved once per day (as of midnight) and reused by later ingests of that day.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firingsOnIngest } from '../../src/rules/firingsOnIngest.ts';
import { saveRuleSet } from '../../src/rules/ruleSetTable.ts';
import { rule, rulesStore } from './rulesFixture.ts';

test('real-time firings with an audience: correct per customer, the audience built once per day', async () => {
  const s = await rulesStore();
  // c1: 3 orders (candles ×2, mugs); c2, c3, c4: 1 order each
  const source = `rules:\n${rule('repeat-buyers', 'OM', '{bought: {scope: family=mugs, min_orders: 1}}', 'audience: "frequency >= 2"\ncooldown_days: 30')}`;
  await saveRuleSet(s, { name: 'rt.yaml', source, rules: 1, actor: 'test' });
  const audienceTables = async () =>
    Number((await s.one<{ n: bigint }>(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'rule_audience_%'`))!.n);
  assert.equal(await firingsOnIngest(s, [{ customerId: 'c2', ts: '2021-03-10 09:00' }]), 0); // bought mugs, one order
  assert.equal(await audienceTables(), 1);
  assert.equal(await firingsOnIngest(s, [{ customerId: 'c1', ts: '2021-03-10 11:00' }]), 1);
  assert.equal(await audienceTables(), 1, 'the same day reuses the audience');
  assert.equal(await firingsOnIngest(s, [{ customerId: 'c1', ts: '2021-03-10 12:00' }]), 0, 'the cool-down holds it back');
  const f = await s.all<{ customer_id: string; source: string }>(`SELECT customer_id, source FROM rule_firings`);
  assert.deepEqual(f, [{ customer_id: 'c1', source: 'realtime' }]);
  await firingsOnIngest(s, [{ customerId: 'c3', ts: '2021-03-11 09:00' }]);
  assert.equal(await audienceTables(), 1, 'a new day replaces it');
  s.close();
});
