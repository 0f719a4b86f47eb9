// Message templates per offer (table `offer_messages`): personalised copy rendered into TOR results.
import type { Store } from './store.ts';

export interface OfferMessage {
  offerId: string;
  template: string;
  fallback: string | null;
  updatedAt: string;
}

export async function offerMessages(store: Store, offerIds?: string[]): Promise<OfferMessage[]> {
  const rows = await store.all<{ offer_id: string; template: string; fallback: string | null; updated_at: Date }>(
    `SELECT * FROM offer_messages ORDER BY offer_id`,
  );
  const want = offerIds ? new Set(offerIds) : null;
  return rows
    .filter((r) => !want || want.has(r.offer_id))
    .map((r) => ({ offerId: r.offer_id, template: r.template, fallback: r.fallback, updatedAt: r.updated_at.toISOString() }));
}

export async function putOfferMessage(store: Store, offerId: string, template: string | null, fallback: string | null): Promise<void> {
  if (template === null) {
    await store.run(`DELETE FROM offer_messages WHERE offer_id = ?`, [offerId]);
    return;
  }
  await store.run(
    `INSERT INTO offer_messages VALUES (?, ?, ?, now()::TIMESTAMP)
     ON CONFLICT (offer_id) DO UPDATE SET template = excluded.template, fallback = excluded.fallback, updated_at = excluded.updated_at`,
    [offerId, template, fallback],
  );
}
