// `nextbest offers insights`: revenue, velocity, orders, buyers, AOV, audience and efficiency
// index of every node of one hierarchy level (definitions: docs/offer-insights.md).
import type { Command } from '../command.ts';
import { dbPath, parseFlags, storeFlags } from '../command.ts';
import { table } from '../format.ts';
import { UserError } from '../../domain/errors.ts';
import { offerInsightsFromStore } from '../../offers/insightsFromStore.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { withStore } from '../withStore.ts';

const usage = 'nextbest offers insights [--type LEVEL] [--as-of DATE] [--db PATH] [--json]';

export const offersInsightsCommand: Command = {
  path: ['offers', 'insights'],
  summary: 'per hierarchy node: 30-day revenue, velocity, orders, buyers, AOV, audience, efficiency index',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, type: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } }, usage);
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${usage}`);
    let asOf: Date | undefined;
    try { asOf = values['as-of'] ? parseDateArg(values['as-of']) : undefined; } catch (e) { throw new UserError((e as Error).message); }
    const report = await withStore(dbPath(values.db, io.env), (s) =>
      offerInsightsFromStore(s, { level: values.type, asOf, log: (line) => io.err(line + '\n') }));
    if (values.json) {
      io.out(JSON.stringify({ ...report, asOf: report.asOf.toISOString(), insights: report.insights.map(({ offer: _o, ...r }) => r) }) + '\n');
      return;
    }
    io.err(`level ${report.level}; 30-day window before ${report.asOf.toISOString().slice(0, 16).replace('T', ' ')}; efficiency model: ${report.efficiencyModel}\n`);
    const round = (v: number | null, d: number) => (v === null ? '–' : Math.round(v * 10 ** d) / 10 ** d);
    const rows = [...report.insights].sort((a, b) => b.revenue - a.revenue || (a.offerId < b.offerId ? -1 : 1));
    io.out(table(['offer_id', 'revenue_30d', 'prev_30d', 'velocity', 'orders', 'buyers', 'aov', 'audience', 'efficiency'],
      rows.map((r) => [r.offerId, round(r.revenue, 2), round(r.revenuePrev, 2), r.velocity === null ? '–' : `${(r.velocity * 100).toFixed(1)}%`,
        r.orders, r.buyers, round(r.aov, 2), r.audience, round(r.efficiency, 2)]) as (string | number)[][]));
  },
};
