// `nextbest audience count EXPR [--as-of DATE]`: "N included of M addressable customers".
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { audienceCountOp } from '../../ops/audienceCountOp.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

const usage = `nextbest audience count "<expression>" [--as-of DATE] [--db PATH] [--json]  (grammar: docs/audience.md)`;
export const audienceCountCommand: Command = {
  path: ['audience', 'count'],
  summary: 'count the customers an audience expression includes, of those addressable as of a date',
  usage,
  flags: [
    {
      flag: '<expression>',
      example: `"frequency >= 2 and segment = 'loyal'"`,
      description: 'the audience filter, quoted as one argument (grammar: docs/audience.md)',
    },
    {
      flag: '--as-of DATE',
      example: '--as-of 2011-09-01',
      description: 'customers with history before this date are addressable; default midnight after the latest order line',
    },
    { flag: '--json', description: 'print {included, addressable} as one JSON object', example: '--json' },
    DB_FLAG_HELP,
  ],
  examples: [`nextbest audience count "recency_days <= 90"`, `nextbest audience count "clv_tier = 'high'" --as-of 2011-09-01 --json`],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, 'as-of': { type: 'string' }, json: { type: 'boolean' } }, usage);
    if (positionals.length !== 1 || !positionals[0].trim()) {
      throw new UserError(`give the expression as one (quoted) argument\nusage: ${usage}`);
    }
    if (values['as-of']) {
      try {
        parseDateArg(values['as-of']);
      } catch (e) {
        throw new UserError(`--as-of: ${(e as Error).message}`);
      }
    }
    const { included, addressable } = await callOp(io, values.db, audienceCountOp, { audience: positionals[0], asOf: values['as-of'] });
    const n = (x: number) => x.toLocaleString('en-US');
    io.out(
      values.json
        ? JSON.stringify({ included, addressable }) + '\n'
        : `${n(included)} included of ${n(addressable)} addressable customers\n`,
    );
  },
};
