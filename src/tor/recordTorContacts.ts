// A TOR export is the send: every row of the result becomes a contact of campaign = the TOR, both arms
// (control rows record the offer the customer would have got, which the KPI report compares against).
// One send = one computed result: re-exporting the same result (another format, another target)
// replaces its contacts instead of adding duplicates; a recompute starts a new send.
import type { TorRecord } from '../store/torTable.ts';
import type { Store } from '../store/store.ts';

export interface RecordedContacts {
  sendId: string;
  sentAt: string;
  treatment: number;
  control: number;
}

/** The send date of a TOR's current result: its send date, else its as-of date, else the compute time. */
export function sentAtOfTor(tor: TorRecord): Date {
  const s = tor.settings;
  const asOf = typeof tor.stats?.asOf === 'string' ? tor.stats.asOf : null;
  return new Date(s.sendDate ?? s.asOf ?? asOf ?? tor.computedAt ?? Date.now());
}

export async function recordTorContacts(store: Store, tor: TorRecord, sentAt: Date): Promise<RecordedContacts> {
  const sendId = `${tor.torId}@${(tor.computedAt ?? new Date(0)).toISOString()}`;
  const at = sentAt.toISOString().replace('Z', '');
  await store.transaction(async () => {
    await store.run(`DELETE FROM contacts WHERE send_id = ?`, [sendId]);
    await store.run(
      `INSERT INTO contacts (customer_id, offer_id, sent_at, channel, "group", line_no, campaign_id, priority, segment, send_id)
       SELECT customer_id, offer_id, ?::TIMESTAMP, NULL, coalesce(arm, 'treatment'), 0, tor_id, priority, segment, ?
       FROM tor_results WHERE tor_id = ?`,
      [at, sendId, tor.torId],
    );
  });
  const n = await store.one<{ t: bigint; c: bigint }>(
    `SELECT count(DISTINCT customer_id) FILTER (WHERE "group" = 'treatment') AS t,
            count(DISTINCT customer_id) FILTER (WHERE "group" = 'control') AS c FROM contacts WHERE send_id = ?`,
    [sendId],
  );
  return { sendId, sentAt: sentAt.toISOString(), treatment: Number(n?.t ?? 0), control: Number(n?.c ?? 0) };
}
