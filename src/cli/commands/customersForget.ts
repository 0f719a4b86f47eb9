// `nextbest customers forget <id> --yes`: erase a customer everywhere (docs/privacy.md).
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { customersForgetOp } from '../../ops/customersForgetOp.ts';
import { DB_FLAG_HELP, JSON_FLAG_HELP } from '../flagHelp.ts';

const usage = 'nextbest customers forget <id> --yes [--db PATH] [--json]';
export const customersForgetCommand: Command = {
  path: ['customers', 'forget'],
  summary: 'erase a customer everywhere (tables, TOR results, recommendations, trained models), audited; imports skip them later',
  usage,
  flags: [
    { flag: '<id>', description: 'the customer to erase', example: '12347' },
    { flag: '--yes', description: 'confirm: the erasure cannot be undone', example: '--yes' },
    JSON_FLAG_HELP,
    DB_FLAG_HELP,
  ],
  examples: ['nextbest customers forget 12347 --yes'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, yes: { type: 'boolean' }, json: { type: 'boolean' } }, usage);
    if (positionals.length !== 1) throw new UserError(`give exactly one customer id\nusage: ${usage}`);
    if (!values.yes) throw new UserError(`erasing customer ${positionals[0]} cannot be undone: add --yes to confirm`);
    const r = await callOp(io, values.db, customersForgetOp, { id: positionals[0] });
    if (values.json) return void io.out(JSON.stringify(r) + '\n');
    const rows = Object.values(r.erased).reduce((a, b) => a + b, 0);
    io.out(
      `customer ${r.customerId} erased: ${rows} rows (${Object.entries(r.erased)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}); ${r.modelsDropped} trained TOR models and ${r.modelFiles.length} saved recommendation models dropped ` +
        `(refitted on next use); later imports skip this customer\n`,
    );
  },
};
