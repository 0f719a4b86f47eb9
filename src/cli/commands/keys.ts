// `nextbest keys create|list|revoke`: API keys with roles. `create` prints the key alone on its last line.
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { table } from '../format.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { keysCreateOp } from '../../ops/keysCreateOp.ts';
import { keysListOp } from '../../ops/keysListOp.ts';
import { keysRevokeOp } from '../../ops/keysRevokeOp.ts';
import { ROLES, type Role } from '../../ops/access.ts';
import type { ApiKeyInfo } from '../../access/apiKeys.ts';
import { DB_FLAG_HELP, JSON_FLAG_HELP } from '../flagHelp.ts';

const createUsage = 'nextbest keys create --role admin|marketer|viewer|service [--name NAME] [--db PATH] [--json]';
export const keysCreateCommand: Command = {
  path: ['keys', 'create'],
  summary: 'create an API key with a role; the key is printed once, alone on the last line',
  usage: createUsage,
  flags: [
    {
      flag: '--role ROLE',
      description:
        'admin: everything; marketer: offers, TORs, exports, imports; viewer: read only; service: real-time reads and ingestion only',
      example: '--role service',
    },
    { flag: '--name NAME', description: 'a label for the key, e.g. the app that uses it', example: '--name crm-app' },
    JSON_FLAG_HELP,
    DB_FLAG_HELP,
  ],
  examples: [
    'KEY=$(nextbest keys create --role service --name crm | tail -1)',
    'curl -H "Authorization: Bearer $KEY" http://127.0.0.1:8080/v1/customers/12347/offers',
  ],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { ...storeFlags, role: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } },
      createUsage,
    );
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${createUsage}`);
    if (!values.role || !(ROLES as readonly string[]).includes(values.role))
      throw new UserError(`--role must be one of ${ROLES.join(', ')}\nusage: ${createUsage}`);
    const k = await callOp(io, values.db, keysCreateOp, { role: values.role as Role, name: values.name });
    if (values.json) {
      io.out(JSON.stringify(k) + '\n');
      return;
    }
    io.err(`created ${k.role} key ${k.keyId}${k.name ? ` (${k.name})` : ''}; it is shown only now — keep it secret\n`);
    io.out(`${k.key}\n`);
  },
};

const listUsage = 'nextbest keys list [--db PATH] [--json]';
export const keysListCommand: Command = {
  path: ['keys', 'list'],
  summary: 'list API keys (id, prefix, role, name, dates) — never the keys themselves',
  usage: listUsage,
  flags: [JSON_FLAG_HELP, DB_FLAG_HELP],
  examples: ['nextbest keys list'],
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, listUsage);
    const keys: ApiKeyInfo[] = await callOp(io, values.db, keysListOp, {});
    if (values.json) {
      io.out(JSON.stringify(keys) + '\n');
      return;
    }
    io.out(
      table(
        ['id', 'prefix', 'role', 'name', 'created', 'last used', 'revoked'],
        keys.map((k) => [
          k.keyId,
          `${k.prefix}…`,
          k.role,
          k.name ?? '',
          k.createdAt.slice(0, 16).replace('T', ' '),
          k.lastUsedAt?.slice(0, 16).replace('T', ' ') ?? '',
          k.revokedAt?.slice(0, 16).replace('T', ' ') ?? '',
        ]),
      ),
    );
  },
};

const revokeUsage = 'nextbest keys revoke <key-id> [--db PATH]';
export const keysRevokeCommand: Command = {
  path: ['keys', 'revoke'],
  summary: 'revoke an API key: it is refused from the next request on',
  usage: revokeUsage,
  flags: [{ flag: '<key-id>', description: 'the key id shown by `keys list`', example: 'key-1a2b3c4d' }, DB_FLAG_HELP],
  examples: ['nextbest keys revoke key-1a2b3c4d'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags }, revokeUsage);
    if (positionals.length !== 1) throw new UserError(`give exactly one key id\nusage: ${revokeUsage}`);
    const k = await callOp(io, values.db, keysRevokeOp, { keyId: positionals[0] });
    io.out(`revoked ${k.keyId}\n`);
  },
};
