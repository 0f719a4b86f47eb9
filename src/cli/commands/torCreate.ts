// `nextbest tor create`: prints the new TOR's id alone on its last line, so scripts can capture it.
import { z } from 'zod';
import type { Command } from '../command.ts';
import { dbPath, intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { createTor } from '../../tor/createTor.ts';
import { AUTO_RULES, type AutoRule } from '../../tor/selectOffersAuto.ts';

import { withStore } from '../withStore.ts';
import { TOR_SETTINGS_FLAGS, TOR_SETTINGS_USAGE, torSettingsFromFlags } from '../torSettingsFlags.ts';
import { countAudience } from '../../tor/audienceForTor.ts';
import { defaultAsOf, parseDateArg } from '../../snapshot/interactions.ts';

const usage = `nextbest tor create --name N (--offer ID… | --auto top-revenue --count N [--window 30d|all] [--type ATTR]) --per-customer K (1–4) [--as-of DATE] [--objective purchase|revenue|acquisition|margin] [--audience EXPR] [--model baseline|propensity|frequency|popularity] ${TOR_SETTINGS_USAGE} [--db PATH] [--json]`;

const flags = {
  ...storeFlags,
  name: { type: 'string' }, offer: { type: 'string', multiple: true }, auto: { type: 'string' },
  count: { type: 'string' }, window: { type: 'string' }, type: { type: 'string' },
  'per-customer': { type: 'string' }, 'as-of': { type: 'string' }, objective: { type: 'string' },
  model: { type: 'string' }, audience: { type: 'string' }, json: { type: 'boolean' },
  ...TOR_SETTINGS_FLAGS,
} as const;

export const torCreateCommand: Command = {
  path: ['tor', 'create'],
  summary: 'create a Top Offer Recommendation (Draft) from chosen or auto-selected offers',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, flags, usage);
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${usage}`);
    if (!values.name) throw new UserError(`--name is required\nusage: ${usage}`);
    if (values.auto !== undefined && !(AUTO_RULES as readonly string[]).includes(values.auto)) {
      throw new UserError(`unknown --auto rule '${values.auto}' (rules: ${AUTO_RULES.join(', ')})`);
    }
    if (values['as-of']) {
      try { parseDateArg(values['as-of']); } catch (e) { throw new UserError(`--as-of: ${(e as Error).message}`); }
    }
    const objective = z.enum(['purchase', 'revenue', 'acquisition', 'margin']).safeParse(values.objective ?? 'purchase');
    if (!objective.success) throw new UserError(`--objective must be purchase, revenue, acquisition or margin (got '${values.objective}')`);
    const extra = torSettingsFromFlags(values);
    const { tor, count } = await withStore(dbPath(values.db, io.env), async (s) => {
      const tor = await createTor(s, {
      name: values.name!,
      offers: values.offer,
      auto: values.auto ? { rule: values.auto as AutoRule, count: intFlag('count', values.count, 1, 10_000), window: values.window ?? '30d', type: values.type } : undefined,
      perCustomer: intFlag('per-customer', values['per-customer'], 1, 4),
      asOf: values['as-of'] ?? null,
      audience: values.audience ?? null,
      objective: objective.data,
      model: values.model,
      extra,
    });
      const asOf = tor.settings.asOf ? parseDateArg(tor.settings.asOf) : await defaultAsOf(s);
      return { tor, count: asOf ? await countAudience(s, tor.settings.audience, asOf) : null };
    });
    if (values.json) { io.out(JSON.stringify({ ...tor, audienceCount: count }) + '\n'); return; }
    io.err(`created TOR '${tor.name}' (Draft) with ${tor.offers.length} offers: ${tor.offers.join(', ')}\n`);
    if (count) io.err(`audience: ${count.included.toLocaleString('en-US')} included of ${count.addressable.toLocaleString('en-US')} addressable customers\n`);
    io.out(`${tor.torId}\n`);
  },
};
