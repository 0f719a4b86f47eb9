// The tiny retail store (test/helpers/tinyRetail.ts) plus two offers and a few events, with known
// answers for every trigger kind as of 2021-03-10:
//   orders  c1: 01-01 candles, 02-01 candles, 02-05 mugs · c2: 02-03 · c3: 02-04 · c4: 03-01
//   events  c1 views 03-01, 03-02 · c2 add_to_cart 03-05 (no purchase since) · c3 cart_add 03-09 12:00, view 03-09
//           c4 add_to_cart 02-25 then bought 03-01
import { ruleSetFromSource } from '../../src/rules/ruleSetFromSource.ts';
import { checkRuleSet } from '../../src/rules/checkRuleSet.ts';
import { evaluateRules } from '../../src/rules/evaluateRules.ts';
import { parseDateArg } from '../../src/snapshot/interactions.ts';
import type { Store } from '../../src/store/store.ts';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';

export async function rulesStore(path = ':memory:'): Promise<Store> {
  const s = await tinyRetailStore(path);
  await s.run(`INSERT INTO offers (offer_id, name, scope_attribute, scope_value) VALUES ('OC', 'Candles', 'family', 'candles'),
    ('OM', 'Mugs', 'family', 'mugs')`);
  await s.run(`INSERT INTO events (customer_id, type, product_id, ts) VALUES
    ('c1', 'view', 'p1', '2021-03-01 10:00'), ('c1', 'view', 'p2', '2021-03-02 10:00'),
    ('c2', 'add_to_cart', 'p1', '2021-03-05 10:00'),
    ('c3', 'cart_add', 'p4', '2021-03-09 12:00'), ('c3', 'view', 'p4', '2021-03-09 11:00'),
    ('c4', 'add_to_cart', 'p3', '2021-02-25 10:00')`);
  return s;
}

/** Evaluates YAML rules as of a date (batch); returns "customer:rule" strings in output order. */
export async function fire(store: Store, yaml: string, asOf: string, record = true): Promise<string[]> {
  const set = ruleSetFromSource(yaml, 'test.yaml');
  const offers = await checkRuleSet(store, set);
  const d = parseDateArg(asOf);
  const res = await store.transaction(() =>
    evaluateRules(store, set, offers, {
      asOf: d,
      firedAt: d,
      customers: null,
      source: 'batch',
      ruleSet: 'test',
      record,
    }),
  );
  return res.firings.map((f) => `${f.customer_id}:${f.rule}`);
}

/** One rule as YAML: `when` and extra keys are YAML flow text. */
export function rule(id: string, offer: string, when: string, extra = ''): string {
  return `  - id: ${id}\n    offer: ${offer}\n    when: ${when}\n${
    extra
      ? extra
          .split('\n')
          .map((l) => `    ${l}\n`)
          .join('')
      : ''
  }`;
}
