// Checks a parsed rule set against the store: every offer exists, scope attributes are product
// columns, listed products are known, audiences parse against the customer fields. All problems
// at once, each at the line of its field; returns the rules' offers for the evaluator.
import type { Offer } from '../domain/types.ts';
import { listOffers } from '../store/offerTable.ts';
import { quoteLiteral, type Store } from '../store/store.ts';
import { ruleAudienceSql } from './ruleAudienceSql.ts';
import { customerColumns } from '../store/customerColumns.ts';
import { ruleFileError, type RuleProblem } from './ruleFileError.ts';
import { parseRuleSet } from './ruleSetFromSource.ts';
import type { Rule, RuleScope, RuleSet } from './ruleTypes.ts';

function triggerScope(rule: Rule): RuleScope | null {
  const t = rule.trigger;
  return t.kind === 'bought' || t.kind === 'event' ? t.scope : null;
}

const pos = (p: { line: number; col: number }) => ({ line: p.line, column: p.col });

/** `earlier` = problems already found in the file (parseRuleSet): reported together with these. */
export async function checkRuleSet(store: Store, set: RuleSet, earlier: RuleProblem[] = []): Promise<Map<string, Offer>> {
  const offers = new Map((await listOffers(store)).map((o) => [o.offerId, o]));
  const productCols = new Set(
    (await store.all<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'products'`)).map(
      (r) => r.name,
    ),
  );
  const custCols = await customerColumns(store);
  const problems: RuleProblem[] = [...earlier];
  const at = (rule: Rule, key: string, field: string, reason: string) =>
    problems.push({ file: set.label, ...pos(rule.at[key] ?? rule.at['']), field: `rules[${rule.index}].${field}`, reason });
  for (const rule of set.rules) {
    if (!offers.has(rule.offer)) {
      const known = [...offers.keys()].slice(0, 10).join(', ');
      const hint = known ? ` (known: ${known}${offers.size > 10 ? ', …' : ''})` : ' (no offers stored)';
      at(rule, 'offer', 'offer', `unknown offer '${rule.offer}'${hint}`);
    }
    const scope = triggerScope(rule);
    const scopeField = `when.${rule.trigger.kind}.scope`;
    if (scope?.kind === 'attribute' && !productCols.has(scope.attribute)) {
      at(rule, 'when', scopeField, `products have no attribute '${scope.attribute}' (known: ${[...productCols].sort().join(', ')})`);
    }
    if (scope?.kind === 'products') {
      const rows = await store.all<{ id: string }>(
        `SELECT unnest([${scope.productIds.map(quoteLiteral).join(',')}]::VARCHAR[]) AS id
         EXCEPT SELECT product_id FROM products EXCEPT SELECT DISTINCT product_id FROM order_lines`,
      );
      if (rows.length)
        at(
          rule,
          'when',
          scopeField,
          `unknown product(s): ${rows
            .map((r) => r.id)
            .sort()
            .join(', ')}`,
        );
    }
    if (rule.audience) {
      try {
        ruleAudienceSql(custCols, rule.audience, `TIMESTAMP '2000-01-01'`);
      } catch (e) {
        at(rule, 'audience', 'audience', (e as Error).message.replace(/^audience: /, ''));
      }
    }
  }
  if (problems.length) throw ruleFileError(problems.sort((a, b) => a.line - b.line || a.column - b.column));
  return offers;
}

/** Parses a rule file and checks it against the store, reporting every problem of both steps at once. */
export async function checkedRuleSet(store: Store, text: string, label: string): Promise<{ set: RuleSet; offers: Map<string, Offer> }> {
  const { set, problems } = parseRuleSet(text, label);
  return { set, offers: await checkRuleSet(store, set, problems) };
}
