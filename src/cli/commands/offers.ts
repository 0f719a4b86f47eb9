// `nextbest offers from-attribute ATTR` and `nextbest offers list`.
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { table } from '../format.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import type { Offer } from '../../domain/types.ts';
import { windowDaysFromArg } from '../../offers/offerRevenue.ts';
import { offersFromAttributeOp } from '../../ops/offersFromAttributeOp.ts';
import { offersListOp } from '../../ops/offersListOp.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

const fromAttributeUsage = 'nextbest offers from-attribute <attribute> [--exclude VALUE…] [--prefix P] [--db PATH] [--json]';
export const offersFromAttributeCommand: Command = {
  path: ['offers', 'from-attribute'],
  summary: 'create one offer per value of a product attribute (id <attribute>=<value>)',
  usage: fromAttributeUsage,
  flags: [
    { flag: '<attribute>', description: 'a product attribute column; one offer per distinct value', example: 'family' },
    { flag: '--exclude VALUE', description: 'skip these values (repeat or separate with commas)', example: '--exclude gift-cards,postage' },
    { flag: '--prefix P', description: 'offer ids start with P= instead of <attribute>=', example: '--prefix fam' },
    { flag: '--json', description: 'print the offer ids as one JSON array', example: '--json' },
    DB_FLAG_HELP,
  ],
  examples: ['nextbest offers from-attribute family', 'nextbest offers from-attribute department --exclude misc --json'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { ...storeFlags, prefix: { type: 'string' }, exclude: { type: 'string', multiple: true }, json: { type: 'boolean' } },
      fromAttributeUsage,
    );
    if (positionals.length !== 1) throw new UserError(`give exactly one attribute\nusage: ${fromAttributeUsage}`);
    const offers: Offer[] = await callOp(io, values.db, offersFromAttributeOp, {
      attribute: positionals[0],
      prefix: values.prefix,
      exclude: values.exclude,
    });
    if (values.json) io.out(JSON.stringify(offers.map((o) => o.offerId)) + '\n');
    else io.out(`${offers.length} offers created or updated: ${offers.map((o) => o.offerId).join(', ')}\n`);
  },
};

const listUsage = 'nextbest offers list [--search TEXT] [--type ATTRIBUTE] [--window 30d|all] [--as-of DATE] [--db PATH] [--json]';
export const offersListCommand: Command = {
  path: ['offers', 'list'],
  summary: 'list offers with their scope revenue, orders and buyers over a window',
  usage: listUsage,
  flags: [
    { flag: '--search TEXT', description: 'only offers whose id, name or scope contains TEXT (any case)', example: '--search candle' },
    { flag: '--type ATTRIBUTE', description: 'only offers scoped on this product attribute', example: '--type family' },
    { flag: '--window W', description: 'revenue window before the as-of date: 30d, 12w, 6m or all; default 30d', example: '--window 12w' },
    { flag: '--as-of DATE', description: 'end of the window; default midnight after the latest order line', example: '--as-of 2011-09-01' },
    { flag: '--json', description: 'print {asOf, list} as one JSON object', example: '--json' },
    DB_FLAG_HELP,
  ],
  examples: ['nextbest offers list', 'nextbest offers list --type family --window all --json'],
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      {
        ...storeFlags,
        window: { type: 'string' },
        'as-of': { type: 'string' },
        search: { type: 'string' },
        type: { type: 'string' },
        json: { type: 'boolean' },
      },
      listUsage,
    );
    // Checked here too, so a bad flag is a usage error naming it before any store is opened.
    try {
      windowDaysFromArg(values.window ?? '30d');
      if (values['as-of']) parseDateArg(values['as-of']);
    } catch (e) {
      throw new UserError((e as Error).message);
    }
    const rows = await callOp(io, values.db, offersListOp, {
      search: values.search,
      type: values.type,
      window: values.window ?? '30d',
      asOf: values['as-of'],
    });
    if (values.json) {
      io.out(JSON.stringify(rows) + '\n');
      return;
    }
    const asOf = rows.asOf === null ? null : String(rows.asOf); // plain JSON: an ISO string
    io.err(`window: ${values.window ?? '30d'} before ${asOf?.slice(0, 16).replace('T', ' ') ?? '(no order lines)'}\n`);
    io.out(
      table(
        ['offer_id', 'name', 'scope', 'level', 'revenue', 'orders', 'buyers'],
        rows.list.map((r) => [r.offerId, r.name, r.scope, r.level, Math.round(r.revenue * 100) / 100, r.orders, r.buyers]),
      ),
    );
  },
};
