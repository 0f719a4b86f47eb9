// Writes a compute's lists: rows are built from the allocation, bulk-appended to a temp table,
// then one transaction replaces promotion_lists and records the run (readers see the old lists
// or the new ones, never a mix). Also reads the latest run.
import type { Allocation } from '../rank/allocateTypes.ts';
import { reasonFromFeatures } from '../rank/reasons.ts';
import { isoLocal } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';
import type { Promotion } from './promotion.ts';
import { mechanismText, type PromotionObjective } from './promotionValue.ts';
import type { PromotionScores } from './scorePromotions.ts';

export interface PromotionRunSummary {
  runId: string;
  asOf: string;
  objective: PromotionObjective;
  model: string;
  /** False when the scorer could not calibrate (too little history): values rank, but are not probabilities. */
  calibrated: boolean;
  promotions: number;
  addressable: number;
  customers: number;
  /** Customers who got at least one promotion, and rows written. */
  customersWithPromotions: number;
  assignments: number;
  /** Σ expected value of the lists, and without the stock / budget limits. */
  expectedValue: number;
  unconstrained: number;
  /** Pairs removed by each guardrail ('notPositive': expected value ≤ 0). */
  excluded: Record<string, number>;
  limitedPromotions: number;
  seconds: number;
}

export interface CommitInput {
  pool: Promotion[];
  scores: PromotionScores;
  allocation: Allocation;
  objective: PromotionObjective;
  popularityOrder: number[];
  settings: unknown;
  asOf: Date;
  started: number;
  excluded: Record<string, number>;
  limitedPromotions: number;
}

let seq = 0;

export async function commitPromotionLists(store: Store, x: CommitInput): Promise<PromotionRunSummary> {
  const { scores: sc, allocation: a, pool } = x;
  const K = a.perCustomer,
    P = pool.length,
    n = sc.audience.length;
  const popRank = new Float64Array(P);
  x.popularityOrder.forEach((o, r) => {
    popRank[o] = r + 1;
  });
  const label = await scopeLabels(store, pool);
  const cust: string[] = [],
    rank: number[] = [],
    promo: string[] = [],
    ev: number[] = [],
    prob: number[] = [],
    reason: string[] = [];
  const served = new Set<number>();
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < K; k++) {
      const o = a.offers[r * K + k];
      if (o < 0) continue;
      const at = r * P + o,
        p = pool[o];
      served.add(r);
      cust.push(sc.customerIds[sc.audience[r]]);
      rank.push(k + 1);
      promo.push(p.promotionId);
      // Uncalibrated scores are no probabilities: the column stays empty (NULL) rather than mislead.
      ev.push(sc.value[at]);
      prob.push(sc.probabilities ? sc.probability[at] : NaN);
      const why = reasonFromFeatures(
        {
          scope: label[o],
          ordersInScope: sc.ordersInScope[at],
          daysSinceInScope: sc.daysSince[at],
          neighbourShare: NaN,
          popularityRank: popRank[o],
          expectedSpend: NaN,
        },
        'purchase',
      );
      const v = sc.value[at],
        money = v >= 0.01 ? v.toFixed(2) : v.toPrecision(2);
      const worth = x.objective === 'margin' ? `; expected margin ${money} after the discount` : '';
      reason.push(`${mechanismText(p.mechanism, p.value)}: ${why}${worth}`);
    }
  }
  const runNo = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM promotion_runs`))!.n) + 1;
  const runId = `promo-run-${runNo}`;
  const summary: PromotionRunSummary = {
    runId,
    asOf: x.asOf.toISOString(),
    objective: x.objective,
    model: sc.model,
    calibrated: sc.probabilities,
    promotions: P,
    addressable: sc.addressable,
    customers: n,
    customersWithPromotions: served.size,
    assignments: cust.length,
    expectedValue: a.objective,
    unconstrained: a.unconstrained,
    excluded: x.excluded,
    limitedPromotions: x.limitedPromotions,
    seconds: (performance.now() - x.started) / 1000,
  };
  const stage = `_promotion_lists_stage${++seq}`;
  await store.run(`CREATE OR REPLACE TEMP TABLE ${stage} (customer_id VARCHAR, rank INTEGER, promotion_id VARCHAR,
    expected_value DOUBLE, probability DOUBLE, reason VARCHAR)`);
  try {
    const columns = [cust, Int32Array.from(rank), promo, Float64Array.from(ev), Float64Array.from(prob), reason];
    await store.appendColumns(stage, columns, { temp: true });
    await store.transaction(async () => {
      await store.run(`DELETE FROM promotion_lists`);
      await store.run(
        `INSERT INTO promotion_lists SELECT ?, customer_id, rank, promotion_id, expected_value,
        CASE WHEN isnan(probability) THEN NULL ELSE probability END, reason FROM ${stage}`,
        [runId],
      );
      await store.run(`INSERT INTO promotion_runs VALUES (?, ?::TIMESTAMP, ?::TIMESTAMP, ?::JSON, ?::JSON)`, [
        runId,
        isoLocal(new Date()),
        isoLocal(x.asOf),
        JSON.stringify(x.settings),
        JSON.stringify(summary),
      ]);
    });
  } finally {
    await store.run(`DROP TABLE IF EXISTS ${stage}`);
  }
  return summary;
}

/** What a reason calls each promotion's scope: the attribute value, the product's name, or "its N products". */
async function scopeLabels(store: Store, pool: Promotion[]): Promise<string[]> {
  const single = pool.flatMap((p) => (p.scope.kind === 'products' && p.scope.productIds.length === 1 ? p.scope.productIds : []));
  const names = new Map<string, string>();
  if (single.length) {
    const rows = await store.all<{ product_id: string; name: string | null }>(
      `SELECT product_id, name FROM products WHERE product_id IN (SELECT unnest(?::VARCHAR[]))`,
      [JSON.stringify(single)],
    );
    for (const r of rows) names.set(r.product_id, r.name ?? r.product_id);
  }
  return pool.map((p) =>
    p.scope.kind === 'attribute'
      ? p.scope.value
      : p.scope.productIds.length === 1
        ? (names.get(p.scope.productIds[0]) ?? p.scope.productIds[0])
        : `its ${p.scope.productIds.length} products`,
  );
}

/** The run whose lists are stored, or null before the first compute. */
export async function latestPromotionRun(store: Store): Promise<{ runId: string; createdAt: string; summary: PromotionRunSummary } | null> {
  const r = await store.one<{ run_id: string; created_at: Date; summary: string }>(
    `SELECT r.run_id, r.created_at, r.summary::VARCHAR AS summary FROM promotion_runs r
     WHERE r.run_id = (SELECT any_value(run_id) FROM promotion_lists) OR NOT EXISTS (SELECT 1 FROM promotion_lists)
     ORDER BY r.created_at DESC, r.run_id DESC LIMIT 1`,
  );
  return r ? { runId: r.run_id, createdAt: new Date(r.created_at).toISOString(), summary: JSON.parse(r.summary) } : null;
}
