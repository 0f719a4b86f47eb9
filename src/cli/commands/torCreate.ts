// `nextbest tor create`: prints the new TOR's id alone on its last line, so scripts can capture it.
import type { Command } from '../command.ts';
import { intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { torCreateOp } from '../../ops/torCreateOp.ts';
import { OBJECTIVES } from '../../ops/torDefinitionSchema.ts';
import { AUTO_RULES, type AutoRule } from '../../tor/selectOffersAuto.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { TOR_SETTINGS_FLAG_HELP, TOR_SETTINGS_FLAGS, TOR_SETTINGS_USAGE, torSettingsFromFlags } from '../torSettingsFlags.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

const usage = `nextbest tor create --name N (--offer ID… | --auto top-revenue --count N [--window 30d|all] [--type ATTR]) --per-customer K (1–4) [--as-of DATE] [--objective purchase|revenue|acquisition|margin] [--audience EXPR] [--model auto|baseline|propensity|frequency|popularity] ${TOR_SETTINGS_USAGE} [--db PATH] [--json]`;

const flags = {
  ...storeFlags,
  name: { type: 'string' },
  offer: { type: 'string', multiple: true },
  auto: { type: 'string' },
  count: { type: 'string' },
  window: { type: 'string' },
  type: { type: 'string' },
  'per-customer': { type: 'string' },
  'as-of': { type: 'string' },
  objective: { type: 'string' },
  model: { type: 'string' },
  audience: { type: 'string' },
  json: { type: 'boolean' },
  ...TOR_SETTINGS_FLAGS,
} as const;

export const torCreateCommand: Command = {
  path: ['tor', 'create'],
  summary: 'create a Top Offer Recommendation (Draft) from chosen or auto-selected offers',
  usage,
  flags: [
    { flag: '--name N', description: 'a name for people', example: '--name "Spring mailing"' },
    {
      flag: '--offer ID…',
      description: 'the offers to rank (up to 25; repeat or separate with commas)',
      example: '--offer family=bags,family=candles',
    },
    { flag: '--auto RULE', description: `pick the offers by a rule instead: ${AUTO_RULES.join(', ')}`, example: '--auto top-revenue' },
    { flag: '--count N', description: 'with --auto: how many offers to pick (at most 25)', example: '--count 5' },
    { flag: '--window 30d|all', description: 'with --auto: the revenue window the rule looks at (default 30d)', example: '--window all' },
    { flag: '--type ATTR', description: 'with --auto: only offers on this attribute', example: '--type family' },
    { flag: '--per-customer K', description: 'offers each customer gets, in priority order (1–4)', example: '--per-customer 2' },
    { flag: '--as-of DATE', description: 'use history before this date (default: the latest data)', example: '--as-of 2011-12-01' },
    {
      flag: '--objective O',
      description: 'what the allocation maximises: purchase, revenue, acquisition or margin (default purchase)',
      example: '--objective revenue',
    },
    { flag: '--audience EXPR', description: 'only customers matching this filter', example: '--audience "frequency >= 2"' },
    {
      flag: '--model M',
      description:
        'scoring method: auto (default: the best of the others by NDCG@K in a backtest on the horizon before the as-of date), baseline, propensity, frequency or popularity',
      example: '--model propensity',
    },
    ...TOR_SETTINGS_FLAG_HELP,
    { flag: '--json', description: 'print the new TOR (with its audience count) as one JSON object instead of its id', example: '--json' },
    DB_FLAG_HELP,
  ],
  examples: [
    'nextbest tor create --name Spring --offer family=bags,family=candles --per-customer 2',
    'ID=$(nextbest tor create --name Auto --auto top-revenue --count 5 --window all --per-customer 3 | tail -1)',
  ],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, flags, usage);
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${usage}`);
    if (!values.name) throw new UserError(`--name is required\nusage: ${usage}`);
    if (values.auto !== undefined && !(AUTO_RULES as readonly string[]).includes(values.auto)) {
      throw new UserError(`unknown --auto rule '${values.auto}' (rules: ${AUTO_RULES.join(', ')})`);
    }
    if (values['as-of']) {
      try {
        parseDateArg(values['as-of']);
      } catch (e) {
        throw new UserError(`--as-of: ${(e as Error).message}`);
      }
    }
    const objective = values.objective ?? 'purchase';
    if (!(OBJECTIVES as readonly string[]).includes(objective)) {
      throw new UserError(`--objective must be purchase, revenue, acquisition or margin (got '${values.objective}')`);
    }
    const tor = await callOp(io, values.db, torCreateOp, {
      name: values.name,
      offers: values.offer?.length ? values.offer : undefined,
      auto: values.auto
        ? {
            rule: values.auto as AutoRule,
            count: intFlag('count', values.count, 1, 10_000),
            window: values.window ?? '30d',
            type: values.type,
          }
        : undefined,
      perCustomer: intFlag('per-customer', values['per-customer'], 1, 4),
      asOf: values['as-of'] ?? null,
      audience: values.audience ?? null,
      objective: objective as (typeof OBJECTIVES)[number],
      model: values.model,
      ...torSettingsFromFlags(values),
    });
    const count = tor.audienceCount;
    if (values.json) {
      io.out(JSON.stringify(tor) + '\n');
      return;
    }
    io.err(`created TOR '${tor.name}' (Draft) with ${tor.offers.length} offers: ${tor.offers.join(', ')}\n`);
    if (count)
      io.err(
        `audience: ${count.included.toLocaleString('en-US')} included of ${count.addressable.toLocaleString('en-US')} addressable customers\n`,
      );
    io.out(`${tor.torId}\n`);
  },
};
