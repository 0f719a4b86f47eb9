// `nextbest audience count EXPR [--as-of DATE]`: "N included of M addressable customers".
import type { Command } from '../command.ts';
import { dbPath, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { countAudience } from '../../tor/audienceForTor.ts';
import { defaultAsOf, parseDateArg } from '../../snapshot/interactions.ts';
import { withStore } from '../withStore.ts';

const usage = `nextbest audience count "<expression>" [--as-of DATE] [--db PATH] [--json]  (grammar: docs/audience.md)`;
export const audienceCountCommand: Command = {
  path: ['audience', 'count'],
  summary: 'count the customers an audience expression includes, of those addressable as of a date',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, 'as-of': { type: 'string' }, json: { type: 'boolean' } }, usage);
    if (positionals.length !== 1) throw new UserError(`give the expression as one (quoted) argument\nusage: ${usage}`);
    let asOfArg: Date | null = null;
    if (values['as-of']) { try { asOfArg = parseDateArg(values['as-of']); } catch (e) { throw new UserError(`--as-of: ${(e as Error).message}`); } }
    const count = await withStore(dbPath(values.db, io.env), async (s) => {
      const asOf = asOfArg ?? (await defaultAsOf(s));
      if (!asOf) throw new UserError('no order lines stored: import order_lines first');
      return countAudience(s, positionals[0], asOf);
    });
    io.out(values.json ? JSON.stringify(count) + '\n' : `${count.included.toLocaleString('en-US')} included of ${count.addressable.toLocaleString('en-US')} addressable customers\n`);
  },
};
