// rules.validate: parses a rule file and checks it against the store (offers, scopes, audiences);
// a bad file is a 400 listing every problem as file:line:column: field: reason.
import { z } from 'zod';
import { UserError } from '../domain/errors.ts';
import { checkedRuleSet } from '../rules/checkRuleSet.ts';
import { ruleSourceFields, ruleSummary } from '../rules/ruleSourceFields.ts';
import { ruleText } from '../rules/ruleSource.ts';
import { defineOp } from './op.ts';

export const rulesValidateOp = defineOp({
  name: 'rules.validate',
  summary: 'Validate a trigger-rule file (YAML or JSON) against the store; errors name the file, line, field and reason (docs/rules.md)',
  method: 'POST',
  path: '/v1/rules/validate',
  access: 'read',
  input: z.object(ruleSourceFields),
  files: (i) => (i.file ? [{ path: i.file, mode: 'read' as const }] : []),
  async run(store, i) {
    const src = await ruleText(i);
    if (!src) throw new UserError('give the rules: file (a server path) or source (the text)');
    const { set } = await checkedRuleSet(store, src.text, src.label);
    return { file: src.label, valid: true, rules: set.rules.map(ruleSummary) };
  },
});
