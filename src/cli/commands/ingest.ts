// `nextbest ingest --customer ID --product ID …`: record one purchase and refresh that customer's
// product recommendations without retraining.
import type { Command } from '../command.ts';
import { dbPath, parseFlags, storeFlags } from '../command.ts';
import { table } from '../format.ts';
import { UserError } from '../../domain/errors.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { ingestPurchase } from '../../recs/ingestPurchase.ts';
import { asOfFromSettings, savedRecsSettings } from '../../recs/productRecommendations.ts';
import { loadRecsEngine, saveRecsEngine } from '../../recs/recsEngine.ts';
import { withStore } from '../withStore.ts';

const usage = 'nextbest ingest --customer ID --product ID [--quantity Q] [--price P] [--order ID] [--at TIMESTAMP] [--db PATH] [--json]';

function numberFlag(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new UserError(`--${name} must be a number (got '${v}')`);
  return n;
}

export const ingestCommand: Command = {
  path: ['ingest'],
  summary: "record one purchase and refresh that customer's product recommendations (no retraining)",
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      ...storeFlags, customer: { type: 'string' }, product: { type: 'string' }, quantity: { type: 'string' }, price: { type: 'string' },
      order: { type: 'string' }, at: { type: 'string' }, json: { type: 'boolean' },
    }, usage);
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${usage}`);
    if (!values.customer || !values.product) throw new UserError(`--customer and --product are required\nusage: ${usage}`);
    let at: Date | undefined;
    if (values.at) {
      try { at = parseDateArg(values.at); } catch (e) { throw new UserError(`--at: ${(e as Error).message}`); }
    }
    const purchase = { customerId: values.customer, productId: values.product, quantity: numberFlag('quantity', values.quantity), price: numberFlag('price', values.price), orderId: values.order, at };
    const out = await withStore(dbPath(values.db, io.env), async (store) => {
      const settings = await savedRecsSettings(store);
      const engine = await loadRecsEngine(store, { modelName: settings.model, asOf: await asOfFromSettings(store, settings), log: (m) => io.err(m + '\n') });
      const t0 = performance.now();
      const res = await ingestPurchase(store, engine, purchase, settings);
      const ms = performance.now() - t0;
      saveRecsEngine(engine);
      await (engine.model as { release?: () => Promise<void> }).release?.();
      return { ...res, ms };
    });
    const { rows } = out;
    const recs = [];
    for (let j = 0; j < rows.n; j++) {
      const it = rows.items[j];
      if (it >= 0) recs.push({ ranking: j + 1, product_id: rows.productIds[it], score: rows.scores[j] });
    }
    io.err(`recorded the purchase and refreshed ${values.customer}'s recommendations in ${out.ms.toFixed(0)} ms${out.tableUpdated ? ' (product_recommendations updated)' : ''}\n`);
    if (values.json) io.out(JSON.stringify({ customer: values.customer, recommendations: recs, ms: Math.round(out.ms), tableUpdated: out.tableUpdated }) + '\n');
    else io.out(table(['ranking', 'product_id', 'score'], recs.map((r) => [r.ranking, r.product_id, r.score])));
  },
};
