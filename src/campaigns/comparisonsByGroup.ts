// Treatment-vs-control comparisons of campaign units, overall and per group. Two units of analysis:
// per contact (customer × offer × send; offers and priorities, where a customer counts once per group)
// and per customer send (overall and segments, where a customer with K offers must count once, or the
// K correlated rows would shrink the intervals). Pure.
import { armComparison, type Comparison } from '../evaluate/experiment/armComparison.ts';
import type { CampaignUnits } from './campaignUnitsFromStore.ts';

export interface ComparisonOptions {
  confidence: number;
  bootstrap: number;
  seed: number;
}

const CHURN_KEYS = ['churn_treatment', 'churn_control', 'incremental_churn', 'churn_ci_low', 'churn_ci_high', 'churn_p_value'] as const;

/** Churn is compared only when every unit has its N days of data (churned not NaN); otherwise its fields are null. */
function withChurnIfMature(out: Comparison, churned: ArrayLike<number>): Comparison {
  for (let i = 0; i < churned.length; i++)
    if (Number.isNaN(churned[i])) {
      for (const k of CHURN_KEYS) out[k] = null;
      break;
    }
  return out;
}

/** One comparison over the contact units `rows`; `cost` per treated unit (null = unknown). */
export function unitComparison(u: CampaignUnits, rows: number[], cost: number | null, o: ComparisonOptions): Comparison {
  const churned = Float64Array.from(rows, (i) => u.churned[i]);
  const out = armComparison({
    treated: Uint8Array.from(rows, (i) => u.treated[i]),
    converted: Uint8Array.from(rows, (i) => u.converted[i]),
    uptake: Uint8Array.from(rows, (i) => u.uptake[i]),
    revenue: Float64Array.from(rows, (i) => u.revenue[i]),
    orders: Float64Array.from(rows, (i) => u.orders[i]),
    churned: Uint8Array.from(churned, (x) => (x === 1 ? 1 : 0)),
    cost,
    options: o,
  });
  return withChurnIfMature(out, churned);
}

/** One comparison over the customer sends of `rows`: outcomes are the send's (any unit), cost the sum of its offers'. */
export function sendComparison(
  u: CampaignUnits,
  rows: number[],
  costOf: (offer: string) => number | null,
  o: ComparisonOptions,
): Comparison {
  const bySend = new Map<number, number[]>();
  for (const i of rows) {
    const s = u.send[i];
    const list = bySend.get(s);
    if (list) list.push(i);
    else bySend.set(s, [i]);
  }
  const sends = [...bySend.values()];
  const max = (list: number[], a: ArrayLike<number>) => list.reduce((m, i) => Math.max(m, a[i]), -Infinity);
  let costSum = 0,
    costN = 0,
    costKnown = true;
  for (const list of sends) {
    if (!u.treated[list[0]]) continue;
    let c = 0;
    for (const i of list) {
      const x = costOf(u.offer[i]);
      if (x === null) costKnown = false;
      else c += x;
    }
    costSum += c;
    costN++;
  }
  const first = sends.map((l) => l[0]);
  const churned = Float64Array.from(first, (i) => u.churned[i]);
  const out = armComparison({
    treated: Uint8Array.from(first, (i) => u.treated[i]),
    converted: Uint8Array.from(sends, (l) => max(l, u.converted)),
    uptake: Uint8Array.from(sends, (l) => max(l, u.uptake)),
    revenue: Float64Array.from(sends, (l) => max(l, u.revenue)),
    orders: Float64Array.from(sends, (l) => max(l, u.orders)),
    churned: Uint8Array.from(churned, (x) => (x === 1 ? 1 : 0)),
    cost: costKnown && costN > 0 ? costSum / costN : null,
    options: o,
  });
  return withChurnIfMature(out, churned);
}

/** Unit indices grouped by a key, in first-seen order. */
export function rowsByKey<K>(n: number, key: (i: number) => K): Map<K, number[]> {
  const out = new Map<K, number[]>();
  for (let i = 0; i < n; i++) {
    const k = key(i);
    const list = out.get(k);
    if (list) list.push(i);
    else out.set(k, [i]);
  }
  return out;
}
