// `nextbest tor edit ID …` (back to Draft: results are stale until recomputed) and `tor delete ID`.
import type { Command } from '../command.ts';
import { dbPath, intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { editTor } from '../../tor/editTor.ts';
import { deleteTor } from '../../store/torTable.ts';
import { withStore } from '../withStore.ts';

const editUsage = 'nextbest tor edit <id> [--name N] [--offer ID…] [--per-customer K] [--as-of DATE|latest] [--model M] [--audience EXPR|""] [--db PATH]';
export const torEditCommand: Command = {
  path: ['tor', 'edit'],
  summary: 'edit a TOR (name alone keeps its status; anything else sends it back to Draft)',
  usage: editUsage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      ...storeFlags, name: { type: 'string' }, offer: { type: 'string', multiple: true }, 'per-customer': { type: 'string' },
      'as-of': { type: 'string' }, model: { type: 'string' }, audience: { type: 'string' },
    }, editUsage);
    if (positionals.length !== 1) throw new UserError(`give exactly one TOR id\nusage: ${editUsage}`);
    const tor = await withStore(dbPath(values.db, io.env), (s) => editTor(s, positionals[0], {
      name: values.name, offers: values.offer,
      perCustomer: values['per-customer'] === undefined ? undefined : intFlag('per-customer', values['per-customer'], 1, 4),
      asOf: values['as-of'] === undefined ? undefined : values['as-of'] === 'latest' ? null : values['as-of'],
      model: values.model, audience: values.audience === undefined ? undefined : values.audience || null,
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
