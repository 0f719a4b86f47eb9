// `nextbest offers from-attribute ATTR` and `nextbest offers list`.
import type { Command } from '../command.ts';
import { dbPath, parseFlags, storeFlags } from '../command.ts';
import { table } from '../format.ts';
import { UserError } from '../../domain/errors.ts';
import { offersFromAttribute } from '../../offers/offersFromAttribute.ts';
import { offerRevenue, windowDaysFromArg } from '../../offers/offerRevenue.ts';
import { defaultAsOf, parseDateArg } from '../../snapshot/interactions.ts';
import { listOffers } from '../../store/offerTable.ts';
import { offersMatching } from '../../offers/offersMatching.ts';
import { withStore } from '../withStore.ts';

const fromAttributeUsage = 'nextbest offers from-attribute <attribute> [--exclude VALUE…] [--prefix P] [--db PATH] [--json]';
export const offersFromAttributeCommand: Command = {
  path: ['offers', 'from-attribute'],
  summary: 'create one offer per value of a product attribute (id <attribute>=<value>)',
  usage: fromAttributeUsage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, prefix: { type: 'string' }, exclude: { type: 'string', multiple: true }, json: { type: 'boolean' } }, fromAttributeUsage);
    if (positionals.length !== 1) throw new UserError(`give exactly one attribute\nusage: ${fromAttributeUsage}`);
    const offers = await withStore(dbPath(values.db, io.env), (s) => offersFromAttribute(s, positionals[0], { idPrefix: values.prefix, exclude: values.exclude }));
    if (values.json) io.out(JSON.stringify(offers.map((o) => o.offerId)) + '\n');
    else io.out(`${offers.length} offers created or updated: ${offers.map((o) => o.offerId).join(', ')}\n`);
  },
};

const listUsage = 'nextbest offers list [--search TEXT] [--type ATTRIBUTE] [--window 30d|all] [--as-of DATE] [--db PATH] [--json]';
export const offersListCommand: Command = {
  path: ['offers', 'list'],
  summary: 'list offers with their scope revenue, orders and buyers over a window',
  usage: listUsage,
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...storeFlags, window: { type: 'string' }, 'as-of': { type: 'string' }, search: { type: 'string' }, type: { type: 'string' }, json: { type: 'boolean' } }, listUsage);
    let days: number | null, asOfArg: Date | null;
    try {
      days = windowDaysFromArg(values.window ?? '30d');
      asOfArg = values['as-of'] ? parseDateArg(values['as-of']) : null;
    } catch (e) { throw new UserError((e as Error).message); }
    const rows = await withStore(dbPath(values.db, io.env), async (s) => {
      const offers = offersMatching(await listOffers(s), values.search, values.type);
      const asOf = asOfArg ?? (await defaultAsOf(s));
      const rev = asOf ? await offerRevenue(s, offers, asOf, days) : offers.map((o) => ({ offerId: o.offerId, revenue: 0, orders: 0, buyers: 0 }));
      return { asOf, list: offers.map((o, i) => ({ ...rev[i], name: o.name, scope: o.scope.kind === 'attribute' ? `${o.scope.attribute}=${o.scope.value}` : `${o.scope.productIds.length} products`, level: o.level })) };
    });
    if (values.json) { io.out(JSON.stringify(rows) + '\n'); return; }
    io.err(`window: ${values.window ?? '30d'} before ${rows.asOf?.toISOString().slice(0, 16).replace('T', ' ') ?? '(no order lines)'}\n`);
    io.out(table(['offer_id', 'name', 'scope', 'level', 'revenue', 'orders', 'buyers'],
      rows.list.map((r) => [r.offerId, r.name, r.scope, r.level, Math.round(r.revenue * 100) / 100, r.orders, r.buyers])));
  },
};
