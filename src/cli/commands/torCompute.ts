// `nextbest tor compute ID` (alias `tor recompute`): runs the compute job with progress on stderr.
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { torComputeOp } from '../../ops/torComputeOp.ts';
import type { ComputeSummary } from '../../tor/computeTor.ts';
import { progressOnStderr } from '../progress.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

function computeCommand(word: 'compute' | 'recompute'): Command {
  const usage = `nextbest tor ${word} <id> [--db PATH] [--json]`;
  return {
    path: ['tor', word],
    summary:
      word === 'compute' ? 'compute a TOR: score, rank and assign offers for every customer' : 'compute a TOR again on the current data',
    usage,
    flags: [
      { flag: '<id>', description: 'the TOR to compute (as printed by `tor create` or listed by `tor list`)', example: 'tor-1' },
      { flag: '--json', description: 'print the compute summary as one JSON object instead of a sentence', example: '--json' },
      DB_FLAG_HELP,
    ],
    examples: [`nextbest tor ${word} tor-1`, `nextbest tor ${word} tor-1 --db shop.duckdb --json`],
    async run(argv, io) {
      const { values, positionals } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, usage);
      if (positionals.length !== 1) throw new UserError(`give exactly one TOR id\nusage: ${usage}`);
      const bar = progressOnStderr(`computing ${positionals[0]}`, io.err);
      const summary: ComputeSummary = await callOp(
        io,
        values.db,
        torComputeOp,
        { id: positionals[0] },
        { progress: (f, stage) => bar.update(Math.round(f * 100), 100, stage) },
      );
      bar.done(`${summary.customers} customers, ${summary.assignments} assignments`);
      io.out(
        values.json
          ? JSON.stringify(summary) + '\n'
          : `${summary.torId} ready for export: ${summary.customers} customers, ${summary.assignments} assignments in ${summary.seconds.toFixed(2)}s (as of ${summary.asOf.slice(0, 10)})\n`,
      );
    },
  };
}

export const torComputeCommand = computeCommand('compute');
export const torRecomputeCommand = computeCommand('recompute');
