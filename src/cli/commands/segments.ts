// `nextbest segments list | show | refresh | members`: segment sizes and members as of a date.
// Definitions: segmentsEdit.ts; overlaps and moves: segmentsMoves.ts. Grammar: docs/segments.md.
import type { Command } from '../command.ts';
import { intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { segmentsListOp } from '../../ops/segmentsListOp.ts';
import { segmentsRefreshOp } from '../../ops/segmentsRefreshOp.ts';
import { segmentsShowOp } from '../../ops/segmentsShowOp.ts';
import { segmentsMembersOp } from '../../ops/segmentsMembersOp.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';
import { table } from '../format.ts';

export const AS_OF_HELP = {
  flag: '--as-of DATE',
  example: '--as-of 2011-09-01',
  description: 'memberships as of this date (history strictly before it); default midnight after the latest order line',
};
const JSON_HELP = { flag: '--json', description: 'print the result as JSON', example: '--json' };

/** Checks a date flag here, so a typo is a usage error before any store is opened. */
export function dateFlag(name: string, value: string | undefined): string | undefined {
  if (value !== undefined) {
    try {
      parseDateArg(value);
    } catch (e) {
      throw new UserError(`--${name}: ${(e as Error).message}`);
    }
  }
  return value;
}

const day = (d: unknown) => String(d ?? '').slice(0, 10);
type ListRow = { id: string; name: string; size: number | null; builtin: boolean; edited: boolean; expression: string; error?: string };
const listTable = (rows: ListRow[]) =>
  table(
    ['id', 'name', 'size', 'kind', 'expression'],
    rows.map((r) => [
      r.id,
      r.name,
      r.size ?? 'error',
      r.builtin ? (r.edited ? 'built-in (edited)' : 'built-in') : 'user',
      r.error ?? r.expression,
    ]),
  );

const listUsage = 'nextbest segments list [--as-of DATE] [--json] [--db PATH]';
export const segmentsListCommand: Command = {
  path: ['segments', 'list'],
  summary: 'every segment with its size as of a date (stale refreshes are redone and recorded)',
  usage: listUsage,
  flags: [AS_OF_HELP, { ...JSON_HELP, description: 'print [{id, name, size, …}] as one JSON array' }, DB_FLAG_HELP],
  examples: ['nextbest segments list', 'nextbest segments list --as-of 2011-09-01 --json'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, 'as-of': { type: 'string' }, json: { type: 'boolean' } }, listUsage);
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${listUsage}`);
    const rows = await callOp(io, values.db, segmentsListOp, { asOf: dateFlag('as-of', values['as-of']) });
    if (values.json) {
      io.out(JSON.stringify(rows) + '\n');
      return;
    }
    io.out(`segments as of ${day(rows[0]?.asOf)}\n${listTable(rows)}`);
  },
};

const refreshUsage = 'nextbest segments refresh [--as-of DATE] [--json] [--db PATH]';
export const segmentsRefreshCommand: Command = {
  path: ['segments', 'refresh'],
  summary: 'recompute and record every segment as of a date (one transaction), even if the last refresh is current',
  usage: refreshUsage,
  flags: [AS_OF_HELP, JSON_HELP, DB_FLAG_HELP],
  examples: ['nextbest segments refresh', 'nextbest segments refresh --as-of 2011-12-01'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { ...storeFlags, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
      refreshUsage,
    );
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${refreshUsage}`);
    const rows = await callOp(io, values.db, segmentsRefreshOp, { asOf: dateFlag('as-of', values['as-of']) });
    io.out(values.json ? JSON.stringify(rows) + '\n' : `refreshed as of ${day(rows[0]?.asOf)}\n${listTable(rows)}`);
  },
};

const showUsage = 'nextbest segments show <id> [--as-of DATE] [--sample N] [--json] [--db PATH]';
export const segmentsShowCommand: Command = {
  path: ['segments', 'show'],
  summary: "a segment's definition, size and sample members as of a date, and its refresh history",
  usage: showUsage,
  flags: [
    { flag: '<id>', description: 'the segment', example: 'dormant' },
    AS_OF_HELP,
    { flag: '--sample N', description: 'member ids to show (default 20)', example: '--sample 5' },
    JSON_HELP,
    DB_FLAG_HELP,
  ],
  examples: ['nextbest segments show dormant', 'nextbest segments show browsers --as-of 2011-09-01 --json'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { ...storeFlags, 'as-of': { type: 'string' }, sample: { type: 'string' }, json: { type: 'boolean' } },
      showUsage,
    );
    if (positionals.length !== 1) throw new UserError(`give exactly one segment id\nusage: ${showUsage}`);
    const d = await callOp(io, values.db, segmentsShowOp, {
      id: positionals[0],
      asOf: dateFlag('as-of', values['as-of']),
      sample: intFlag('sample', values.sample, 0, 500, 20),
    });
    if (values.json) {
      io.out(JSON.stringify(d) + '\n');
      return;
    }
    const history = table(
      ['as of', 'size', 'refreshed at', 'by'],
      d.refreshes.map((r) => [day(r.asOf), r.size, String(r.refreshedAt).slice(0, 19).replace('T', ' '), r.actor ?? '']),
    );
    io.out(
      `${d.id}: ${d.name}${d.builtin ? (d.edited ? ' (built-in, edited)' : ' (built-in)') : ''}\n` +
        (d.description ? `${d.description}\n` : '') +
        `expression: ${d.expression}\n` +
        `size as of ${day(d.asOf)}: ${d.size.toLocaleString('en-US')}\n` +
        (d.sample.length ? `members: ${d.sample.join(', ')}${d.size > d.sample.length ? ', …' : ''}\n` : '') +
        `\nrefreshes (newest first)\n${history}`,
    );
  },
};

const membersUsage = 'nextbest segments members <id> [--as-of DATE] [--out FILE.csv] [--limit N] [--offset N] [--json] [--db PATH]';
export const segmentsMembersCommand: Command = {
  path: ['segments', 'members'],
  summary: 'the customer ids in a segment as of a date (or all of them to a CSV file)',
  usage: membersUsage,
  flags: [
    { flag: '<id>', description: 'the segment', example: 'dormant' },
    AS_OF_HELP,
    {
      flag: '--out FILE.csv',
      description: 'write every member (column customer_id) to this file, atomically',
      example: '--out dormant.csv',
    },
    { flag: '--limit N', description: 'ids to print (default 1000)', example: '--limit 50' },
    { flag: '--offset N', description: 'ids to skip first', example: '--offset 1000' },
    JSON_HELP,
    DB_FLAG_HELP,
  ],
  examples: ['nextbest segments members dormant --out dormant.csv', 'nextbest segments members new-buyers --limit 20'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        ...storeFlags,
        'as-of': { type: 'string' },
        out: { type: 'string' },
        limit: { type: 'string' },
        offset: { type: 'string' },
        json: { type: 'boolean' },
      },
      membersUsage,
    );
    if (positionals.length !== 1) throw new UserError(`give exactly one segment id\nusage: ${membersUsage}`);
    const r = await callOp(io, values.db, segmentsMembersOp, {
      id: positionals[0],
      asOf: dateFlag('as-of', values['as-of']),
      out: values.out,
      limit: intFlag('limit', values.limit, 1, 10_000, 1000),
      offset: intFlag('offset', values.offset, 0, Number.MAX_SAFE_INTEGER, 0),
    });
    if (values.json) io.out(JSON.stringify(r) + '\n');
    else if (r.out) io.out(`${r.size.toLocaleString('en-US')} members of ${r.segmentId} as of ${day(r.asOf)} written to ${r.out}\n`);
    else io.out(r.customerIds.map((c) => c + '\n').join(''));
  },
};
