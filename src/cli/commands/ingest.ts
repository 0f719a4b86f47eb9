// `nextbest ingest --customer ID --product ID …`: record one purchase and refresh that customer's
// product recommendations without retraining (through the server when one holds the store).
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { table } from '../format.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { ingestOp } from '../../ops/ingestOp.ts';
import type { IngestOutput } from '../../recs/ingestOutput.ts';
import { DB_FLAG_HELP, JSON_FLAG_HELP } from '../flagHelp.ts';

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
  flags: [
    { flag: '--customer ID', description: 'who bought (a new customer id is created)', example: '--customer 17850' },
    {
      flag: '--product ID',
      description: 'what was bought; must be a known product (imported products or order lines)',
      example: '--product 85123A',
    },
    { flag: '--quantity Q', description: 'units bought, a number > 0 (default 1)', example: '--quantity 2' },
    {
      flag: '--price P',
      description: "unit price ≥ 0 (default the product's list price, else its latest sold price)",
      example: '--price 2.55',
    },
    { flag: '--order ID', description: 'order id (default live-<customer>-<epoch ms>)', example: '--order 581600' },
    {
      flag: '--at TIMESTAMP',
      description: 'wall-clock time of the purchase (default now); it does not move the default as-of date',
      example: "--at '2011-12-10 09:30'",
    },
    JSON_FLAG_HELP,
    DB_FLAG_HELP,
  ],
  examples: [
    'nextbest ingest --customer 17850 --product 85123A',
    "nextbest ingest --customer 17850 --product 84029E --quantity 3 --at '2011-12-10 09:30' --json",
  ],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        ...storeFlags,
        customer: { type: 'string' },
        product: { type: 'string' },
        quantity: { type: 'string' },
        price: { type: 'string' },
        order: { type: 'string' },
        at: { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${usage}`);
    if (!values.customer || !values.product) throw new UserError(`--customer and --product are required\nusage: ${usage}`);
    if (values.at) {
      try {
        parseDateArg(values.at);
      } catch (e) {
        throw new UserError(`--at: ${(e as Error).message}`);
      }
    }
    const quantity = numberFlag('quantity', values.quantity),
      price = numberFlag('price', values.price);
    if (quantity !== undefined && !(quantity > 0)) throw new UserError(`--quantity must be a number > 0 (got ${quantity})`);
    if (price !== undefined && !(price >= 0)) throw new UserError(`--price must be a number ≥ 0 (got ${price})`);
    const line = {
      customerId: values.customer,
      productId: values.product,
      quantity: quantity ?? 1,
      unitPrice: price,
      orderId: values.order,
      ts: values.at,
    };
    const out: IngestOutput = await callOp(io, values.db, ingestOp, { lines: [line] });
    const recs = out.customers[0]?.recommendations ?? [];
    const what = out.refreshed
      ? ` and refreshed ${values.customer}'s recommendations`
      : ' (the server has no recommendations to refresh yet: run recommend --table)';
    io.err(`recorded the purchase${what} in ${out.ms.toFixed(0)} ms${out.tableUpdated ? ' (product_recommendations updated)' : ''}\n`);
    const json = { customer: values.customer, recommendations: recs, ms: Math.round(out.ms), tableUpdated: out.tableUpdated };
    if (values.json) io.out(JSON.stringify(json) + '\n');
    else
      io.out(
        table(
          ['ranking', 'product_id', 'score'],
          recs.map((r) => [r.ranking, r.product_id, r.score]),
        ),
      );
  },
};
