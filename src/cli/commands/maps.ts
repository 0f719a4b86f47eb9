// `nextbest maps save FILE | list | show ID | delete ID`: segment → offer maps (docs/offer-maps.md).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { table } from '../format.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { mapsSaveOp } from '../../ops/mapsSaveOp.ts';
import { mapsListOp } from '../../ops/mapsListOp.ts';
import { mapsShowOp } from '../../ops/mapsShowOp.ts';
import { mapsDeleteOp } from '../../ops/mapsDeleteOp.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

const JSON_FLAG = { flag: '--json', description: 'print the result as JSON', example: '--json' };

const saveUsage = 'nextbest maps save <file.yaml|file.json> [--db PATH] [--json]';
export const mapsSaveCommand: Command = {
  path: ['maps', 'save'],
  summary: 'create or replace a segment → offer map from a YAML or JSON file (errors name the line and field)',
  usage: saveUsage,
  flags: [{ flag: '<file>', description: 'the map (format: docs/offer-maps.md)', example: 'playbook.yaml' }, JSON_FLAG, DB_FLAG_HELP],
  examples: ['nextbest maps save playbook.yaml', 'nextbest tor create --name "By segment" --auto top-revenue --count 8 --map playbook'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, saveUsage);
    if (positionals.length !== 1) throw new UserError(`give one map file\nusage: ${saveUsage}`);
    let source: string;
    try {
      source = await readFile(positionals[0], 'utf8');
    } catch (e) {
      throw new UserError(`${positionals[0]}: ${(e as Error).message}`);
    }
    const { map } = await callOp(io, values.db, mapsSaveOp, { source, file: basename(positionals[0]) });
    io.out(values.json ? JSON.stringify(map) + '\n' : `map '${map.id}' saved: ${map.rules.length} rule(s)\n`);
  },
};

const listUsage = 'nextbest maps list [--db PATH] [--json]';
export const mapsListCommand: Command = {
  path: ['maps', 'list'],
  summary: 'list the segment → offer maps and the TORs applying them',
  usage: listUsage,
  flags: [JSON_FLAG, DB_FLAG_HELP],
  examples: ['nextbest maps list'],
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, listUsage);
    const maps = await callOp(io, values.db, mapsListOp, {});
    if (values.json) {
      io.out(JSON.stringify(maps) + '\n');
      return;
    }
    if (maps.length === 0) {
      io.out('no offer maps (nextbest maps save FILE)\n');
      return;
    }
    io.out(
      table(
        ['id', 'name', 'rules', 'TORs', 'updated'],
        maps.map((m) => [m.id, m.name, String(m.rules), m.tors.join(', ') || '-', m.updatedAt.slice(0, 16)]),
      ) + '\n',
    );
  },
};

const showUsage = 'nextbest maps show <id> [--db PATH] [--json]';
export const mapsShowCommand: Command = {
  path: ['maps', 'show'],
  summary: 'show a segment → offer map as it was saved',
  usage: showUsage,
  flags: [{ flag: '<id>', description: 'map id', example: 'playbook' }, JSON_FLAG, DB_FLAG_HELP],
  examples: ['nextbest maps show playbook'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, showUsage);
    if (positionals.length !== 1) throw new UserError(`give one map id\nusage: ${showUsage}`);
    const m = await callOp(io, values.db, mapsShowOp, { id: positionals[0] });
    io.out(values.json ? JSON.stringify(m) + '\n' : m.source.endsWith('\n') ? m.source : m.source + '\n');
  },
};

const deleteUsage = 'nextbest maps delete <id> [--db PATH]';
export const mapsDeleteCommand: Command = {
  path: ['maps', 'delete'],
  summary: 'delete a segment → offer map (refused while a TOR applies it)',
  usage: deleteUsage,
  flags: [{ flag: '<id>', description: 'map id', example: 'playbook' }, DB_FLAG_HELP],
  examples: ['nextbest maps delete playbook'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, storeFlags, deleteUsage);
    if (positionals.length !== 1) throw new UserError(`give one map id\nusage: ${deleteUsage}`);
    await callOp(io, values.db, mapsDeleteOp, { id: positionals[0] });
    io.out(`map '${positionals[0]}' deleted\n`);
  },
};
