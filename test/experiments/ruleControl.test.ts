// A trigger rule with control_pct: qualifying customers in the control arm are recorded (group control)
// but not returned as actions; arms are fixed per rule; the campaign report reads the rule's firings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { experimentStore } from '../helpers/experimentStore.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { ruleSetFromSource } from '../../src/rules/ruleSetFromSource.ts';
import { checkRuleSet } from '../../src/rules/checkRuleSet.ts';
import { evaluateRules } from '../../src/rules/evaluateRules.ts';
import { parseDateArg } from '../../src/snapshot/interactions.ts';
import { campaignReport } from '../../src/campaigns/campaignReport.ts';
import type { Store } from '../../src/store/store.ts';

const YAML = `rules:
  - id: bag-lovers
    offer: family=bags
    when: { bought: { scope: family=bags, min_orders: 1 } }
    cooldown_days: 30
    control_pct: 20
    control_seed: s1
`;

async function run(s: Store, date: string) {
  const set = ruleSetFromSource(YAML, 'rules.yaml');
  const offers = await checkRuleSet(s, set);
  const d = parseDateArg(date);
  return s.transaction(() =>
    evaluateRules(s, set, offers, { asOf: d, firedAt: d, customers: null, source: 'batch', ruleSet: 'test', record: true }),
  );
}

test('rule control groups: held-out firings recorded, not returned; arms fixed; the report measures the rule', async () => {
  const s = await experimentStore(2000);
  await offersFromAttribute(s, 'family');
  const first = await run(s, '2021-06-01');
  const o = first.outcomes[0];
  assert.equal(first.firings.length, o.fired - o.heldOut);
  assert.ok(Math.abs(o.heldOut / o.fired - 0.2) < 0.05, `${o.heldOut} of ${o.fired}`);
  const stored = await s.all<{ group: string; n: bigint }>(`SELECT "group", count(*) AS n FROM rule_firings GROUP BY ALL ORDER BY 1`);
  assert.deepEqual(
    stored.map((r) => [r.group, Number(r.n)]),
    [
      ['control', o.heldOut],
      ['treatment', o.fired - o.heldOut],
    ],
  );
  const before = new Map(
    (await s.all<{ customer_id: string; arm: string }>(`SELECT customer_id, arm FROM experiment_arms`)).map((r) => [r.customer_id, r.arm]),
  );
  assert.equal(before.size, o.fired);
  await run(s, '2021-07-15');
  const again = await s.all<{ customer_id: string; group: string }>(
    `SELECT customer_id, "group" FROM rule_firings WHERE fired_at = '2021-07-15'`,
  );
  assert.ok(again.length > 0);
  for (const r of again) assert.equal(r.group, before.get(r.customer_id) ?? r.group);
  const rep = await campaignReport(s, 'bag-lovers', { windowDays: 14, attribution: 'last', churnDays: 30 });
  assert.equal(rep.campaign.kind, 'rule');
  assert.equal(rep.campaign.control_pct, 20);
  assert.equal(rep.overall.contacts_control + rep.overall.contacts_treatment, o.fired + again.length);
  assert.ok(rep.srm && !rep.srm.mismatch);
});
