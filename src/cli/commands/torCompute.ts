// `nextbest tor compute ID` (alias `tor recompute`): runs the compute job with progress on stderr.
import type { Command } from '../command.ts';
import { dbPath, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { computeTor } from '../../tor/computeTor.ts';
import { progressOnStderr } from '../progress.ts';
import { withStore } from '../withStore.ts';

function computeCommand(word: 'compute' | 'recompute'): Command {
  const usage = `nextbest tor ${word} <id> [--db PATH] [--json]`;
  return {
    path: ['tor', word],
    summary: word === 'compute' ? 'compute a TOR: score, rank and assign offers for every customer' : 'compute a TOR again on the current data',
    usage,
    async run(argv, io) {
      const { values, positionals } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, usage);
      if (positionals.length !== 1) throw new UserError(`give exactly one TOR id\nusage: ${usage}`);
      const bar = progressOnStderr(`computing ${positionals[0]}`, io.err);
      const summary = await withStore(dbPath(values.db, io.env), (s) =>
        computeTor(s, positionals[0], (f, stage) => bar.update(Math.round(f * 100), 100, stage)));
      bar.done(`${summary.customers} customers, ${summary.assignments} assignments`);
      io.out(values.json ? JSON.stringify(summary) + '\n' : `${summary.torId} ready for export: ${summary.customers} customers, ${summary.assignments} assignments in ${summary.seconds.toFixed(2)}s (as of ${summary.asOf.slice(0, 10)})\n`);
    },
  };
}

export const torComputeCommand = computeCommand('compute');
export const torRecomputeCommand = computeCommand('recompute');
