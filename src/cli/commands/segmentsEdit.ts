// `nextbest segments create | edit | delete`: user-defined segments, and edits of the built-ins
// (delete resets a built-in to its shipped definition).
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { segmentsCreateOp } from '../../ops/segmentsCreateOp.ts';
import { segmentsDeleteOp } from '../../ops/segmentsDeleteOp.ts';
import { segmentsEditOp } from '../../ops/segmentsEditOp.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

const DEF_FLAGS = { name: { type: 'string' }, description: { type: 'string' }, expression: { type: 'string' } } as const;
const DEF_HELP = [
  { flag: '--name N', description: 'display name (default the id)', example: '--name "Candle fans"' },
  { flag: '--description TEXT', description: 'what the segment means', example: '--description "candles are their top recommendation"' },
  {
    flag: '--expression EXPR',
    description: 'audience expression (docs/audience.md; fields in docs/segments.md)',
    example: `--expression "top_recommended_family = 'candles' and frequency >= 2"`,
  },
];

const createUsage = 'nextbest segments create <id> --expression EXPR [--name N] [--description TEXT] [--json] [--db PATH]';
export const segmentsCreateCommand: Command = {
  path: ['segments', 'create'],
  summary: 'define a segment by an audience expression',
  usage: createUsage,
  flags: [
    { flag: '<id>', description: 'segment id: letters, digits, -, _ or .', example: 'candle-fans' },
    ...DEF_HELP,
    { flag: '--json', description: 'print the stored definition as JSON', example: '--json' },
    DB_FLAG_HELP,
  ],
  examples: [
    `nextbest segments create big-spenders --expression "monetary_pct >= 0.95" --name "Big spenders"`,
    `nextbest segments create bag-prospects --expression "offer_rank('family=bags') <= 2 and frequency >= 1"`,
  ],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, ...DEF_FLAGS, json: { type: 'boolean' } }, createUsage);
    if (positionals.length !== 1) throw new UserError(`give exactly one segment id\nusage: ${createUsage}`);
    if (!values.expression?.trim()) throw new UserError(`--expression is required\nusage: ${createUsage}`);
    const s = await callOp(io, values.db, segmentsCreateOp, {
      id: positionals[0],
      name: values.name,
      description: values.description,
      expression: values.expression,
    });
    io.out(values.json ? JSON.stringify(s) + '\n' : `segment ${s.id} created: ${s.expression}\n`);
  },
};

const editUsage = 'nextbest segments edit <id> [--name N] [--description TEXT] [--expression EXPR] [--json] [--db PATH]';
export const segmentsEditCommand: Command = {
  path: ['segments', 'edit'],
  summary: "change a segment's name, description or expression (built-ins too)",
  usage: editUsage,
  flags: [
    { flag: '<id>', description: 'the segment', example: 'dormant' },
    ...DEF_HELP,
    { flag: '--json', description: 'print the stored definition as JSON', example: '--json' },
    DB_FLAG_HELP,
  ],
  examples: ['nextbest segments edit dormant --expression "frequency >= 3 and dormancy_ratio > 1.5"'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, ...DEF_FLAGS, json: { type: 'boolean' } }, editUsage);
    if (positionals.length !== 1) throw new UserError(`give exactly one segment id\nusage: ${editUsage}`);
    const s = await callOp(io, values.db, segmentsEditOp, {
      id: positionals[0],
      name: values.name,
      description: values.description,
      expression: values.expression,
    });
    io.out(values.json ? JSON.stringify(s) + '\n' : `segment ${s.id} updated: ${s.expression}\n`);
  },
};

const deleteUsage = 'nextbest segments delete <id> [--db PATH]';
export const segmentsDeleteCommand: Command = {
  path: ['segments', 'delete'],
  summary: 'delete a user segment and its refresh history; a built-in is reset to its shipped definition',
  usage: deleteUsage,
  flags: [{ flag: '<id>', description: 'the segment', example: 'big-spenders' }, DB_FLAG_HELP],
  examples: ['nextbest segments delete big-spenders', 'nextbest segments delete dormant   # resets the built-in'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags }, deleteUsage);
    if (positionals.length !== 1) throw new UserError(`give exactly one segment id\nusage: ${deleteUsage}`);
    const r = await callOp(io, values.db, segmentsDeleteOp, { id: positionals[0] });
    io.out(r.outcome === 'reset' ? `built-in segment ${r.id} reset to its shipped definition\n` : `segment ${r.id} deleted\n`);
  },
};
