// rules.list: the active rule set's rules with how often each fired (batch and real time), plus
// rules of earlier sets that still have firings on record.
import { z } from 'zod';
import { firingCountsByRule } from '../rules/firingsPage.ts';
import { ruleSetFromSource } from '../rules/ruleSetFromSource.ts';
import { activeRuleSet } from '../rules/ruleSetTable.ts';
import { ruleSummary } from '../rules/ruleSourceFields.ts';
import { defineOp } from './op.ts';

export const rulesListOp = defineOp({
  name: 'rules.list',
  summary: 'The active trigger rules with their firing counts per rule (all, by source, distinct customers, latest)',
  method: 'GET',
  path: '/v1/rules',
  access: 'read',
  input: z.object({}),
  async run(store) {
    const active = await activeRuleSet(store);
    const counts = await firingCountsByRule(store);
    const rules = active ? ruleSetFromSource(active.source, active.name).rules : [];
    const listed = new Set(rules.map((r) => r.id));
    return {
      ruleSet: active ? { id: active.id, name: active.name, loadedAt: active.loadedAt, actor: active.actor, rules: active.rules } : null,
      rules: rules.map((r) => {
        const c = counts.get(r.id);
        return {
          ...ruleSummary(r),
          description: r.description,
          firings: c?.firings ?? 0,
          customers: c?.customers ?? 0,
          lastFiredAt: c?.lastFiredAt ?? null,
          bySource: c?.bySource ?? {},
        };
      }),
      otherRules: [...counts.values()].filter((c) => !listed.has(c.rule)),
    };
  },
});
