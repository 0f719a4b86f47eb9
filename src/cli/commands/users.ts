// `nextbest users create|list|disable`: dashboard users (argon2id password hashes).
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { table } from '../format.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { usersCreateOp } from '../../ops/usersCreateOp.ts';
import { usersListOp } from '../../ops/usersListOp.ts';
import { usersDisableOp } from '../../ops/usersDisableOp.ts';
import type { UserInfo } from '../../access/users.ts';
import { DB_FLAG_HELP, JSON_FLAG_HELP } from '../flagHelp.ts';

const createUsage = 'nextbest users create <username> --role admin|marketer|viewer [--password P | NEXTBEST_PASSWORD=P] [--db PATH]';
export const usersCreateCommand: Command = {
  path: ['users', 'create'],
  summary: 'create a dashboard user who signs in with a password',
  usage: createUsage,
  flags: [
    { flag: '<username>', description: 'the sign-in name (2–64 letters, digits, . _ @ -)', example: 'alice' },
    {
      flag: '--role ROLE',
      description: 'admin (everything, keys and users), marketer (offers, TORs, exports), viewer (read only)',
      example: '--role marketer',
    },
    {
      flag: '--password P',
      description: 'at least 8 characters; prefer the NEXTBEST_PASSWORD variable, which stays out of shell history',
      example: '--password "correct horse"',
    },
    DB_FLAG_HELP,
  ],
  examples: ['NEXTBEST_PASSWORD=s3cret-pass nextbest users create alice --role marketer'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { ...storeFlags, role: { type: 'string' }, password: { type: 'string' } },
      createUsage,
    );
    if (positionals.length !== 1) throw new UserError(`give exactly one username\nusage: ${createUsage}`);
    const password = values.password ?? io.env.NEXTBEST_PASSWORD;
    if (!password) throw new UserError(`give a password with --password or NEXTBEST_PASSWORD\nusage: ${createUsage}`);
    if (!values.role || !['admin', 'marketer', 'viewer'].includes(values.role))
      throw new UserError(`--role must be admin, marketer or viewer\nusage: ${createUsage}`);
    const u = await callOp(io, values.db, usersCreateOp, { username: positionals[0], password, role: values.role as 'admin' });
    io.out(`created ${u.role} user ${u.username}\n`);
  },
};

const listUsage = 'nextbest users list [--db PATH] [--json]';
export const usersListCommand: Command = {
  path: ['users', 'list'],
  summary: 'list dashboard users and their roles',
  usage: listUsage,
  flags: [JSON_FLAG_HELP, DB_FLAG_HELP],
  examples: ['nextbest users list'],
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, listUsage);
    const users: UserInfo[] = await callOp(io, values.db, usersListOp, {});
    if (values.json) {
      io.out(JSON.stringify(users) + '\n');
      return;
    }
    io.out(
      table(
        ['username', 'role', 'created', 'disabled'],
        users.map((u) => [
          u.username,
          u.role,
          u.createdAt.slice(0, 16).replace('T', ' '),
          u.disabledAt?.slice(0, 16).replace('T', ' ') ?? '',
        ]),
      ),
    );
  },
};

const disableUsage = 'nextbest users disable <username> [--db PATH]';
export const usersDisableCommand: Command = {
  path: ['users', 'disable'],
  summary: 'disable a dashboard user: sign-in refused, open sessions ended',
  usage: disableUsage,
  flags: [{ flag: '<username>', description: 'the user to disable', example: 'alice' }, DB_FLAG_HELP],
  examples: ['nextbest users disable alice'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags }, disableUsage);
    if (positionals.length !== 1) throw new UserError(`give exactly one username\nusage: ${disableUsage}`);
    const u = await callOp(io, values.db, usersDisableOp, { username: positionals[0] });
    io.out(`disabled ${u.username}\n`);
  },
};
