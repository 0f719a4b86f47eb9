// What each TOR assignment carries besides its offer: the segment that governed the customer and the
// map rule that shaped the pair (when the TOR applies a segment → offer map), and the personalised
// message (when the offer, or the governing map rule, has a template).
import type { Offer } from '../domain/types.ts';
import type { Assignment } from '../rank/assignmentFromScores.ts';
import { lastProductInScope } from '../rank/lastProductInScope.ts';
import { messageFromTemplate, type MessageVars } from '../rank/messageFromTemplate.ts';
import { mapRuleLabel } from '../rank/offerMapLayer.ts';
import { offerMessages } from '../store/offerMessageTable.ts';
import type { Store } from '../store/store.ts';
import type { AssignmentNotes } from './stageTorResults.ts';
import type { TorHistory } from './offerLinesForTor.ts';
import type { TorOfferMap } from './offerMapForTor.ts';

export async function assignmentNotesForTor(
  store: Store,
  offers: Offer[],
  hist: TorHistory,
  audience: Int32Array,
  a: Assignment,
  map: TorOfferMap | null,
): Promise<AssignmentNotes | undefined> {
  const K = a.allocation.perCustomer,
    cells = a.allocation.offers;
  const templates = new Map(
    (
      await offerMessages(
        store,
        offers.map((o) => o.offerId),
      )
    ).map((t) => [t.offerId, t]),
  );
  const ruleOf = (r: number) => (map ? map.input.ruleOfRow[r] : -1);
  if (!map && templates.size === 0) return undefined;
  const segment: (string | null)[] = new Array(cells.length).fill(null);
  const mapRule: (string | null)[] = new Array(cells.length).fill(null);
  const message: (string | null)[] = new Array(cells.length).fill(null);
  const needsProduct =
    [...templates.values()].some((t) => /\{\{\s*product/.test(t.template + (t.fallback ?? ''))) ||
    (map?.ruleMessages.some((t) => t !== null && /\{\{\s*product/.test(t)) ?? false);
  const product = needsProduct ? lastProductInScope(hist.lines, audience, cells, K) : null;
  const names = product ? await productNames(store, hist.interactions.productIds, product) : new Map<number, string>();
  for (let j = 0; j < cells.length; j++) {
    const o = cells[j];
    if (o < 0) continue;
    const r = Math.floor(j / K),
      rule = ruleOf(r);
    if (rule >= 0) {
      segment[j] = map!.input.rules[rule].segment;
      mapRule[j] = mapRuleLabel(map!.input.rules[rule], o);
    }
    const t = templates.get(offers[o].offerId),
      ruleTemplate = rule >= 0 ? map!.ruleMessages[rule] : null;
    if (!t && !ruleTemplate) continue;
    const f = a.factsOf(r, o),
      offer = offers[o];
    const vars: MessageVars = {
      product: product && product[j] >= 0 ? (names.get(product[j]) ?? null) : null,
      scope: offer.scope.kind === 'attribute' ? offer.scope.value : offer.name,
      offer: offer.name,
      value: offer.value === null ? null : String(offer.value),
      reason: a.reasons[j] || null,
      segment: segment[j],
      days_since: Number.isFinite(f.daysSinceInScope) ? String(Math.round(f.daysSinceInScope)) : null,
      orders_in_scope: f.ordersInScope > 0 ? String(f.ordersInScope) : null,
    };
    // a segment's own copy wins over the offer's; the offer's template is its fallback
    message[j] = ruleTemplate
      ? (messageFromTemplate(ruleTemplate, vars, t ? t.template : null) ?? (t?.fallback ? messageFromTemplate(t.fallback, vars) : null))
      : messageFromTemplate(t!.template, vars, t!.fallback);
  }
  return { segment, mapRule, message };
}

let tempSeq = 0;

/** Display names (name, else id) of the product indices used. */
async function productNames(store: Store, productIds: string[], used: Int32Array): Promise<Map<number, string>> {
  const idx = [...new Set(Array.from(used).filter((p) => p >= 0))];
  const out = new Map<number, string>();
  if (idx.length === 0) return out;
  const t = `_msg_products${++tempSeq}`; // two computes in one process must not share it
  await store.run(`CREATE OR REPLACE TEMP TABLE ${t} (i INTEGER, product_id VARCHAR)`);
  await store.appendColumns(t, [Int32Array.from(idx), idx.map((i) => productIds[i])]);
  const rows = await store.columns(
    `SELECT m.i, coalesce(p.name, m.product_id) AS name FROM ${t} m LEFT JOIN products p USING (product_id)`,
    { i: 'i32', name: 'str' },
  );
  await store.run(`DROP TABLE IF EXISTS ${t}`);
  rows.i.forEach((i, k) => out.set(i as number, (rows.name as string[])[k]));
  return out;
}
