// orderLines.ingest: store purchase lines and refresh those customers' recommendations without
// retraining. In-process (the CLI without a server) it loads the saved model state for one call;
// a server answers POST /v1/order-lines from its loaded model instead (src/server/ingestRoutes.ts),
// so this op is not in the registry: the route is registered by hand with the same schema. Trigger rules
// fire here as in the server (rules/firingsOnIngest.ts), so `nextbest ingest` fires the loaded rules too.
import { parseDateArg } from '../snapshot/interactions.ts';
import { ingestPurchases, type Purchase } from '../recs/ingestPurchase.ts';
import { ingestedCustomers, type IngestOutput } from '../recs/ingestOutput.ts';
import { asOfFromSettings, savedRecsSettings } from '../recs/productRecommendations.ts';
import { loadRecsEngine, saveRecsEngine } from '../recs/recsEngine.ts';
import { orderLinesSchema, type OrderLineInput } from './ingestSchemas.ts';
import { defineOp } from './op.ts';
import { firingsOnIngest } from '../rules/firingsOnIngest.ts';

export function purchasesFromLines(lines: OrderLineInput[]): Purchase[] {
  return lines.map((l) => ({
    customerId: l.customerId,
    productId: l.productId,
    quantity: l.quantity,
    price: l.unitPrice,
    orderId: l.orderId,
    at: l.ts ? parseDateArg(l.ts) : undefined,
  }));
}

export const ingestOp = defineOp({
  name: 'orderLines.ingest',
  summary: "Store order lines (one or a batch) and refresh those customers' recommendations without retraining",
  method: 'POST',
  path: '/v1/order-lines',
  access: 'ingest',
  input: orderLinesSchema,
  async run(store, i, ctx): Promise<IngestOutput> {
    const settings = await savedRecsSettings(store);
    const asOf = await asOfFromSettings(store, settings);
    const engine = await loadRecsEngine(store, { modelName: settings.model, asOf, foldsLater: settings.asOf === null, log: ctx.log });
    try {
      const t0 = performance.now();
      const res = await ingestPurchases(store, engine, purchasesFromLines(i.lines), settings);
      const ms = performance.now() - t0;
      saveRecsEngine(engine);
      const fired = await firingsOnIngest(store, i.lines);
      if (fired) ctx.log(`trigger rules: ${fired} firing(s) recorded`);
      return { lines: i.lines.length, customers: ingestedCustomers(res.rows), ms, tableUpdated: res.tableUpdated, refreshed: true };
    } finally {
      await (engine.model as { release?: () => Promise<void> }).release?.();
    }
  },
});
