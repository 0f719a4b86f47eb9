// Batch evaluation of a rule set as of a date: parse, check against the store, evaluate every rule
// in one transaction, record the firings (unless a dry run) and write the --out file atomically
// — the file is produced inside the transaction and renamed after it commits, so a failure leaves
// neither firings nor a file behind.
import { writeFile } from 'node:fs/promises';
import { writeAtomic } from '../export/writeAtomic.ts';
import { isoLocal } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';
import { checkedRuleSet } from './checkRuleSet.ts';
import { evaluateRules, type Firing, type RuleOutcome } from './evaluateRules.ts';
import { firingsCsv } from './firingsCsv.ts';
import type { RuleText } from './ruleSource.ts';

export interface ApplyResult {
  asOf: string;
  ruleSet: string;
  dryRun: boolean;
  fired: number;
  rules: RuleOutcome[];
  out: string | null;
  /** The first `limit` firings, in rule order then customer id. */
  firings: Firing[];
}

export async function applyRules(
  store: Store,
  src: RuleText,
  o: { asOf: Date; out?: string; dryRun: boolean; limit: number },
): Promise<ApplyResult> {
  const { set, offers } = await checkedRuleSet(store, src.text, src.label);
  const ruleSet = src.ruleSet ?? `file:${src.label}`;
  const evaluate = () =>
    evaluateRules(store, set, offers, {
      asOf: o.asOf,
      firedAt: o.asOf,
      customers: null,
      source: 'batch',
      ruleSet,
      record: !o.dryRun,
    });
  const res = o.out
    ? await writeAtomic(o.out, (tmp) =>
        store.transaction(async () => {
          const r = await evaluate();
          await writeFile(tmp, firingsCsv(r.firings), { flag: 'wx' });
          return r;
        }),
      )
    : await store.transaction(evaluate);
  return {
    asOf: isoLocal(o.asOf).slice(0, 19),
    ruleSet,
    dryRun: o.dryRun,
    fired: res.firings.length,
    rules: res.outcomes,
    out: o.out ?? null,
    firings: res.firings.slice(0, o.limit),
  };
}
