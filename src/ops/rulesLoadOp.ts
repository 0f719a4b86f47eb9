// rules.load: validates a rule file and stores it as the active rule set — the one `rules apply`
// uses without a file and the server evaluates on every ingested order line or event.
import { z } from 'zod';
import { UserError } from '../domain/errors.ts';
import { checkedRuleSet } from '../rules/checkRuleSet.ts';
import { saveRuleSet } from '../rules/ruleSetTable.ts';
import { ruleSourceFields, ruleSummary } from '../rules/ruleSourceFields.ts';
import { ruleText } from '../rules/ruleSource.ts';
import { defineOp } from './op.ts';

export const rulesLoadOp = defineOp({
  name: 'rules.load',
  summary: 'Validate a trigger-rule file and store it as the active rule set (used by apply and in real time)',
  method: 'POST',
  path: '/v1/rules/sets',
  access: 'write',
  input: z.object(ruleSourceFields),
  files: (i) => (i.file ? [{ path: i.file, mode: 'read' as const }] : []),
  async run(store, i, ctx) {
    const src = await ruleText(i);
    if (!src) throw new UserError('give the rules: file (a server path) or source (the text)');
    const { set } = await checkedRuleSet(store, src.text, src.label);
    const saved = { name: src.label, source: src.text, rules: set.rules.length, actor: ctx.actor };
    const id = await store.transaction(() => saveRuleSet(store, saved));
    return { ruleSet: id, name: src.label, rules: set.rules.map(ruleSummary) };
  },
});
