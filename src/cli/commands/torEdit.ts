// `nextbest tor edit ID …` (back to Draft: results are stale until recomputed) and `tor delete ID`.
import type { Command } from '../command.ts';
import { intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { torDeleteOp } from '../../ops/torDeleteOp.ts';
import { torEditOp } from '../../ops/torEditOp.ts';
import { OBJECTIVES } from '../../ops/torDefinitionSchema.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { TOR_SETTINGS_FLAG_HELP, TOR_SETTINGS_FLAGS, TOR_SETTINGS_USAGE, torSettingsFromFlags } from '../torSettingsFlags.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

const editUsage = `nextbest tor edit <id> [--name N] [--offer ID…] [--per-customer K] [--as-of DATE|latest] [--model M] [--objective O] [--audience EXPR|""] ${TOR_SETTINGS_USAGE} [--db PATH]`;
export const torEditCommand: Command = {
  path: ['tor', 'edit'],
  summary: 'edit a TOR (name alone keeps its status; anything else sends it back to Draft)',
  usage: editUsage,
  flags: [
    { flag: '<id>', description: 'the TOR to edit', example: 'tor-1' },
    { flag: '--name N', description: 'rename it (keeps its status and results)', example: '--name "Spring v2"' },
    { flag: '--offer ID…', description: 'replace its offers (the selection becomes manual)', example: '--offer family=bags,family=mugs' },
    { flag: '--per-customer K', description: 'offers per customer (1–4)', example: '--per-customer 3' },
    { flag: '--as-of DATE|latest', description: 'use history before this date; latest = the newest data', example: '--as-of latest' },
    { flag: '--model M', description: 'scoring method: baseline, propensity, frequency or popularity', example: '--model propensity' },
    { flag: '--objective O', description: 'purchase, revenue, acquisition or margin', example: '--objective margin' },
    { flag: '--audience EXPR|""', description: 'only customers matching this filter; "" = everyone again', example: '--audience ""' },
    ...TOR_SETTINGS_FLAG_HELP,
    DB_FLAG_HELP,
  ],
  examples: ['nextbest tor edit tor-1 --name "Spring v2"', 'nextbest tor edit tor-1 --per-customer 3 --max family=bags=500'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        ...storeFlags,
        name: { type: 'string' },
        offer: { type: 'string', multiple: true },
        'per-customer': { type: 'string' },
        'as-of': { type: 'string' },
        model: { type: 'string' },
        audience: { type: 'string' },
        objective: { type: 'string' },
        ...TOR_SETTINGS_FLAGS,
      },
      editUsage,
    );
    if (positionals.length !== 1) throw new UserError(`give exactly one TOR id\nusage: ${editUsage}`);
    if (values.objective !== undefined && !(OBJECTIVES as readonly string[]).includes(values.objective)) {
      throw new UserError(`--objective must be purchase, revenue, acquisition or margin (got '${values.objective}')`);
    }
    const asOf = values['as-of'] === undefined ? undefined : values['as-of'] === 'latest' ? null : values['as-of'];
    if (asOf != null) {
      try {
        parseDateArg(asOf);
      } catch (e) {
        throw new UserError(`--as-of: ${(e as Error).message}`);
      }
    }
    if (values.name !== undefined && !values.name.trim()) throw new UserError('the name cannot be empty');
    if (values.offer !== undefined && values.offer.length === 0) throw new UserError('a TOR holds 1 to 25 offers; 0 given');
    const tor = await callOp(io, values.db, torEditOp, {
      id: positionals[0],
      name: values.name,
      offers: values.offer,
      perCustomer: values['per-customer'] === undefined ? undefined : intFlag('per-customer', values['per-customer'], 1, 4),
      asOf,
      model: values.model,
      audience: values.audience === undefined ? undefined : values.audience || null,
      objective: values.objective as (typeof OBJECTIVES)[number] | undefined,
      ...torSettingsFromFlags(values),
    });
    io.out(`${tor.torId} updated (${tor.status})\n`);
  },
};

const deleteUsage = 'nextbest tor delete <id> [--db PATH]';
export const torDeleteCommand: Command = {
  path: ['tor', 'delete'],
  summary: 'delete a TOR and its results for good',
  usage: deleteUsage,
  flags: [{ flag: '<id>', description: 'the TOR to delete (its export history stays)', example: 'tor-1' }, DB_FLAG_HELP],
  examples: ['nextbest tor delete tor-1'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, storeFlags, deleteUsage);
    if (positionals.length !== 1) throw new UserError(`give exactly one TOR id\nusage: ${deleteUsage}`);
    await callOp(io, values.db, torDeleteOp, { id: positionals[0] });
    io.out(`${positionals[0]} deleted\n`);
  },
};
