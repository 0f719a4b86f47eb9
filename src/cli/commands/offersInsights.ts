// `nextbest offers insights`: revenue, velocity, orders, buyers, AOV, audience and efficiency
// index of every node of one hierarchy level (definitions: docs/offer-insights.md).
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { table } from '../format.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { offersInsightsOp } from '../../ops/offersInsightsOp.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

const usage = 'nextbest offers insights [--type LEVEL] [--as-of DATE] [--db PATH] [--json]';

export const offersInsightsCommand: Command = {
  path: ['offers', 'insights'],
  summary: 'per hierarchy node: 30-day revenue, velocity, orders, buyers, AOV, audience, efficiency index',
  usage,
  flags: [
    {
      flag: '--type LEVEL',
      example: '--type family',
      description: 'the hierarchy level (a product attribute); default the lowest declared level',
    },
    {
      flag: '--as-of DATE',
      example: '--as-of 2011-09-01',
      description: 'end of the 30-day window; default midnight after the latest order line',
    },
    { flag: '--json', description: 'print the report as one JSON object', example: '--json' },
    DB_FLAG_HELP,
  ],
  examples: ['nextbest offers insights', 'nextbest offers insights --type department --as-of 2011-09-01 --json'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { ...storeFlags, type: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
      usage,
    );
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${usage}`);
    try {
      if (values['as-of']) parseDateArg(values['as-of']);
    } catch (e) {
      throw new UserError((e as Error).message);
    }
    const report = await callOp(io, values.db, offersInsightsOp, { type: values.type, asOf: values['as-of'] });
    if (values.json) {
      io.out(JSON.stringify(report) + '\n');
      return;
    }
    const asOf = String(report.asOf).slice(0, 16).replace('T', ' '); // plain JSON: an ISO string
    io.err(`level ${report.level}; 30-day window before ${asOf}; efficiency model: ${report.efficiencyModel}\n`);
    const round = (v: number | null, d: number) => (v === null ? '–' : Math.round(v * 10 ** d) / 10 ** d);
    const rows = [...report.insights].sort((a, b) => b.revenue - a.revenue || (a.offerId < b.offerId ? -1 : 1));
    io.out(
      table(
        ['offer_id', 'revenue_30d', 'prev_30d', 'velocity', 'orders', 'buyers', 'aov', 'audience', 'efficiency'],
        rows.map((r) => [
          r.offerId,
          round(r.revenue, 2),
          round(r.revenuePrev, 2),
          r.velocity === null ? '–' : `${(r.velocity * 100).toFixed(1)}%`,
          r.orders,
          r.buyers,
          round(r.aov, 2),
          r.audience,
          round(r.efficiency, 2),
        ]) as (string | number)[][],
      ),
    );
  },
};
