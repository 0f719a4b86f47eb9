// `nextbest offers create ID …` (create or edit one offer with its level) and `nextbest offers reach`.
import { resolve } from 'node:path';
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { table } from '../format.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { LEVELS, MECHANISMS } from '../../ingest/tableSpecs.ts';
import { offersCreateOp } from '../../ops/offersCreateOp.ts';
import { offersReachOp } from '../../ops/offersReachOp.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

const createUsage =
  'nextbest offers create <id> [--name N] [--scope attr=value | --products P,…] [--level all|members|audience|individual]' +
  ' [--audience EXPR] [--customers FILE] [--mechanism M --value V] [--valid-from D] [--valid-to D] [--cost C] [--db PATH] [--json]';
const num = (name: string, v: string | undefined) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new UserError(`--${name} must be a number >= 0, got '${v}'`);
  return n;
};
export const offersCreateCommand: Command = {
  path: ['offers', 'create'],
  summary: 'create or edit one offer with its level: all customers, members, an audience or individual customers',
  usage: createUsage,
  flags: [
    {
      flag: '<id>',
      description: 'the offer id; an existing offer is edited (flags left out keep their value)',
      example: 'candles-members',
    },
    { flag: '--name N', description: 'display name (required for a new offer)', example: '--name "Candles for members"' },
    { flag: '--scope attr=value', description: 'the products: one value of a product attribute', example: '--scope family=candles' },
    { flag: '--products P,…', description: 'or an explicit product list', example: '--products 85123A,71053' },
    { flag: '--level L', description: `who may get it: ${LEVELS.join(', ')}; default all`, example: '--level members' },
    {
      flag: '--audience EXPR',
      description: 'level audience: the audience expression (docs/audience.md)',
      example: '--audience "frequency >= 3"',
    },
    { flag: '--customers FILE', description: 'level individual: a file with one customer id per line', example: '--customers vip.csv' },
    { flag: '--mechanism M', description: `benefit type: ${MECHANISMS.join(', ')}`, example: '--mechanism percent_off' },
    { flag: '--value V', description: 'benefit size', example: '--value 10' },
    { flag: '--valid-from DATE', description: 'first day in force', example: '--valid-from 2027-01-01' },
    { flag: '--valid-to DATE', description: 'last day in force', example: '--valid-to 2027-01-31' },
    { flag: '--cost C', description: 'unit cost share of revenue, 0 to 1', example: '--cost 0.3' },
    { flag: '--json', description: 'print {offer, created} as JSON' },
    DB_FLAG_HELP,
  ],
  examples: [
    'nextbest offers create candles-m --name "Candles, members" --scope family=candles --level members --mechanism percent_off --value 10',
    'nextbest offers create vip-bags --name "VIP bags" --products p3 --level individual --customers vip.csv',
  ],
  async run(argv, io) {
    const s = { type: 'string' } as const;
    const { values, positionals } = parseFlags(
      argv,
      {
        ...storeFlags,
        name: s,
        scope: s,
        products: { type: 'string', multiple: true },
        level: s,
        audience: s,
        customers: s,
        mechanism: s,
        value: s,
        'valid-from': s,
        'valid-to': s,
        cost: s,
        json: { type: 'boolean' },
      },
      createUsage,
    );
    if (positionals.length !== 1) throw new UserError(`give one offer id\nusage: ${createUsage}`);
    if (values.level && !(LEVELS as readonly string[]).includes(values.level)) {
      throw new UserError(`--level must be one of ${LEVELS.join(', ')}`);
    }
    if (values.mechanism && !(MECHANISMS as readonly string[]).includes(values.mechanism)) {
      throw new UserError(`--mechanism must be one of ${MECHANISMS.join(', ')}`);
    }
    for (const f of ['valid-from', 'valid-to'] as const) {
      if (values[f]) {
        try {
          parseDateArg(values[f]);
        } catch (e) {
          throw new UserError(`--${f}: ${(e as Error).message}`);
        }
      }
    }
    const r = await callOp(io, values.db, offersCreateOp, {
      id: positionals[0],
      name: values.name,
      scope: values.scope,
      products: values.products,
      level: values.level as (typeof LEVELS)[number] | undefined,
      audience: values.audience,
      customersFile: values.customers ? resolve(values.customers) : undefined,
      customersFileLabel: values.customers,
      mechanism: values.mechanism as (typeof MECHANISMS)[number] | undefined,
      value: num('value', values.value),
      validFrom: values['valid-from'],
      validTo: values['valid-to'],
      cost: num('cost', values.cost),
    });
    const o = r.offer;
    io.out(
      values.json
        ? JSON.stringify(r) + '\n'
        : `offer ${o.offerId} ${r.created ? 'created' : 'updated'}: level ${o.level}${o.audience ? ` (${o.audience})` : ''}` +
            `${o.customerIds ? ` (${o.customerIds.length} customers)` : ''}\n`,
    );
  },
};

const reachUsage = 'nextbest offers reach [--as-of DATE] [--db PATH] [--json]';
export const offersReachCommand: Command = {
  path: ['offers', 'reach'],
  summary: 'how many customers each offer and each offer level (all, members, audience, individual) can reach',
  usage: reachUsage,
  flags: [
    {
      flag: '--as-of DATE',
      description: 'addressable customers and offers in force at this date; default midnight after the latest order line',
      example: '--as-of 2011-09-01',
    },
    { flag: '--json', description: 'print {asOf, addressable, offers, levels} as JSON' },
    DB_FLAG_HELP,
  ],
  examples: ['nextbest offers reach', 'nextbest offers reach --as-of 2011-09-01 --json'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, 'as-of': { type: 'string' }, json: { type: 'boolean' } }, reachUsage);
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${reachUsage}`);
    if (values['as-of']) {
      try {
        parseDateArg(values['as-of']);
      } catch (e) {
        throw new UserError(`--as-of: ${(e as Error).message}`);
      }
    }
    const r = await callOp(io, values.db, offersReachOp, { asOf: values['as-of'] });
    if (values.json) {
      io.out(JSON.stringify(r) + '\n');
      return;
    }
    io.out(`${r.addressable} addressable customers at ${String(r.asOf).slice(0, 10)}\n`);
    io.out(
      table(
        ['level', 'offers', 'in force', 'reach'],
        r.levels.map((l) => [l.level, l.offers, l.activeOffers, l.reach]),
      ),
    );
    io.out(
      table(
        ['offer_id', 'name', 'level', 'in force', 'reach'],
        r.offers.map((o) => [o.offerId, o.name, o.level, o.active ? 'yes' : 'no', o.reach]),
      ),
    );
  },
};
