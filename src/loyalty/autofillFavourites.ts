// Fills members' open favourite cells as of a date: a cell is open when it is empty or was itself
// auto-filled earlier (member and staff picks are never overwritten). Candidates, best first: the
// member's purchases of the previous calendar month (most units, then latest), then their product
// recommendations (table product_recommendations, written by `recommend`); only eligible products,
// none twice. All rows are written in one transaction, effective from the date.
import { UserError } from '../domain/errors.ts';
import { isoLocal } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';
import { currentCells } from './favouriteCells.ts';
import { eligibleSql } from './favouriteEligible.ts';
import { memberCondition } from './loyaltyMembers.ts';
import { getLoyaltySettings } from './loyaltySettings.ts';

export interface AutofillSummary {
  asOf: Date;
  /** The purchase month used: [from, to). */
  month: { from: Date; to: Date };
  members: number;
  fromPurchases: number;
  fromRecommendations: number;
  /** Open cells no candidate could fill. */
  stillEmpty: number;
  recommendationsAvailable: boolean;
}

type Candidates = Map<string, string[]>;

async function candidates(store: Store, sql: string, params: string[]): Promise<Candidates> {
  const out: Candidates = new Map();
  for (const r of await store.all<{ c: string; p: string }>(sql, params)) {
    const list = out.get(r.c);
    if (list) list.push(r.p);
    else out.set(r.c, [r.p]);
  }
  return out;
}

export async function autofillFavourites(store: Store, asOf: Date, actor: string): Promise<AutofillSummary> {
  const settings = await getLoyaltySettings(store);
  if (!settings.autofill) throw new UserError('auto-fill is off for this programme (turn it on: loyalty settings --autofill on)');
  const d = isoLocal(asOf);
  const monthTo = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), 1));
  const monthFrom = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - 1, 1));
  const members = await store.all<{ id: string }>(
    `SELECT c.customer_id AS id FROM customers c WHERE ${await memberCondition(store)} ORDER BY 1`,
  );
  const bought = await candidates(
    store,
    `SELECT customer_id AS c, product_id AS p FROM order_lines
    WHERE kind = 'purchase' AND ts >= ?::TIMESTAMP AND ts < ?::TIMESTAMP AND ${eligibleSql('product_id')}
    GROUP BY 1, 2 ORDER BY 1, sum(quantity) DESC, max(ts) DESC, 2`,
    [isoLocal(monthFrom), isoLocal(monthTo), d, d],
  );
  const recsTable = Boolean(await store.one(`SELECT 1 AS x FROM information_schema.tables WHERE table_name = 'product_recommendations'`));
  const recs: Candidates = recsTable
    ? await candidates(
        store,
        `SELECT user_unique_id AS c, recommended_item_id AS p FROM product_recommendations
        WHERE ${eligibleSql('recommended_item_id')} ORDER BY 1, ranking`,
        [d, d],
      )
    : new Map();
  const current = new Map<string, Map<number, { productId: string | null; source: string; at: Date }>>();
  for (const c of await currentCells(store, null, asOf)) {
    if (c.cell > settings.cells) continue;
    if (!current.has(c.customerId)) current.set(c.customerId, new Map());
    current.get(c.customerId)!.set(c.cell, { productId: c.productId, source: c.source, at: c.effectiveFrom });
  }
  const out = { customer: [] as string[], cell: [] as number[], product: [] as string[] };
  const summary: AutofillSummary = {
    asOf,
    month: { from: monthFrom, to: monthTo },
    members: members.length,
    fromPurchases: 0,
    fromRecommendations: 0,
    stillEmpty: 0,
    recommendationsAvailable: recsTable,
  };
  for (const { id } of members) {
    const cells = current.get(id) ?? new Map();
    const open: number[] = [];
    const kept = new Set<string>();
    for (let cell = 1; cell <= settings.cells; cell++) {
      const c = cells.get(cell);
      if (!c || c.productId === null || (c.source === 'auto' && c.at < asOf)) open.push(cell);
      else kept.add(c.productId);
    }
    if (!open.length) continue;
    const queue = [
      ...(bought.get(id) ?? []).map((p) => ({ p, from: 'purchases' as const })),
      ...(recs.get(id) ?? []).map((p) => ({ p, from: 'recs' as const })),
    ].filter((x) => !kept.has(x.p));
    const used = new Set<string>();
    for (const cell of open) {
      let next = queue.shift();
      while (next && used.has(next.p)) next = queue.shift();
      const prev = cells.get(cell);
      if (!next) {
        // An older auto product now used by another cell is cleared, so no product shows twice.
        const stale = prev?.productId != null && used.has(prev.productId);
        if (stale) {
          out.customer.push(id);
          out.cell.push(cell);
          out.product.push('');
        }
        if (stale || !prev || prev.productId === null) summary.stillEmpty++;
        continue;
      }
      used.add(next.p);
      if (next.from === 'purchases') summary.fromPurchases++;
      else summary.fromRecommendations++;
      if (prev?.productId === next.p) continue; // already there from an earlier auto-fill
      out.customer.push(id);
      out.cell.push(cell);
      out.product.push(next.p);
    }
  }
  await store.transaction(async () => {
    await store.run(`CREATE OR REPLACE TEMP TABLE _fav_auto (customer_id VARCHAR, cell INTEGER, product_id VARCHAR)`);
    await store.appendColumns('_fav_auto', [out.customer, Int32Array.from(out.cell), out.product], { temp: true });
    await store.run(
      `INSERT INTO favourite_cells SELECT customer_id, cell, NULLIF(product_id, ''), ?::TIMESTAMP, ?, now()::TIMESTAMP, 'auto'
      FROM temp._fav_auto`,
      [d, actor],
    );
    await store.run(`DROP TABLE temp._fav_auto`);
  });
  return summary;
}
