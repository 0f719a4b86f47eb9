// `nextbest config show` and `nextbest config set hierarchy department,family`: settings kept in the store.
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { SETTABLE_KEYS } from '../../data/storeSettings.ts';
import { configSetOp } from '../../ops/configSetOp.ts';
import { configShowOp } from '../../ops/configShowOp.ts';
import { DB_FLAG_HELP, JSON_FLAG_HELP } from '../flagHelp.ts';

const showValue = (v: unknown) => (Array.isArray(v) ? v.join(',') : JSON.stringify(v));

const showUsage = 'nextbest config show [--json] [--db PATH]';
export const configShowCommand: Command = {
  path: ['config', 'show'],
  summary: 'show the settings kept in the store (hierarchy, saved import mappings, …)',
  usage: showUsage,
  flags: [JSON_FLAG_HELP, DB_FLAG_HELP],
  examples: ['nextbest config show', 'nextbest config show --json --db shop.duckdb'],
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, showUsage);
    const settings: Record<string, unknown> = await callOp(io, values.db, configShowOp, {});
    if (values.json) {
      io.out(JSON.stringify(settings) + '\n');
      return;
    }
    for (const [k, v] of Object.entries(settings)) io.out(`${k} = ${showValue(v)}\n`);
  },
};

const setUsage = `nextbest config set <${SETTABLE_KEYS.join('|')}> <value> [--db PATH]   e.g. config set hierarchy department,family`;
export const configSetCommand: Command = {
  path: ['config', 'set'],
  summary: 'set a store setting, e.g. the product hierarchy',
  usage: setUsage,
  flags: [
    { flag: '<key>', description: `the setting: ${SETTABLE_KEYS.join(', ')}`, example: 'hierarchy' },
    {
      flag: '<value>',
      example: 'department,family',
      description: 'hierarchy: product attribute columns, top level first, comma-separated',
    },
    DB_FLAG_HELP,
  ],
  examples: ['nextbest config set hierarchy department,family', 'nextbest config set hierarchy family --db shop.duckdb'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags }, setUsage);
    if (positionals.length < 2) throw new UserError(`give a key and a value\nusage: ${setUsage}`);
    const [key, ...rest] = positionals;
    if (!SETTABLE_KEYS.includes(key)) throw new UserError(`unknown setting '${key}' (settable: ${SETTABLE_KEYS.join(', ')})`);
    const { value } = await callOp(io, values.db, configSetOp, { key, value: rest.join(',') });
    io.out(`${key} = ${showValue(value)}\n`);
  },
};
