// events.ingest: store customer events (views, clicks, add-to-cart …), one or a batch, in one
// transaction. Unknown customers are created, as imports do without --check-refs.
import { isoLocal, parseDateArg } from '../snapshot/interactions.ts';
import { wallClockNow } from '../domain/wallClockNow.ts';
import { eventsSchema } from './ingestSchemas.ts';
import { defineOp } from './op.ts';

export const eventsIngestOp = defineOp({
  name: 'events.ingest',
  summary: 'Store customer events (one or a batch) in one transaction',
  method: 'POST',
  path: '/v1/events',
  access: 'ingest',
  input: eventsSchema,
  async run(store, i) {
    const now = isoLocal(wallClockNow());
    await store.transaction(async () => {
      for (const [n, e] of i.events.entries()) {
        await store.run(`INSERT INTO customers (customer_id) VALUES (?) ON CONFLICT DO NOTHING`, [e.customerId]);
        await store.run(`INSERT INTO events (customer_id, type, product_id, ts, line_no) VALUES (?, ?, ?, ?::TIMESTAMP, ?)`, [
          e.customerId,
          e.type,
          e.productId ?? null,
          e.ts ? isoLocal(parseDateArg(e.ts)) : now,
          n,
        ]);
      }
    });
    return { events: i.events.length, customers: new Set(i.events.map((e) => e.customerId)).size };
  },
});
