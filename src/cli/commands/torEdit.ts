// `nextbest tor edit ID …` (back to Draft: results are stale until recomputed) and `tor delete ID`.
import type { Command } from '../command.ts';
import { dbPath, intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { editTor } from '../../tor/editTor.ts';
import { deleteTor } from '../../store/torTable.ts';
import { withStore } from '../withStore.ts';
import { TOR_SETTINGS_FLAGS, TOR_SETTINGS_USAGE, torSettingsFromFlags } from '../torSettingsFlags.ts';
import { getTor } from '../../store/torTable.ts';

const editUsage = `nextbest tor edit <id> [--name N] [--offer ID…] [--per-customer K] [--as-of DATE|latest] [--model M] [--objective O] [--audience EXPR|""] ${TOR_SETTINGS_USAGE} [--db PATH]`;
export const torEditCommand: Command = {
  path: ['tor', 'edit'],
  summary: 'edit a TOR (name alone keeps its status; anything else sends it back to Draft)',
  usage: editUsage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      ...storeFlags, name: { type: 'string' }, offer: { type: 'string', multiple: true }, 'per-customer': { type: 'string' },
      'as-of': { type: 'string' }, model: { type: 'string' }, audience: { type: 'string' }, objective: { type: 'string' },
      ...TOR_SETTINGS_FLAGS,
    }, editUsage);
    if (positionals.length !== 1) throw new UserError(`give exactly one TOR id\nusage: ${editUsage}`);
    if (values.objective !== undefined && !['purchase', 'revenue', 'acquisition', 'margin'].includes(values.objective)) {
      throw new UserError(`--objective must be purchase, revenue, acquisition or margin (got '${values.objective}')`);
    }
    const tor = await withStore(dbPath(values.db, io.env), async (s) => editTor(s, positionals[0], {
      name: values.name, offers: values.offer,
      perCustomer: values['per-customer'] === undefined ? undefined : intFlag('per-customer', values['per-customer'], 1, 4),
      asOf: values['as-of'] === undefined ? undefined : values['as-of'] === 'latest' ? null : values['as-of'],
      model: values.model, audience: values.audience === undefined ? undefined : values.audience || null,
      objective: values.objective as 'purchase' | undefined,
      extra: torSettingsFromFlags(values, (await getTor(s, positionals[0])).settings),
    }));
    io.out(`${tor.torId} updated (${tor.status})\n`);
  },
};

const deleteUsage = 'nextbest tor delete <id> [--db PATH]';
export const torDeleteCommand: Command = {
  path: ['tor', 'delete'],
  summary: 'delete a TOR and its results for good',
  usage: deleteUsage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, storeFlags, deleteUsage);
    if (positionals.length !== 1) throw new UserError(`give exactly one TOR id\nusage: ${deleteUsage}`);
    await withStore(dbPath(values.db, io.env), (s) => deleteTor(s, positionals[0]));
    io.out(`${positionals[0]} deleted\n`);
  },
};
