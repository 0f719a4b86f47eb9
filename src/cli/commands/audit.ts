// `nextbest audit`: the audit log of mutating calls, newest first.
import type { Command } from '../command.ts';
import { intFlag, parseFlags, storeFlags } from '../command.ts';
import { table } from '../format.ts';
import { callOp } from '../../client/callOp.ts';
import { auditListOp } from '../../ops/auditListOp.ts';
import type { AuditEntry } from '../../access/audit.ts';
import { DB_FLAG_HELP, JSON_FLAG_HELP } from '../flagHelp.ts';

const usage = 'nextbest audit [--limit N] [--actor NAME] [--action PREFIX] [--db PATH] [--json]';
export const auditCommand: Command = {
  path: ['audit'],
  summary: 'the audit log: who did what to which target, when, and the outcome',
  usage,
  flags: [
    { flag: '--limit N', description: 'entries to show, newest first (default 50)', example: '--limit 200' },
    { flag: '--actor NAME', description: 'only calls by this user or key', example: '--actor alice' },
    { flag: '--action PREFIX', description: 'only actions starting with this', example: '--action tor.' },
    JSON_FLAG_HELP,
    DB_FLAG_HELP,
  ],
  examples: ['nextbest audit --action tor. --limit 20'],
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      { ...storeFlags, limit: { type: 'string' }, actor: { type: 'string' }, action: { type: 'string' }, json: { type: 'boolean' } },
      usage,
    );
    const rows: AuditEntry[] = await callOp(io, values.db, auditListOp, {
      limit: intFlag('limit', values.limit, 1, 10_000, 50),
      actor: values.actor,
      action: values.action,
    });
    if (values.json) {
      io.out(JSON.stringify(rows) + '\n');
      return;
    }
    io.out(
      table(
        ['at', 'actor', 'role', 'action', 'target', 'outcome'],
        rows.map((r) => [r.at.slice(0, 19).replace('T', ' '), r.actor, r.role ?? '', r.action, r.target ?? '', r.outcome]),
      ),
    );
  },
};
