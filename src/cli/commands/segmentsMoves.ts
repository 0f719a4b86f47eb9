// `nextbest segments overlap` (shared customers per pair) and `segments moves` (who entered / left
// each segment between two dates).
import type { Command } from '../command.ts';
import { intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { segmentsMovesOp } from '../../ops/segmentsMovesOp.ts';
import { segmentsOverlapOp } from '../../ops/segmentsOverlapOp.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';
import { table } from '../format.ts';
import { AS_OF_HELP, dateFlag } from './segments.ts';

const SEGMENT_HELP = {
  flag: '--segment ID…',
  description: 'only these segments (repeat or comma-separate)',
  example: '--segment dormant',
};

const overlapUsage = 'nextbest segments overlap [--as-of DATE] [--segment ID…] [--json] [--db PATH]';
export const segmentsOverlapCommand: Command = {
  path: ['segments', 'overlap'],
  summary: 'how many customers each pair of segments shares as of a date',
  usage: overlapUsage,
  flags: [AS_OF_HELP, SEGMENT_HELP, { flag: '--json', description: 'print {segments, counts} as JSON', example: '--json' }, DB_FLAG_HELP],
  examples: ['nextbest segments overlap', 'nextbest segments overlap --segment dormant,high-value-repeaters --json'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { ...storeFlags, 'as-of': { type: 'string' }, segment: { type: 'string', multiple: true }, json: { type: 'boolean' } },
      overlapUsage,
    );
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${overlapUsage}`);
    const o = await callOp(io, values.db, segmentsOverlapOp, { asOf: dateFlag('as-of', values['as-of']), segment: values.segment });
    if (values.json) {
      io.out(JSON.stringify(o) + '\n');
      return;
    }
    io.out(
      `customers in both, as of ${String(o.asOf).slice(0, 10)} (diagonal = size)\n` +
        table(
          ['', ...o.segments],
          o.segments.map((s, i) => [s, ...o.counts[i]]),
        ) +
        o.skipped.map((s) => `skipped: ${s.error}\n`).join(''),
    );
  },
};

const movesUsage = 'nextbest segments moves --from DATE --to DATE [--segment ID…] [--limit N] [--json] [--db PATH]';
export const segmentsMovesCommand: Command = {
  path: ['segments', 'moves'],
  summary: 'per segment, who entered and who left between two dates (e.g. who went dormant)',
  usage: movesUsage,
  flags: [
    { flag: '--from DATE', description: 'the earlier date', example: '--from 2011-06-01' },
    { flag: '--to DATE', description: 'the later date', example: '--to 2011-09-01' },
    SEGMENT_HELP,
    { flag: '--limit N', description: 'customer ids listed per direction (default 10; --json default 100)', example: '--limit 50' },
    { flag: '--json', description: 'print {from, to, moves: [{segmentId, entered, left, enteredIds, leftIds, …}]}', example: '--json' },
    DB_FLAG_HELP,
  ],
  examples: [
    'nextbest segments moves --from 2011-06-01 --to 2011-09-01',
    'nextbest segments moves --from 2011-06-01 --to 2011-09-01 --segment dormant --json',
  ],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        ...storeFlags,
        from: { type: 'string' },
        to: { type: 'string' },
        segment: { type: 'string', multiple: true },
        limit: { type: 'string' },
        json: { type: 'boolean' },
      },
      movesUsage,
    );
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${movesUsage}`);
    if (!values.from || !values.to) throw new UserError(`--from and --to are required\nusage: ${movesUsage}`);
    const r = await callOp(io, values.db, segmentsMovesOp, {
      from: dateFlag('from', values.from)!,
      to: dateFlag('to', values.to)!,
      segment: values.segment,
      limit: intFlag('limit', values.limit, 0, 10_000, values.json ? 100 : 10),
    });
    if (values.json) {
      io.out(JSON.stringify(r) + '\n');
      return;
    }
    const ids = (xs: string[], n: number) => (xs.length ? xs.join(' ') + (n > xs.length ? ' …' : '') : '');
    io.out(
      `moves from ${String(r.from).slice(0, 10)} to ${String(r.to).slice(0, 10)}\n` +
        table(
          ['segment', 'size before', 'size after', 'entered', 'left'],
          r.moves.map((m) => [m.segmentId, m.sizeFrom, m.sizeTo, m.entered, m.left]),
        ) +
        r.moves
          .filter((m) => m.entered || m.left)
          .map((m) => `\n${m.segmentId}\n  entered: ${ids(m.enteredIds, m.entered) || '-'}\n  left: ${ids(m.leftIds, m.left) || '-'}\n`)
          .join('') +
        r.skipped.map((s) => `skipped: ${s.error}\n`).join(''),
    );
  },
};
